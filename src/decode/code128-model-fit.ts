/**
 * Code 128 on one scan line too blurred for edges: when the blur is close to a module wide, a
 * narrow bar is a shallow dip with no edges of its own. Instead of finding edges, each symbol is
 * chosen as the one whose bars, blurred like the photo, best fit the grey levels where it must lie.
 * The code's two ends (quiet zone → 2-module bar on both sides) give its length; its length and
 * the START fit give the module width; symbols are then fitted left to right, each knowing the
 * one before it (whose blur spills into it).
 */
import { CODE128, code128Checksum, symbolWidths } from './code128-symbols.js';
import { code128Text } from './code128-text.js';

/** Samples per module when a window is compared with a symbol's model. */
const SAMPLES_PER_MODULE = 3;
/** A window starts this many modules before its symbol (the previous symbol's tail) and ends at its end. */
const WINDOW_LEAD = 1;
const WINDOW_SAMPLES = (WINDOW_LEAD + CODE128.SYMBOL_MODULES) * SAMPLES_PER_MODULE;
/**
 * A blur: a Gaussian (optics, focus) of `sigma` modules, then a box `box` modules long across the
 * bars (the label or the camera moving while the shutter is open; 0 = still).
 */
export interface Blur {
  readonly sigma: number;
  readonly box: number;
}

/** Optical blur widths tried by default. */
export const OPTICAL_BLURS: readonly Blur[] = [0.35, 0.5, 0.65, 0.8, 0.95].map((sigma) => ({ sigma, box: 0 }));

/** Motion blur 1.25–3.75 modules long (4–9 px at a module of 2.5–3.5 px), with a little optical blur. */
export const MOTION_BLURS: readonly Blur[] = [1.25, 1.75, 2.25, 2.75, 3.25, 3.75].flatMap((box) =>
  [0.35, 0.6].map((sigma) => ({ sigma, box })),
);

/** Points across a motion box at which the Gaussian model is averaged. */
const BOX_SAMPLES = 9;
/** Sub-module shifts tried for each symbol, so the fit follows slow drift (perspective). */
const SHIFTS = [-0.25, 0, 0.25];
/** Pixels the code's ends are moved inwards (negative: outwards) before fitting. */
const END_INSETS = [-1.5, -0.75, 0, 0.75, 1.5];

/** erf by Abramowitz–Stegun 7.1.26 (error < 1.5e-7), enough for a blur model. */
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}

/** How dark a point is (0…1) under bars [from, to) (in modules) blurred by sigma. */
function coverage(bars: ReadonlyArray<readonly [number, number]>, at: number, sigma: number): number {
  const scale = 1 / (Math.SQRT2 * sigma);
  let dark = 0;
  for (const [from, to] of bars) dark += 0.5 * (erf((to - at) * scale) - erf((from - at) * scale));
  return dark;
}

/** `coverage` further averaged over a box `blur.box` modules long centred on the point. */
function blurredCoverage(bars: ReadonlyArray<readonly [number, number]>, at: number, blur: Blur): number {
  if (blur.box === 0) return coverage(bars, at, blur.sigma);
  let dark = 0;
  for (let k = 0; k < BOX_SAMPLES; k++)
    dark += coverage(bars, at + blur.box * ((k + 0.5) / BOX_SAMPLES - 0.5), blur.sigma);
  return dark / BOX_SAMPLES;
}

/** Bars of a symbol value placed at `offset` modules, as [from, to) intervals. */
function barsOf(value: number, offset: number): Array<[number, number]> {
  const bars: Array<[number, number]> = [];
  let at = offset;
  for (const [i, width] of symbolWidths(value).entries()) {
    if (i % 2 === 0) bars.push([at, at + width]);
    at += width;
  }
  return bars;
}

/** Sample positions of a window, in modules from its symbol's start. */
const samplePosition = (i: number) => (i + 0.5) / SAMPLES_PER_MODULE - WINDOW_LEAD;

