/** getUserMedia failures → what the operator can do about them. */

export type CameraProblemKind = 'permission_denied' | 'no_camera' | 'camera_busy' | 'not_supported' | 'failed';

export interface CameraProblem {
  readonly kind: CameraProblemKind;
  readonly message: string;
}

export function describeCameraError(error: unknown): CameraProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return {
        kind: 'permission_denied',
        message: 'The kiosk is not allowed to use the camera. Ask IT to allow camera access for the kiosk, then try again. You can still scan with the hand scanner or type the IMEI.',
      };
    case 'NotFoundError':
    case 'OverconstrainedError':
      return {
        kind: 'no_camera',
        message: 'No camera found. Check that the camera is plugged in, then press Try again. You can still scan with the hand scanner or type the IMEI.',
      };
    case 'NotReadableError':
    case 'AbortError':
    case 'TrackStartError':
      return {
        kind: 'camera_busy',
        message: 'The camera is busy: another program or window is using it. Close it (or unplug and replug the camera), then press Try again.',
      };
    default:
      return {
        kind: 'failed',
        message: `The camera could not start (${error instanceof Error ? error.message : String(error)}). Press Try again, or use the hand scanner.`,
      };
  }
}

export const CAMERA_NOT_SUPPORTED: CameraProblem = {
  kind: 'not_supported',
  message: 'This screen has no camera access (it must be opened from the kiosk app). Use the hand scanner or type the IMEI.',
};
