/**
 * One scan line's bar and space widths → the Code 128 symbols on it, read left to right. Each
 * symbol is matched by its e-measurements (see code128-symbols.ts) against its own width; a read
 * needs quiet zones, START, STOP with its final bar, and the mod-103 check symbol.
 */
import type { Edge } from './bar-edges.js';
import { CODE128, code128Checksum, matchSymbol } from './code128-symbols.js';
import { code128Text } from './code128-text.js';

/** A scan line cut into alternating light and dark runs, margins before the first and after the last edge included. */
export interface ScanRuns {
  readonly widths: readonly number[];
  readonly firstIsBar: boolean;
}

export interface LineRead {
  readonly text: string;
  /** Run index of the first START bar (in the order the runs were given). */
  readonly firstRun: number;
  /** Pixels per module, from the whole symbol. */
  readonly moduleWidth: number;
}

export interface ScanlineRules {
  /** Light space each side of the code, in modules (the standard asks 10; photos crop closer). */
  readonly minQuietModules: number;
  /** The furthest an e-measurement may lie from a whole number of modules (0.5 accepts any rounding). */
  readonly maxMeasureError: number;
  /** How much one symbol may be wider or narrower than the one before (perspective is gradual). */
  readonly maxWidthChange: number;
}

export const DEFAULT_SCANLINE_RULES: ScanlineRules = { minQuietModules: 5, maxMeasureError: 0.4, maxWidthChange: 0.2 };

export function runsFromEdges(edges: readonly Edge[], length: number): ScanRuns | undefined {
  const first = edges[0];
  const last = edges[edges.length - 1];
  if (first === undefined || last === undefined) return undefined;
  const widths = [first.at];
  for (let i = 1; i < edges.length; i++) widths.push(edges[i]!.at - edges[i - 1]!.at);
  widths.push(length - last.at);
  return { widths, firstIsBar: !first.intoBar };
}

/** The same runs read from the other end (a code upside down). */
export function reversedRuns(runs: ScanRuns): ScanRuns {
  const lastIsBar = runs.firstIsBar === (runs.widths.length % 2 === 1);
  return { widths: [...runs.widths].reverse(), firstIsBar: lastIsBar };
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Reads one code whose START begins at run `first`, or undefined. */
function readFrom(runs: ScanRuns, first: number, rules: ScanlineRules): LineRead | undefined {
  const { widths } = runs;
  const startWidths = widths.slice(first, first + 6);
  const start = matchSymbol(startWidths);
  if (!start || start.worstError > rules.maxMeasureError) return undefined;
  if (start.value < CODE128.START_A || start.value > CODE128.START_C) return undefined;
  let symbolWidth = sum(startWidths);
  const moduleAtStart = symbolWidth / CODE128.SYMBOL_MODULES;
  if (widths[first - 1]! < rules.minQuietModules * moduleAtStart) return undefined;

  const values: number[] = [];
  for (let at = first + 6; at + 6 <= widths.length; at += 6) {
    const symbol = widths.slice(at, at + 6);
    const width = sum(symbol);
    if (Math.abs(width / symbolWidth - 1) > rules.maxWidthChange) return undefined;
    const match = matchSymbol(symbol);
    if (!match || match.worstError > rules.maxMeasureError) return undefined;
    symbolWidth = width;
    if (match.value !== CODE128.STOP) {
      values.push(match.value);
      continue;
    }
    const module = width / CODE128.SYMBOL_MODULES;
    // STOP's last space and final bar: 1 + 2 modules, an e-measurement like the others.
    const tail = (widths[at + 5]! + (widths[at + 6] ?? 0)) / module;
    if (Math.abs(tail - (1 + CODE128.STOP_BAR_MODULES)) > rules.maxMeasureError) return undefined;
    if ((widths[at + 7] ?? 0) < rules.minQuietModules * module) return undefined;
    // At least one data symbol, then the check symbol.
    const check = values.pop();
    if (check === undefined || values.length === 0 || code128Checksum(start.value, values) !== check) return undefined;
    const text = code128Text(start.value, values);
    if (text === undefined) return undefined;
    const total = sum(widths.slice(first, at + 7));
    return { text, firstRun: first, moduleWidth: total / ((values.length + 2) * CODE128.SYMBOL_MODULES + 13) };
  }
  return undefined;
}

/** Every code on the line, read in the direction the runs are given. */
export function readCode128Runs(runs: ScanRuns, rules: ScanlineRules = DEFAULT_SCANLINE_RULES): LineRead[] {
  const reads: LineRead[] = [];
  // Run 0 is the margin, never a START bar: a START needs the quiet zone in front of it.
  for (let first = runs.firstIsBar ? 2 : 1; first + 6 < runs.widths.length; first += 2) {
    const read = readFrom(runs, first, rules);
    if (read) reads.push(read);
  }
  return reads;
}
