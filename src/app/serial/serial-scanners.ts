/**
 * The kiosk's serial-mode scanners: one scanner reader per scanner port while the port is listed,
 * opened with the station's framing and baud, closed when the port goes away or the kiosk stops.
 * The serial watch calls `sync` after every poll with the ports listed and the current settings,
 * so a plug-in, an unplug and a framing change in Settings all come down to one reconcile.
 */
import { maskImei } from '../../imei/format.js';
import { englishProblem } from '../../messages/render.js';
import type { DiscoveredPort } from '../../serial/port-discovery.js';
import { catalogueSerialError, toSerialError, type SerialError } from '../../serial/errors.js';
import {
  openScannerReader,
  type RejectedScan,
  type ScannerFraming,
  type ScannerOptions,
  type ScannerReader,
} from '../../serial/scanner-reader.js';
import type { ScannerFramingSetting } from '../../serial/serial-profile.js';
import type { SerialProblem, SerialScan } from './serial-offers.js';

export interface ScannerSettings {
  readonly baudRate: number;
  readonly framing: ScannerFramingSetting;
}

export interface ScannerPortsDependencies {
  readonly onScan: (scan: SerialScan) => void;
  /** A reader could not open, or failed (unplugged, I/O error): what to show and do. */
  readonly onProblem: (problem: SerialProblem, port: string) => void;
  /** A reader is open and listening (a problem from this port may be cleared). */
  readonly onOpened?: (port: string) => void;
  /** A reader failed on its own: the port list is probably stale (poll now). */
  readonly onLost?: (port: string) => void;
  /** For tests: how a reader is opened (default: src/serial's openScannerReader). */
  readonly openReader?: (options: ScannerOptions) => Promise<ScannerReader>;
  readonly log?: (message: string) => void;
}

interface OpenScanner {
  /** The settings it was opened with: other settings mean reopen. */
  readonly settingsKey: string;
  reader?: ScannerReader;
  /** Why it is not reading, when it is not. */
  failure?: SerialError;
  failedAt?: number;
}

/** A reader that failed is tried again no sooner than this: a device that fails as soon as it opens must not spin. */
export const SCANNER_RETRY_MS = 1_000;

/** Settings framing → reader framing. A line ends at CR, LF or CRLF whichever was chosen: the setting's ending only documents the scanner. */
function readerFraming(framing: ScannerFramingSetting): ScannerFraming {
  return framing.mode === 'silence' ? { mode: 'silence', intervalMs: framing.intervalMs } : { mode: 'line' };
}

/** A refused scan in words the operator can act on (the catalogue's). Garbage never reaches the candidate parser. */
export function rejectedScanProblem(port: string, rejected: RejectedScan, baudRate: number): SerialProblem {
  return rejected.reason === 'garbled'
    ? englishProblem('garbled_scan', { port, baud: baudRate })
    : englishProblem('overlong_scan', { port, length: rejected.length });
}

function describe(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}

export class ScannerPorts {
  private readonly scanners = new Map<string, OpenScanner>();
  private work: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly openReader: (options: ScannerOptions) => Promise<ScannerReader>;
  private readonly log: (message: string) => void;

  constructor(private readonly deps: ScannerPortsDependencies) {
    this.openReader = deps.openReader ?? openScannerReader;
    this.log = deps.log ?? (() => undefined);
  }

  /** Ports with a reader listening now. */
  get listening(): readonly string[] {
    return [...this.scanners].filter(([, s]) => s.reader).map(([path]) => path);
  }

  /**
   * Opens, keeps or closes readers so that each listed scanner port has one. Calls run one after the
   * other. A sync that fails (a listener that throws, a close that rejects) is logged, not thrown:
   * the serial watch fires syncs without awaiting them, and a rejected chain would stop every later
   * sync and close() (ports left open until the process exits).
   */
  sync(ports: readonly DiscoveredPort[], settings: ScannerSettings): Promise<void> {
    return this.enqueue('sync', () => (this.stopped ? undefined : this.syncNow(ports, settings)));
  }

