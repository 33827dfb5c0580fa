/**
 * A last-resort Code 128 reader for photos too blurred for zxing (see decode-image.ts). Scan lines
 * run along the rows and along the columns, each the average of a few neighbouring lines to quiet
 * sensor noise, and are read both ways (so 0°, 90°, 180° and 270°): first from their edges with
 * e-measurements (code128-scanline.ts), then, between quiet zones, by fitting blurred symbol models
 * (code128-model-fit.ts). Only a text that several scan lines read, each with a valid check symbol,
 * is returned: the check symbol alone lets about one wrong read in 103 through, the vote is what
 * keeps this pass from misreading. Scan lines overlap (a band is wider than the step), so a vote
 * counts only scan lines that share no pixel line (`independentVotes`), and the winner must stand
 * alone (`chooseText`).
 */
import { rgbaToLuminance } from '../capture/luminance.js';
import { findBarEdges } from './bar-edges.js';
import { readCode128Runs, reversedRuns, runsFromEdges, type ScanRuns } from './code128-scanline.js';
import { DEFAULT_MODEL_FIT_RULES, fitCode128, MOTION_BLURS, type ModelFitRules } from './code128-model-fit.js';
import type { RgbaImage } from './load-image.js';

export interface BlurredScanSettings {
  /** Neighbouring pixel lines averaged into one scan line. */
  readonly band: number;
  /** Distance between scan lines, in pixel lines. */
  readonly step: number;
  /** Smallest edge, as a share of the scan line's grey-level range. */
  readonly minSwingShare: number;
  /** Scan lines sharing no pixel line that must read the same text before it is believed. */
  readonly minVotes: number;
  /** Also fit blurred symbol models where edges fail (code128-model-fit.ts); off only in tests of the edge reader. */
  readonly modelFit: boolean;
  /** Find codes between quiet zones alike in width (`codeExtents`), for motion blur. */
  readonly matchedQuietZones: boolean;
  /** The model fit's rules (which blurs it tries); its defaults when absent. */
  readonly modelFitRules?: ModelFitRules;
}

/**
 * Stretches of the line that could be one code: from a bar after a quiet zone to a bar before
 * one, the quiet zones clearly wider than anything between. Pixel positions of the outer edges.
 * With `matchedQuietZones` (motion blur, which merges a wide bar, a narrow space and a wide bar
 * into one run nearly as wide as a quiet zone) a quiet zone need only be wider than anything
 * between, but the two must be alike, and only a run alike to the first one ends a stretch.
 */
export function codeExtents(runs: ScanRuns, matchedQuietZones = false): Array<[number, number]> {
  const extents: Array<[number, number]> = [];
  const { widths } = runs;
  const starts: number[] = [];
  let x = 0;
  for (let i = 0; i < widths.length; i++) {
    starts.push(x);
    x += widths[i]!;
  }
  const isBar = (i: number) => (i % 2 === 0) === runs.firstIsBar;
  const overWidest = matchedQuietZones ? MATCHED_QUIET_OVER_WIDEST : QUIET_OVER_WIDEST;
  for (let first = 1; first < widths.length - 1; first++) {
    const before = widths[first - 1]!;
    if (!isBar(first) || before < MIN_QUIET_PIXELS) continue;
    const likeQuiet = (w: number) =>
      !matchedQuietZones || (w >= QUIET_ZONES_ALIKE * before && before >= QUIET_ZONES_ALIKE * w);
    let widest = 0;
    for (let last = first; last < widths.length - 1; last++) {
      if (isBar(last)) {
        const after = widths[last + 1]!;
        if (
          last - first >= MIN_CODE_RUNS &&
          after >= MIN_QUIET_PIXELS &&
          likeQuiet(after) &&
          after >= overWidest * widest &&
          before >= overWidest * widest
        ) {
          extents.push([starts[first]!, starts[last]! + widths[last]!]);
          break;
        }
      }
      // A gap as wide as a quiet zone inside: this stretch is not one code.
      if (
        last > first &&
        widths[last]! >= MIN_QUIET_PIXELS &&
        widths[last]! >= QUIET_OVER_WIDEST * widest &&
        likeQuiet(widths[last]!)
      )
        break;
      widest = Math.max(widest, widths[last]!);
    }
  }
  return extents;
}

const MIN_QUIET_PIXELS = 8;
const QUIET_OVER_WIDEST = 1.5;
const MATCHED_QUIET_OVER_WIDEST = 1.05;
/** Matched quiet zones: the narrower at least this share of the wider. */
const QUIET_ZONES_ALIKE = 0.6;
/** START, one data symbol, check and STOP have 25 runs; blur merges a few. */
const MIN_CODE_RUNS = 16;

export const BLURRED_SCAN_SETTINGS: BlurredScanSettings = {
  band: 3,
  step: 2,
  minSwingShare: 0.03,
  minVotes: 3,
  modelFit: true,
  matchedQuietZones: false,
};

