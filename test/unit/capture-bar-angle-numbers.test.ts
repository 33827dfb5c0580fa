// The angle finder's numbers on small synthetic images whose answers are worked out by hand: tiles that
// are linear ramps (Sobel of p·x + q·y is exactly (8p, 8q), so a tile's direction is atan2(q, p), its
// coherence 1 and its energy 64 samples × 64(p² + q²)), half-degree bins smoothed by the triangle
// 4-3-2-1 (mass 16), and a region turned upright from an image whose grey level is affine (bilinear
// sampling of an affine image is exact).
import { describe, expect, it } from 'vitest';
import { barAngles, straightenRegion, type BarAngle, type LumaImage } from '../../src/capture/bar-angle.js';

/** One row of 16-px tiles, 18 px high: tile k is the ramp slopes[k]·x + q·y, continuous across tiles. */
function ramps(slopes: readonly number[], q: number): LumaImage {
  const width = 16 * slopes.length + 2;
  const height = 18;
  const luma = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    let level = 128;
    for (let x = 0; x < width; x++) {
      luma[y * width + x] = level + q * y;
      level += slopes[Math.min(Math.floor(x / 16), slopes.length - 1)]!;
    }
  }
  return { luma, width, height };
}

const deg = (p: number, q: number) => ((Math.atan2(q, p) * 180) / Math.PI + 180) % 180;
/** √energy of a ramp tile, the weight of its vote. */
const vote = (p: number, q: number) => Math.sqrt(64 * 64 * (p * p + q * q));

describe('barAngles on ramp tiles', () => {
  it('a lone vote reports the start of its half-degree bin, with a quarter of the smoothed mass', () => {
    expect(deg(1.2, 1)).toBeCloseTo(39.81, 2);
    const a = vote(1.2, 1);
    const b = vote(-1, 1);
    const peaks = barAngles(ramps([1.2, -1], 1));
    expect(peaks).toHaveLength(2);
    expect(peaks[0]!.degrees).toBeCloseTo(39.5, 9);
    expect(peaks[0]!.share).toBeCloseTo((4 * a) / (16 * (a + b)), 9);
    expect(peaks[0]!.tiles).toEqual([[9, 9]]);
    expect(peaks[1]!.degrees).toBeCloseTo(135, 9);
    expect(peaks[1]!.share).toBeCloseTo((4 * b) / (16 * (a + b)), 9);
    expect(peaks[1]!.tiles).toEqual([[25, 9]]);
    expect(barAngles(ramps([1.2, -1], 1), 1)).toHaveLength(1);
  });

  it('places a peak between two neighbouring bins by the parabola through the smoothed values', () => {
    // Votes A in bin 0 and B in bin 1 smooth to 3A+2B, 4A+3B, 3A+4B around bin 0: the parabola's
    // vertex is B/2A bins right of bin 0, B/4A degrees.
    expect(Math.floor(2 * deg(1, 0.005))).toBe(0);
    expect(Math.floor(2 * deg(0.5, 0.005))).toBe(1);
    const a = vote(1, 0.005);
    const b = vote(0.5, 0.005);
    const peaks = barAngles(ramps([1, 0.5], 0.005));
    expect(peaks).toHaveLength(1);
    expect(peaks[0]!.degrees).toBeCloseTo(b / (4 * a), 6);
    expect(peaks[0]!.share).toBeCloseTo((4 * a + 3 * b) / (16 * (a + b)), 9);
    expect(peaks[0]!.tiles).toEqual([
      [9, 9],
      [25, 9],
    ]);
  });

  it('gives no vote and no place in a peak to a tile under 5% of the strongest energy', () => {
    // 135° at 0.5% of the energy; then 0° at 1%.
    expect(barAngles(ramps([1, -0.05], 0.05))).toEqual([{ degrees: 2.5, share: 0.25, tiles: [[9, 9]] }]);
    expect(barAngles(ramps([1, 0.1], 0))).toEqual([{ degrees: 0, share: 0.25, tiles: [[9, 9]] }]);
  });

  it('reports a second direction with at least 35% of the first one’s peak, not one with 30%', () => {
    const q = 0.1;
    const withRatio = (r: number) => -Math.sqrt(r * r * (1 + q * q) - q * q);
    expect(barAngles(ramps([1, withRatio(0.4)], q))).toHaveLength(2);
    expect(barAngles(ramps([1, withRatio(0.3)], q))).toHaveLength(1);
  });

  it('takes a direction within 8° of the first peak for the same code', () => {
    expect(deg(0.5, 0.1) - deg(1, 0.1)).toBeLessThan(8);
    const peaks = barAngles(ramps([1, 0.5], 0.1));
    expect(peaks).toHaveLength(1);
    expect(peaks[0]!.degrees).toBeCloseTo(5.5, 9);
    expect(peaks[0]!.tiles).toEqual([[9, 9]]);
  });

  it('takes a direction within 8° below the first peak, across 0°/180°, for the same code', () => {
    // 174.3° and 168.7°: the weaker one lies 11 bins below the peak.
    const peaks = barAngles(ramps([1, 0.5], -0.1));
    expect(peaks).toHaveLength(1);
    expect(peaks[0]!.degrees).toBeCloseTo(174, 9);
  });

  it('reads every row of tiles: two tiles stacked, bars horizontal', () => {
    const width = 18;
    const height = 34;
    const luma = Float64Array.from({ length: width * height }, (_, i) => 20 + 3 * Math.floor(i / width));
    expect(barAngles({ luma, width, height })).toEqual([
      {
        degrees: 90,
        share: 0.25,
        tiles: [
          [9, 9],
          [9, 25],
        ],
      },
    ]);
  });

  it('finds nothing in a flat image', () => {
    expect(barAngles(ramps([0, 0], 0))).toEqual([]);
  });
});

