import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyKeyStream,
  createWedgeClassifier,
  type WedgeKey,
  type WedgeStreamItem,
} from '../../src/capture/index.js';

/** The key events a US-layout keyboard (or scanner) sends for `text`, `gaps[i]` ms apart. */
function keysFor(text: string, gaps: readonly number[], start = 1000): WedgeKey[] {
  let time = start;
  return [...text].map((ch, i) => {
    if (i > 0) time += gaps[(i - 1) % gaps.length]!;
    const code = ch === '\n' ? 'Enter' : ch === '\t' ? 'Tab' : /\d/.test(ch) ? `Digit${ch}` : `Key${ch.toUpperCase()}`;
    return { code, key: ch === '\n' ? 'Enter' : ch === '\t' ? 'Tab' : ch, time };
  });
}

const scans = (items: readonly WedgeStreamItem[]) => items.filter((i) => i.kind === 'scan');
/** Every key the page ends up seeing as typing (replayed or passed straight through), in order. */
const typed = (items: readonly WedgeStreamItem[]) =>
  items
    .flatMap((i) => (i.kind === 'typing' ? i.keys : i.kind === 'passed' ? [i.key] : []))
    .map((k) => k.key)
    .join('');

const digitString = (min: number, max: number) =>
  fc.array(fc.constantFrom(...'0123456789'.split('')), { minLength: min, maxLength: max }).map((d) => d.join(''));

describe('wedge classifier', () => {
  it('takes a 15-digit burst ending in Enter as one scan and swallows the Enter', () => {
    const items = classifyKeyStream(keysFor('490154203237518\n', [6]));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'scan', text: '490154203237518', suffix: 'Enter' });
  });

  it('takes a burst with no suffix as a scan once the silence timer runs out', () => {
    const classifier = createWedgeClassifier();
    for (const key of keysFor('490154203237518', [8])) expect(classifier.push(key).consume).toBe(true);
    expect(classifier.pending).toBe(true);
    expect(classifier.flush()).toMatchObject([{ kind: 'scan', text: '490154203237518' }]);
    expect(classifier.pending).toBe(false);
  });

  it('reads digits from the physical keys: an AZERTY stream of &é"\'( still gives 12345…', () => {
    const azerty = '&é"\'(-è_çà';
    const keys = [...'1234567890123451'].map((d, i) => ({
      code: `Digit${d}`,
      key: azerty[(Number(d) + 9) % 10]!,
      time: 500 + i * 5,
    }));
    keys.push({ code: 'Enter', key: 'Enter', time: 590 });
    expect(scans(classifyKeyStream(keys))).toMatchObject([{ text: '1234567890123451' }]);
  });

  it('reads numpad digits whatever NumLock made of the key', () => {
    const keys = [...'490154203237518'].map((d, i) => ({ code: `Numpad${d}`, key: i % 2 ? d : 'End', time: i * 4 }));
    expect(scans(classifyKeyStream(keys))).toMatchObject([{ text: '490154203237518' }]);
  });

  it('ignores Shift presses inside a scan (scanners press Shift for AZERTY digits)', () => {
    const keys = keysFor('490154203237518', [6]).flatMap((k) => [
      { code: 'ShiftLeft', key: 'Shift', time: k.time - 1 },
      k,
    ]);
    expect(scans(classifyKeyStream(keys))).toMatchObject([{ text: '490154203237518' }]);
  });

  it('does not split a scan when delivery stalls once mid-burst (busy kiosk, Bluetooth)', () => {
    const gaps = Array.from({ length: 15 }, (_, i) => (i === 2 ? 200 : 6));
    const keys = keysFor('490154203237518\n', gaps);
    expect(classifyKeyStream(keys)).toMatchObject([{ kind: 'scan', text: '490154203237518' }]);
  });

  it('does not split a scan when its second key comes late (the first key alone is not typing yet)', () => {
    const gaps = Array.from({ length: 15 }, (_, i) => (i === 0 ? 200 : 6));
    const items = classifyKeyStream(keysFor('490154203237518\n', gaps));
    expect(items).toMatchObject([{ kind: 'scan', text: '490154203237518', suffix: 'Enter' }]);
    expect(typed(items)).toBe('');
  });

  it('waits the stall tolerance after a lone key or a machine-fast burst, and only the burst gap in slow typing', () => {
    const classifier = createWedgeClassifier();
    classifier.push({ code: 'KeyA', key: 'a', time: 0 });
    expect(classifier.flushDelayMs).toBe(250);
    classifier.push({ code: 'KeyB', key: 'b', time: 5 });
    expect(classifier.flushDelayMs).toBe(250);
    const typing = createWedgeClassifier();
    typing.push({ code: 'KeyA', key: 'a', time: 0 });
    typing.push({ code: 'KeyB', key: 'b', time: 150 });
    expect(typing.flushDelayMs).toBe(80);
    expect(typing.flush()).toMatchObject([{ kind: 'typing', keys: [{ key: 'a' }, { key: 'b' }] }]);
  });

  it('hands back a short fast burst ending in Enter as typing, then lets the Enter through', () => {
    const items = classifyKeyStream(keysFor('12\n', [10]));
    expect(scans(items)).toEqual([]);
    expect(typed(items)).toBe('12Enter');
  });

  it('accepts a shorter scan when it ends in the suffix key', () => {
    expect(scans(classifyKeyStream(keysFor('ABC123\n', [5])))).toMatchObject([{ text: 'ABC123' }]);
  });

  it('with a prefix key, takes what follows as a scan whatever its timing, and swallows the prefix', () => {
    const keys: WedgeKey[] = [
      { code: 'F13', key: 'F13', time: 0 },
      ...keysFor('123', [45], 5),
      { code: 'Enter', key: 'Enter', time: 200 },
    ];
    const items = classifyKeyStream(keys, { prefixCode: 'F13' });
    expect(items).toMatchObject([{ kind: 'scan', text: '123', suffix: 'Enter' }]);
  });

  it('hands back withheld keys before Backspace and other editing keys', () => {
    const keys = [...keysFor('49', [20]), { code: 'Backspace', key: 'Backspace', time: 1030 }];
    const items = classifyKeyStream(keys);
    expect(typed(items)).toBe('49Backspace');
  });

  it('a person typing, then a scan, then more typing: each part goes where it belongs', () => {
    const human = keysFor('ab', [150], 0);
    const scan = keysFor('490154203237518\n', [5], 1000);
    const after = keysFor('cd', [200], 2000);
    const items = classifyKeyStream([...human, ...scan, ...after]);
    expect(scans(items)).toMatchObject([{ text: '490154203237518' }]);
    expect(typed(items)).toBe('abcd');
  });
});

