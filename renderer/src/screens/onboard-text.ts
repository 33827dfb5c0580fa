/** The Onboard screen's refusals and field problems, worded in the operator's language. */
import { PatientUidSchema } from '../../../src/ipc/schemas';
import { fill, messages, type Language } from '../i18n/messages';
import { imeiErrorText } from '../i18n/problem-text';
import type { ImeiError } from '../../../src/imei/errors';

/** Why the last scan or call was refused, as data: the screen words it in the operator's language. */
export type Notice =
  | { readonly kind: 'busy' }
  | { readonly kind: 'ack_first' }
  | { readonly kind: 'bad_imei'; readonly error: ImeiError; readonly raw: string }
  | { readonly kind: 'order_unknown_type'; readonly deviceType: string }
  | { readonly kind: 'type_refused'; readonly deviceType: string }
  | { readonly kind: 'badge'; readonly operator: string }
  | { readonly kind: 'order_not_found'; readonly orderRef: string }
  | { readonly kind: 'order_bad_uid'; readonly uid: string }
  | { readonly kind: 'unknown_scan'; readonly text: string }
  /** A call to the engine failed; its text is already in the operator's language. */
  | { readonly kind: 'failed'; readonly message: string }
  /** Words given already translated (a serial scanner's refusal). */
  | { readonly kind: 'text'; readonly text: string };

export function noticeText(language: Language, notice: Notice): string {
  const t = messages[language];
  switch (notice.kind) {
    case 'busy':
      return t.onboard.busyScan;
    case 'ack_first':
      return t.onboardSafe.ackFirst;
    case 'bad_imei':
      return imeiErrorText(language, notice.error, notice.raw);
    case 'order_unknown_type':
      return fill(t.onboard.orderUnknownType, { type: notice.deviceType });
    case 'type_refused':
      return fill(t.onboardSafe.typeRefused, { type: notice.deviceType });
    case 'badge':
      return fill(t.onboardSafe.badge, { operator: notice.operator });
    case 'order_not_found':
      return fill(t.onboard.orderNotFound, { order: notice.orderRef });
    case 'order_bad_uid':
      return fill(t.onboard.orderBadUid, { uid: notice.uid });
    case 'unknown_scan':
      return fill(t.onboard.unknownScan, { text: notice.text });
    case 'failed':
      return fill(t.errors.generic, { message: notice.message });
    case 'text':
      return notice.text;
    default: {
      const never: never = notice;
      return never;
    }
  }
}

/**
 * Why the patient ID typed is not a valid uid. English keeps the engine's precise reason; another
 * language has one translated sentence for every reason (the tables have no per-reason uid texts yet).
 */
export function uidProblemText(language: Language, uid: string): string {
  const checked = PatientUidSchema.safeParse(uid);
  if (checked.success) return '';
  const t = messages[language];
  return language === 'en' ? (checked.error.issues[0]?.message ?? t.onboard.badUid) : t.onboard.badUid;
}
