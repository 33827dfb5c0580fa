/**
 * A serial-mode barcode scanner: each scan arrives as a line (ended by CR, LF or CRLF) or, for
 * scanners set to send no terminator, as a burst of bytes followed by silence. Every scan goes
 * through a line → IMEI candidates function; overlong and garbled scans are reported, never mined.
 */
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { SerialPortStream } from '@serialport/stream';
import { extractImeiCandidates } from '../capture/candidates.js';
import type { Imei } from '../imei/schema.js';
import { validate } from '../imei/validate.js';
import { catalogueSerialError, disconnectedError, toSerialError, type SerialError } from './errors.js';
import { watchDevicePresence } from './device-presence.js';
import { DEFAULT_MAX_LINE_LENGTH, isCleanLine, LineSplitter, type SplitItem } from './line-splitter.js';
import type { SerialReadFailure } from './modem-reader.js';
import { openSerialPort, type PortOpener } from './open-port.js';

/**
 * What a scan holds. The shape of src/capture's ImeiCandidates (valid / invalid), kept minimal
 * so any candidate extractor fits.
 */
export interface LineCandidates {
  readonly valid: readonly { readonly imei: Imei; readonly label?: string }[];
  readonly invalid: readonly { readonly error: { readonly kind: string; readonly message: string } }[];
}

export type LineToCandidates = (line: string) => LineCandidates;

/** The default: src/capture's extractor (plain number, "IMEI:" labels, key:value, CSV, JSON, GS1). */
export const captureCandidates: LineToCandidates = (line) => extractImeiCandidates(line, 'serial-scanner');

/** Stricter: the whole line must be one IMEI (src/imei validate), for scanners set to plain Code 128. */
export const validateWholeLine: LineToCandidates = (line) => {
  const result = validate(line);
  return result.ok
    ? { valid: [{ imei: result.imei }], invalid: [] }
    : { valid: [], invalid: [{ error: result.error }] };
};

export type ScannerFraming = { readonly mode: 'line' } | { readonly mode: 'silence'; readonly intervalMs: number };

export interface ScannerOptions {
  readonly path: string;
  /** Serial-mode scanners mostly default to 9600 8N1. */
  readonly baudRate?: number;
  readonly framing?: ScannerFraming;
  readonly maxLineLength?: number;
  readonly toCandidates?: LineToCandidates;
  readonly openPort?: PortOpener;
}

export const SCANNER_DEFAULTS = {
  baudRate: 9_600,
  framing: { mode: 'line' } as ScannerFraming,
  /** Silence that ends a scan in silence mode (scanners pause 30–50 ms at most inside one). */
  silenceMs: 40,
} as const;

export interface ScanEvent {
  /** The scan as received (latin1, terminator removed), for the audit trail. */
  readonly raw: string;
  readonly candidates: LineCandidates;
}

export type RejectedScan =
  | { readonly reason: 'overlong'; readonly length: number }
  /** Bytes no scanner sends in a barcode: a wrong baud rate or line noise. */
  | { readonly reason: 'garbled'; readonly raw: string };

interface ScannerEvents {
  scan: [ScanEvent];
  rejected: [RejectedScan];
  /** The port went away (unplugged) or failed; the reader is closed. */
  failed: [SerialError];
}

/**
 * Frames bytes into scans by silence: a scan ends after `intervalMs` with no byte. Past the cap
 * the rest of the burst is dropped, so a cut-off piece never reaches the candidate function.
 */
class SilenceFramer {
  private current = '';
  private overflow = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly maxLength: number,
    private readonly emit: (item: SplitItem) => void,
  ) {}

  push(chunk: Buffer): void {
    const text = chunk.toString('latin1');
    if (this.overflow > 0 || this.current.length + text.length > this.maxLength) {
      this.overflow = (this.overflow || this.current.length) + text.length;
      this.current = '';
    } else {
      this.current += text;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.intervalMs);
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private flush(): void {
    if (this.overflow > 0) this.emit({ type: 'overlong', length: this.overflow });
    else {
      // A scanner may still end its burst with CR/LF; inner separators are left to the extractor.
      const text = this.current.replace(/^[\r\n]+|[\r\n]+$/g, '');
      if (text.length > 0) this.emit({ type: 'line', text });
    }
    this.current = '';
    this.overflow = 0;
  }
}

export class ScannerReader extends EventEmitter<ScannerEvents> {
  private closing = false;
  private failed = false;
  private readonly stopPresenceWatch: () => void;
  private readonly framer: { push(chunk: Buffer): void; stop(): void };

