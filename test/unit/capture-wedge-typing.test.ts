/**
 * A person's typing through the wedge classifier with its flush timer simulated as the page runs
 * it (flush after flushDelayMs of silence): each key reaches the field on its own, soon after it
 * was pressed, and scans are still scans.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWedgeClassifier, type WedgeKey, type WedgeOutput } from '../../src/capture/wedge.js';

interface Released {
  readonly output: WedgeOutput;
  /** When the page got it: at a key press, or when the flush timer ran out. */
  readonly at: number;
}

function run(events: readonly WedgeKey[]): Released[] {
  const classifier = createWedgeClassifier();
  const released: Released[] = [];
  let last: number | undefined;
  for (const event of events) {
    if (classifier.pending && last !== undefined && event.time - last > classifier.flushDelayMs) {
      const at = last + classifier.flushDelayMs;
      released.push(...classifier.flush().map((output) => ({ output, at })));
    }
    released.push(...classifier.push(event).outputs.map((output) => ({ output, at: event.time })));
    last = event.time;
  }
  const end = (last ?? 0) + classifier.flushDelayMs;
  released.push(...classifier.flush().map((output) => ({ output, at: end })));
  return released;
}

const keys = (text: string, start: number, gap: (i: number) => number): WedgeKey[] => {
  let time = start;
  return [...text].map((ch, i) => {
    if (i > 0) time += gap(i);
    return { code: /\d/.test(ch) ? `Digit${ch}` : `Key${ch.toUpperCase()}`, key: ch, time };
  });
};

describe('typing looks immediate', () => {
  it('hands back a person’s keys one at a time, each within 80 ms, after the first pair (seeded)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 110, max: 400 }), { minLength: 8, maxLength: 8 }), (gaps) => {
        const typed = keys('CLIN9901', 0, (i) => gaps[i]!);
        const released = run(typed);
        expect(released.every((r) => r.output.kind === 'typing')).toBe(true);
        expect(released.flatMap((r) => r.output.keys.map((k) => k.key)).join('')).toBe('CLIN9901');
        // Once the person is seen typing, no key waits for the next one.
        const afterFirst = released.slice(1);
        for (const r of afterFirst) {
          expect(r.output.keys).toHaveLength(1);
          expect(r.at - r.output.keys[0]!.time).toBeLessThanOrEqual(80);
        }
      }),
      { seed: 15, numRuns: 200 },
    );
  });

  it('still reads a scan pulled a moment after typing, and a stalled scan long after', () => {
    const typed = keys('AB', 0, () => 150);
    const scan = keys('490154203237518', 700, () => 5);
    const released = run([...typed, ...scan]);
    expect(released.map((r) => r.output.kind)).toEqual(['typing', 'scan']);
    const stalled = keys('490154203237518', 5000, (i) => (i === 1 ? 200 : 5));
    expect(run([...typed, ...stalled]).map((r) => r.output.kind)).toEqual(['typing', 'scan']);
  });
});
