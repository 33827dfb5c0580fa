/**
 * The wedge classifier on both sides of every threshold, with its defaults: the mean gap that makes
 * a burst a scan (35 ms), the gap that ends a burst (80 ms), the stall tolerance (250 ms), the
 * lengths (14 bare, 4 with a suffix) and the prefix timeout (1000 ms). One millisecond either side.
 */
import { describe, expect, it } from 'vitest';
import {
  classifyKeyStream,
  createWedgeClassifier,
  type WedgeKey,
  type WedgeStreamItem,
} from '../../src/capture/wedge.js';

const IMEI = '490154203237518';

/** Keys for `text` with the given gaps (ms) between them, optionally ending in Enter after `suffixGap`. */
function keys(text: string, gaps: number | readonly number[], suffixGap?: number): WedgeKey[] {
  let time = 1000;
  const out: WedgeKey[] = [];
  [...text].forEach((ch, i) => {
    if (i > 0) time += typeof gaps === 'number' ? gaps : gaps[(i - 1) % gaps.length]!;
    out.push({ code: /\d/.test(ch) ? `Digit${ch}` : `Key${ch.toUpperCase()}`, key: ch, time });
  });
  if (suffixGap !== undefined) out.push({ code: 'Enter', key: 'Enter', time: time + suffixGap });
  return out;
}
const kinds = (items: readonly WedgeStreamItem[]) => items.map((i) => i.kind);
const scans = (items: readonly WedgeStreamItem[]) =>
  items.filter((i) => i.kind === 'scan').map((i) => (i as { text: string }).text);

describe('the mean gap that makes a scan (maxMeanGapMs 35)', () => {
  it.each([
    [34, 'scan'],
    [35, 'scan'],
    [36, 'typing'],
    [60, 'typing'],
  ])('15 digits %i ms apart with Enter → %s', (gap, expected) => {
    expect(kinds(classifyKeyStream(keys(IMEI, gap, gap)))[0]).toBe(expected);
  });

  it('is a mean: uneven gaps that average 35 ms are a scan, 35.1 ms are not', () => {
    // 14 gaps: 7 × 20 + 7 × 50 = 490 → mean 35.
    expect(scans(classifyKeyStream(keys(IMEI, [20, 50], 10)))).toEqual([IMEI]);
    // 14 gaps: 7 × 20.2 + 7 × 50 = 491.4 → mean 35.1.
    expect(kinds(classifyKeyStream(keys(IMEI, [20.2, 50], 10)))[0]).toBe('typing');
  });
});

describe('the gap that ends a burst (maxGapMs 80) and the stall tolerance (250)', () => {
  it('a typed burst (mean over 35 ms) ends after 80 ms of silence, not at 80', () => {
    const typed = keys('ABCD', 60);
    const classifier = createWedgeClassifier();
    for (const k of typed) classifier.push(k);
    expect(classifier.flushDelayMs).toBe(80);
    const last = typed.at(-1)!.time;
    expect(classifier.push({ code: 'KeyE', key: 'E', time: last + 80 }).outputs).toEqual([]);
    expect(kinds(classifier.push({ code: 'KeyF', key: 'F', time: last + 80 + 81 }).outputs)).toEqual(['typing']);
  });

  it('a machine-fast burst survives a stall of 250 ms, not of 251', () => {
    const first = keys(IMEI.slice(0, 8), 10);
    const at = (gap: number) =>
      keys(IMEI.slice(8), 10).map((k) => ({ ...k, time: k.time - 1000 + first.at(-1)!.time + gap }));
    expect(
      scans(
        classifyKeyStream([...first, ...at(250), { code: 'Enter', key: 'Enter', time: at(250).at(-1)!.time + 10 }]),
      ),
    ).toEqual([IMEI]);
    const split = classifyKeyStream([
      ...first,
      ...at(251),
      { code: 'Enter', key: 'Enter', time: at(251).at(-1)!.time + 10 },
    ]);
    expect(scans(split)).not.toContain(IMEI);
  });

  it('a lone key waits the stall tolerance: a second key 250 ms later joins it, 251 ms later does not', () => {
    const join = classifyKeyStream([
      { code: 'Digit4', key: '4', time: 0 },
      ...keys(IMEI.slice(1), 10, 10).map((k) => ({ ...k, time: k.time - 1000 + 250 })),
    ]);
    expect(scans(join)).toEqual([IMEI]);
    const apart = classifyKeyStream([
      { code: 'Digit4', key: '4', time: 0 },
      ...keys(IMEI.slice(1), 10, 10).map((k) => ({ ...k, time: k.time - 1000 + 251 })),
    ]);
    expect(kinds(apart)[0]).toBe('typing');
  });
});

describe('lengths', () => {
  it('without a suffix a scan needs 14 characters: 14 is a scan, 13 is typing', () => {
    expect(kinds(classifyKeyStream(keys(IMEI.slice(0, 14), 10)))).toEqual(['scan']);
    expect(kinds(classifyKeyStream(keys(IMEI.slice(0, 13), 10)))).toEqual(['typing']);
  });
  it('with Enter a scan needs 4: 4 is a scan, 3 is typing (and the Enter then reaches the page)', () => {
    expect(kinds(classifyKeyStream(keys('P123', 10, 10)))).toEqual(['scan']);
    expect(kinds(classifyKeyStream(keys('P12', 10, 10)))).toEqual(['typing', 'passed']);
  });
});

describe('the prefix key (prefixTimeoutMs 1000)', () => {
  const prefixed = (silence: number) => {
    const classifier = createWedgeClassifier({ prefixCode: 'F13' });
    classifier.push({ code: 'F13', key: 'F13', time: 0 });
    // After the prefix, even typing-speed keys are a scan.
    const body = keys('P-1001', 120).map((k) => ({ ...k, time: k.time - 1000 + 100 }));
    for (const k of body) classifier.push(k);
    expect(classifier.flushDelayMs).toBe(1000);
    const next = { code: 'KeyX', key: 'X', time: body.at(-1)!.time + silence };
    return classifier.push(next).outputs;
  };
  it('ends the scan after 1000 ms of silence, not at 1000', () => {
    expect(prefixed(1000)).toEqual([]);
    expect(scans(prefixed(1001))).toEqual(['P-1001']);
  });
});
