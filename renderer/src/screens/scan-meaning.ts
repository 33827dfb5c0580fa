/** What a scan on the Onboard screen is, by its content alone (the screen's reducer decides what it does). */
import { readOrderScan, type ImeiCandidates } from '../../../src/capture';
import type { ImeiError } from '../../../src/imei/errors';
import type { OrderFields } from './onboard-draft';

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
