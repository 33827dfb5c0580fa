import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findBarEdges } from '../../src/decode/bar-edges.js';
import {
  BLURRED_SCAN_SETTINGS,
  chooseText,
  independentVotes,
  MOTION_SCAN_SETTINGS,
  readBlurredCode128,
  type TextReadings,
} from '../../src/decode/blurred-code128.js';
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
    const y =
      1 -
      t *
        (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) *
        Math.exp(-x * x);
    return Math.sign(x) * y;
  };
  return Float32Array.from({ length }, (_, x) => {
    let dark = 0;
    // Average over the pixel's width (3 sub-samples), as a sensor does.
    for (const sub of [0.17, 0.5, 0.83]) {
      for (const [from, to] of bars)
        dark += (erf((to - x - sub) / (Math.SQRT2 * sigma)) - erf((from - x - sub) / (Math.SQRT2 * sigma))) / 6;
    }
    return 200 - 160 * dark;
  });
}

/** The profile on every row of an image, with a little per-pixel noise (deterministic). */
function imageOf(profile: Float32Array, height: number, noise: number, upsideDown = false): RgbaImage {
  const width = profile.length;
  const data = new Uint8ClampedArray(width * height * 4);
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const grey = profile[upsideDown ? width - 1 - x : x]! + noise * random();
      data.set([grey, grey, grey, 255], (y * width + x) * 4);
    }
  }
  return { data, width, height };
}

/** Profiles stacked top to bottom, `rows` pixel rows each, padded with white on the right. */
function stackedImage(parts: ReadonlyArray<{ profile: Float32Array; rows: number }>, noise: number): RgbaImage {
  const width = Math.max(...parts.map((p) => p.profile.length));
  const pieces = parts.map(({ profile, rows }) => {
    const padded = new Float32Array(width).fill(200);
    padded.set(profile);
    return imageOf(padded, rows, noise).data;
  });
  const data = new Uint8ClampedArray(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const piece of pieces) {
    data.set(piece, at);
    at += piece.length;
  }
  return { data, width, height: data.length / 4 / width };
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
  const heavyBlur = (start: number, data: number[], check?: number) =>
    blurredProfile(moduleWidths(start, data, check), 2.4, 1.8);

  it('reads a code blurred about one module wide, upside down too', () => {
    const profile = heavyBlur(CODE128.START_B, codeB('42094043'));
    const edgesOnly = runsFromEdges(findBarEdges(profile, 5), profile.length)!;
    expect(readCode128Runs(edgesOnly)).toEqual([]); // the edges are gone: this needs the model fit
    // 48 rows: with this noise only some scan lines read it, and only separate bands count.
    expect(readBlurredCode128(imageOf(profile, 48, 3))).toEqual(['42094043']);
    expect(readBlurredCode128(imageOf(profile, 48, 3, true))).toEqual(['42094043']);
    expect(
      readBlurredCode128(imageOf(heavyBlur(CODE128.START_C, [CODE128.FNC1, ...codeC('42094043')]), 24, 3)),
    ).toEqual(['42094043']);
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
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 40, maxLength: 90 }),
        fc.double({ min: 0.5, max: 2.5, noNaN: true }),
        (widths, sigma) => {
          // Random bars and spaces between quiet zones: Code 128's structure without its rules.
          const profile = blurredProfile([12, ...widths, 12], 2.5, sigma);
          expect(readBlurredCode128(imageOf(profile, 8, 4))).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('does not count overlapping scan lines as separate votes', () => {
    // 7 pixel rows, no noise: bands 0–2, 2–4 and 4–6 all read the code, but share rows; only 0–2 and 4–6 are apart.
    const profile = heavyBlur(CODE128.START_B, codeB('42094043'));
    expect(readBlurredCode128(imageOf(profile, 7, 0))).toEqual([]);
    expect(readBlurredCode128(imageOf(profile, 7, 0), { ...BLURRED_SCAN_SETTINGS, minVotes: 2 })).toEqual(['42094043']);
    expect(readBlurredCode128(imageOf(profile, 11, 0))).toEqual(['42094043']); // bands 0–2, 4–6 and 8–10
  });

  it('reads nothing when two different texts each have the votes', () => {
    const first = heavyBlur(CODE128.START_B, codeB('42094043'));
    const second = heavyBlur(CODE128.START_B, codeB('35693569'));
    expect(readBlurredCode128(imageOf(second, 24, 0))).toEqual(['35693569']);
    expect(
      readBlurredCode128(
        stackedImage(
          [
            { profile: first, rows: 24 },
            { profile: second, rows: 24 },
          ],
          0,
        ),
      ),
    ).toEqual([]);
    // A few rows of the second code (2 separate bands) against 6 bands of the first: still a rival, still nothing.
    expect(
      readBlurredCode128(
        stackedImage(
          [
            { profile: first, rows: 24 },
            { profile: second, rows: 9 },
          ],
          0,
        ),
      ),
    ).toEqual([]);
    expect(
      readBlurredCode128(
        stackedImage(
          [
            { profile: first, rows: 24 },
            { profile: second, rows: 2 },
          ],
          0,
        ),
      ),
    ).toEqual(['42094043']); // no band of its own
  });
});

