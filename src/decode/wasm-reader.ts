/**
 * zxing-wasm (ZXing-C++) in Node, with its .wasm read from node_modules — never fetched from the
 * CDN the library would otherwise use.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes, type ReaderOptions, type ReadResult } from 'zxing-wasm/reader';
import type { RgbaImage } from './load-image.js';

let ready: Promise<unknown> | undefined;

function loadModule(): Promise<unknown> {
  if (!ready) {
    const path = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
    const bytes = readFileSync(path);
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    ready = prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
  }
  return ready;
}

export async function readWithZxingWasm(image: RgbaImage, options: ReaderOptions): Promise<ReadResult[]> {
  await loadModule();
  // zxing-wasm accepts any {data, width, height} RGBA object; Node has no ImageData class.
  return readBarcodes(image as unknown as Parameters<typeof readBarcodes>[0], options);
}
