/**
 * What crosses the wire besides a value: the envelope, the error codes, and a handler's refusal
 * (a code and the values its text needs) carried through Electron's error message and read back.
 */
import { z } from 'zod';
import { DEVICE_TYPE_PROBLEM_KINDS } from '../config/device-type-id.js';
import { englishText, type MessageParams } from '../messages/render.js';
import { SERIAL_PROFILE_PROBLEM_KINDS } from '../serial/serial-profile.js';
import type { ValidicErrorKind } from '../validic/errors.js';
import { ProblemParamsSchema, type ProblemParams } from './schemas.js';
import { SECRET_STORE_PROBLEM_KINDS } from './secret-store-codes.js';

export const IpcErrorCodeSchema = z.enum([
  'unknown_channel',
  'invalid_request',
  'invalid_response',
  'handler_failed',
  'refused',
  // Electron: a frame other than the kiosk's own page called (electron/ipc.ts); the dispatcher never saw it.
  'untrusted_sender',
]);
export type IpcErrorCode = z.infer<typeof IpcErrorCodeSchema>;

/**
 * Why a handler refused, for the renderer to say in the operator's language: the refusal codes
 * below, or a Validic error kind (a refused disconnect or override).
 */
export const REFUSAL_CODES = [
  'not_signed_in',
  // The dispatcher cannot prove a channel's access (no guard, or a channel without a rule): it fails closed.
  'access_unchecked',
  'wrong_admin_pin',
  'wrong_supervisor_pin',
  'unknown_device_type',
  'no_such_job',
  // The job shown on the Onboard screen (its result, a reading wait) is not in the journal.
  'shown_job_missing',
  'job_disappeared',
  'job_not_cancellable',
  // A first reading asked of a job with no connected device.
  'job_not_connected',
  'no_batch_open',
  'bad_date_range',
  // A batch scan that no order takes (src/onboarding/batch.ts).
  'order_already_assigned',
  'no_open_order',
  'busy_outside_batch',
  'order_expects_other_device',
  'device_expected_by_other_order',
  // The next order's device type is not the type this kiosk knows the device's model as.
  'batch_type_mismatch',
  // Disconnect by IMEI alone: this kiosk's journal has the IMEI on no patient.
  'imei_not_connected',
  // An order barcode scanned on the Onboard screen for an order of the open batch.
  'order_filled',
  'order_mismatch',
  'order_device_in_batch',
  // Settings: device types (src/config/device-type-rules.ts) and the serial profile (src/serial/serial-profile.ts).
  ...DEVICE_TYPE_PROBLEM_KINDS,
  ...SERIAL_PROFILE_PROBLEM_KINDS,
  // Too many wrong PINs in a row (src/app/session/pin-attempts.ts).
  'pins_locked',
  // Sign-in and the operator register (src/app/session/operator-register.ts).
  'operator_unknown',
  'operator_pin_needed',
  'operator_pin_wrong',
  'operator_id_invalid',
  'operator_register_full',
  'operator_not_registered',
  'operator_signed_in',
  // A patient ID that is a registered operator's ID (a badge scanned on the Onboard screen).
  'uid_is_operator',
  // The Electron secret store (electron/secret-store.ts) refusing to keep a token.
  ...SECRET_STORE_PROBLEM_KINDS,
  // Switching training/production with jobs of the mode of now not finished (src/app/settings/mode-switch.ts).
  'open_jobs_in_mode',
  // Going live while the admin or supervisor PIN is still the training one.
  'training_pins_in_production',
  // Settings saved whole (src/app/settings/settings-plan.ts): a station name or another value the files would not take.
  'station_name_invalid',
  'setting_invalid',
  // A base URL that is not HTTPS (nor http on loopback for the simulator), or not a URL (src/app/settings/base-url.ts).
  'base_url_not_https',
  'base_url_has_credentials',
  'base_url_invalid',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number] | ValidicErrorKind;