  /** Closes every reader (each one, even when another fails to close); later syncs do nothing. */
  close(): Promise<void> {
    this.stopped = true;
    return this.enqueue('close', async () => {
      const entries = [...this.scanners];
      this.scanners.clear();
      const closed = await Promise.allSettled(entries.map(async ([, s]) => s.reader?.close()));
      closed.forEach((result, i) => {
        if (result.status === 'rejected')
          this.log(`scanner ${entries[i]![0]} did not close: ${describe(result.reason)}`);
      });
    });
  }

  /** Runs `step` after the work before it; its failure is logged, so the chain never rejects. */
  private enqueue(what: string, step: () => Promise<void> | undefined): Promise<void> {
    this.work = this.work.then(step).catch((thrown: unknown) => {
      try {
        this.log(`scanner ${what} failed: ${describe(thrown)}`);
      } catch {
        // A log that throws too must not wedge the chain either.
      }
    });
    return this.work;
  }

  private async syncNow(ports: readonly DiscoveredPort[], settings: ScannerSettings): Promise<void> {
    const wanted = new Map(ports.filter((p) => p.kind === 'scanner').map((p) => [p.path, p]));
    const settingsKey = JSON.stringify(settings);
    for (const [path, scanner] of [...this.scanners]) {
      // A port that left, or new settings (a framing changed in Settings): close, and reopen below if still there.
      // A reader that went away while its port is still listed (a replug quicker than a poll, or the list
      // not caught up yet) is tried again, a moment later.
      const retry =
        scanner.failure?.kind === 'disconnected' && Date.now() - (scanner.failedAt ?? 0) >= SCANNER_RETRY_MS;
      const previous = retry ? scanner.failure : undefined;
      if (!wanted.has(path) || scanner.settingsKey !== settingsKey || retry) {
        await scanner.reader?.close();
        this.scanners.delete(path);
        if (!wanted.has(path)) this.log(`scanner ${path} closed (port gone)`);
      }
      const port = wanted.get(path);
      if (port && !this.scanners.has(path)) await this.open(path, port, settings, settingsKey, previous);
    }
    for (const [path, port] of wanted) {
      if (!this.scanners.has(path)) await this.open(path, port, settings, settingsKey);
    }
  }

  private async open(
    path: string,
    port: DiscoveredPort,
    settings: ScannerSettings,
    settingsKey: string,
    previous?: SerialError,
  ): Promise<void> {
    const scanner: OpenScanner = { settingsKey };
    this.scanners.set(path, scanner);
    const openAt = port.stablePath ?? port.path;
    let reader: ScannerReader;
    try {
      reader = await this.openReader({
        path: openAt,
        baudRate: settings.baudRate,
        framing: readerFraming(settings.framing),
      });
    } catch (thrown) {
      // The catalogue's words; the port and the system's reason stay in the detail for IT.
      const error = toSerialError(thrown, (detail) =>
        catalogueSerialError('open_failed', `the scanner on ${openAt}: ${detail}`),
      );
      scanner.failedAt = Date.now();
      // Still gone after an unplug: keep the unplug's words (and keep trying) rather than "no port there".
      if (previous && error.kind === 'port_not_found') {
        scanner.failure = previous;
        return;
      }
      scanner.failure = error;
      this.deps.onProblem(error, path);
      return;
    }
    scanner.reader = reader;
    reader.on('scan', ({ raw, candidates }) => {
      const imeis = [...new Set(candidates.valid.map((c) => c.imei))];
      this.log(`scan on ${path}: ${imeis.length === 0 ? 'no IMEI' : imeis.map(maskImei).join(', ')}`);
      this.deps.onScan({ kind: 'scan', port: path, text: raw, imeis });
    });
    reader.on('rejected', (rejected) => {
      this.log(`scan on ${path} refused: ${rejected.reason}`);
      this.deps.onScan({
        kind: 'rejected',
        port: path,
        problem: rejectedScanProblem(path, rejected, settings.baudRate),
      });
    });
    reader.on('failed', (error) => {
      // The reader has closed its port already; the entry stays until the port list says the device left.
      scanner.reader = undefined;
      scanner.failure = error;
      scanner.failedAt = Date.now();
      this.log(`scanner ${path} failed: ${error.kind}`);
      this.deps.onProblem(error, path);
      this.deps.onLost?.(path);
    });
    this.log(`scanner ${path} open (${settings.baudRate} baud, ${settings.framing.mode})`);
    this.deps.onOpened?.(path);
  }
}
