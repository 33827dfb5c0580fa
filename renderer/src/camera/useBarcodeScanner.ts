/**
 * The decode loop: at most one frame every FRAME_INTERVAL_MS, one frame in flight at a time, the
 * guide-box region sent to the worker as an ImageBitmap; reads go through the confirmer (two
 * identical reads to accept, a choice when two IMEIs are in view).
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { createReadConfirmer, type ConfirmationStep } from '../../../src/capture';
import { FRAME_INTERVAL_MS, guideBoxPixels, type CameraEngine } from './live-options';
import { FromWorker, type ToWorker } from './worker-protocol';

export interface ScannerStats {
  readonly frames: number;
  /** Worker time of the latest frame. */
  readonly lastFrameMs?: number;
  /** performance.now() of the first frame with a barcode in it. */
  readonly firstSymbolAt?: number;
}

export interface ScannerState {
  readonly step: ConfirmationStep;
  readonly stats: ScannerStats;
  readonly workerError?: string;
}

export function useBarcodeScanner(
  videoRef: RefObject<HTMLVideoElement | null>,
  { engine, running }: { engine: CameraEngine; running: boolean },
): ScannerState & { reset(): void } {
  const [state, setState] = useState<ScannerState>({ step: { kind: 'none' }, stats: { frames: 0 } });
  const confirmer = useRef(createReadConfirmer());
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!running) return;
    const worker = new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module', name: 'barcode-decoder' });
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let frameId = 0;
    let sentAt = 0;
    let frames = 0;
    let firstSymbolAt: number | undefined;
    confirmer.current.reset();

    const post = (message: ToWorker, transfer: Transferable[] = []) => worker.postMessage(message, transfer);

    const sendFrame = async () => {
      if (stopped) return;
      const video = videoRef.current;
      if (!video || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0) {
        timer = setTimeout(sendFrame, 20);
        return;
      }
      const box = guideBoxPixels(video.videoWidth, video.videoHeight);
      try {
        const bitmap = await createImageBitmap(video, box.x, box.y, box.width, box.height);
        if (stopped) {
          bitmap.close();
          return;
        }
        sentAt = performance.now();
        post({ type: 'frame', id: frameId++, bitmap }, [bitmap]);
      } catch {
        timer = setTimeout(sendFrame, FRAME_INTERVAL_MS);
      }
    };

    worker.onmessage = (event: MessageEvent<unknown>) => {
      const parsed = FromWorker.safeParse(event.data);
      if (!parsed.success || stopped) return;
      const message = parsed.data;
      if (message.type === 'ready') {
        void sendFrame();
        return;
      }
      if (message.type === 'error') {
        setState((s) => ({ ...s, workerError: message.message }));
        timer = setTimeout(sendFrame, FRAME_INTERVAL_MS);
        return;
      }
      frames++;
      if (message.symbols.length > 0 && firstSymbolAt === undefined) firstSymbolAt = performance.now();
      const step = confirmer.current.push(message.symbols.map((s) => s.text));
      const done = step.kind === 'accepted' || step.kind === 'choose';
      setState((s) => ({
        step: done || step.kind === 'not_imei' || s.step.kind === 'not_imei' ? step : s.step,
        stats: { frames, lastFrameMs: message.ms, ...(firstSymbolAt !== undefined ? { firstSymbolAt } : {}) },
      }));
      if (done) return; // Stop decoding until reset(): the operator has an answer (or a choice) on screen.
      timer = setTimeout(sendFrame, Math.max(0, FRAME_INTERVAL_MS - (performance.now() - sentAt)));
    };
    worker.onerror = (event) => setState((s) => ({ ...s, workerError: event.message || 'the decode worker failed to start' }));
    post({ type: 'init', engine });

    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      worker.terminate();
    };
  }, [engine, running, videoRef, generation]);

  return {
    ...state,
    reset: () => {
      setState({ step: { kind: 'none' }, stats: { frames: 0 } });
      setGeneration((g) => g + 1);
    },
  };
}