/** Not an enum on the wire: an older renderer shows a newer engine's refusal in English. */
const RefusalCodeSchema = z.string().regex(/^[a-z][a-z0-9_]*$/);

export const IpcErrorSchema = z.object({
  code: IpcErrorCodeSchema,
  channel: z.string(),
  message: z.string(),
  /** zod issue paths, e.g. ["raw"], so a caller can point at the field. */
  paths: z.array(z.string()).optional(),
  /** code `refused`: why, as a code and the values its text needs. */
  refusal: z.object({ code: RefusalCodeSchema, params: ProblemParamsSchema.optional() }).optional(),
});
export type IpcError = z.infer<typeof IpcErrorSchema>;

export const IpcEnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: IpcErrorSchema }),
]);
export type IpcEnvelope = z.infer<typeof IpcEnvelopeSchema>;

/**
 * Thrown by the bridge when a call fails. Electron's contextBridge keeps only an error's message,
 * so the code travels at the front of it: `code: channel: text`, and for a refusal
 * `refused: channel: [refusal-code?param=value&…] text` (the bracket is URL-encoded, so it holds no
 * space or `]`). `ipcErrorCodeOf` and `refusalOf` read them back.
 */
export class IpcCallError extends Error {
  readonly code: IpcErrorCode;
  readonly channel: string;
  constructor(error: IpcError) {
    super(
      `${error.code}: ${error.channel}: ${error.refusal ? `[${encodeRefusal(error.refusal)}] ` : ''}${error.message}`,
    );
    this.name = 'IpcCallError';
    this.code = error.code;
    this.channel = error.channel;
  }
}

/**
 * Thrown by a handler to refuse a request with a message meant for the operator (wrong PIN, not
 * signed in, nothing to retry). It crosses as code `refused` with its code, params, message and
 * next action; any other exception crosses only as a generic `handler_failed`.
 */
export class IpcRefusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
    readonly nextAction?: string,
    readonly params?: ProblemParams,
  ) {
    super(message);
    this.name = 'IpcRefusal';
  }

  /**
   * A refusal worded by the message catalogue: its English message and next action come from
   * englishText, so the engine never writes a refusal's words beside the catalogue's. `params` are
   * the values the text needs (checked at compile time for a literal code) and any others the
   * screen uses; never a PIN, a token or another patient's full id.
   */
  static of<K extends RefusalCode>(code: K, params: MessageParams<K> & ProblemParams): IpcRefusal {
    const { message, nextAction } = englishText<RefusalCode>(code, params as MessageParams<RefusalCode>);
    return new IpcRefusal(code, message, nextAction, Object.keys(params).length > 0 ? { ...params } : undefined);
  }
}

export function ipcErrorCodeOf(error: unknown): IpcErrorCode | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const parsed = IpcErrorCodeSchema.safeParse(message.split(':', 1)[0]);
  return parsed.success ? parsed.data : undefined;
}

/** A refusal as read back from an error's message: its code, params and the engine's English text. */
export interface RefusalInfo {
  readonly code: string;
  readonly params: ProblemParams;
  readonly text: string;
}

function encodeRefusal(refusal: { code: string; params?: ProblemParams | undefined }): string {
  const query = new URLSearchParams(
    Object.entries(refusal.params ?? {}).map(([name, value]): [string, string] => [name, String(value)]),
  ).toString();
  return query ? `${refusal.code}?${query}` : refusal.code;
}

const REFUSED_MESSAGE = /^refused: [^:\s]+: \[([a-z][a-z0-9_]*)(?:\?([^\]\s]*))?\] ([\s\S]*)$/;

/** The refusal carried by an error from window.kiosk, or undefined for any other error. */
export function refusalOf(error: unknown): RefusalInfo | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const match = REFUSED_MESSAGE.exec(message);
  if (!match) return undefined;
  const params = ProblemParamsSchema.safeParse(Object.fromEntries(new URLSearchParams(match[2] ?? '')));
  return { code: match[1]!, params: params.success ? params.data : {}, text: match[3]! };
}
