/**
 * The stable kinds of what onboarding reports to a person: Validic's error kinds, the label/modem
 * cross-check's, and the engine's own below. The renderer translates a problem by its kind and
 * params; the engine's English message stays for logs, the CLI and as the fallback text.
 */
import type { CrossCheckKind } from '../capture/cross-check.js';
import type { ValidicErrorKind } from '../validic/errors.js';

/** The engine's own kinds, as data: the renderer's translation test walks this list. */
export const ONBOARDING_PROBLEM_KINDS = [
  /** The patient already has a device of this type: confirm a second one. */
  'second_device',
  /** The journal has this IMEI on another patient (params: imeiLast4, otherLast4). */
  'held_by_other_patient',
  /** This IMEI is already being connected for this patient. */
  'in_progress',
  /** A queued or needs-attention job whose reason has no kind (an older journal). */
  'queued',
  'needs_attention',
  'cancelled',
  /** Cancelled by a person (params: by). */
  'cancelled_by',
  /** Older journals only: the first build re-sent a connect when sources[] did not show the device. */
  'not_on_sources',
  /** Validic's answer to a connect was lost (timeout, reset, 5xx): it may have been applied. One re-send follows. */
  'outcome_unknown',
  /** The deliberate re-send after a lost answer (journaled on the transition). */
  'resend_after_unknown',
  /** Two lost answers: no third connect is sent; a person decides (params: sent). */
  'connect_unconfirmed',
  /** The re-send after a lost answer was refused: the first most likely went through (params: said). */
  'resend_refused',
  /** Validic refused this device on the direct host (401/403/redirect) while the org token works (params: status). */
  'device_refused',
  /** Validic accepted the connect with a body the kiosk could not read (still connected). */
  'accepted_without_body',
  /** An override waits: another patient's connect of this IMEI is in flight (params: imeiLast4, otherLast4). */
  'holder_connecting',
  /** A job whose connect's answers were lost, connected after all: its first reading arrived. */
  'confirmed_by_reading',
  /** A job of the other mode (training/production): never sent now (params: mode, now). */
  'waiting_for_mode',
  /** After an interrupted connect, the device was found on the patient's sources. */
  /** A job of an older journal that names no mode: never sent on its own (no params). */
  'waiting_without_mode',
  'found_after_interruption',
  'retried',
  'override',
  /** Cancelled because a supervisor override moved the IMEI (params: jobId). */
  'superseded',
  /** Cancelled by an admin's switch between training and production (params: mode, to). */
  'mode_switch_cancelled',
  /** Batch scan: the device went to an order (params: uid). */
  'assigned',
  /** Batch scan: the device is already on an order of this batch. */
  'in_batch',
] as const;
export type OnboardingProblemKind = (typeof ONBOARDING_PROBLEM_KINDS)[number];

export type ProblemKind = OnboardingProblemKind | ValidicErrorKind | CrossCheckKind;

/**
 * Values a translated text needs. Never a token; another patient's id only as its last 4.
 */
export type ProblemParams = Readonly<Record<string, string | number>>;

export interface ProblemInfo {
  readonly kind: ProblemKind;
  readonly message: string;
  readonly nextAction: string;
  readonly params?: ProblemParams;
}
