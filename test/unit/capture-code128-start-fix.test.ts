// The Code 128 start-pattern fix on real @zxing/library rows built module by module: where it finds the
// start pattern (and which of A, B, C), the quiet zone it asks for, and a whole row decoded after a dark
// runs (a box edge, a table line) — a case the library's own findStartPattern misreads.
import * as ZXingNamespace from '@zxing/library';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyCode128StartPatternFix, code128Widths, type Code128ReaderStatics } from '../../src/capture/index.js';

const ZXing = (ZXingNamespace as unknown as { default?: typeof ZXingNamespace }).default ?? ZXingNamespace;
const { BitArray, Code128Reader, NotFoundException } = ZXing;

const library = Code128Reader as unknown as Code128ReaderStatics;
applyCode128StartPatternFix(library, () => new NotFoundException());

/** The library's statics on a fresh object, fixed anew for each test (the library class stays patched once). */
function fixedStatics(): Code128ReaderStatics {
  const statics: Code128ReaderStatics = {
    findStartPattern: () => {
      throw new Error('not fixed');
    },
    patternMatchVariance: (counters, pattern, max) => library.patternMatchVariance(counters, pattern, max),
    CODE_PATTERNS: library.CODE_PATTERNS,
    MAX_AVG_VARIANCE: library.MAX_AVG_VARIANCE,
    MAX_INDIVIDUAL_VARIANCE: library.MAX_INDIVIDUAL_VARIANCE,
    CODE_START_A: library.CODE_START_A,
    CODE_START_C: library.CODE_START_C,
  };
  applyCode128StartPatternFix(statics, () => new NotFoundException());
  return statics;
}
let reader = fixedStatics();
beforeEach(() => {
  reader = fixedStatics();
});

/** Start symbols (ISO/IEC 15417 table 1): bar, space, bar, space, bar, space, in modules. */
const START_A = [2, 1, 1, 4, 1, 2];
const START_B = [2, 1, 1, 2, 1, 4];
const START_C = [2, 1, 1, 2, 3, 2];

/** A row from runs of modules, space first, `scale` pixels a module. */
function row(runs: readonly number[], scale = 2) {
  const size = runs.reduce((a, b) => a + b, 0) * scale;
  const bits = new BitArray(size);
  let at = 0;
  runs.forEach((run, i) => {
    if (i % 2 === 1) for (let p = at; p < at + run * scale; p++) bits.set(p);
    at += run * scale;
  });
  return bits;
}

describe('applyCode128StartPatternFix', () => {
  it('replaces findStartPattern, once', () => {
    const fixed = reader.findStartPattern;
    expect(() => fixed(row([10, ...START_B, 2, 2, 2, 2, 2, 2, 10]))).not.toThrow();
    applyCode128StartPatternFix(reader, () => new NotFoundException());
    expect(reader.findStartPattern).toBe(fixed);
  });

  it('finds START B after a dark run that touches the quiet zone, as [start, end, code] in pixels', () => {
    // 3 px margin, a 4-module dark run, then the symbol: 10 quiet modules, START B …
    const widths = code128Widths('A1');
    const bits = row([3, 4, ...widths]);
    const start = (3 + 4 + 10) * 2;
    expect([...reader.findStartPattern(bits)]).toEqual([start, start + 11 * 2, 104]);
  });

  it.each([
    ['A', START_A, 103],
    ['C', START_C, 105],
    ['B', START_B, 104],
  ])('tells START %s by its widths', (_, pattern, code) => {
    const bits = row([10, ...pattern, 2, 2, 2, 2, 2, 2, 10], 3);
    expect([...reader.findStartPattern(bits)]).toEqual([30, 30 + 11 * 3, code]);
  });

  it('wants a quiet zone of half the start pattern before it: 6 modules do, 5 do not', () => {
    const after = [2, 2, 2, 2, 2, 2, 10];
    expect([...reader.findStartPattern(row([2, 3, 6, ...START_B, ...after]))]).toEqual([22, 44, 104]);
    expect(() => reader.findStartPattern(row([2, 3, 5, ...START_B, ...after]))).toThrow(NotFoundException);
  });

  it('throws the given error when a row has no start pattern', () => {
    expect(() => reader.findStartPattern(row([10, 1, 1, 1, 1, 1, 1, 1, 1, 10]))).toThrow(NotFoundException);
  });

  it('lets Code128Reader decode a row with two dark runs before the quiet zone (unfixed: a checksum error)', () => {
    const bits = row([3, 4, 2, 4, ...code128Widths('IMEI 490154203237518')]);
    const result = new Code128Reader().decodeRow(0, bits, new Map());
    expect(result.getText()).toBe('IMEI 490154203237518');
  });
});
