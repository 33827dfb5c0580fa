/**
 * The live camera loop's settings, in one place so the renderer's decode worker and the benchmark
 * use the same ones. Pure data: no DOM.
 */
import type { ReaderOptions } from 'zxing-wasm/reader';

export const CAMERA_ENGINES = ['wasm', 'zxing-js'] as const;
export type CameraEngine = (typeof CAMERA_ENGINES)[number];

/** At most one decode every this many ms: enough for a steady hand, light on a 2-core kiosk. */
export const FRAME_INTERVAL_MS = 100;

/** Every Nth frame (once a second at 10 frames/s) gets the slower, more thorough settings. */
export const THOROUGH_EVERY = 10;

/** The ideal capture size; the browser picks the closest the camera offers. */
export const CAPTURE_SIZE = { width: 1280, height: 720 } as const;

/** Formats on device labels; fewer formats = faster empty frames. */
export const LIVE_FORMATS: NonNullable<ReaderOptions['formats']> = ['Code128', 'DataMatrix', 'QRCode'];

/**
 * Fast frames: no tryHarder, rotation or inversion (an empty frame costs ~2 ms instead of ~10 ms;
 * the guide box keeps labels level and upright-or-upside-down, which Code 128 reads either way).
 * Every THOROUGH_EVERY-th frame adds tryHarder for small or blurred codes; rotation and inversion
 * stay off in the live loop because they cost several times more (the file decoder keeps them).
 */
export function liveReaderOptions(frameIndex: number): ReaderOptions {
  const thorough = frameIndex % THOROUGH_EVERY === THOROUGH_EVERY - 1;
  return {
    formats: LIVE_FORMATS,
    textMode: 'Plain',
    maxNumberOfSymbols: 4,
    tryHarder: thorough,
    tryRotate: false,
    tryInvert: false,
    tryDownscale: true,
  };
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The guide box, as a share of the frame: wide and centred, like a label held in front of the lens. */
export const GUIDE_BOX = { x: 0.1, y: 0.2, width: 0.8, height: 0.6 } as const;

/** The guide box in pixels of a video frame: only this region is decoded. */
export function guideBoxPixels(videoWidth: number, videoHeight: number): Rect {
  return {
    x: Math.round(videoWidth * GUIDE_BOX.x),
    y: Math.round(videoHeight * GUIDE_BOX.y),
    width: Math.round(videoWidth * GUIDE_BOX.width),
    height: Math.round(videoHeight * GUIDE_BOX.height),
  };
}