describe('straightenRegion', () => {
  const W = 96;
  const H = 80;
  const level = (x: number, y: number) => 20 + 1.5 * x + y;
  const image: LumaImage = {
    luma: Float64Array.from({ length: W * H }, (_, i) => level(i % W, Math.floor(i / W))),
    width: W,
    height: H,
  };
  /** As a byte of the grey RGBA output (rounded half to even, clamped). */
  const u8 = (v: number) => Uint8ClampedArray.of(v)[0]!;
  const grey = (r: { data: Uint8ClampedArray; width: number }, i: number, j: number) => r.data[(j * r.width + i) * 4]!;
  const grid = (cx: number, cy: number): BarAngle['tiles'] =>
    [-4, 0, 4].flatMap((dx) => [-4, 4].map((dy) => [cx + dx, cy + dy] as const));

  it('needs six tiles', () => {
    const peak = { degrees: 0, share: 1, tiles: grid(48, 40) };
    expect(straightenRegion(image, { ...peak, tiles: peak.tiles.slice(0, 5) })).toBeUndefined();
    expect(straightenRegion(image, peak)).toBeDefined();
  });

  it('at 0° is the tiles’ box, widened by a tile plus the margin across the bars and a tile along them', () => {
    // Tiles span u 44…52 (8 px) and v 36…44: u pads by 16 + 0.25 × 8 = 18, v by 16.
    const region = straightenRegion(image, { degrees: 0, share: 1, tiles: grid(48, 40) })!;
    expect([region.width, region.height]).toEqual([8 + 36, 8 + 32]);
    // Pixel (i, j) samples image pixel (26 + i, 20 + j) exactly; grey RGBA, opaque.
    for (const [i, j] of [
      [0, 0],
      [43, 39],
      [10, 25],
    ] as const) {
      expect(grey(region, i, j)).toBe(u8(level(26 + i, 20 + j)));
      expect([...region.data.slice((j * region.width + i) * 4 + 1, (j * region.width + i) * 4 + 4)]).toEqual([
        grey(region, i, j),
        grey(region, i, j),
        255,
      ]);
    }
  });

  it('is black where the samples leave the image (a sample needs its right and lower neighbour)', () => {
    // Tiles span u 4…12, v 4…12: u from −14 to 30, v from −12 to 28.
    const region = straightenRegion(image, { degrees: 0, share: 1, tiles: grid(8, 8) })!;
    expect([region.width, region.height]).toEqual([44, 40]);
    expect(grey(region, 13, 20)).toBe(0); // x = −1
    expect(grey(region, 14, 20)).toBe(u8(level(0, 8)));
    expect(grey(region, 20, 11)).toBe(0); // y = −1
    expect(grey(region, 20, 12)).toBe(u8(level(6, 0)));
    const corner = straightenRegion(image, { degrees: 0, share: 1, tiles: grid(88, 72) })!;
    // u from 66 to 110, v from 52 to 92: x = 94 is the last with a right neighbour, 95 is black; y likewise.
    expect(grey(corner, 28, 10)).toBe(u8(level(94, 62)));
    expect(grey(corner, 29, 10)).toBe(0);
    expect(grey(corner, 10, 26)).toBe(u8(level(76, 78)));
    expect(grey(corner, 10, 27)).toBe(0);
  });

  it('turned by θ, steps across the bars along (cos θ, sin θ) and along them along (−sin θ, cos θ), centred on the tiles', () => {
    const theta = 30;
    const c = Math.cos((theta * Math.PI) / 180);
    const s = Math.sin((theta * Math.PI) / 180);
    const region = straightenRegion(image, { degrees: theta, share: 1, tiles: grid(48, 40) })!;
    const mi = Math.floor(region.width / 2);
    const mj = Math.floor(region.height / 2);
    expect(Math.abs(grey(region, mi, mj) - level(48, 40))).toBeLessThanOrEqual(2.5);
    expect(grey(region, mi + 10, mj) - grey(region, mi - 10, mj)).toBeCloseTo(20 * (1.5 * c + s), -0.5);
    expect(grey(region, mi, mj + 10) - grey(region, mi, mj - 10)).toBeCloseTo(20 * (-1.5 * s + c), -0.5);
  });

  it('samples a region wider than 640 px more coarsely, to 640 px', () => {
    // u spans 1000 px: with 16 + 250 px each side 1532 px at 1532/640 px a sample; v spans 32 px → 13.
    const tiles = [0, 200, 400, 600, 800, 1000].map((x) => [x, 40] as const);
    const region = straightenRegion(image, { degrees: 0, share: 1, tiles })!;
    expect([region.width, region.height]).toEqual([640, Math.round(32 / (1532 / 640))]);
    // One sample every 1532/640 px: 10 samples across cover 23.9 px of the image (grey +1.5 a px), 5 down 12 px (+1 a px).
    const step = 1532 / 640;
    expect(grey(region, 130, 4) - grey(region, 120, 4)).toBeCloseTo(10 * step * 1.5, -0.5);
    expect(grey(region, 120, 9) - grey(region, 120, 4)).toBeCloseTo(5 * step, -0.5);
  });
});
