export { CameraPanel, type CameraPanelProps } from './CameraPanel';
export { useCamera, type CameraControls, type CameraState, type CameraDevice } from './useCamera';
export { useBarcodeScanner, type ScannerState, type ScannerStats } from './useBarcodeScanner';
export { prewarmCameraDecoder } from './decoder-worker';
export {
  CAMERA_PROBLEM_KINDS,
  cameraProblemText,
  describeCameraError,
  type CameraProblem,
  type CameraProblemKind,
} from './camera-errors';
export {
  CAMERA_ENGINES,
  type CameraEngine,
  liveReaderOptions,
  guideBoxPixels,
  GUIDE_BOX,
  FRAME_INTERVAL_MS,
} from '../../../src/capture/live-scan-settings';
