/**
 * The onboarding screen's pure state: what has been captured for the device on the counter, and
 * what the screen should ask for next. Kept out of the component so its rules are plain functions.
 */
import type { OnboardOutcome } from '../../../src/ipc/contract';

export type CaptureSource = 'camera' | 'wedge' | 'serial_scanner' | 'modem' | 'typed';

export interface CapturedImei {
  readonly imei: string;
  readonly raw: string;
  readonly source: CaptureSource;
}

export interface Draft {
  readonly label?: CapturedImei;
  /** The IMEI the device's own modem reported, when read: cross-checked against the label. */
  readonly modemImei?: string;
  readonly uid: string;
  readonly deviceType?: string;
  readonly orderRef?: string;
}

export const emptyDraft: Draft = { uid: '' };

export type Missing = 'imei' | 'uid' | 'type' | undefined;

/** The first thing still missing, in the order a worker fills them. */
export function firstMissing(draft: Draft, uidValid: boolean): Missing {
  if (!draft.label && !draft.modemImei) return 'imei';
  if (!draft.uid || !uidValid) return 'uid';
  if (!draft.deviceType) return 'type';
  return undefined;
}

/** Results that clear by themselves; the others wait for the operator because someone must act. */
export function returnsToReadyByItself(outcome: OnboardOutcome['outcome']): boolean {
  return outcome === 'connected' || outcome === 'already_connected' || outcome === 'queued';
}

export type Tone = 'ok' | 'warn' | 'error';

export function toneOf(outcome: OnboardOutcome['outcome']): Tone {
  switch (outcome) {
    case 'connected':
    case 'already_connected':
      return 'ok';
    case 'queued':
    case 'needs_confirmation':
      return 'warn';
    case 'needs_attention':
    case 'blocked':
    case 'mismatch':
      return 'error';
    default: {
      const never: never = outcome;
      return never;
    }
  }
}
