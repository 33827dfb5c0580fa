/**
 * Feeds the kiosk's SerialOffers from src/serial's PortWatcher: the ports seen, and the IMEI read
 * from a newly plugged-in device's modem (offered on the onboarding screen). The Electron main
 * process starts it beside the kiosk host, reading the station's serial profile at every poll so
 * a change in Settings (baud rate, extra USB ids) applies without a restart:
 *
 *   const watch = watchSerialPorts({ offers: host.serial, profile: () => host.serialProfile() });
 *   app.on('will-quit', () => void watch.stop());
 *
 * Tests inject a lister: pseudo-terminals never appear in SerialPort.list().
 */
import { discoverPorts, type DiscoveredPort, type PortLister } from '../serial/port-discovery.js';
import { readModemImei, type ModemReadResult } from '../serial/modem-reader.js';
import { PortWatcher } from '../serial/port-watcher.js';
import type { UsbDeviceMatch } from '../serial/usb-ids.js';
import type { SerialOffers, SerialPortLine } from './serial-offers.js';

export interface SerialWatchOptions {
  readonly offers: SerialOffers;
  /** SerialPort.list by default. */
  readonly lister?: PortLister;
  /** UART modules; USB CDC ports ignore it. A fixed rate; `profile` wins when given. */
  readonly baudRate?: number;
  /** Read before each list and each read: the current baud rate and USB ids (default: the built-in list). */
  readonly profile?: () => WatchProfile;
  /** Default 2 s; at least 1 s (each poll may run udevadm). */
  readonly pollIntervalMs?: number;
  /** For tests: how an IMEI is read (default: the AT modem reader at baudRate). */
  readonly readImei?: (path: string) => Promise<ModemReadResult>;
  readonly log?: (message: string) => void;
}

export interface WatchProfile {
  readonly baudRate?: number;
  readonly usbMatches?: readonly UsbDeviceMatch[];
}

export interface SerialWatch {
  /** Polls now (after a settings change, or in tests instead of waiting for the timer). */
  poll(): Promise<void>;
  stop(): Promise<void>;
}

function portLine(port: DiscoveredPort): SerialPortLine {
  const name = port.maker ?? port.manufacturer ?? 'Serial device';
  return { path: port.path, label: `${name} (${port.stablePath ?? port.path})`, kind: port.kind ?? 'unknown' };
}

export function watchSerialPorts(options: SerialWatchOptions): SerialWatch {
  const { offers } = options;
  const profile = (): WatchProfile => options.profile?.() ?? (options.baudRate ? { baudRate: options.baudRate } : {});
  const watcher = new PortWatcher(
    { pollIntervalMs: options.pollIntervalMs ?? 2_000 },
    {
      discover: () => {
        const { usbMatches } = profile();
        return discoverPorts({ ...(options.lister ? { lister: options.lister } : {}), ...(usbMatches ? { matches: usbMatches } : {}) });
      },
      readImei:
        options.readImei ??
        ((path) => {
          const { baudRate } = profile();
          return readModemImei({ path, ...(baudRate ? { baudRate } : {}) });
        }),
      ...(options.log ? { log: options.log } : {}),
    },
  );
  // PortWatcher updates its list just after emitting attached/detached: read it once the poll is done.
  const publishPorts = () => queueMicrotask(() => offers.setPorts(watcher.ports.map(portLine)));
  watcher.on('attached', publishPorts);
  watcher.on('detached', publishPorts);
  watcher.on('imei', ({ port, read }) => {
    offers.setOffer({
      imei: read.imei,
      port: port.path,
      ...((read.modem.manufacturer ?? port.maker) ? { manufacturer: (read.modem.manufacturer ?? port.maker)! } : {}),
      ...(read.modem.model ? { model: read.modem.model } : {}),
      readAt: new Date().toISOString(),
    });
  });
  watcher.on('read-failed', ({ error }) => offers.setProblem({ kind: error.kind, message: error.message, nextAction: error.nextAction }));
  watcher.on('list-failed', (error) => offers.setProblem({ kind: error.kind, message: error.message, nextAction: error.nextAction }));
  watcher.start();
  return {
    poll: () => watcher.poll(),
    stop: () => watcher.stop(),
  };
}
