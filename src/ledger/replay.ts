/**
 * Reads every segment in order (or from a snapshot's position on), checks each line's checksum and
 * the sequence across segments, and feeds each good record to the caller. Reads only: moving a
 * damaged tail aside is the writer's job.
 */
import type { JobIndex } from './job-index.js';
import type { LedgerRecord } from './records.js';
import { scanSegmentFile, type DamagedLine, type LineProblem } from './segment-scan.js';
import { listSegments, type SegmentFile } from './segments.js';

export type LedgerIssueKind =
  | LineProblem
  | 'lost_records'
  | 'high_water'
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
  /** Where the last good record ends: the segment, the offset after its newline, its line number. */
  readonly end: ReplayPosition;
  /** The last good record's line checksum ('' when there is none). */
  readonly lastSum: string;
  /** The line checksum of the record with `ReplayOptions.watchSeq`, if it was read. */
  readonly watchedSum?: string;
}

/** A line boundary in the journal, and what was read before it. */
export interface ReplayPosition {
  /** The segment's number (segment-000003.jsonl → 3); 0 before any segment. */
  readonly segment: number;
  readonly offset: number;
  /** Lines in the segment before the offset. */
  readonly line: number;
  /** Where the line of the last good record begins (absent before the first record). */
  readonly lastRecord?: { readonly segment: number; readonly offset: number; readonly end: number };
}

/** Resume after a snapshot: the position, and what the journal held up to it. */
export interface ReplayStart {
  readonly position: ReplayPosition;
  readonly lastSeq: number;
  readonly lastSum: string;
  readonly records: number;
  readonly issues: readonly LedgerIssue[];
}

export interface ReplayOptions {
  /** Validate every record with its zod schema (default true). The checksum is always verified. */
  readonly validate?: boolean;
  readonly index?: JobIndex;
  readonly onRecord?: (record: LedgerRecord) => void;
  /** Start after a snapshot instead of at the first segment (the index must hold its state). */
  readonly start?: ReplayStart;
  /** Keep the line checksum of the record with this seq (the high-water mark's). */
  readonly watchSeq?: number;
}

/** The checksum at the end of a journal line: `…,"sum":"<64 hex>"}`. */
export function lineSum(text: string): string {
  return text.slice(-66, -2);
}

function damage(file: string, d: DamagedLine): LedgerIssue {
  return {
    severity: d.problem === 'invalid_record' ? 'warning' : 'damage',
    kind: d.problem,
    file,
    line: d.line,
    message:
      d.problem === 'invalid_record'
        ? `${d.message} (intact line, skipped: written by another version?)`
        : d.problem === 'invalid_field'
          ? `${d.message} (its checksum holds, so the line was altered or written by another program; skipped)`
          : d.message,
  };
}

export async function replaySegments(dataDir: string, options: ReplayOptions = {}): Promise<ReplayResult> {
  const segments = await listSegments(dataDir);
  const start = options.start;
  const issues: LedgerIssue[] = [...(start?.issues ?? [])];
  let lastSeq = start?.lastSeq ?? 0;
  let lastSum = start?.lastSum ?? '';
  let records = start?.records ?? 0;
  let end: ReplayPosition = start?.position ?? { segment: 0, offset: 0, line: 0 };
  let watchedSum: string | undefined = start && start.lastSeq === options.watchSeq ? start.lastSum : undefined;
  let tail: SegmentTail | undefined;
  const index = options.index;

  for (const [position, segment] of segments.entries()) {
    if (start && segment.index < start.position.segment) continue;
    const from =
      start && segment.index === start.position.segment
        ? { offset: start.position.offset, line: start.position.line }
        : undefined;
    const segmentIssues: LedgerIssue[] = [];
    let lastLine: ReplayPosition = from
      ? end
      : { segment: segment.index, offset: 0, line: 0, ...(end.lastRecord ? { lastRecord: end.lastRecord } : {}) };
    const scan = await scanSegmentFile(
      segment.path,
      (record, line, offset, lineEnd, text) => {
        if (record.seq !== lastSeq + 1) {
          segmentIssues.push(
            record.seq > lastSeq
              ? {
                  severity: 'damage',
                  kind: 'sequence_gap',
                  file: segment.name,
                  line,
                  seq: record.seq,
                  message: `sequence jumps from ${lastSeq} to ${record.seq}: ${record.seq - lastSeq - 1} record(s) missing`,
                }
              : {
                  severity: 'damage',
                  kind: 'sequence_repeat',
                  file: segment.name,
                  line,
                  seq: record.seq,
                  message: `sequence ${record.seq} after ${lastSeq}: repeated or out of order`,
                },
          );
        }
        lastSeq = Math.max(lastSeq, record.seq);
        lastSum = lineSum(text);
        if (record.seq === options.watchSeq) watchedSum = lastSum;
        lastLine = {
          segment: segment.index,
          offset: lineEnd + 1,
          line,
          lastRecord: { segment: segment.index, offset, end: lineEnd },
        };
        records++;
        if (index) {
          const before = index.issues.length;
          index.apply(record);
          for (let i = before; i < index.issues.length; i++) {
            const issue = index.issues[i]!;
            segmentIssues.push({
              severity: 'warning',
              kind: issue.kind,
              file: segment.name,
              line,
              seq: issue.seq,
              message: issue.message,
            });
          }
        }
        options.onRecord?.(record);
      },
      options.validate ?? true,
      from,
    );
    const isLast = position === segments.length - 1;
    for (const d of scan.middle) segmentIssues.push(damage(segment.name, d));
    if (scan.tail.length > 0) {
      if (isLast) {
        tail = { segment, lines: scan.tail, offset: scan.goodLength, bytes: scan.length - scan.goodLength };
      } else {
        // Rotation only starts a segment after the previous one is fsynced: a bad end here is real damage.
        for (const d of scan.tail) segmentIssues.push(damage(segment.name, d));
      }
    }
    // In line order within the file (the sort is stable: a line's own issues keep their order).
    issues.push(...segmentIssues.sort((a, b) => a.line - b.line));
    // Resume point: after the last good line of this segment (a snapshot taken here skips it all).
    end = isLast
      ? { ...lastLine, offset: scan.goodLength, line: tail ? tail.lines[0]!.line - 1 : scan.lineCount }
      : lastLine;
  }
  return {
    segments,
    records,
    lastSeq,
    lastSum,
    issues,
    end,
    ...(watchedSum !== undefined ? { watchedSum } : {}),
    ...(tail ? { tail } : {}),
  };
}