describe('readBlurredCode128 with motion blur models', () => {
  /** The profile smeared by a box `length` pixels long: the label moved that far while the shutter was open. */
  const moved = (profile: Float32Array, length: number) =>
    Float32Array.from(profile, (_, x) => {
      let sum = 0;
      for (let k = 0; k < length; k++)
        sum += profile[Math.min(profile.length - 1, Math.max(0, x + k - Math.floor(length / 2)))]!;
      return sum / length;
    });
  // An IMEI as labels print it: START C, seven digit pairs, CODE B, the last digit; 3 px modules.
  const imeiData = [...codeC('49015420323751'), CODE128.CODE_B, ...codeB('8')];
  const imeiProfile = (check?: number) =>
    moved(blurredProfile(moduleWidths(CODE128.START_C, imeiData, check), 3, 0.8), 9);

  it('reads a code smeared 9 px (3 modules) across its bars, which the optical-blur models do not', () => {
    const image = imageOf(imeiProfile(), 32, 3);
    expect(readBlurredCode128(image)).toEqual([]);
    expect(readBlurredCode128(image, MOTION_SCAN_SETTINGS)).toEqual(['490154203237518']);
    expect(readBlurredCode128(imageOf(imeiProfile(), 32, 3, true), MOTION_SCAN_SETTINGS)).toEqual(['490154203237518']);
  });

  it('reads nothing when the check symbol is wrong', () => {
    const right = code128Checksum(CODE128.START_C, imeiData);
    expect(readBlurredCode128(imageOf(imeiProfile((right + 1) % 103), 32, 3), MOTION_SCAN_SETTINGS)).toEqual([]);
  });

  it('never reads text from random bars smeared by motion', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 60, maxLength: 120 }),
        fc.integer({ min: 4, max: 9 }),
        (widths, length) => {
          const profile = moved(blurredProfile([12, ...widths, 12], 3, 0.8), length);
          expect(readBlurredCode128(imageOf(profile, 8, 4), MOTION_SCAN_SETTINGS)).toEqual([]);
        },
      ),
      { numRuns: 30, seed: 13 },
    );
  });
});

describe('the vote', () => {
  const rows = (...lines: number[]): TextReadings => ({ rows: lines, columns: [] });
  const settings = { band: 3, minVotes: 3 };

  it('counts scan lines that share no pixel line, rows and columns apart', () => {
    expect(independentVotes(rows(0, 2, 4), 3)).toBe(2);
    expect(independentVotes(rows(4, 0, 2, 6, 8), 3)).toBe(3); // 0, 4, 8
    expect(independentVotes(rows(10, 12), 3)).toBe(1);
    expect(independentVotes({ rows: [0, 2], columns: [0, 2, 4] }, 3)).toBe(3);
    expect(independentVotes(rows(), 3)).toBe(0);
  });

  it('believes a text only when it stands alone', () => {
    expect(chooseText(new Map([['A', rows(0, 2, 4, 6, 8)]]), settings)).toBe('A'); // 0, 4, 8
    expect(chooseText(new Map([['A', rows(0, 2, 4, 6)]]), settings)).toBeUndefined(); // 0, 4
    // Two texts at the threshold: nothing, whichever has more.
    expect(
      chooseText(
        new Map([
          ['A', rows(0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44)],
          ['B', rows(100, 104, 108)],
        ]),
        settings,
      ),
    ).toBeUndefined();
    // A rival below the threshold with more than a quarter of the winner's votes: nothing.
    expect(
      chooseText(
        new Map([
          ['A', rows(0, 4, 8, 12, 16, 20, 24)],
          ['B', rows(100, 104)],
        ]),
        settings,
      ),
    ).toBeUndefined();
    // With a quarter or less, the winner stands.
    expect(
      chooseText(
        new Map([
          ['A', rows(0, 4, 8, 12, 16, 20, 24, 28)],
          ['B', rows(100, 104)],
        ]),
        settings,
      ),
    ).toBe('A');
    expect(
      chooseText(
        new Map([
          ['A', rows(0, 4, 8, 12)],
          ['B', rows(100, 101, 102)],
        ]),
        settings,
      ),
    ).toBe('A'); // B: one band
  });
});
