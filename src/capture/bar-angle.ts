/**
 * Which way the bars of a linear code run, from the image's gradients: a bar code is a patch where
 * every strong gradient points the same way (across the bars). Each tile's structure tensor gives
 * that direction and how coherent the tile is; coherent, high-contrast tiles vote, weighted by
 * their gradient energy, in a histogram of directions. Peaks are the codes' directions, and the
 * tiles that voted for a peak are where that code is (`straightenRegion` cuts it out upright).
 * Pure: no sharp, no DOM, so the file decoder and the camera worker share it.
 */
import { rgbaToLuminance } from './luminance.js';

export interface LumaImage {
  /** One grey level per pixel, row by row. */
  readonly luma: ArrayLike<number>;
  readonly width: number;
  readonly height: number;
}

export interface BarAngle {
  /**
   * The direction across the bars, in degrees in [0, 180), measured from the +x axis towards +y
   * (image rows grow downwards, so a positive angle is clockwise on screen). Rotating the image by
   * −degrees (counter-clockwise) makes the bars vertical.
   */
  readonly degrees: number;
  /** The peak's share of all votes (0…1). */
  readonly share: number;
  /** Centres (pixels) of the tiles that voted within a few degrees of the peak. */
  readonly tiles: ReadonlyArray<readonly [number, number]>;
}

/** Tile side in pixels: a few modules of a code at the sizes labels are photographed. */
const TILE = 16;
/** Gradient samples are taken this many pixels apart in each direction. */
const SAMPLE_STEP = 2;
/** A tile votes only when its gradients agree this well (1 = all parallel). */
const MIN_COHERENCE = 0.75;
/** …and its mean gradient energy is at least this share of the strongest tile's. */
const MIN_ENERGY_SHARE = 0.05;
/** Histogram bins per degree. */
const BINS_PER_DEGREE = 2;
/** A second peak counts when it has this share of the first one's votes and lies this far from it. */
const SECOND_PEAK_SHARE = 0.35;
const MIN_PEAK_SEPARATION = 8;
/** A tile belongs to a peak when its direction is within this many degrees of it. */
const TILE_ANGLE_TOLERANCE = 4;

/** The difference of two directions, in degrees (0…90). */
function angleBetween(a: number, b: number): number {
  const d = Math.abs(a - b) % 180;
  return Math.min(d, 180 - d);
}

/**
 * The directions of the strongest coherent patterns, best first (at most `max`). Empty when the
 * image has no coherent tiles at all.
 */
export function barAngles(image: LumaImage, max = 2): BarAngle[] {
  const { luma, width, height } = image;
  const tilesX = Math.floor((width - 2) / TILE);
  const tilesY = Math.floor((height - 2) / TILE);
  const tiles: Array<{ angle: number; energy: number; x: number; y: number }> = [];
  let strongest = 0;
  for (let ty = 0; ty < tilesY; ty++) {
    for (let tx = 0; tx < tilesX; tx++) {
      let jxx = 0;
      let jyy = 0;
      let jxy = 0;
      // Gradients at every other pixel of every other row: the tile's direction comes out the
      // same, at a quarter of the cost (this runs on every camera frame the reader misses).
      for (let y = 1 + ty * TILE; y < 1 + (ty + 1) * TILE; y += SAMPLE_STEP) {
        for (let x = 1 + tx * TILE; x < 1 + (tx + 1) * TILE; x += SAMPLE_STEP) {
          const i = y * width + x;
          // Sobel.
          const a = luma[i - width - 1]!;
          const b = luma[i - width]!;
          const c = luma[i - width + 1]!;
          const d = luma[i - 1]!;
          const f = luma[i + 1]!;
          const g = luma[i + width - 1]!;
          const h = luma[i + width]!;
          const k = luma[i + width + 1]!;
          const gx = c + 2 * f + k - a - 2 * d - g;
          const gy = g + 2 * h + k - a - 2 * b - c;
          jxx += gx * gx;
          jyy += gy * gy;
          jxy += gx * gy;
        }
      }
      const energy = jxx + jyy;
      if (energy <= 0) continue;
      const coherence = Math.sqrt((jxx - jyy) ** 2 + 4 * jxy * jxy) / energy;
      if (coherence < MIN_COHERENCE) continue;
      const angle = ((0.5 * Math.atan2(2 * jxy, jxx - jyy) * 180) / Math.PI + 180) % 180;
      tiles.push({ angle, energy, x: 1 + (tx + 0.5) * TILE, y: 1 + (ty + 0.5) * TILE });
      strongest = Math.max(strongest, energy);
    }
  }
  const bins = 180 * BINS_PER_DEGREE;
  const histogram = new Float64Array(bins);
  for (const { angle, energy } of tiles) {
    if (energy < MIN_ENERGY_SHARE * strongest) continue;
    // Square root of energy: a few very sharp tiles (a label's border) must not outvote the bars.
    histogram[Math.floor(angle * BINS_PER_DEGREE) % bins]! += Math.sqrt(energy);
  }
  // Smooth over ±1.5° (circular: 0° and 180° are the same direction).
  const smooth = new Float64Array(bins);
  const radius = Math.round(1.5 * BINS_PER_DEGREE);
  for (let i = 0; i < bins; i++) {
    for (let d = -radius; d <= radius; d++)
      smooth[i]! += histogram[(i + d + bins) % bins]! * (radius + 1 - Math.abs(d));
  }
  const total = smooth.reduce((a, b) => a + b, 0);
  if (total <= 0) return [];
  const peaks: BarAngle[] = [];
  const taken = new Set<number>();
  while (peaks.length < max) {
    let best = -1;
    for (let i = 0; i < bins; i++) {
      if (taken.has(i)) continue;
      if (best < 0 || smooth[i]! > smooth[best]!) best = i;
    }
    if (best < 0 || smooth[best]! <= 0) break;
    const first = peaks[0];
    const degrees = refine(smooth, best) / BINS_PER_DEGREE;
    // Mark the whole neighbourhood as taken so the next peak is a different direction.
    for (let d = -MIN_PEAK_SEPARATION * BINS_PER_DEGREE; d <= MIN_PEAK_SEPARATION * BINS_PER_DEGREE; d++)
      taken.add((best + d + bins) % bins);
    const share = smooth[best]! / total;
    if (first && share < SECOND_PEAK_SHARE * first.share) break;
    const at = ((degrees % 180) + 180) % 180;
    const near = tiles.filter(
      (t) => t.energy >= MIN_ENERGY_SHARE * strongest && angleBetween(t.angle, at) <= TILE_ANGLE_TOLERANCE,
    );
    peaks.push({ degrees: at, share, tiles: near.map((t) => [t.x, t.y] as const) });
  }
  return peaks;
}

