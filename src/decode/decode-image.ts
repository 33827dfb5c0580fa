/**
 * An image file → the barcodes in it, each with the IMEI candidates its text holds. Used by the
 * `decode` CLI command and the corpus benchmark. A miss gets further passes with other settings;
 * the passes and their order were tuned on the images listed in the corpus manifest only.
 * When every zxing-wasm pass misses, a last pass of our own (blurred-code128.ts; wasm engine only,
 * so the zxing-js figures stay its own) looks for Code 128 blurred so much — blur near one module
 * wide — that narrow bars have no edges left for zxing's binarizers: it fits blurred models of the
 * symbols to averaged scan lines and returns only a text that passes the check symbol on several
 * scan lines (sharpening and rescaling for zxing misread that photo instead).
 * When that misses too, the image is straightened (bar-angle.ts finds which way the bars run, so
 * a label at any angle ends with vertical bars) and tried again: as it is, then averaged along the
 * bars (a dim, noisy photo: noise averages out, bars do not), then enlarged and averaged (modules
 * near one pixel), each with zxing and then our own pass; last, our own pass with models of motion
 * blur across the bars. These come last so that every photo the earlier passes read is read
 * exactly as before.
 */
import { performance } from 'node:perf_hooks';
import type { ReaderOptions } from 'zxing-wasm/reader';
import { extractImeiCandidates } from '../capture/candidates.js';
import { rgbaToLuminance } from '../capture/luminance.js';
import { barAngles, MIN_REGION_TILES } from '../capture/bar-angle.js';
import { MOTION_SCAN_SETTINGS, readBlurredCode128 } from './blurred-code128.js';
import { checkImageSize, loadRgba, type ImageTransform, type RgbaImage } from './load-image.js';
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
  'Code128',
  'Code39',
  'QRCode',
  'DataMatrix',
  'EAN13',
  'EAN8',
  'UPCA',
  'UPCE',
  'ITF',
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

/**
 * Passes on the straightened image (bars vertical), each zxing then our own Code 128 pass. Tuned on
 * generated labels (test/fixtures/labels, seeds 1–3): rotated, dim with noise, blurred by motion,
 * modules near one pixel.
 */
const STRAIGHT_PASSES: readonly ImageTransform[] = [{}, { columnAverage: 9 }, { scale: 2, columnAverage: 15 }];

/** Smaller turns than this are left alone: zxing reads a code a degree off level, and turning blurs. */
const MIN_TURN_DEGREES = 0.3;

/**
 * The clockwise turns (sharp's sense) that make each code's bars vertical, strongest code first;
 * none for a photo with no bar-like region (the passes after this would only cost time).
 */
function straighteningTurns(image: RgbaImage): number[] {
  const angles = barAngles({
    luma: rgbaToLuminance(image.data, image.width, image.height),
    width: image.width,
    height: image.height,
  });
  return angles
    .filter((peak) => peak.tiles.length >= MIN_REGION_TILES)
    .map(({ degrees }) => {
      // The smaller of the two turns; an upside-down code reads either way.
      const turn = -(degrees > 90 ? degrees - 180 : degrees);
      return Math.abs(turn) < MIN_TURN_DEGREES ? 0 : turn;
    });
}

function toSymbol(text: string, format: string): DecodedSymbol {
  return { text, format, imeis: extractImeiCandidates(text, 'file').valid.map((c) => c.imei) };
}

/** A photo with a longer side over this is first tried scaled down to it (ZXing's own downscaling stops short on big photos). */
const FIRST_LOOK_SIDE = 2000;
/**
 * Our own passes (pixel loops in JavaScript, and turned copies) look at a photo scaled down to
 * this longer side: a label filling a few percent of a 40 MP photo still has modules of 2 px or
 * more, and a full-size 40 MP photo without a code would take a minute.
 */
