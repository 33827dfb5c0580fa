/**
 * Reading a ledger without opening it for writing: no lock, nothing moved or truncated, so the CLI
 * can check and export while a kiosk is running. A damaged tail is reported, not moved.
 */
import { highWaterIssues, readHighWater, type HighWaterRead } from './high-water.js';
import { JobIndex } from './job-index.js';
import { inRange, type TimeRange } from './time-range.js';
import type { LedgerRecord } from './records.js';
import { replaySegments, type ReplayResult } from './replay.js';
import { scanSegmentFile } from './segment-scan.js';
import { listSegments } from './segments.js';

export interface LedgerSnapshot {
  readonly index: JobIndex;
  /** Its issues include what the high-water mark says (loss at the end, a rewritten record). */
  readonly replay: ReplayResult;
  readonly highWater: HighWaterRead;
}

/** `validate` runs every record's zod schema (default false; see decodeLine). */
export async function readLedger(dataDir: string, options: { validate?: boolean } = {}): Promise<LedgerSnapshot> {
  const index = new JobIndex();
  const highWater = await readHighWater(dataDir);
  const replay = await replaySegments(dataDir, {
    index,
    validate: options.validate ?? false,
    ...(highWater.state === 'ok' ? { watchSeq: highWater.mark.seq } : {}),
  });
  replay.issues.push(...highWaterIssues(highWater, replay));
  return { index, replay, highWater };
}

/** Every intact journal line, verbatim (checksum included, no newline), whose record time is in range. */
export async function* rawJournalLines(
  dataDir: string,
  range: TimeRange = {},
): AsyncGenerator<{ line: string; record: LedgerRecord }> {
  for (const segment of await listSegments(dataDir)) {
    const found: Array<{ line: string; record: LedgerRecord }> = [];
    await scanSegmentFile(
      segment.path,
      (record, _line, _offset, _end, line) => {
        if (inRange(record.ts, range)) found.push({ line, record });
      },
      false,
    );
    yield* found;
  }
}