/** Sub-bin position of a peak from a parabola through it and its neighbours. */
function refine(values: Float64Array, i: number): number {
  const n = values.length;
  const a = values[(i - 1 + n) % n]!;
  const b = values[i]!;
  const c = values[(i + 1) % n]!;
  const denominator = a - 2 * b + c;
  return denominator === 0 ? i : i + (0.5 * (a - c)) / denominator;
}

/** How far a direction is from the nearest quarter turn, in degrees (0…45). */
export function offQuarterTurn(degrees: number): number {
  const r = ((degrees % 90) + 90) % 90;
  return Math.min(r, 90 - r);
}

export interface GreyImage {
  /** RGBA, grey (R = G = B), as zxing takes it. */
  readonly data: Uint8ClampedArray<ArrayBuffer>;
  readonly width: number;
  readonly height: number;
}

/** The widest straightened region, in pixels (see straightenRegion). */
const MAX_REGION_WIDTH = 640;

/** Tiles a region needs before it is taken for a code: fewer is texture or a stray edge. */
export const MIN_REGION_TILES = 6;

/**
 * The part of the image where a peak's tiles lie, turned so its bars are vertical, with a margin
 * for the quiet zones (which have no gradient, so no tiles): bilinear samples of the luminance,
 * written as grey RGBA. Undefined when the peak has too few tiles to be a code.
 */
export function straightenRegion(image: LumaImage, peak: BarAngle, margin = 0.25): GreyImage | undefined {
  if (peak.tiles.length < MIN_REGION_TILES) return undefined;
  const radians = (peak.degrees * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  // Tile centres in the turned frame: u across the bars, v along them.
  let uMin = Infinity;
  let uMax = -Infinity;
  let vMin = Infinity;
  let vMax = -Infinity;
  for (const [x, y] of peak.tiles) {
    const u = x * cos + y * sin;
    const v = -x * sin + y * cos;
    uMin = Math.min(uMin, u);
    uMax = Math.max(uMax, u);
    vMin = Math.min(vMin, v);
    vMax = Math.max(vMax, v);
  }
  const padU = TILE + margin * (uMax - uMin);
  const padV = TILE;
  uMin -= padU;
  uMax += padU;
  vMin -= padV;
  vMax += padV;
  // A region wider than MAX_REGION_WIDTH is sampled coarser: reading it costs less, and a code that
  // wide has modules to spare.
  const step = Math.max(1, (uMax - uMin) / MAX_REGION_WIDTH);
  const width = Math.max(1, Math.round((uMax - uMin) / step));
  const height = Math.max(1, Math.round((vMax - vMin) / step));
  const data = new Uint8ClampedArray(width * height * 4);
  const { luma, width: w, height: h } = image;
  for (let j = 0; j < height; j++) {
    const v = vMin + (j + 0.5) * step;
    for (let i = 0; i < width; i++) {
      const u = uMin + (i + 0.5) * step;
      const x = u * cos - v * sin - 0.5;
      const y = u * sin + v * cos - 0.5;
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      let grey = 0;
      if (x0 >= 0 && y0 >= 0 && x0 + 1 < w && y0 + 1 < h) {
        const fx = x - x0;
        const fy = y - y0;
        const o = y0 * w + x0;
        const top = luma[o]! + fx * (luma[o + 1]! - luma[o]!);
        const bottom = luma[o + w]! + fx * (luma[o + w + 1]! - luma[o + w]!);
        grey = top + fy * (bottom - top);
      }
      const p = (j * width + i) * 4;
      data[p] = grey;
      data[p + 1] = grey;
      data[p + 2] = grey;
      data[p + 3] = 255;
    }
  }
  return { data, width, height };
}

/** A code this close to level (degrees) is left to the reader as it is: it reads it, and turning costs time. */
const LEVEL_TOLERANCE = 3;

/**
 * For a camera frame the reader missed: the strongest bar-like region, turned upright, when it is
 * off level (any angle, including near-vertical bars, which the live reader does not rotate for);
 * undefined when the frame has no bar-like region or its code is already level.
 */
export function tiltedCodeRegion(frame: {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}): GreyImage | undefined {
  const image = {
    luma: rgbaToLuminance(frame.data, frame.width, frame.height),
    width: frame.width,
    height: frame.height,
  };
  const [peak] = barAngles(image, 1);
  if (!peak || angleBetween(peak.degrees, 0) <= LEVEL_TOLERANCE) return undefined;
  return straightenRegion(image, peak);
}