interface Models {
  /** The symbol's own darkness in its window. */
  readonly own: Float32Array[];
  /** The darkness the symbol adds to the next symbol's window. */
  readonly spill: Float32Array[];
  /** The next symbol's first bar (assumed 2 modules; all that matters is its leading edge). */
  readonly nextBar: Float32Array;
}

const modelCache = new Map<string, Models>();

function modelsFor(blur: Blur): Models {
  const key = `${blur.sigma}/${blur.box}`;
  const cached = modelCache.get(key);
  if (cached) return cached;
  const render = (bars: ReadonlyArray<readonly [number, number]>) =>
    Float32Array.from({ length: WINDOW_SAMPLES }, (_, i) => blurredCoverage(bars, samplePosition(i), blur));
  const values = Array.from({ length: CODE128.STOP + 1 }, (_, v) => v);
  const models: Models = {
    own: values.map((v) => render(barsOf(v, 0))),
    spill: values.map((v) => render(barsOf(v, -CODE128.SYMBOL_MODULES))),
    nextBar: render([[CODE128.SYMBOL_MODULES, CODE128.SYMBOL_MODULES + 2]]),
  };
  modelCache.set(key, models);
  return models;
}

/** Linear interpolation of the profile at a (fractional) pixel position. */
function sampleAt(profile: ArrayLike<number>, x: number): number {
  const i = Math.floor(x - 0.5);
  const f = x - 0.5 - i;
  const last = profile.length - 1;
  const a = profile[Math.min(last, Math.max(0, i))]!;
  const b = profile[Math.min(last, Math.max(0, i + 1))]!;
  return a + f * (b - a);
}

interface Fit {
  /** Residual RMS over the fitted contrast (0 = perfect). */
  readonly error: number;
  /** Grey levels from white to black (positive when bars are darker). */
  readonly contrast: number;
}

/**
 * Least-squares grey = white − contrast × darkness, where darkness is the sum of the given models;
 * the error is relative to the contrast. Summed in place: this runs for every candidate symbol.
 */
function fitLevels(observed: Float32Array, a: Float32Array, b: Float32Array, c?: Float32Array): Fit {
  const n = observed.length;
  let sd = 0;
  let so = 0;
  let sdd = 0;
  let sdo = 0;
  let soo = 0;
  for (let i = 0; i < n; i++) {
    const d = a[i]! + b[i]! + (c ? c[i]! : 0);
    const o = observed[i]!;
    sd += d;
    so += o;
    sdd += d * d;
    sdo += d * o;
    soo += o * o;
  }
  const vdd = sdd - (sd * sd) / n;
  const vdo = sdo - (sd * so) / n;
  const voo = soo - (so * so) / n;
  if (vdd <= 1e-9) return { error: Infinity, contrast: 0 };
  const slope = vdo / vdd;
  const residual = Math.max(0, voo - slope * vdo);
  return { error: Math.sqrt(residual / n) / Math.max(1e-9, Math.abs(slope)), contrast: -slope };
}

export interface ModelFitRules {
  /** Worst accepted residual RMS of a symbol, as a share of the code's contrast. */
  readonly maxSymbolError: number;
  /** Module widths tried are limited to this range, in pixels. */
  readonly minModulePixels: number;
  readonly maxModulePixels: number;
  /** The blurs a code may have. */
  readonly blurs: readonly Blur[];
}

export const DEFAULT_MODEL_FIT_RULES: ModelFitRules = {
  maxSymbolError: 0.12,
  minModulePixels: 1.2,
  maxModulePixels: 12,
  blurs: OPTICAL_BLURS,
};

interface Layout {
  readonly left: number;
  readonly module: number;
  readonly symbols: number;
  readonly blur: Blur;
  readonly start: number;
  readonly startFit: Fit;
}

function windowAt(profile: ArrayLike<number>, left: number, module: number): Float32Array {
  return Float32Array.from({ length: WINDOW_SAMPLES }, (_, i) => sampleAt(profile, left + samplePosition(i) * module));
}

