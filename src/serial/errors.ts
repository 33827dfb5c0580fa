/**
 * Why a serial read failed, in words an operator or IT person can act on. Every failure has a
 * `kind` (stable, for code and JSON), a `message` (what happened) and a `nextAction` (what to do).
 */
import { englishText } from '../messages/index.js';

/** Every kind, as data: the renderer's translation test walks this list. */
export const SERIAL_ERROR_KINDS = [
  'port_not_found',
  'permission_denied',
  'port_busy',
  'not_a_serial_port',
  'open_failed',
  'no_response',
  'modem_error',
  'no_imei',
  'invalid_imei',
  'no_scan',
  'disconnected',
  'udevadm_missing',
  'list_failed',
] as const;
export type SerialErrorKind = (typeof SERIAL_ERROR_KINDS)[number];

export interface SerialError {
  readonly kind: SerialErrorKind;
  readonly message: string;
  readonly nextAction: string;
  /** What only IT needs, in English: the port, serialport's own words, where to look. Not operator text. */
  readonly detail?: string;
}

/** Thrown inside the readers and turned into a `{ ok: false, error }` result at their edge. */
export class SerialFailure extends Error {
  readonly error: SerialError;
  constructor(error: SerialError) {
    super(error.detail ? `${error.message} (${error.detail})` : error.message);
    this.name = 'SerialFailure';
    this.error = error;
  }
}

/** A read failure in the catalogue's words, with the IT detail beside them. */
export function catalogueSerialError(kind: SerialErrorKind, detail?: string): SerialError {
  return { kind, ...englishText(kind, {}), ...(detail ? { detail } : {}) };
}

/** A stable error whatever was thrown: SerialFailure keeps its error, anything else is `fallback`. */
export function toSerialError(thrown: unknown, fallback: (detail: string) => SerialError): SerialError {
  if (thrown instanceof SerialFailure) return thrown.error;
  return fallback(thrown instanceof Error ? thrown.message : String(thrown));
}

export function disconnectedError(path: string): SerialError {
  return catalogueSerialError('disconnected', `the port was ${path}`);
}

/**
 * Maps what serialport reports when opening fails ("Error: Permission denied, cannot open …",
 * "Error Resource temporarily unavailable Cannot lock port", …) to a kind; the port and
 * serialport's words stay in the detail.
 */
export function classifyOpenError(path: string, detail: string): SerialError {
  const text = detail.toLowerCase();
  const kind = OPEN_ERRORS.find(([pattern]) => pattern.test(text))?.[1] ?? 'open_failed';
  // "imei-kiosk serial list" shows the ports that exist (ttyUSB numbers change after a replug).
  const where = kind === 'port_not_found' || kind === 'not_a_serial_port' ? '; see "imei-kiosk serial list"' : '';
  return catalogueSerialError(kind, `${path}: ${detail}${where}`);
}

/** serialport's words (Linux, macOS, Windows) for each way opening fails, first match wins. */
const OPEN_ERRORS: readonly (readonly [RegExp, SerialErrorKind])[] = [
  [/no such file|enoent|file not found|cannot find the file/, 'port_not_found'],
  [/permission denied|eacces|access is denied|operation not permitted/, 'permission_denied'],
  [/cannot lock port|resource temporarily unavailable|resource busy|ebusy|port is locked|access denied/, 'port_busy'],
  [/inappropriate ioctl|is a directory|not a typewriter|enotty/, 'not_a_serial_port'],
];
