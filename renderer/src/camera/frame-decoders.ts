/**
 * The two decoders as "RGBA frame → symbols" functions, for the decode worker. Each engine is its
 * own chunk, loaded on demand, so the default engine's worker does not parse the other one.
 */
import type { CameraEngine } from '../../../src/capture/live-scan-settings';
import type { FrameDecoder } from './worker-protocol';

export async function createFrameDecoder(engine: CameraEngine): Promise<FrameDecoder> {
  if (engine === 'wasm') return (await import('./wasm-frame-decoder')).createWasmFrameDecoder();
  return (await import('./zxing-js-frame-decoder')).createZxingJsFrameDecoder();
}
