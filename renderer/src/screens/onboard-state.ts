/**
 * The onboarding screen's pure state: what has been captured for the device on the counter, and
 * what the screen should ask for next. Kept out of the component so its rules are plain functions.
 */
import { readOrderScan, type ImeiCandidates } from '../../../src/capture';
import type { ImeiError } from '../../../src/imei/errors';
import type { OnboardOutcome } from '../../../src/ipc/schemas';

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
  /** A suggestion only, never a selection: earlier devices of this model (TAC) at this kiosk were all connected as this type. */
  readonly typeHint?: { readonly tac: string; readonly seen: number; readonly deviceType: string };
  readonly orderRef?: string;
  /** The patient and the type came from an order barcode: the screen says so. */
  readonly typeFromOrder?: boolean;
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

/** Red results: someone must see them before the next device, so they stay (and sound) until acknowledged. */
export function needsAcknowledging(outcome: OnboardOutcome['outcome']): boolean {
  return toneOf(outcome) === 'error';
}

/** Needs-attention kinds whose next action is a reading: the connect may have gone through though its answers were lost. */
const READING_WOULD_TELL = ['connect_unconfirmed', 'resend_refused'];

/** The job whose first reading the screen may ask for after this result, if any. */
export function readingJobOf(outcome: OnboardOutcome): string | undefined {
  switch (outcome.outcome) {
    case 'connected':
    case 'already_connected':
      return outcome.job.id;
    case 'needs_attention':
      return READING_WOULD_TELL.includes(outcome.problem.kind) ? outcome.job.id : undefined;
    default:
      return undefined;
  }
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
  /** A whole order: patient, type, maybe its reference. */
  | { readonly kind: 'order'; readonly order: OrderFields }
  /** An order reference alone ("ORDER:SO-55"): look it up in the open batch. */
  | { readonly kind: 'order_ref'; readonly orderRef: string }
  /** An order or patient barcode whose patient uid is not valid. */
  | { readonly kind: 'bad_order_uid'; readonly uid: string }
  /** The acknowledge barcode the kiosk prints (ACK_BARCODE): a red result seen. */
  | { readonly kind: 'ack' }
  /** A device-type barcode the kiosk prints ("TYPE:blood_glucose"): selects that type. */
  | { readonly kind: 'type'; readonly deviceType: string }
  /** A registered operator's badge: never a patient ID. */
  | { readonly kind: 'operator'; readonly operatorId: string }
  | { readonly kind: 'unknown'; readonly text: string };

/** What the printed acknowledge barcode holds. */
export const ACK_BARCODE = 'KIOSK:ACK';
/** What a printed device-type barcode holds. */
export function typeBarcode(deviceType: string): string {
  return `TYPE:${deviceType}`;
}
const TYPE_BARCODE = /^TYPE:\s*([^;:{}]{1,64})$/i;

export interface OrderFields {
  readonly uid: string;
  readonly deviceType: string;
  readonly orderRef?: string | undefined;
}

/** Digits only (once spaces and dashes are gone) and about IMEI-long: the operator meant an IMEI. */
function looksLikeImeiAttempt(text: string): boolean {
  const compact = text.replace(/[\s-]/g, '');
  return /^\d{12,17}$/.test(compact) || /^IMEI/i.test(text.trim());
}

/**
 * An IMEI (one, or several to choose from); a number that tried to be an IMEI and failed (the
 * operator hears why); an order barcode (src/capture's readOrderScan); otherwise the patient ID if
 * valid. A plain patient-like text may still be an order reference of the open batch: the screen
 * asks the engine (mayBeOrderRef) before it takes it as the patient.
 */
export function scanMeaning(
  text: string,
  candidates: ImeiCandidates,
  isPatientUid: (text: string) => boolean,
  operatorOf: (text: string) => string | undefined = () => undefined,
): ScanMeaning {
  const meaning = scanContent(text, candidates, isPatientUid);
  // A badge is refused whether it came bare or labelled as a patient: an operator is never the patient of a job.
  const operatorId =
    meaning.kind === 'patient'
      ? operatorOf(meaning.uid)
      : meaning.kind === 'unknown'
        ? operatorOf(meaning.text)
        : undefined;
  return operatorId !== undefined ? { kind: 'operator', operatorId } : meaning;
}

/** The registered operator this text names (IDs compared without case), if any. */
export function registeredOperator(operators: readonly { readonly id: string }[], text: string): string | undefined {
  const wanted = text.trim().toLowerCase();
  return operators.find((o) => o.id.toLowerCase() === wanted)?.id;
}

function scanContent(text: string, candidates: ImeiCandidates, isPatientUid: (text: string) => boolean): ScanMeaning {
  const valid = [...new Set(candidates.valid.map((c) => c.imei))];
  if (valid.length === 1) return { kind: 'imei', imei: valid[0]! };
  if (valid.length > 1) return { kind: 'choose', imeis: valid };
  const trimmed = text.trim();
  const invalid = candidates.invalid[0];
  if (invalid && looksLikeImeiAttempt(trimmed)) return { kind: 'bad_imei', error: invalid.error, raw: trimmed };
  if (trimmed.toUpperCase() === ACK_BARCODE) return { kind: 'ack' };
  const typeScan = TYPE_BARCODE.exec(trimmed);
  if (typeScan) return { kind: 'type', deviceType: typeScan[1]!.trim() };
  const order = readOrderScan(trimmed);
  switch (order.kind) {
    case 'order':
      return { kind: 'order', order: order.order };
    case 'order_ref':
      return { kind: 'order_ref', orderRef: order.orderRef };
    case 'patient':
      return { kind: 'patient', uid: order.uid };
    case 'bad_uid':
      return { kind: 'bad_order_uid', uid: order.uid };
    case 'none':
      break;
    default: {
      const never: never = order;
      return never;
    }
  }
  if (isPatientUid(trimmed)) return { kind: 'patient', uid: trimmed };
  return { kind: 'unknown', text: trimmed };
}

/** Text an order system could use as a reference (what batch.findOrder accepts): worth a look-up before it is taken as a patient or refused. */
export function mayBeOrderRef(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length > 0 && trimmed.length <= 254 && !/[\u0000-\u001f\u007f]/.test(trimmed);
}

export type OrderFill =
  | { readonly ok: true; readonly uid: string; readonly deviceType: string; readonly orderRef?: string }
  /** The order names a type this station does not have: nothing is filled in. */
  | { readonly ok: false; readonly deviceType: string };

/** An order's patient and type for the draft, the type spelled as this station spells it (as the batch import does). */
export function orderFill(order: OrderFields, deviceTypes: readonly { readonly id: string }[]): OrderFill {
  const type = deviceTypes.find((t) => t.id.toLowerCase() === order.deviceType.trim().toLowerCase());
  if (!type) return { ok: false, deviceType: order.deviceType };
  return { ok: true, uid: order.uid, deviceType: type.id, ...(order.orderRef ? { orderRef: order.orderRef } : {}) };
}

/** The draft with an order applied: the patient, the type (from the order, not a model hint) and its reference. */
export function withOrder(draft: Draft, fill: Extract<OrderFill, { ok: true }>): Draft {
  const { typeHint: _hint, orderRef: _previous, ...rest } = draft;
  return {
    ...rest,
    uid: fill.uid,
    deviceType: fill.deviceType,
    typeFromOrder: true,
    ...(fill.orderRef ? { orderRef: fill.orderRef } : {}),
  };
}

/** A device type picked by hand: one other than the order's means the job no longer fills that order. */
export function withType(draft: Draft, deviceType: string): Draft {
  const { typeHint: _hint, typeFromOrder: _fromOrder, ...rest } = draft;
  if (draft.typeFromOrder && deviceType === draft.deviceType) return { ...rest, deviceType, typeFromOrder: true };
  const { orderRef: _order, ...withoutOrder } = rest;
  return { ...withoutOrder, deviceType };
}

/**
 * The IMEI field cleared: the device goes, and so does a type picked by hand (each device's type is
 * a conscious choice); the patient, and the type and order that came from an order, stay.
 */
export function withoutDevice(draft: Draft): Draft {
  return {
    ...emptyDraft,
    uid: draft.uid,
    ...(draft.typeFromOrder && draft.deviceType !== undefined
      ? { deviceType: draft.deviceType, typeFromOrder: true }
      : {}),
    ...(draft.orderRef !== undefined ? { orderRef: draft.orderRef } : {}),
  };
}

/** A type barcode the station does not have: nothing stays selected, so Connect is not ready on a type the operator did not mean. */
export function withoutType(draft: Draft): Draft {
  const { deviceType: _type, typeFromOrder: _fromOrder, orderRef: _order, ...rest } = draft;
  return rest;
}

/** "Another device for this patient": a fresh device, the same patient. */
export function forSamePatient(uid: string): Draft {
  return { ...emptyDraft, uid };
}

/** A patient typed or scanned by hand: an order filled before no longer belongs to it. */
export function withPatient(draft: Draft, uid: string): Draft {
  if (uid === draft.uid) return draft;
  const { orderRef: _order, typeFromOrder: _fromOrder, ...rest } = draft;
  return { ...rest, uid };
}
