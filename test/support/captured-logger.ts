/** A debug-level pino logger whose lines a test can read, as text and as parsed records. */
import { Writable } from 'node:stream';
import pino from 'pino';

export interface CapturedLogger {
  readonly logger: pino.Logger;
  /** Every line as written. */
  readonly lines: string[];
  /** Every line parsed, in order. */
  records(): Record<string, unknown>[];
}

export function capturedLogger(): CapturedLogger {
  const lines: string[] = [];
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  );
  return { logger, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}
