/**
 * Reading a ledger without opening it for writing: no lock, nothing moved or truncated, so the CLI
 * can check and export while a kiosk is running. A damaged tail is reported, not moved.
 */
import { readFile } from 'node:fs/promises';
import { JobIndex } from './job-index.js';
import { inRange, type TimeRange } from './time-range.js';
import type { LedgerRecord } from './records.js';
import { replaySegments, type ReplayResult } from './replay.js';
import { scanSegment } from './segment-scan.js';
import { listSegments } from './segments.js';

export interface LedgerSnapshot {
  readonly index: JobIndex;
  readonly replay: ReplayResult;
}

/** `validate` runs every record's zod schema (default false; see decodeLine). */
export async function readLedger(dataDir: string, options: { validate?: boolean } = {}): Promise<LedgerSnapshot> {
  const index = new JobIndex();
  const replay = await replaySegments(dataDir, { index, validate: options.validate ?? false });
  return { index, replay };
}

/** Every intact journal line, verbatim (checksum included, no newline), whose record time is in range. */
export async function* rawJournalLines(dataDir: string, range: TimeRange = {}): AsyncGenerator<{ line: string; record: LedgerRecord }> {
  for (const segment of await listSegments(dataDir)) {
    const bytes = await readFile(segment.path);
    const found: Array<{ line: string; record: LedgerRecord }> = [];
    scanSegment(bytes, (record, _line, offset, end) => {
      if (inRange(record.ts, range)) found.push({ line: bytes.toString('utf8', offset, end), record });
    }, false);
    yield* found;
  }
}