/** The mean of `band` rows (or columns) starting at `first`, as one profile across the image. */
function bandProfile(
  luma: Uint8ClampedArray,
  width: number,
  height: number,
  alongRows: boolean,
  first: number,
  band: number,
): Float32Array {
  const length = alongRows ? width : height;
  const profile = new Float32Array(length);
  for (let line = first; line < first + band; line++) {
    for (let i = 0; i < length; i++) profile[i]! += luma[alongRows ? line * width + i : i * width + line]!;
  }
  for (let i = 0; i < length; i++) profile[i]! /= band;
  return profile;
}

function rangeOf(profile: Float32Array): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of profile) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return hi - lo;
}

/** Where a text was read: the first pixel line of each scan line that read it, along the rows and along the columns. */
export interface TextReadings {
  readonly rows: number[];
  readonly columns: number[];
}

/**
 * How many of these scan lines share no pixel line: greedily from the first, a scan line counts
 * when it starts at least `band` lines after the last one counted (for bands of equal width this
 * is the largest such set). Neighbouring scan lines see mostly the same pixels, so one systematic
 * misread shows up on several of them; only separate bands are separate evidence. Rows and
 * columns are counted apart and added.
 */
export function independentVotes(readings: TextReadings, band: number): number {
  let votes = 0;
  for (const lines of [readings.rows, readings.columns]) {
    let next = -Infinity;
    for (const first of [...lines].sort((a, b) => a - b)) {
      if (first < next) continue;
      votes += 1;
      next = first + band;
    }
  }
  return votes;
}

/**
 * The winner needs this many times the votes of any other text read in the same image: a rival
 * with more than a quarter of the winner's votes (or reaching `minVotes` itself) means the image
 * reads two ways, and this pass, which must never misread, then reads nothing.
 */
const WINNER_OVER_RIVAL = 4;

/**
 * The one text to believe, or nothing. The rule: the text with the most independent votes
 * (`independentVotes`) needs at least `minVotes`, and every other text must have fewer than
 * `minVotes` and at most a quarter of the winner's votes. Two texts both reaching the threshold
 * (two codes, or one code read two ways) return nothing: zxing's passes read photos with several
 * sharp codes; this last resort only speaks when the photo says one thing.
 */
export function chooseText(
  readings: ReadonlyMap<string, TextReadings>,
  settings: Pick<BlurredScanSettings, 'band' | 'minVotes'>,
): string | undefined {
  const ranked = [...readings]
    .map(([text, where]) => ({ text, votes: independentVotes(where, settings.band) }))
    .sort((a, b) => b.votes - a.votes);
  const [winner, rival] = ranked;
  if (!winner || winner.votes < settings.minVotes) return undefined;
  if (rival && (rival.votes >= settings.minVotes || rival.votes * WINNER_OVER_RIVAL > winner.votes)) return undefined;
  return winner.text;
}

/**
 * For a label blurred by motion across its bars: codes found between matched quiet zones, and
 * models blurred by a box 1.25–3.75 modules long. The same vote decides.
 */
export const MOTION_SCAN_SETTINGS: BlurredScanSettings = {
  ...BLURRED_SCAN_SETTINGS,
  matchedQuietZones: true,
  modelFitRules: { ...DEFAULT_MODEL_FIT_RULES, blurs: MOTION_BLURS },
};

/** Each text read, with the scan lines that read it. */
export function scanForCode128(
  image: RgbaImage,
  settings: BlurredScanSettings = BLURRED_SCAN_SETTINGS,
): Map<string, TextReadings> {
  const { width, height } = image;
  const luma = rgbaToLuminance(image.data, width, height);
  const readings = new Map<string, TextReadings>();
  for (const alongRows of [true, false]) {
    const lines = alongRows ? height : width;
    for (let first = 0; first + settings.band <= lines; first += settings.step) {
      const profile = bandProfile(luma, width, height, alongRows, first, settings.band);
      const edges = findBarEdges(profile, Math.max(1, settings.minSwingShare * rangeOf(profile)));
      const runs = runsFromEdges(edges, profile.length);
      if (!runs) continue;
      const texts = [...readCode128Runs(runs), ...readCode128Runs(reversedRuns(runs))].map((r) => r.text);
      if (settings.modelFit) {
        const reversed = Float32Array.from(profile).reverse();
        for (const [left, right] of codeExtents(runs, settings.matchedQuietZones)) {
          const forward = fitCode128(profile, left, right, settings.modelFitRules);
          if (forward !== undefined) texts.push(forward);
          const backward = fitCode128(reversed, profile.length - right, profile.length - left, settings.modelFitRules);
          if (backward !== undefined) texts.push(backward);
        }
      }
      for (const text of new Set(texts)) {
        let where = readings.get(text);
        if (!where) readings.set(text, (where = { rows: [], columns: [] }));
        (alongRows ? where.rows : where.columns).push(first);
      }
    }
  }
  return readings;
}

/** The text this pass believes (see `chooseText`), as a list of none or one. */
export function readBlurredCode128(image: RgbaImage, settings: BlurredScanSettings = BLURRED_SCAN_SETTINGS): string[] {
  const text = chooseText(scanForCode128(image, settings), settings);
  return text === undefined ? [] : [text];
}
