/**
 * An image file → the barcodes in it, each with the IMEI candidates its text holds. Used by the
 * `decode` CLI command and the corpus benchmark. A miss gets further passes with other settings;
 * the passes and their order were tuned on the images listed in the corpus manifest only.
 * When every zxing-wasm pass misses, a last pass of our own (blurred-code128.ts; wasm engine only,
 * so the zxing-js figures stay its own) looks for Code 128 blurred so much — blur near one module
 * wide — that narrow bars have no edges left for zxing's binarizers: it fits blurred models of the
 * symbols to averaged scan lines and returns only a text that passes the check symbol on several
 * scan lines (sharpening and rescaling for zxing misread that photo instead).
 */
import { performance } from 'node:perf_hooks';
import type { ReaderOptions } from 'zxing-wasm/reader';
import { extractImeiCandidates } from '../capture/candidates.js';
import { readBlurredCode128 } from './blurred-code128.js';
import { loadRgba, type ImageTransform } from './load-image.js';
import { readWithZxingWasm } from './wasm-reader.js';

export const DECODE_ENGINES = ['wasm', 'zxing-js'] as const;
export type DecodeEngine = (typeof DECODE_ENGINES)[number];

export interface DecodedSymbol {
  /** The decoded text as is (GS1 separators kept as GS characters). */
  readonly text: string;
  /** zxing-wasm's format name: "Code128", "QRCode", "DataMatrix"… */
  readonly format: string;
  /** Valid IMEIs found in the text, IMEI 1 first. */
  readonly imeis: readonly string[];
}

export interface ImageDecode {
  readonly symbols: readonly DecodedSymbol[];
  /** Which pass found them (0 = the first), or -1 when none did. */
  readonly pass: number;
  readonly ms: number;
}

export const READ_FORMATS: NonNullable<ReaderOptions['formats']> = [
  'Code128', 'Code39', 'QRCode', 'DataMatrix', 'EAN13', 'EAN8', 'UPCA', 'UPCE', 'ITF',
];

interface WasmPass {
  readonly options: ReaderOptions;
  readonly transform?: ImageTransform;
  /** Only for images whose smaller side is under this many pixels. */
  readonly maxShortSide?: number;
}

/**
 * zxing-wasm passes. 1: ZXing-C++ defaults (tryHarder, rotate, invert, downscale). 2: small crops
 * (QR/DataMatrix under 400 px) upscaled twice. 3: the global-histogram binarizer, for uneven light.
 * 4: sharpened, accepting a linear code seen on one scan line — the loosest, so it comes last.
 */
const WASM_PASSES: readonly WasmPass[] = [
  { options: {} },
  { options: {}, transform: { scale: 2 }, maxShortSide: 400 },
  { options: { binarizer: 'GlobalHistogram' } },
  { options: { minLineCount: 1 }, transform: { sharpen: 1 } },
];

function toSymbol(text: string, format: string): DecodedSymbol {
  return { text, format, imeis: extractImeiCandidates(text, 'file').valid.map((c) => c.imei) };
}

async function decodeWithWasm(input: string | Buffer): Promise<Omit<ImageDecode, 'ms'>> {
  const original = await loadRgba(input);
  for (const [index, pass] of WASM_PASSES.entries()) {
    if (pass.maxShortSide !== undefined && Math.min(original.width, original.height) >= pass.maxShortSide) continue;
    const image = pass.transform ? await loadRgba(input, pass.transform) : original;
    const results = await readWithZxingWasm(image, { formats: READ_FORMATS, textMode: 'Plain', ...pass.options });
    const symbols = results.filter((r) => r.isValid).map((r) => toSymbol(r.text, r.format));
    if (symbols.length > 0) return { symbols, pass: index };
  }
  const blurred = readBlurredCode128(original).map((text) => toSymbol(text, 'Code128'));
  if (blurred.length > 0) return { symbols: blurred, pass: WASM_PASSES.length };
  return { symbols: [], pass: -1 };
}

/** zxing-js: a quick pass, then TRY_HARDER (too slow for live video, fine for a file). */
async function decodeWithZxingJs(input: string | Buffer): Promise<Omit<ImageDecode, 'ms'>> {
  // Loaded only when asked for: @zxing/library is a devDependency, and a production install
  // without it must still run every other command (and the default engine).
  const { readWithZxingJs } = await import('./zxing-js-reader.js');
  const image = await loadRgba(input);
  for (const [index, tryHarder] of [false, true].entries()) {
    const symbols = readWithZxingJs(image, tryHarder).map((s) => toSymbol(s.text, s.format));
    if (symbols.length > 0) return { symbols, pass: index };
  }
  return { symbols: [], pass: -1 };
}

export async function decodeImage(input: string | Buffer, engine: DecodeEngine): Promise<ImageDecode> {
  const start = performance.now();
  const found = engine === 'wasm' ? await decodeWithWasm(input) : await decodeWithZxingJs(input);
  return { ...found, ms: performance.now() - start };
}
