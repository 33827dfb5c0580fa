/**
 * zxing-wasm (ZXing-C++) on camera frames, its .wasm loaded from the app's own assets. A frame the
 * reader misses gets the angle step: when it has a bar-like region off level (a label held at an
 * angle, which the live settings do not rotate for), that region is turned upright and read again.
 */
import { prepareZXingModule, readBarcodes, type ReadResult } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { tiltedCodeRegion } from '../../../src/capture/bar-angle';
import { liveReaderOptions } from '../../../src/capture/live-scan-settings';
import type { DecodedSymbol, FrameDecoder } from './worker-protocol';

const valid = (results: ReadResult[]): DecodedSymbol[] =>
  results.filter((r) => r.isValid).map((r) => ({ text: r.text, format: r.format }));

export async function createWasmFrameDecoder(): Promise<FrameDecoder> {
  // Never the CDN the library defaults to: the .wasm is a file of the app, next to this bundle.
  const url = new URL(wasmUrl, import.meta.url).href;
  await prepareZXingModule({
    overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? url : prefix + path) },
    fireImmediately: true,
  });
  return async (image, frameIndex) => {
    const options = liveReaderOptions(frameIndex);
    const symbols = valid(await readBarcodes(image, options));
    // Not on the thorough frames: they already take the longest, and the fast ones around them try it.
    if (symbols.length > 0 || options.tryHarder) return symbols;
    const region = tiltedCodeRegion(image);
    return region ? valid(await readBarcodes(new ImageData(region.data, region.width, region.height), options)) : [];
  };
}
