/**
 * The decode loop: at most one frame every FRAME_INTERVAL_MS, one frame in flight at a time, the
 * guide-box region sent to the (shared, prewarmed) worker as an ImageBitmap; reads go through the
 * confirmer (two identical reads to accept, a choice when two IMEIs are in view).
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { createReadConfirmer, type ConfirmationStep } from '../../../src/capture';
import { decoderWorker } from './decoder-worker';
import { FRAME_INTERVAL_MS, guideBoxPixels, type CameraEngine } from '../../../src/capture/live-scan-settings';
import type { FromWorker } from './worker-protocol';

export interface ScannerStats {
  readonly frames: number;
  /** Worker time of the latest frame: drawing, reading pixels, decoding. */
  readonly lastFrameMs?: number;
  /** performance.now() of the first frame with a barcode in it. */
  readonly firstSymbolAt?: number;
}

export interface ScannerState {
  readonly step: ConfirmationStep;
  readonly stats: ScannerStats;
  readonly workerError?: string;
}

/** Frame ids are unique across every scanner on the page, so a late reply is never misattributed. */
let nextFrameId = 0;

export function useBarcodeScanner(
  videoRef: RefObject<HTMLVideoElement | null>,
  { engine, running }: { engine: CameraEngine; running: boolean },
): ScannerState & { reset(): void } {
  const [state, setState] = useState<ScannerState>({ step: { kind: 'none' }, stats: { frames: 0 } });
  const confirmer = useRef(createReadConfirmer());
  const [generation, setGeneration] = useState(0);

  // Start (or reuse) the worker as soon as the view mounts, in parallel with opening the camera.
  useEffect(() => {
    decoderWorker(engine);
  }, [engine]);

  useEffect(() => {
    if (!running) return;
    const worker = decoderWorker(engine);
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight: number | undefined;
    let sentAt = 0;
    let frames = 0;
    let firstSymbolAt: number | undefined;
    confirmer.current.reset();

    const sendFrame = async () => {
      if (stopped) return;
      const video = videoRef.current;
      if (!video || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0) {
        timer = setTimeout(sendFrame, 10);
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
        inFlight = nextFrameId++;
        worker.post({ type: 'frame', id: inFlight, bitmap }, [bitmap]);
      } catch {
        timer = setTimeout(sendFrame, FRAME_INTERVAL_MS);
      }
    };

    const onMessage = (message: FromWorker) => {
      if (stopped) return;
      if (message.type === 'error') {
        setState((s) => ({ ...s, workerError: message.message }));
        inFlight = undefined;
        timer = setTimeout(sendFrame, FRAME_INTERVAL_MS);
        return;
      }
      if (message.type !== 'result' || message.id !== inFlight) return;
      inFlight = undefined;
      frames++;
      if (message.symbols.length > 0 && firstSymbolAt === undefined) firstSymbolAt = performance.now();
      const step = confirmer.current.push(message.symbols.map((s) => s.text));
      const done = step.kind === 'accepted' || step.kind === 'choose';
      setState((s) => ({
        // Keep a "not an IMEI" hint up until something else happens, rather than flicker per frame.
        step: done || step.kind === 'not_imei' || s.step.kind === 'not_imei' ? step : s.step,
        stats: { frames, lastFrameMs: message.ms, ...(firstSymbolAt !== undefined ? { firstSymbolAt } : {}) },
      }));
      if (done) return; // Stop decoding until reset(): the operator has an answer (or a choice) on screen.
      timer = setTimeout(sendFrame, Math.max(0, FRAME_INTERVAL_MS - (performance.now() - sentAt)));
    };

    const unsubscribe = worker.subscribe(onMessage);
    worker.ready.then(
      () => void sendFrame(),
      (error: Error) => setState((s) => ({ ...s, workerError: error.message })),
    );

    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      unsubscribe();
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