/** Every (symbol count, blur, START) that fits the code's start, best first. */
function layouts(profile: ArrayLike<number>, leftEdge: number, rightEdge: number, rules: ModelFitRules): Layout[] {
  const found: Layout[] = [];
  // The ends were found on a blurred profile: try them a little further out and in.
  for (const inset of END_INSETS) {
    const left = leftEdge + inset;
    const length = rightEdge - inset - left;
    for (let symbols = 3; ; symbols++) {
      const module = length / (symbols * CODE128.SYMBOL_MODULES + 13);
      if (module < rules.minModulePixels) break;
      if (module > rules.maxModulePixels) continue;
      const observed = windowAt(profile, left, module);
      for (const blur of rules.blurs) {
        const models = modelsFor(blur);
        for (const start of [CODE128.START_A, CODE128.START_B, CODE128.START_C]) {
          const fit = fitLevels(observed, models.own[start]!, models.nextBar);
          if (fit.contrast > 0 && fit.error <= rules.maxSymbolError)
            found.push({ left, module, symbols, blur, start, startFit: fit });
        }
      }
    }
  }
  return found.sort((a, b) => a.startFit.error - b.startFit.error);
}

/** Fits the symbols after START one by one; returns the values (check symbol last) or undefined. */
function fitSymbols(profile: ArrayLike<number>, layout: Layout, rules: ModelFitRules): number[] | undefined {
  const models = modelsFor(layout.blur);
  const values: number[] = [];
  let previous = layout.start;
  let at = layout.left + CODE128.SYMBOL_MODULES * layout.module;
  for (let index = 1; index <= layout.symbols; index++) {
    const isStop = index === layout.symbols;
    let best: { value: number; shift: number; fit: Fit } | undefined;
    for (const shift of SHIFTS) {
      const observed = windowAt(profile, at + shift * layout.module, layout.module);
      const candidates = isStop ? [CODE128.STOP] : Array.from({ length: CODE128.START_A }, (_, v) => v);
      for (const value of candidates) {
        const fit = fitLevels(
          observed,
          models.own[value]!,
          models.spill[previous]!,
          isStop ? undefined : models.nextBar,
        );
        if (fit.contrast > 0 && (!best || fit.error < best.fit.error)) best = { value, shift, fit };
      }
    }
    if (!best || best.fit.error > rules.maxSymbolError) return undefined;
    // The same ink everywhere: a symbol far lighter or darker than START is not part of this code.
    if (best.fit.contrast < 0.6 * layout.startFit.contrast || best.fit.contrast > 1.6 * layout.startFit.contrast)
      return undefined;
    if (isStop) return values;
    values.push(best.value);
    previous = best.value;
    at += (best.shift + CODE128.SYMBOL_MODULES) * layout.module;
  }
  return undefined;
}

/**
 * Reads a code that starts (its first bar's leading edge) at pixel `left` and ends (its last bar's
 * trailing edge) at `right` on this profile. Returns its text, or undefined.
 *
 * Every layout tried is a separate chance for a wrong read to pass the mod-103 check (about 1 in
 * 103 each), so the first text that passes is not enough: when two layouts pass with different
 * texts the region is ambiguous and reads as nothing.
 */
export function fitCode128(
  profile: ArrayLike<number>,
  left: number,
  right: number,
  rules: ModelFitRules = DEFAULT_MODEL_FIT_RULES,
): string | undefined {
  let found: string | undefined;
  // The best few starts only: the rest fit START worse and are slow to rule out.
  for (const layout of layouts(profile, left, right, rules).slice(0, 6)) {
    const values = fitSymbols(profile, layout, rules);
    if (!values) continue;
    const check = values.pop();
    if (check === undefined || values.length === 0 || code128Checksum(layout.start, values) !== check) continue;
    const text = code128Text(layout.start, values);
    if (text === undefined) continue;
    if (found !== undefined && found !== text) return undefined;
    found = text;
  }
  return found;
}
