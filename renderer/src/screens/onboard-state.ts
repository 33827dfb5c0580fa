/**
 * The onboarding screen's pure state: what has been captured for the device on the counter, and
 * what the screen should ask for next. Kept out of the component so its rules are plain functions.
 */
import type { ImeiCandidates } from '../../../src/capture';
import type { ImeiError } from '../../../src/imei/errors';
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
  /** Why deviceType is preselected: earlier devices of the same model (TAC) at this kiosk. */
  readonly typeHint?: { readonly tac: string; readonly seen: number };
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

/** What a scan on the onboarding screen is, by its content alone. */
export type ScanMeaning =
  | { readonly kind: 'imei'; readonly imei: string }
  | { readonly kind: 'choose'; readonly imeis: readonly string[] }
  | { readonly kind: 'bad_imei'; readonly error: ImeiError; readonly raw: string }
  | { readonly kind: 'patient'; readonly uid: string }
  | { readonly kind: 'unknown'; readonly text: string };

/** Digits only (once spaces and dashes are gone) and about IMEI-long: the operator meant an IMEI. */
function looksLikeImeiAttempt(text: string): boolean {
  const compact = text.replace(/[\s-]/g, '');
  return /^\d{12,17}$/.test(compact) || /^IMEI/i.test(text.trim());
}

/**
 * An IMEI (one, or several to choose from); a number that tried to be an IMEI and failed (the
 * operator hears why); otherwise a patient or order barcode, taken as the patient ID if valid.
 */
export function scanMeaning(text: string, candidates: ImeiCandidates, isPatientUid: (text: string) => boolean): ScanMeaning {
  const valid = [...new Set(candidates.valid.map((c) => c.imei))];
  if (valid.length === 1) return { kind: 'imei', imei: valid[0]! };
  if (valid.length > 1) return { kind: 'choose', imeis: valid };
  const trimmed = text.trim();
  const invalid = candidates.invalid[0];
  if (invalid && looksLikeImeiAttempt(trimmed)) return { kind: 'bad_imei', error: invalid.error, raw: trimmed };
  if (isPatientUid(trimmed)) return { kind: 'patient', uid: trimmed };
  return { kind: 'unknown', text: trimmed };
}
