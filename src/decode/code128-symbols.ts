/**
 * The Code 128 symbol table (ISO/IEC 15417) and the lookup of a symbol from its edge-to-similar-edge
 * measurements. Each symbol is 3 bars and 3 spaces, 11 modules in all; STOP has a 7th element, a
 * 2-module bar, and its first six elements are looked up like any other symbol.
 */

/** Module widths bar, space, bar, space, bar, space for values 0…106 (106 = STOP without its final bar). */
const SYMBOL_WIDTHS: readonly string[] = [
  '212222',
  '222122',
  '222221',
  '121223',
  '121322',
  '131222',
  '122213',
  '122312',
  '132212',
  '221213',
  '221312',
  '231212',
  '112232',
  '122132',
  '122231',
  '113222',
  '123122',
  '123221',
  '223211',
  '221132',
  '221231',
  '213212',
  '223112',
  '312131',
  '311222',
  '321122',
  '321221',
  '312212',
  '322112',
  '322211',
  '212123',
  '212321',
  '232121',
  '111323',
  '131123',
  '131321',
  '112313',
  '132113',
  '132311',
  '211313',
  '231113',
  '231311',
  '112133',
  '112331',
  '132131',
  '113123',
  '113321',
  '133121',
  '313121',
  '211331',
  '231131',
  '213113',
  '213311',
  '213131',
  '311123',
  '311321',
  '331121',
  '312113',
  '312311',
  '332111',
  '314111',
  '221411',
  '431111',
  '111224',
  '111422',
  '121124',
  '121421',
  '141122',
  '141221',
  '112214',
  '112412',
  '122114',
  '122411',
  '142112',
  '142211',
  '241211',
  '221114',
  '413111',
  '241112',
  '134111',
  '111242',
  '121142',
  '121241',
  '114212',
  '124112',
  '124211',
  '411212',
  '421112',
  '421211',
  '212141',
  '214121',
  '412121',
  '111143',
  '111341',
  '131141',
  '114113',
  '114311',
  '411113',
  '411311',
  '113141',
  '114131',
  '311141',
  '411131',
  '211412',
  '211214',
  '211232',
  '233111',
];

export const CODE128 = {
  SHIFT: 98,
  CODE_C: 99,
  CODE_B: 100,
  CODE_A: 101,
  FNC1: 102,
  FNC2: 97,
  FNC3: 96,
  START_A: 103,
  START_B: 104,
  START_C: 105,
  STOP: 106,
  /** Modules in one symbol; STOP has 2 more (its final bar). */
  SYMBOL_MODULES: 11,
  STOP_BAR_MODULES: 2,
} as const;

/** The six module widths of a symbol value (STOP without its final bar). */
export function symbolWidths(value: number): readonly number[] {
  const widths = SYMBOL_WIDTHS[value];
  if (widths === undefined) throw new RangeError(`no Code 128 symbol ${value}`);
  return [...widths].map(Number);
}

/**
 * The four e-measurements of a symbol: the sums of neighbouring element pairs (bar lead edge → next
 * bar lead edge, space lead edge → next space lead edge…). Ink spread and blur move both edges of
 * such a pair the same way, so these survive where single bar widths do not.
 */
export function edgeMeasures(widths: readonly number[]): [number, number, number, number] {
  const [a = 0, b = 0, c = 0, d = 0, e = 0] = widths;
  return [a + b, b + c, c + d, d + e];
}

const keyOf = (measures: readonly number[]) => measures.join(',');

// Every symbol has its own rounded e-measurements (unit-tested), so a map lookup decodes it.
const VALUE_BY_MEASURES = new Map(SYMBOL_WIDTHS.map((_, value) => [keyOf(edgeMeasures(symbolWidths(value))), value]));

export interface SymbolMatch {
  readonly value: number;
  /** The largest distance of a measurement from its whole number of modules (0 … 0.5). */
  readonly worstError: number;
}

/**
 * Six measured element widths (any unit) → the symbol whose e-measurements they round to, or
 * undefined. Normalising by the symbol's own width makes it independent of scale and of a slow
 * change of scale along the code (perspective).
 */
export function matchSymbol(widths: readonly number[]): SymbolMatch | undefined {
  if (widths.length !== 6) return undefined;
  const total = widths.reduce((sum, w) => sum + w, 0);
  if (!(total > 0)) return undefined;
  const modules = edgeMeasures(widths).map((e) => (e * CODE128.SYMBOL_MODULES) / total);
  const rounded = modules.map(Math.round);
  const value = VALUE_BY_MEASURES.get(keyOf(rounded));
  if (value === undefined) return undefined;
  const worstError = Math.max(...modules.map((m, i) => Math.abs(m - rounded[i]!)));
  return { value, worstError };
}

/** The mod-103 check: start value + Σ position × value of the data symbols. */
export function code128Checksum(start: number, data: readonly number[]): number {
  return data.reduce((sum, value, i) => sum + (i + 1) * value, start) % 103;
}
