import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  barAngles,
  offQuarterTurn,
  straightenRegion,
  tiltedCodeRegion,
  type LumaImage,
} from '../../src/capture/bar-angle.js';
import { imeiModules, seededRandom } from '../fixtures/labels/label-photos.js';

/**
 * A W×H grey image with an IMEI's Code 128 bars turned by `degrees` (clockwise on screen) about
 * the centre, 3 px modules, 2×2 supersampled, on mid-grey with a little noise.
 */
function tiltedBars(
  degrees: number,
  width = 480,
  height = 360,
  noise = 4,
  seed = 1,
): LumaImage & { data: Uint8ClampedArray } {
  const modules = imeiModules('490154203237518');
  const edges: number[] = [];
  let at = 0;
  for (const w of modules) edges.push((at += w));
  const total = at;
  const isBar = (m: number) => {
    if (m < 0 || m >= total) return false;
    const i = edges.findIndex((e) => m < e);
    return i % 2 === 0;
  };
  const radians = (degrees * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const random = seededRandom(seed);
  const luma = new Uint8ClampedArray(width * height);
  const module = 3;
  const barHeight = 90;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let ink = 0;
      for (const [sx, sy] of [
        [0.25, 0.25],
        [0.75, 0.25],
        [0.25, 0.75],
        [0.75, 0.75],
      ] as const) {
        const dx = x + sx - width / 2;
        const dy = y + sy - height / 2;
        // Back into the label's frame: u across the bars, v along them.
        const u = cos * dx + sin * dy;
        const v = -sin * dx + cos * dy;
        const label = Math.abs(v) <= barHeight / 2 && Math.abs(u) <= (total / 2 + 10) * module;
        const bar = label && isBar(Math.floor(u / module + total / 2));
        ink += bar ? 0.25 * 30 : label ? 0.25 * 220 : 0.25 * 110;
      }
      luma[y * width + x] = ink + noise * (random() - 0.5) * 2;
    }
  }
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < luma.length; i++) data.set([luma[i]!, luma[i]!, luma[i]!, 255], i * 4);
  return { luma, width, height, data };
}

/** Direction difference in degrees, 0…90. */
const apart = (a: number, b: number) => {
  const d = Math.abs(a - b) % 180;
  return Math.min(d, 180 - d);
};

describe('barAngles', () => {
  it('finds the direction across the bars at any angle within a degree', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 360, noNaN: true }), (degrees) => {
        const [peak] = barAngles(tiltedBars(degrees, 320, 320));
        // Bars turned clockwise by θ: the direction across them is θ (mod 180).
        expect(peak).toBeDefined();
        expect(apart(peak!.degrees, degrees)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 12, seed: 7 },
    );
  });

  it('finds nothing on a plain noisy frame', () => {
    const random = seededRandom(3);
    const luma = Uint8ClampedArray.from({ length: 320 * 240 }, () => 110 + 20 * (random() - 0.5));
    const image = { luma, width: 320, height: 240 };
    for (const peak of barAngles(image)) expect(peak.tiles.length).toBeLessThan(6);
    const data = new Uint8ClampedArray(320 * 240 * 4);
    luma.forEach((v, i) => data.set([v, v, v, 255], i * 4));
    expect(tiltedCodeRegion({ data, width: 320, height: 240 })).toBeUndefined();
  });

  it('measures quarter-turn offsets', () => {
    expect(offQuarterTurn(0)).toBe(0);
    expect(offQuarterTurn(30)).toBe(30);
    expect(offQuarterTurn(100)).toBe(10);
    expect(offQuarterTurn(178)).toBe(2);
  });
});

describe('straightenRegion', () => {
  it('cuts the code out with its bars vertical: columns are even, rows cross the bars', () => {
    const image = tiltedBars(30);
    const [peak] = barAngles(image);
    const region = straightenRegion(image, peak!)!;
    expect(region.width).toBeGreaterThan(region.height);
    // Along the middle rows the grey level changes at every bar; down a column through the bars it hardly does.
    const grey = (x: number, y: number) => region.data[(y * region.width + x) * 4]!;
    const mid = Math.floor(region.height / 2);
    let acrossChanges = 0;
    for (let x = 1; x < region.width; x++) acrossChanges += Math.abs(grey(x, mid) - grey(x - 1, mid));
    let downChanges = 0;
    for (let x = 0; x < region.width; x++)
      for (let y = mid - 10; y < mid + 10; y++) downChanges += Math.abs(grey(x, y + 1) - grey(x, y));
    expect(downChanges / 20).toBeLessThan(acrossChanges / 4);
  });

  it('leaves a level code to the reader and turns any other', () => {
    expect(tiltedCodeRegion(tiltedBars(1))).toBeUndefined();
    expect(tiltedCodeRegion(tiltedBars(179))).toBeUndefined();
    for (const degrees of [30, 90, 135, 250]) expect(tiltedCodeRegion(tiltedBars(degrees))).toBeDefined();
  });
});
