/**
 * The two decoders, as "RGBA frame → symbols" functions, for the decode worker.
 * zxing-wasm (default) loads its .wasm from the app's own assets; @zxing/library (the engine of
 * @zxing/browser) is the second engine, with the Code 128 start-pattern fix applied.
 */
import * as ZXing from '@zxing/library';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { applyCode128StartPatternFix, rgbaToLuminance, type Code128ReaderStatics } from '../../../src/capture';
import { liveReaderOptions, type CameraEngine } from '../../../src/capture/live-scan-settings';
import type { DecodedSymbol } from './worker-protocol';

export type FrameDecoder = (image: ImageData, frameIndex: number) => Promise<DecodedSymbol[]>;

async function wasmDecoder(): Promise<FrameDecoder> {
  // Never the CDN: the .wasm is a file of the app, resolved against this module's URL.
  const url = new URL(wasmUrl, import.meta.url).href;
  await prepareZXingModule({
    overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? url : prefix + path) },
    fireImmediately: true,
  });
  return async (image, frameIndex) => {
    const results = await readBarcodes(image, liveReaderOptions(frameIndex));
    return results.filter((r) => r.isValid).map((r) => ({ text: r.text, format: r.format }));
  };
}

const ZXING_FORMAT_NAMES: Partial<Record<ZXing.BarcodeFormat, string>> = {
  [ZXing.BarcodeFormat.CODE_128]: 'Code128',
  [ZXing.BarcodeFormat.QR_CODE]: 'QRCode',
  [ZXing.BarcodeFormat.DATA_MATRIX]: 'DataMatrix',
};

function zxingJsDecoder(): FrameDecoder {
  applyCode128StartPatternFix(ZXing.Code128Reader as unknown as Code128ReaderStatics, () => new ZXing.NotFoundException());
  const hints = new Map<ZXing.DecodeHintType, unknown>([[ZXing.DecodeHintType.POSSIBLE_FORMATS, [ZXing.BarcodeFormat.CODE_128]]]);
  // One reader per format instead of MultiFormatReader, which console.warns on every empty frame.
  // No TRY_HARDER: over 100 ms per empty frame in zxing-js.
  const readers = [new ZXing.MultiFormatOneDReader(hints), new ZXing.DataMatrixReader(), new ZXing.QRCodeReader()];
  return async (image) => {
    const luminance = rgbaToLuminance(image.data, image.width, image.height);
    const bitmap = new ZXing.BinaryBitmap(new ZXing.HybridBinarizer(new ZXing.RGBLuminanceSource(luminance, image.width, image.height)));
    for (const reader of readers) {
      try {
        const result = reader.decode(bitmap, hints);
        return [{ text: result.getText(), format: ZXING_FORMAT_NAMES[result.getBarcodeFormat()] ?? 'Other' }];
      } catch {
        // Not found (or not decodable) by this reader: try the next.
      }
    }
    return [];
  };
}

export async function createFrameDecoder(engine: CameraEngine): Promise<FrameDecoder> {
  return engine === 'wasm' ? wasmDecoder() : zxingJsDecoder();
}
