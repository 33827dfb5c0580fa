/**
 * Which serial ports are there, and which of them are a known modem or scanner: SerialPort.list()
 * matched against the USB id list, with the stable /dev/serial/by-id name beside the ttyUSBn one
 * (ttyUSBn numbers move after a replug; by-id names do not).
 */
import { readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { SerialPort } from 'serialport';
import { catalogueSerialError, type SerialError } from './errors.js';
import { KNOWN_USB_DEVICES, matchUsbDevice, type UsbDeviceMatch } from './usb-ids.js';

/** What SerialPort.list() returns per port; only `path` is guaranteed. */
export interface PortInfoLike {
  readonly path: string;
  readonly manufacturer?: string | undefined;
  readonly serialNumber?: string | undefined;
  readonly pnpId?: string | undefined;
  readonly vendorId?: string | undefined;
  readonly productId?: string | undefined;
}

export type PortLister = () => Promise<readonly PortInfoLike[]>;

export interface DiscoveredPort {
  readonly path: string;
  /** /dev/serial/by-id/… for this port, when there is one. Prefer it in settings. */
  readonly stablePath: string | null;
  readonly vendorId: string | null;
  readonly productId: string | null;
  readonly serialNumber: string | null;
  readonly manufacturer: string | null;
  /** The known maker from the USB id list, null when the port matched nothing. */
  readonly maker: string | null;
  readonly kind: 'modem' | 'scanner' | null;
  /** The USB interface number, from the by-id name ("…-if02-port0" → 2). */
  readonly usbInterface: number | null;
  /** False for a modem port that is known not to be its AT port (Quectel's if00/if01/if03). */
  readonly atCapable: boolean;
}

export type PortListResult =
  | { readonly ok: true; readonly ports: readonly DiscoveredPort[] }
  | { readonly ok: false; readonly error: SerialError };

export interface DiscoverOptions {
  /** SerialPort.list by default. PTYs never appear there (it filters on tty names via udevadm). */
  readonly lister?: PortLister;
  readonly matches?: readonly UsbDeviceMatch[];
  readonly byIdDir?: string;
  /** Include ports that match no known maker. */
  readonly all?: boolean;
}

export const BY_ID_DIR = '/dev/serial/by-id';

/** Real device path → its by-id link. A missing folder (no USB serial device, not Linux) is no links. */
export function stableNames(byIdDir: string = BY_ID_DIR): Map<string, string> {
  const names = new Map<string, string>();
  let entries: string[];
  try {
    entries = readdirSync(byIdDir);
  } catch {
    return names;
  }
  for (const entry of entries.sort()) {
    const link = path.join(byIdDir, entry);
    try {
      names.set(realpathSync(link), link);
    } catch {
      // A dangling link: the device went away between readdir and realpath.
    }
  }
  return names;
}

function interfaceNumber(name: string | null | undefined): number | null {
  const digits = /-if(\d{2})(?:-port\d+)?$/.exec(name ?? '')?.[1];
  return digits === undefined ? null : Number(digits);
}

export function describePort(
  info: PortInfoLike,
  stablePath: string | null,
  matches: readonly UsbDeviceMatch[] = KNOWN_USB_DEVICES,
): DiscoveredPort {
  const match = matchUsbDevice(info.vendorId, info.productId, matches);
  const usbInterface = interfaceNumber(stablePath) ?? interfaceNumber(info.pnpId);
  return {
    path: info.path,
    stablePath,
    vendorId: info.vendorId?.toLowerCase() ?? null,
    productId: info.productId?.toLowerCase() ?? null,
    serialNumber: info.serialNumber ?? null,
    manufacturer: info.manufacturer ?? null,
    maker: match?.maker ?? null,
    kind: match?.kind ?? null,
    usbInterface,
    atCapable: match?.atInterface === undefined || usbInterface === null || usbInterface === match.atInterface,
  };
}

/** The error for a failed list: a missing udevadm (minimal images) says so and how to fix it. */
export function classifyListError(detail: string): SerialError {
  if (/udevadm/.test(detail) && /ENOENT|not found/i.test(detail)) {
    return catalogueSerialError(
      'udevadm_missing',
      'serialport uses udevadm on Linux: install udev ("sudo apt-get install udev"), or skip discovery and pass the port directly: imei-kiosk serial read --port /dev/ttyUSB2',
    );
  }
  return catalogueSerialError('list_failed', `${detail}; the port can be passed directly with --port`);
}

export async function discoverPorts(options: DiscoverOptions = {}): Promise<PortListResult> {
  const lister = options.lister ?? (() => SerialPort.list());
  let infos: readonly PortInfoLike[];
  try {
    infos = await lister();
  } catch (thrown) {
    return { ok: false, error: classifyListError(thrown instanceof Error ? thrown.message : String(thrown)) };
  }
  const names = stableNames(options.byIdDir);
  const ports = infos
    .map((info) => describePort(info, names.get(safeRealpath(info.path)) ?? null, options.matches))
    .filter((port) => options.all || port.kind !== null)
    .sort((a, b) => Number(a.kind === null) - Number(b.kind === null) || a.path.localeCompare(b.path)); // known makers first
  return { ok: true, ports };
}

function safeRealpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}