describe('wedge classifier properties', () => {
  it('random scans at 2–20 ms per key always classify as one scan with every character', () => {
    fc.assert(
      fc.property(
        digitString(15, 40),
        fc.array(fc.integer({ min: 2, max: 20 }), { minLength: 1, maxLength: 60 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1e6 }),
        (digits, gaps, withEnter, start) => {
          const items = classifyKeyStream(keysFor(withEnter ? `${digits}\n` : digits, gaps, start));
          expect(items).toHaveLength(1);
          expect(items[0]).toMatchObject({ kind: 'scan', text: digits });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('human typing at 90–300 ms per key is never a scan, and every key reaches the page in order', () => {
    const typedText = fc
      .array(fc.constantFrom(...'0123456789abcxyz\n\t'.split('')), { minLength: 1, maxLength: 40 })
      .map((c) => c.join(''));
    fc.assert(
      fc.property(
        typedText,
        fc.array(fc.integer({ min: 90, max: 300 }), { minLength: 1, maxLength: 40 }),
        (text, gaps) => {
          const keys = keysFor(text, gaps);
          const items = classifyKeyStream(keys);
          expect(scans(items)).toEqual([]);
          expect(typed(items)).toBe(keys.map((k) => k.key).join(''));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('scans mixed with typing: no scan character is dropped and no typed key is lost', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), digitString(15, 20)), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 2, max: 20 }),
        fc.integer({ min: 90, max: 300 }),
        (parts, scanGap, humanGap) => {
          let time = 0;
          const keys: WedgeKey[] = [];
          const expectedScans: string[] = [];
          let expectedTyped = '';
          for (const [isScan, digits] of parts) {
            const text = isScan ? `${digits}\n` : digits.slice(0, 3);
            const part = keysFor(text, [isScan ? scanGap : humanGap], time + 400);
            keys.push(...part);
            time = part[part.length - 1]!.time;
            if (isScan) expectedScans.push(digits);
            else expectedTyped += text;
          }
          const items = classifyKeyStream(keys);
          expect(scans(items).map((s) => (s.kind === 'scan' ? s.text : ''))).toEqual(expectedScans);
          expect(typed(items)).toBe(expectedTyped);
        },
      ),
      { numRuns: 500 },
    );
  });
});
