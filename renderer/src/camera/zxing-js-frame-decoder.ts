/**
 * @zxing/library (the engine inside @zxing/browser) on camera frames, with the Code 128 fix, and
 * the same angle step as the wasm engine: a missed frame's bar-like region off level, turned upright.
 */
import * as ZXing from '@zxing/library';
import { applyCode128StartPatternFix, rgbaToLuminance, type Code128ReaderStatics } from '../../../src/capture';
import { tiltedCodeRegion } from '../../../src/capture/bar-angle';
import type { DecodedSymbol, FrameDecoder } from './worker-protocol';

const FORMAT_NAMES: Partial<Record<ZXing.BarcodeFormat, string>> = {
  [ZXing.BarcodeFormat.CODE_128]: 'Code128',
  [ZXing.BarcodeFormat.QR_CODE]: 'QRCode',
  [ZXing.BarcodeFormat.DATA_MATRIX]: 'DataMatrix',
};

export function createZxingJsFrameDecoder(): FrameDecoder {
  applyCode128StartPatternFix(
    ZXing.Code128Reader as unknown as Code128ReaderStatics,
    () => new ZXing.NotFoundException(),
  );
  const hints = new Map<ZXing.DecodeHintType, unknown>([
    [ZXing.DecodeHintType.POSSIBLE_FORMATS, [ZXing.BarcodeFormat.CODE_128]],
  ]);
  // One reader per format instead of MultiFormatReader, which console.warns on every empty frame.
  // No TRY_HARDER: over 100 ms per empty frame in zxing-js.
  const readers = [new ZXing.MultiFormatOneDReader(hints), new ZXing.DataMatrixReader(), new ZXing.QRCodeReader()];
  const read = (image: { data: Uint8ClampedArray; width: number; height: number }): DecodedSymbol[] => {
    const luminance = rgbaToLuminance(image.data, image.width, image.height);
    const bitmap = new ZXing.BinaryBitmap(
      new ZXing.HybridBinarizer(new ZXing.RGBLuminanceSource(luminance, image.width, image.height)),
    );
    for (const reader of readers) {
      try {
        const result = reader.decode(bitmap, hints);
        return [{ text: result.getText(), format: FORMAT_NAMES[result.getBarcodeFormat()] ?? 'Other' }];
      } catch {
        // Not found (or not decodable) by this reader: try the next.
      }
    }
    return [];
  };
  return async (image) => {
    const symbols = read(image);
    if (symbols.length > 0) return symbols;
    const region = tiltedCodeRegion(image);
    return region ? read(region) : [];
  };
}
