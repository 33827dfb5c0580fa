/**
 * The label-versus-modem rule: when a job has both the IMEI scanned from the box label and the
 * IMEI the device's own modem reports, they must be the same device, or the job is blocked.
 */
import { formatImei } from '../imei/format.js';
import type { Imei } from '../imei/schema.js';
import { validate } from '../imei/validate.js';

/** Why a label and a modem IMEI cannot go ahead together, as data for the translation test. */
export const CROSS_CHECK_KINDS = ['mismatch', 'invalid_label', 'invalid_modem'] as const;
export type CrossCheckKind = (typeof CROSS_CHECK_KINDS)[number];

export type CrossCheckResult =
  | { readonly ok: true; readonly imei: Imei }
  | {
      readonly ok: false;
      /** Always true: the job must not go ahead until a person resolves it. */
      readonly blocking: true;
      readonly kind: CrossCheckKind;
      readonly message: string;
      readonly labelImei: string;
      readonly modemImei: string;
    };

export function crossCheckImei(labelImei: string, modemImei: string): CrossCheckResult {
  const label = validate(labelImei);
  const modem = validate(modemImei);
  const blocked = (kind: CrossCheckKind, message: string): CrossCheckResult => ({
    ok: false,
    blocking: true,
    kind,
    message,
    labelImei,
    modemImei,
  });
  if (!label.ok)
    return blocked('invalid_label', `The IMEI scanned from the label is not valid: ${label.error.message}`);
  if (!modem.ok)
    return blocked('invalid_modem', `The IMEI the device's modem reported is not valid: ${modem.error.message}`);
  if (label.imei !== modem.imei) {
    return blocked(
      'mismatch',
      `The label says IMEI ${formatImei(label.imei)} but the device's modem reports ${formatImei(modem.imei)}. ` +
        'The wrong device may be in the box: check that this device belongs with this label before going on.',
    );
  }
  return { ok: true, imei: label.imei };
}
