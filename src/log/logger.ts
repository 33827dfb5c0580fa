/**
 * The kiosk's log: JSON lines (pino), rotated by size (rotating-file-stream), and redacted at the
 * sink so that no caller can leak a token, a full IMEI or a full patient uid by mistake.
 */
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { createStream } from 'rotating-file-stream';
import { redactLine } from './redact.js';

export interface LoggerOptions {
  /** Folder for kiosk.log and its rotated files. */
  readonly dir: string;
  readonly level?: pino.Level;
  /** Rotate when the file reaches this size (rotating-file-stream syntax, e.g. "10M", "1K"). */
  readonly maxFileSize?: string;
  /** How many rotated files to keep besides the current one. */
  readonly keepFiles?: number;
}

export interface KioskLogger {
  readonly logger: Logger;
  /** Resolves once every line written so far has been handed to the file. */
  flush(): Promise<void>;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

export function createKioskLogger(options: LoggerOptions): KioskLogger {
  const file = createStream('kiosk.log', {
    path: options.dir,
    size: (options.maxFileSize ?? '10M') as `${number}M`,
    maxFiles: options.keepFiles ?? 5,
  });

  const redacting = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      const redacted = chunk
        .toString()
        .split('\n')
        .map((line) => (line ? redactLine(line) : line))
        .join('\n');
      file.write(redacted, callback);
    },
    final(callback) {
      file.end(callback);
    },
  });

  const logger = pino({ level: options.level ?? 'info', base: { app: 'imei-kiosk' } }, redacting);
  return {
    logger,
    flush: () => new Promise<void>((resolve, reject) => redacting.write('', (e) => (e ? reject(e) : resolve()))),
    close: () =>
      new Promise<void>((resolve) => {
        file.once('finish', () => resolve());
        redacting.end();
      }),
  };
}
