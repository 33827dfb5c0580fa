/**
 * One decode worker per engine, started once and kept: compiling the ~1 MB decoder .wasm takes
 * longer than opening the camera, so it is started early (prewarmCameraDecoder at app start, or
 * when the camera view mounts) and reused by every later scan.
 */
import type { CameraEngine } from '../../../src/capture/live-scan-settings';
import { FromWorker, type ToWorker } from './worker-protocol';

export interface DecoderWorker {
  readonly engine: CameraEngine;
  /** Resolves when the decoder is loaded; rejects if the worker cannot start. */
  readonly ready: Promise<void>;
  post(message: ToWorker, transfer?: Transferable[]): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: (message: FromWorker) => void): () => void;
}

const workers = new Map<CameraEngine, DecoderWorker>();

function startWorker(engine: CameraEngine): DecoderWorker {
  const worker = new Worker(new URL('./decode.worker.ts', import.meta.url), {
    type: 'module',
    name: `barcode-decoder-${engine}`,
  });
  const listeners = new Set<(message: FromWorker) => void>();
  let settle: { resolve(): void; reject(error: Error): void } | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  const fail = (message: string) => {
    workers.delete(engine); // the next scan starts a fresh worker
    worker.terminate();
    settle?.reject(new Error(message));
  };
  worker.onmessage = (event: MessageEvent<unknown>) => {
    const parsed = FromWorker.safeParse(event.data);
    if (!parsed.success) return;
    if (parsed.data.type === 'ready') settle?.resolve();
    for (const listener of listeners) listener(parsed.data);
  };
  worker.onerror = (event) => fail(event.message || 'the barcode decoder could not start');
  worker.postMessage({ type: 'init', engine } satisfies ToWorker);
  ready.catch(() => undefined); // observed by whoever awaits it
  return {
    engine,
    ready,
    post: (message, transfer = []) => worker.postMessage(message, transfer),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function decoderWorker(engine: CameraEngine): DecoderWorker {
  let existing = workers.get(engine);
  if (!existing) {
    existing = startWorker(engine);
    workers.set(engine, existing);
  }
  return existing;
}

/** Starts the decoder in the background so the first camera scan does not wait for it. */
export function prewarmCameraDecoder(engine: CameraEngine = 'wasm'): void {
  decoderWorker(engine);
}
