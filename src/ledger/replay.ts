/**
 * Reads every segment in order, checks each line's checksum and the sequence across segments, and
 * feeds each good record to the caller. Reads only: moving a damaged tail aside is the writer's job.
 */
import { readFile } from 'node:fs/promises';
import type { JobIndex } from './job-index.js';
import type { LedgerRecord } from './records.js';
import { scanSegment, type DamagedLine, type LineProblem } from './segment-scan.js';
import { listSegments, type SegmentFile } from './segments.js';

export type LedgerIssueKind =
  | LineProblem
  | 'sequence_gap'
  | 'sequence_repeat'
  | 'unknown_job'
  | 'duplicate_job'
  | 'transition_mismatch';

/**
 * Something found in the journal. `damage` means bytes on disk are not what the kiosk wrote, or
 * records are missing; `warning` means intact records that do not add up (the engine's concern).
 */
export interface LedgerIssue {
  readonly severity: 'damage' | 'warning';
  readonly kind: LedgerIssueKind;
  /** The segment file name, e.g. segment-000003.jsonl. */
  readonly file: string;
  /** 1-based line number in that file. */
  readonly line: number;
  readonly seq?: number;
  readonly message: string;
}

/** The damaged end of a segment: lines that failed with no good line after them. */
export interface SegmentTail {
  readonly segment: SegmentFile;
  readonly lines: readonly DamagedLine[];
  /** Where the good part of the file ends and the tail begins. */
  readonly offset: number;
  readonly bytes: number;
}

export interface ReplayResult {
  readonly segments: readonly SegmentFile[];
  readonly records: number;
  readonly lastSeq: number;
  /** Damage in the middle of the journal and consistency warnings, in file order. */
  readonly issues: LedgerIssue[];
  /** The last segment's damaged tail, if any (torn write or corrupt last lines). */
  readonly tail?: SegmentTail;
  /** Size in bytes of every segment's good part (the last segment's excludes its tail). */
  readonly sizes: ReadonlyMap<string, number>;
}

export interface ReplayOptions {
  /** Validate every record with its zod schema (default true). The checksum is always verified. */
  readonly validate?: boolean;
  readonly index?: JobIndex;
  readonly onRecord?: (record: LedgerRecord) => void;
}

function damage(file: string, d: DamagedLine): LedgerIssue {
  return {
    severity: d.problem === 'invalid_record' ? 'warning' : 'damage',
    kind: d.problem,
    file,
    line: d.line,
    message: d.problem === 'invalid_record' ? `${d.message} (intact line, skipped: written by another version?)` : d.message,
  };
}

export async function replaySegments(dataDir: string, options: ReplayOptions = {}): Promise<ReplayResult> {
  const segments = await listSegments(dataDir);
  const issues: LedgerIssue[] = [];
  const sizes = new Map<string, number>();
  let lastSeq = 0;
  let records = 0;
  let tail: SegmentTail | undefined;
  const index = options.index;

  for (const [position, segment] of segments.entries()) {
    const bytes = await readFile(segment.path);
    const segmentIssues: LedgerIssue[] = [];
    const scan = scanSegment(
      bytes,
      (record, line) => {
        if (record.seq !== lastSeq + 1) {
          segmentIssues.push(
            record.seq > lastSeq
              ? { severity: 'damage', kind: 'sequence_gap', file: segment.name, line, seq: record.seq, message: `sequence jumps from ${lastSeq} to ${record.seq}: ${record.seq - lastSeq - 1} record(s) missing` }
              : { severity: 'damage', kind: 'sequence_repeat', file: segment.name, line, seq: record.seq, message: `sequence ${record.seq} after ${lastSeq}: repeated or out of order` },
          );
        }
        lastSeq = Math.max(lastSeq, record.seq);
        records++;
        if (index) {
          const before = index.issues.length;
          index.apply(record);
          for (let i = before; i < index.issues.length; i++) {
            const issue = index.issues[i]!;
            segmentIssues.push({ severity: 'warning', kind: issue.kind, file: segment.name, line, seq: issue.seq, message: issue.message });
          }
        }
        options.onRecord?.(record);
      },
      options.validate ?? true,
    );
    const isLast = position === segments.length - 1;
    for (const d of scan.middle) segmentIssues.push(damage(segment.name, d));
    if (scan.tail.length > 0) {
      if (isLast) {
        tail = { segment, lines: scan.tail, offset: scan.goodLength, bytes: bytes.length - scan.goodLength };
      } else {
        // Rotation only starts a segment after the previous one is fsynced: a bad end here is real damage.
        for (const d of scan.tail) segmentIssues.push(damage(segment.name, d));
      }
    }
    // In line order within the file (the sort is stable: a line's own issues keep their order).
    issues.push(...segmentIssues.sort((a, b) => a.line - b.line));
    sizes.set(segment.name, isLast ? scan.goodLength : bytes.length);
  }
  return { segments, records, lastSeq, issues, sizes, ...(tail ? { tail } : {}) };
}
