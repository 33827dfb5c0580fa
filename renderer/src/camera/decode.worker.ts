/**
 * The decode worker: receives camera frames as ImageBitmaps, reads their pixels on an
 * OffscreenCanvas and decodes them, so the UI thread never waits on a decoder.
 */
import { createFrameDecoder } from './frame-decoders';
import { FromWorker, ToWorker, type FrameDecoder } from './worker-protocol';

// The renderer's types are the DOM's; a dedicated worker's global needs only these two members.
const scope = self as unknown as {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
};

let decoder: Promise<FrameDecoder> | undefined;
let canvas: OffscreenCanvas | undefined;
let context: OffscreenCanvasRenderingContext2D | null = null;
let frameIndex = 0;

function send(message: FromWorker): void {
  scope.postMessage(FromWorker.parse(message));
}

function pixels(bitmap: ImageBitmap): ImageData {
  if (!canvas || canvas.width !== bitmap.width || canvas.height !== bitmap.height) {
    canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    context = canvas.getContext('2d', { willReadFrequently: true });
  }
  if (!context) throw new Error('OffscreenCanvas 2D is not available');
  context.drawImage(bitmap, 0, 0);
  return context.getImageData(0, 0, bitmap.width, bitmap.height);
}

scope.onmessage = async (event: MessageEvent<unknown>) => {
  const parsed = ToWorker.safeParse(event.data);
  if (!parsed.success) {
    send({ type: 'error', message: `The decode worker got an unexpected message: ${parsed.error.message}` });
    return;
  }
  const message = parsed.data;
  try {
    if (message.type === 'init') {
      decoder = createFrameDecoder(message.engine);
      await decoder;
      send({ type: 'ready', engine: message.engine });
      return;
    }
    const { bitmap, id } = message;
    const started = performance.now();
    try {
      if (!decoder) throw new Error('the decode worker was not initialised');
      const image = pixels(bitmap);
      const symbols = await (await decoder)(image, frameIndex++);
      send({ type: 'result', id, symbols, ms: performance.now() - started, width: image.width, height: image.height });
    } finally {
      bitmap.close();
    }
  } catch (error) {
    send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
