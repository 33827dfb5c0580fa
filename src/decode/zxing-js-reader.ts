/**
 * @zxing/library (the engine inside @zxing/browser) in Node, with the Code 128 start-pattern fix
 * applied. It finds one symbol per image.
 */
import * as ZXingNamespace from '@zxing/library';
import { rgbaToLuminance } from '../capture/luminance.js';
import { applyCode128StartPatternFix, type Code128ReaderStatics } from '../capture/zxing-js-code128-fix.js';
import type { RgbaImage } from './load-image.js';

// The package is CommonJS for Node, and Node cannot see its named exports: take them from the default.
const ZXing = (ZXingNamespace as unknown as { default?: typeof ZXingNamespace }).default ?? ZXingNamespace;
const {
  BarcodeFormat,
  BinaryBitmap,
  Code128Reader,
  DataMatrixReader,
  DecodeHintType,
  HybridBinarizer,
  MultiFormatOneDReader,
  NotFoundException,
  QRCodeReader,
  RGBLuminanceSource,
} = ZXing;
type BarcodeFormat = ZXingNamespace.BarcodeFormat;
type DecodeHintType = ZXingNamespace.DecodeHintType;

applyCode128StartPatternFix(Code128Reader as unknown as Code128ReaderStatics, () => new NotFoundException());

export interface ZxingJsSymbol {
  readonly text: string;
  readonly format: string;
}

/** zxing-js names → the zxing-wasm names the rest of the app uses. */
const FORMAT_NAMES: Partial<Record<BarcodeFormat, string>> = {
  [BarcodeFormat.CODE_128]: 'Code128',
  [BarcodeFormat.CODE_39]: 'Code39',
  [BarcodeFormat.QR_CODE]: 'QRCode',
  [BarcodeFormat.DATA_MATRIX]: 'DataMatrix',
  [BarcodeFormat.EAN_13]: 'EAN13',
  [BarcodeFormat.EAN_8]: 'EAN8',
  [BarcodeFormat.UPC_A]: 'UPCA',
  [BarcodeFormat.UPC_E]: 'UPCE',
  [BarcodeFormat.ITF]: 'ITF',
};

const ONE_D_FORMATS = [
  BarcodeFormat.CODE_128,
  BarcodeFormat.CODE_39,
  BarcodeFormat.EAN_13,
  BarcodeFormat.EAN_8,
  BarcodeFormat.UPC_A,
  BarcodeFormat.UPC_E,
  BarcodeFormat.ITF,
];

interface SymbolReader {
  decode(image: ZXingNamespace.BinaryBitmap, hints?: Map<DecodeHintType, unknown>): ZXingNamespace.Result;
}

function makeReaders(tryHarder: boolean): { readers: SymbolReader[]; hints: Map<DecodeHintType, unknown> } {
  const hints = new Map<DecodeHintType, unknown>([[DecodeHintType.POSSIBLE_FORMATS, ONE_D_FORMATS]]);
  if (tryHarder) hints.set(DecodeHintType.TRY_HARDER, true);
  // The readers one by one rather than MultiFormatReader, which console.warns on every miss.
  return { readers: [new MultiFormatOneDReader(hints), new QRCodeReader(), new DataMatrixReader()], hints };
}

const engines = { fast: makeReaders(false), hard: makeReaders(true) };

export function readWithZxingJs(image: RgbaImage, tryHarder: boolean): ZxingJsSymbol[] {
  const luminance = rgbaToLuminance(image.data, image.width, image.height);
  const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, image.width, image.height)));
  const { readers, hints } = tryHarder ? engines.hard : engines.fast;
  for (const reader of readers) {
    try {
      const result = reader.decode(bitmap, hints);
      const format = result.getBarcodeFormat();
      return [{ text: result.getText(), format: FORMAT_NAMES[format] ?? String(BarcodeFormat[format]) }];
    } catch {
      // NotFound/Checksum/Format exceptions, and the library's internal errors on odd images: a miss.
    }
  }
  return [];
}
