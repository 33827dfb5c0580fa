import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findBarEdges } from '../../src/decode/bar-edges.js';
import { readBlurredCode128 } from '../../src/decode/blurred-code128.js';
import { readCode128Runs, reversedRuns, runsFromEdges } from '../../src/decode/code128-scanline.js';
import { CODE128, code128Checksum, matchSymbol, symbolWidths } from '../../src/decode/code128-symbols.js';
import { code128Text } from '../../src/decode/code128-text.js';
import type { RgbaImage } from '../../src/decode/load-image.js';

/** START, data, check (or a given wrong one), STOP → module widths with 12-module quiet zones. */
function moduleWidths(start: number, data: readonly number[], check = code128Checksum(start, data)): number[] {
  const widths = [12];
  for (const value of [start, ...data, check]) widths.push(...symbolWidths(value));
  widths.push(...symbolWidths(CODE128.STOP), CODE128.STOP_BAR_MODULES, 12);
  return widths;
}

/** A grey-level scan line: white 200, bars 40, blurred by a Gaussian of `sigma` pixels, sampled per pixel. */
function blurredProfile(widths: readonly number[], modulePixels: number, sigma: number): Float32Array {
  const bars: Array<[number, number]> = [];
  let at = 0;
  widths.forEach((w, i) => {
    if (i % 2 === 1) bars.push([at * modulePixels, (at + w) * modulePixels]);
    at += w;
  });
  const length = Math.ceil(at * modulePixels);
  const erf = (x: number) => {
    // Abramowitz–Stegun 7.1.26
    const t = 1 / (1 + 0.3275911 * Math.abs(x));
    const y = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
    return Math.sign(x) * y;
  };
  return Float32Array.from({ length }, (_, x) => {
    let dark = 0;
    // Average over the pixel's width (3 sub-samples), as a sensor does.
    for (const sub of [0.17, 0.5, 0.83]) {
      for (const [from, to] of bars) dark += (erf((to - x - sub) / (Math.SQRT2 * sigma)) - erf((from - x - sub) / (Math.SQRT2 * sigma))) / 6;
    }
    return 200 - 160 * dark;
  });
}

/** The profile on every row of an image, with a little per-pixel noise (deterministic). */
function imageOf(profile: Float32Array, height: number, noise: number, upsideDown = false): RgbaImage {
  const width = profile.length;
  const data = new Uint8ClampedArray(width * height * 4);
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) - 0.5;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const grey = profile[upsideDown ? width - 1 - x : x]! + noise * random();
      data.set([grey, grey, grey, 255], (y * width + x) * 4);
    }
  }
  return { data, width, height };
}

const codeC = (digits: string) => digits.match(/../g)!.map(Number);
const codeB = (text: string) => [...text].map((c) => c.charCodeAt(0) - 32);

describe('Code 128 symbol table', () => {
  it('has 11-module symbols with an even number of bar modules, each found again from its e-measurements', () => {
    for (let value = 0; value <= CODE128.STOP; value++) {
      const widths = symbolWidths(value);
      expect(widths.reduce((a, b) => a + b)).toBe(11);
      if (value !== CODE128.STOP) expect((widths[0]! + widths[2]! + widths[4]!) % 2).toBe(0);
      expect(matchSymbol(widths.map((w) => w * 3.1))).toEqual({ value, worstError: expect.closeTo(0, 5) });
    }
  });
  it('turns values into text as zxing-wasm does (leading FNC1 dropped, later FNC1 as GS, sets and shifts)', () => {
    expect(code128Text(CODE128.START_C, [CODE128.FNC1, 42, 9, 40, 43])).toBe('42094043');
    expect(code128Text(CODE128.START_C, [CODE128.FNC1, 10, CODE128.FNC1, 21])).toBe('10\u001d21');
    expect(code128Text(CODE128.START_B, [...codeB('Ab'), CODE128.CODE_C, 12, 34])).toBe('Ab1234');
    expect(code128Text(CODE128.START_A, [33, CODE128.SHIFT, 65, 33])).toBe('AaA');
    expect(code128Text(CODE128.START_B, [CODE128.CODE_B, 33])).toBe('\u00c1'); // FNC4 in set B: next character + 128
    expect(code128Text(CODE128.START_B, [CODE128.START_A, 33])).toBeUndefined();
  });
});

describe('e-measure reader (edges)', () => {
  const read = (profile: Float32Array) => {
    const runs = runsFromEdges(findBarEdges(profile, 5), profile.length)!;
    return [...readCode128Runs(runs), ...readCode128Runs(reversedRuns(runs))].map((r) => r.text);
  };
  it('reads a blurred profile both ways round, and only with its check symbol', () => {
    const widths = moduleWidths(CODE128.START_B, codeB('IMEI 3569'));
    const profile = blurredProfile(widths, 3, 1.2);
    expect(read(profile)).toEqual(['IMEI 3569']);
    expect(read(Float32Array.from(profile).reverse())).toEqual(['IMEI 3569']);
    const wrongCheck = (code128Checksum(CODE128.START_B, codeB('IMEI 3569')) + 1) % 103;
    expect(read(blurredProfile(moduleWidths(CODE128.START_B, codeB('IMEI 3569'), wrongCheck), 3, 1.2))).toEqual([]);
  });
});

describe('readBlurredCode128 (the last-resort pass)', () => {
  // Blur sigma 0.75 module at 2.4 px per module, as in corpus code128-2_30: a 1-module bar between
  // 1-module spaces is a dip of a few grey levels, so the edge reader alone cannot read it.
  const heavyBlur = (start: number, data: number[], check?: number) => blurredProfile(moduleWidths(start, data, check), 2.4, 1.8);

  it('reads a code blurred about one module wide, upside down too', () => {
    const profile = heavyBlur(CODE128.START_B, codeB('42094043'));
    const edgesOnly = runsFromEdges(findBarEdges(profile, 5), profile.length)!;
    expect(readCode128Runs(edgesOnly)).toEqual([]); // the edges are gone: this needs the model fit
    expect(readBlurredCode128(imageOf(profile, 24, 3))).toEqual(['42094043']);
    expect(readBlurredCode128(imageOf(profile, 24, 3, true))).toEqual(['42094043']);
    expect(readBlurredCode128(imageOf(heavyBlur(CODE128.START_C, [CODE128.FNC1, ...codeC('42094043')]), 24, 3))).toEqual(['42094043']);
  });

  it('reads nothing when the check symbol is wrong', () => {
    const data = codeB('42094043');
    const right = code128Checksum(CODE128.START_B, data);
    for (const wrong of [(right + 1) % 103, (right + 50) % 103]) {
      expect(readBlurredCode128(imageOf(heavyBlur(CODE128.START_B, data, wrong), 24, 3))).toEqual([]);
    }
  });

  it('never reads text from random grey levels, bar-like or not', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 40, maxLength: 90 }), fc.double({ min: 0.5, max: 2.5, noNaN: true }), (widths, sigma) => {
        // Random bars and spaces between quiet zones: Code 128's structure without its rules.
        const profile = blurredProfile([12, ...widths, 12], 2.5, sigma);
        expect(readBlurredCode128(imageOf(profile, 8, 4))).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});