const OWN_PASSES_SIDE = 2400;
/** Enlarging passes are skipped above this many pixels: the copy would be four times as big. */
const MAX_ENLARGE_PIXELS = 4_000_000;

async function zxingSymbols(image: RgbaImage, options: ReaderOptions = {}): Promise<DecodedSymbol[]> {
  const results = await readWithZxingWasm(image, { formats: READ_FORMATS, textMode: 'Plain', ...options });
  return results.filter((r) => r.isValid).map((r) => toSymbol(r.text, r.format));
}

const ourSymbols = (texts: readonly string[]) => texts.map((text) => toSymbol(text, 'Code128'));

/**
 * What a pass that accepts a code seen on one scan line says, without what looks like a misread
 * IMEI label: 15 or more digits holding no valid IMEI. On generated IMEI labels with modules near
 * one pixel or heavy JPEG, that pass returned such texts (15 digits failing Luhn, 18 digits) where
 * later passes read the right one; a long number that is not a misread is read by the stricter
 * passes before it whenever it is sharp enough.
 */
function withoutMisreadImeis(symbols: readonly DecodedSymbol[]): DecodedSymbol[] {
  return symbols.filter((s) => !(/^\d{15,}$/.test(s.text) && s.imeis.length === 0));
}

async function decodeWithWasm(input: string | Buffer): Promise<Omit<ImageDecode, 'ms'>> {
  const { width, height } = await checkImageSize(input);
  if (Math.max(width, height) > FIRST_LOOK_SIDE) {
    const symbols = await zxingSymbols(await loadRgba(input, { fit: FIRST_LOOK_SIDE }));
    if (symbols.length > 0) return { symbols, pass: 0 };
  }
  const original = await loadRgba(input);
  for (const [index, pass] of WASM_PASSES.entries()) {
    if (pass.maxShortSide !== undefined && Math.min(original.width, original.height) >= pass.maxShortSide) continue;
    const image = pass.transform ? await loadRgba(input, pass.transform) : original;
    const found = await zxingSymbols(image, pass.options);
    const symbols = pass.options.minLineCount === 1 ? withoutMisreadImeis(found) : found;
    if (symbols.length > 0) return { symbols, pass: index };
  }
  const own = Math.max(width, height) > OWN_PASSES_SIDE ? await loadRgba(input, { fit: OWN_PASSES_SIDE }) : original;
  const blurred = ourSymbols(readBlurredCode128(own));
  if (blurred.length > 0) return { symbols: blurred, pass: WASM_PASSES.length };
  let pass = WASM_PASSES.length;
  for (const turn of straighteningTurns(own)) {
    for (const transform of STRAIGHT_PASSES) {
      if (turn === 0 && Object.keys(transform).length === 0) continue; // the original, tried above
      if ((transform.scale ?? 1) > 1 && own.width * own.height > MAX_ENLARGE_PIXELS) continue;
      const image = await loadRgba(own, { ...transform, rotate: turn });
      pass++;
      const symbols = await zxingSymbols(image);
      if (symbols.length > 0) return { symbols, pass };
      pass++;
      const ours = ourSymbols(readBlurredCode128(image));
      if (ours.length > 0) return { symbols: ours, pass };
    }
    pass++;
    const moving = ourSymbols(
      readBlurredCode128(turn === 0 ? own : await loadRgba(own, { rotate: turn }), MOTION_SCAN_SETTINGS),
    );
    if (moving.length > 0) return { symbols: moving, pass };
  }
  return { symbols: [], pass: -1 };
}

/** zxing-js: a quick pass, then TRY_HARDER (too slow for live video, fine for a file). */
async function decodeWithZxingJs(input: string | Buffer): Promise<Omit<ImageDecode, 'ms'>> {
  // Loaded only when asked for: @zxing/library is a devDependency, and a production install
  // without it must still run every other command (and the default engine).
  const { readWithZxingJs } = await import('./zxing-js-reader.js');
  await checkImageSize(input);
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
