/**
 * The label-versus-modem rule: when a job has both the IMEI scanned from the box label and the
 * IMEI the device's own modem reports, they must be the same device, or the job is blocked.
 */
import { formatImei } from '../imei/format.js';
import type { Imei } from '../imei/schema.js';
import { validate } from '../imei/validate.js';
import { englishText } from '../messages/index.js';

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
      /** The catalogue's English, filled with `params`. */
      readonly message: string;
      readonly nextAction: string;
      /** Both IMEIs as the operator reads them (their own scan and their own device). */
      readonly params: { readonly label: string; readonly modem: string };
      readonly labelImei: string;
      readonly modemImei: string;
    };

export function crossCheckImei(labelImei: string, modemImei: string): CrossCheckResult {
  const label = validate(labelImei);
  const modem = validate(modemImei);
  // Each IMEI as validated when it is one (spaces and dashes gone), else as scanned.
  const params = {
    label: formatImei(label.ok ? label.imei : labelImei),
    modem: formatImei(modem.ok ? modem.imei : modemImei),
  };
  const blocked = (kind: CrossCheckKind): CrossCheckResult => ({
    ok: false,
    blocking: true,
    kind,
    ...englishText(kind, params),
    params,
    labelImei,
    modemImei,
  });
  if (!label.ok) return blocked('invalid_label');
  if (!modem.ok) return blocked('invalid_modem');
  if (label.imei !== modem.imei) return blocked('mismatch');
  return { ok: true, imei: label.imei };
}
