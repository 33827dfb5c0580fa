/**
 * A station's serial profile: what it needs to read its devices — the baud rate, how its
 * serial-mode scanner ends a scan, and USB ids to recognise beyond the built-in list. Pure (zod
 * only), so the contract can share the shapes; the rules say why an entry cannot be saved.
 */
import { z } from 'zod';
import { englishText, type FillValues, type MessageParams } from '../messages/index.js';
import { KNOWN_USB_DEVICES, UsbDeviceMatch } from './usb-ids.js';

/** Baud rates a UART module or serial-mode scanner is set to in practice. */
export const SERIAL_BAUD_RATES = [
  1_200, 2_400, 4_800, 9_600, 19_200, 38_400, 57_600, 115_200, 230_400, 460_800, 921_600,
] as const;

export const SILENCE_MS_RANGE = { min: 10, max: 1_000 } as const;

/**
 * How a serial-mode scanner ends a scan: a line ending (CR, LF or CRLF), or silence — no byte for
 * `intervalMs` — for scanners set to send no suffix.
 */
export const ScannerFramingSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('line'), ending: z.enum(['cr', 'lf', 'crlf']) }),
  z.strictObject({
    mode: z.literal('silence'),
    intervalMs: z.number().int().min(SILENCE_MS_RANGE.min).max(SILENCE_MS_RANGE.max),
  }),
]);
export type ScannerFramingSetting = z.infer<typeof ScannerFramingSchema>;

/** Most scanners ship sending a CR after each scan. */
export const DEFAULT_SCANNER_FRAMING: ScannerFramingSetting = { mode: 'line', ending: 'cr' };

/** At most this many extra USB ids: a station has a few models, not a catalogue. */
export const MAX_EXTRA_USB_DEVICES = 32;

export const ExtraUsbDevicesSchema = z.array(UsbDeviceMatch).max(MAX_EXTRA_USB_DEVICES);

/** The USB ids discovery matches: the station's own first (so a product-specific entry can correct a vendor-wide one), then the built-in list. */
export function usbMatchesWith(extra: readonly UsbDeviceMatch[]): readonly UsbDeviceMatch[] {
  return extra.length === 0 ? KNOWN_USB_DEVICES : [...extra, ...KNOWN_USB_DEVICES];
}

/** What an admin types for one extra device, before it is checked. */
export interface UsbDeviceEdit {
  readonly vendorId: string;
  readonly productId?: string | undefined;
  readonly maker: string;
  readonly kind: 'modem' | 'scanner';
}

export const SERIAL_PROFILE_PROBLEM_KINDS = [
  'usb_vendor_id_format',
  'usb_product_id_format',
  'usb_device_unnamed',
  'usb_devices_too_many',
  'usb_device_listed_twice',
  'baud_rate_unsupported',
] as const;
export type SerialProfileProblemKind = (typeof SERIAL_PROFILE_PROBLEM_KINDS)[number];

/** Why a profile edit cannot be saved: a stable kind (the screen's translation key), its values, and the English text. */
export type SerialProfileProblem = {
  readonly kind: SerialProfileProblemKind;
  readonly params: Readonly<Record<string, string | number>>;
  readonly reason: string;
  readonly nextAction: string;
} | null;

const HEX4 = /^[0-9a-f]{4}$/i;

/** A refusal in the catalogue's words: its kind, the values its text needs, and the English. */
function refused<K extends SerialProfileProblemKind>(
  kind: K,
  params: MessageParams<K> & FillValues,
): NonNullable<SerialProfileProblem> {
  const { message, nextAction } = englishText(kind, params);
  return { kind, params, reason: message, nextAction };
}

/** Why one entry cannot be saved, or null. `row` is 1-based, as the Settings screen lists them. */
export function usbDeviceProblem(edit: UsbDeviceEdit, row: number): SerialProfileProblem {
  if (!HEX4.test(edit.vendorId)) return refused('usb_vendor_id_format', { row, vendorId: edit.vendorId });
  if (edit.productId !== undefined && edit.productId !== '' && !HEX4.test(edit.productId)) {
    return refused('usb_product_id_format', { row, productId: edit.productId });
  }
  if (edit.maker.trim() === '') return refused('usb_device_unnamed', { row });
  return null;
}

/** The extra USB ids, checked and normalised (lower-case hex, empty product id dropped), or why not. */
export function planExtraUsbDevices(
  edits: readonly UsbDeviceEdit[],
): { ok: true; devices: UsbDeviceMatch[] } | ({ ok: false } & NonNullable<SerialProfileProblem>) {
  if (edits.length > MAX_EXTRA_USB_DEVICES) {
    return { ok: false, ...refused('usb_devices_too_many', { count: edits.length, max: MAX_EXTRA_USB_DEVICES }) };
  }
  const devices: UsbDeviceMatch[] = [];
  const seen = new Map<string, number>();
  for (const [index, edit] of edits.entries()) {
    const problem = usbDeviceProblem(edit, index + 1);
    if (problem) return { ok: false, ...problem };
    const device = UsbDeviceMatch.parse({
      vendorId: edit.vendorId,
      ...(edit.productId ? { productId: edit.productId } : {}),
      maker: edit.maker.trim(),
      kind: edit.kind,
    });
    const key = `${device.vendorId}:${device.productId ?? '*'}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      return {
        ok: false,
        ...refused('usb_device_listed_twice', { earlier, row: index + 1, ids: key.replace(':*', '') }),
      };
    }
    seen.set(key, index + 1);
    devices.push(device);
  }
  return { ok: true, devices };
}

/** Why a baud rate cannot be used, or null. */
export function baudRateProblem(baud: number): SerialProfileProblem {
  return (SERIAL_BAUD_RATES as readonly number[]).includes(baud)
    ? null
    : refused('baud_rate_unsupported', { baud, rates: SERIAL_BAUD_RATES.join(', ') });
}
