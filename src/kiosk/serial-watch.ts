/**
 * Feeds the kiosk's SerialOffers from src/serial's PortWatcher: the ports seen, and the IMEI read
 * from a newly plugged-in device's modem (offered on the onboarding screen). The Electron main
 * process starts it beside the kiosk host:
 *
 *   const watch = watchSerialPorts({ offers: host.serial, baudRate: settings.serialBaud });
 *   app.on('will-quit', () => void watch.stop());
 *
 * Tests inject a lister: pseudo-terminals never appear in SerialPort.list().
 */
import { discoverPorts, type DiscoveredPort, type PortLister } from '../serial/port-discovery.js';
import { readModemImei, type ModemReadResult } from '../serial/modem-reader.js';
import { PortWatcher } from '../serial/port-watcher.js';
import type { SerialOffers, SerialPortLine } from './serial-offers.js';

export interface SerialWatchOptions {
  readonly offers: SerialOffers;
  /** SerialPort.list by default. */
  readonly lister?: PortLister;
  /** UART modules; USB CDC ports ignore it. */
  readonly baudRate?: number;
  /** Default 2 s; at least 1 s (each poll may run udevadm). */
  readonly pollIntervalMs?: number;
  /** For tests: how an IMEI is read (default: the AT modem reader at baudRate). */
  readonly readImei?: (path: string) => Promise<ModemReadResult>;
  readonly log?: (message: string) => void;
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
  const watcher = new PortWatcher(
    { pollIntervalMs: options.pollIntervalMs ?? 2_000 },
    {
      discover: () => discoverPorts(options.lister ? { lister: options.lister } : {}),
      readImei: options.readImei ?? ((path) => readModemImei({ path, ...(options.baudRate ? { baudRate: options.baudRate } : {}) })),
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
