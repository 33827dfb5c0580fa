/** getUserMedia failures → what the operator can do about them (the words are in messages.ts). */
import { fill, type Messages } from '../i18n/messages';

/** Every kind, as data: the translation test checks each has a text in every language. */
export const CAMERA_PROBLEM_KINDS = [
  'permission_denied',
  'no_camera',
  'camera_busy',
  'not_supported',
  'failed',
] as const;
export type CameraProblemKind = (typeof CAMERA_PROBLEM_KINDS)[number];

export interface CameraProblem {
  readonly kind: CameraProblemKind;
  /** failed: the browser's own words, shown as they are. */
  readonly detail?: string;
}

export function describeCameraError(error: unknown): CameraProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return { kind: 'permission_denied' };
    case 'NotFoundError':
    case 'OverconstrainedError':
      return { kind: 'no_camera' };
    case 'NotReadableError':
    case 'AbortError':
    case 'TrackStartError':
      return { kind: 'camera_busy' };
    default:
      return { kind: 'failed', detail: error instanceof Error ? error.message : String(error) };
  }
}

export const CAMERA_NOT_SUPPORTED: CameraProblem = { kind: 'not_supported' };

export function cameraProblemText(t: Messages['camera'], problem: CameraProblem): string {
  return fill(t.problems[problem.kind], { detail: problem.detail ?? '' });
}
