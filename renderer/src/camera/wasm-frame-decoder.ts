/** zxing-wasm (ZXing-C++) on camera frames, its .wasm loaded from the app's own assets. */
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { liveReaderOptions } from '../../../src/capture/live-scan-settings';
import type { FrameDecoder } from './frame-decoders';

export async function createWasmFrameDecoder(): Promise<FrameDecoder> {
  // Never the CDN the library defaults to: the .wasm is a file of the app, next to this bundle.
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
