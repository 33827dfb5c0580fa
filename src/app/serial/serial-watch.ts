/**
 * Feeds the kiosk's SerialOffers from src/serial's PortWatcher: the ports seen, the IMEI read
 * from a newly plugged-in device's modem (offered on the onboarding screen), and every scan from a
 * serial-mode scanner while its port is there (read like a keyboard-wedge scan). The Electron main
 * process starts it beside the kiosk host, reading the station's serial profile at every poll so
 * a change in Settings (baud rate, scanner framing, extra USB ids) applies without a restart:
 *
 *   const watch = watchSerialPorts({ offers: host.serial, profile: () => host.serialProfile() });
 *   app.on('will-quit', () => void watch.stop());
 *
 * Tests inject a lister: pseudo-terminals never appear in SerialPort.list().
 */
import { discoverPorts, type DiscoveredPort, type PortLister } from '../../serial/port-discovery.js';
import { readModemImei, type ModemReadResult } from '../../serial/modem-reader.js';
import { PortWatcher } from '../../serial/port-watcher.js';
import { SCANNER_DEFAULTS, type ScannerOptions, type ScannerReader } from '../../serial/scanner-reader.js';
import { DEFAULT_SCANNER_FRAMING, type ScannerFramingSetting } from '../../serial/serial-profile.js';
import type { UsbDeviceMatch } from '../../serial/usb-ids.js';
import type { SerialOffers, SerialPortLine, SerialProblem } from './serial-offers.js';
import { ScannerPorts } from './serial-scanners.js';

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
  /** For tests: how a scanner port is opened (default: src/serial's scanner reader). */
  readonly openScanner?: (options: ScannerOptions) => Promise<ScannerReader>;
  readonly log?: (message: string) => void;
}

export interface WatchProfile {
  /** The modems' rate (Settings' serial baud rate; 115200 by default, what modules ship at). */
  readonly baudRate?: number;
  /**
   * The serial-mode scanners' rate. Apart from the modems' because scanners ship at 9600: one
   * shared rate would garble one or the other. Default SCANNER_DEFAULTS.baudRate; USB CDC scanners ignore it.
   */
  readonly scannerBaudRate?: number;
  /** How a scan ends (line ending or pause). Default: a line (CR, LF or CRLF). */
  readonly scannerFraming?: ScannerFramingSetting;
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
        return discoverPorts({
          ...(options.lister ? { lister: options.lister } : {}),
          ...(usbMatches ? { matches: usbMatches } : {}),
        });
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
  // PortWatcher's list is already current when it says a port came or went.
  const publishPorts = () => offers.setPorts(watcher.ports.map(portLine));
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
  watcher.on('read-failed', ({ error }) =>
    offers.setProblem({ kind: error.kind, message: error.message, nextAction: error.nextAction }),
  );
  watcher.on('list-failed', (error) =>
    offers.setProblem({ kind: error.kind, message: error.message, nextAction: error.nextAction }),
  );

  // A scanner's problem (an unplug, a port it could not open) is withdrawn once a scanner reads
  // again (replugged, maybe as another ttyACMn), unless something else has been reported since.
  let scannerProblem: SerialProblem | undefined;
  const scanners = new ScannerPorts({
    onScan: (scan) => offers.reportScan(scan),
    onProblem: (error) => {
      scannerProblem = { kind: error.kind, message: error.message, nextAction: error.nextAction };
      offers.setProblem(scannerProblem);
    },
    onOpened: () => {
      if (scannerProblem && offers.status().problem === scannerProblem) offers.setProblem(undefined);
      scannerProblem = undefined;
    },
    // The device node went away before the list said so: look now rather than at the next tick.
    onLost: () => void watcher.poll(),
    ...(options.openScanner ? { openReader: options.openScanner } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  let scannersSynced: Promise<void> = Promise.resolve();
  watcher.on('polled', (ports) => {
    const { scannerBaudRate, scannerFraming } = profile();
    scannersSynced = scanners.sync(ports, {
      baudRate: scannerBaudRate ?? SCANNER_DEFAULTS.baudRate,
      framing: scannerFraming ?? DEFAULT_SCANNER_FRAMING,
    });
  });

  watcher.start();
  return {
    // A poll is done once the scanner readers match the list too.
    poll: async () => {
      await watcher.poll();
      await scannersSynced;
    },
    stop: async () => {
      await watcher.stop();
      await scanners.close();
    },
  };
}