  constructor(
    private readonly port: SerialPortStream,
    readonly path: string,
    options: Pick<ScannerOptions, 'framing' | 'maxLineLength' | 'toCandidates'> = {},
  ) {
    super();
    const toCandidates = options.toCandidates ?? captureCandidates;
    const maxLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
    const framing = options.framing ?? SCANNER_DEFAULTS.framing;
    const handle = (item: SplitItem) => {
      if (item.type === 'overlong') this.emit('rejected', { reason: 'overlong', length: item.length });
      else if (!isCleanLine(item.text)) this.emit('rejected', { reason: 'garbled', raw: item.text });
      else this.emit('scan', { raw: item.text, candidates: toCandidates(item.text) });
    };
    if (framing.mode === 'line') {
      const splitter = new LineSplitter(maxLength);
      this.framer = { push: (chunk) => splitter.push(chunk).forEach(handle), stop: () => splitter.reset() };
    } else {
      this.framer = new SilenceFramer(framing.intervalMs, maxLength, handle);
    }
    port.on('data', (chunk: Buffer) => this.framer.push(chunk));
    this.stopPresenceWatch = watchDevicePresence(path, () => this.lost());
    port.on('close', () => this.lost());
    // 'error' after open is a failed read (EIO once the device is gone): the device went away.
    port.on('error', () => this.lost());
  }

  private lost(): void {
    this.framer.stop();
    this.stopPresenceWatch();
    if (this.closing || this.failed) return;
    this.failed = true;
    if (this.port.isOpen) this.port.close(() => undefined);
    this.emit('failed', disconnectedError(this.path));
  }

  close(): Promise<void> {
    this.closing = true;
    this.framer.stop();
    this.stopPresenceWatch();
    return new Promise((resolve) => (this.port.isOpen ? this.port.close(() => resolve()) : resolve()));
  }
}

export async function openScannerReader(options: ScannerOptions): Promise<ScannerReader> {
  const port = await (options.openPort ?? openSerialPort)(options.path, options.baudRate ?? SCANNER_DEFAULTS.baudRate);
  return new ScannerReader(port, options.path, options);
}

export interface ScannerReadSuccess {
  readonly ok: true;
  readonly imei: Imei;
  readonly port: string;
  /** Other valid IMEIs in the same scan (a dual-SIM label): the operator must pick one. */
  readonly alternatives: readonly Imei[];
  readonly raw: string;
  readonly ms: number;
}

export type ScannerReadResult = ScannerReadSuccess | SerialReadFailure;

/**
 * Waits for one scan that holds an IMEI (for the CLI and scripted checks). Garbled and overlong
 * scans are skipped; a clean scan with only invalid numbers ends the wait with invalid_imei.
 */
export async function readScannerImei(
  options: ScannerOptions & { readonly timeoutMs: number; readonly onRejected?: (r: RejectedScan) => void },
): Promise<ScannerReadResult> {
  const started = performance.now();
  const fail = (error: SerialError): SerialReadFailure => ({
    ok: false,
    port: options.path,
    error,
    ms: performance.now() - started,
  });
  let reader: ScannerReader;
  try {
    reader = await openScannerReader(options);
  } catch (thrown) {
    return fail(toSerialError(thrown, (detail) => catalogueSerialError('open_failed', detail)));
  }
  try {
    return await new Promise<ScannerReadResult>((resolve) => {
      const timer = setTimeout(
        () =>
          resolve(
            fail(
              catalogueSerialError(
                'no_scan',
                `nothing on ${options.path} within ${options.timeoutMs / 1000} s; if the scanner beeps, check that it is in serial (not keyboard) mode and at the same baud rate`,
              ),
            ),
          ),
        options.timeoutMs,
      );
      reader.on('rejected', (rejected) => options.onRejected?.(rejected));
      reader.on('failed', (error) => {
        clearTimeout(timer);
        resolve(fail(error));
      });
      reader.on('scan', ({ raw, candidates }) => {
        const [first, ...rest] = candidates.valid;
        if (first) {
          clearTimeout(timer);
          resolve({
            ok: true,
            imei: first.imei,
            port: options.path,
            alternatives: rest.map((c) => c.imei),
            raw,
            ms: performance.now() - started,
          });
        } else if (candidates.invalid[0]) {
          clearTimeout(timer);
          resolve(fail(catalogueSerialError('invalid_imei', candidates.invalid[0].error.message)));
        }
      });
    });
  } finally {
    await reader.close();
  }
}
