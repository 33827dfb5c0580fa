/**
 * Why a serial read failed, in words an operator or IT person can act on. Every failure has a
 * `kind` (stable, for code and JSON), a `message` (what happened) and a `nextAction` (what to do).
 */

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
}

/** Thrown inside the readers and turned into a `{ ok: false, error }` result at their edge. */
export class SerialFailure extends Error {
  readonly error: SerialError;
  constructor(error: SerialError) {
    super(error.message);
    this.name = 'SerialFailure';
    this.error = error;
  }
}

export function serialError(kind: SerialErrorKind, message: string, nextAction: string): SerialError {
  return { kind, message, nextAction };
}

/** A stable error whatever was thrown: SerialFailure keeps its error, anything else is `fallback`. */
export function toSerialError(thrown: unknown, fallback: (detail: string) => SerialError): SerialError {
  if (thrown instanceof SerialFailure) return thrown.error;
  return fallback(thrown instanceof Error ? thrown.message : String(thrown));
}

export function disconnectedError(path: string): SerialError {
  return serialError(
    'disconnected',
    `The device on ${path} went away in the middle of the read (unplugged, powered off or reset).`,
    'Plug the device back in (check the USB cable), wait for it to start, then read again.',
  );
}

/**
 * Maps what serialport reports when opening fails ("Error: Permission denied, cannot open …",
 * "Error Resource temporarily unavailable Cannot lock port", …) to a kind with a next action.
 */
export function classifyOpenError(
  path: string,
  detail: string,
  platform: NodeJS.Platform = process.platform,
): SerialError {
  const text = detail.toLowerCase();
  if (/no such file|enoent|file not found|cannot find the file/.test(text)) {
    return serialError(
      'port_not_found',
      `There is no serial port at ${path}.`,
      'Check that the device is plugged in and powered, then run "imei-kiosk serial list" to see the ports that exist (ttyUSB numbers change after a replug; prefer /dev/serial/by-id/…).',
    );
  }
  if (/permission denied|eacces|access is denied|operation not permitted/.test(text)) {
    const fix =
      platform === 'linux'
        ? `Add this user to the "dialout" group: run "sudo usermod -aG dialout $USER", then log out and back in (or reboot the kiosk).`
        : 'Give this user access to the serial port (ask IT), then try again.';
    return serialError(
      'permission_denied',
      `This user may not open ${path} (permission denied). The device is there.`,
      fix,
    );
  }
  if (/cannot lock port|resource temporarily unavailable|resource busy|ebusy|port is locked|access denied/.test(text)) {
    return serialError(
      'port_busy',
      `${path} is already open in another program (another kiosk window, a terminal, or ModemManager probing the modem).`,
      'Close the other program. On Linux kiosks, stop ModemManager ("sudo systemctl disable --now ModemManager") or tag the modem with ID_MM_DEVICE_IGNORE=1 in a udev rule.',
    );
  }
  if (/inappropriate ioctl|is a directory|not a typewriter|enotty/.test(text)) {
    return serialError(
      'not_a_serial_port',
      `${path} exists but is not a serial port.`,
      'Pick the device\'s serial port from "imei-kiosk serial list" (for example /dev/ttyUSB2 or /dev/ttyACM0).',
    );
  }
  return serialError(
    'open_failed',
    `Could not open ${path}: ${detail}`,
    'Unplug and replug the device, then try again; if it persists, give IT this message.',
  );
}
