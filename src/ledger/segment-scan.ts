/**
 * Reads one segment's bytes line by line and sorts every line into good records and damage.
 * Damage followed by at least one good line is "in the middle"; damage with no good line after it
 * (including a last line with no newline: a torn write) is the segment's "tail".
 */
import { decodeLine } from './line-codec.js';
import type { LedgerRecord } from './records.js';

export type LineProblem = 'checksum' | 'not_json' | 'invalid_record' | 'torn';

export interface DamagedLine {
  /** 1-based line number in the segment. */
  readonly line: number;
  /** Byte offset of the line's first byte. */
  readonly offset: number;
  readonly problem: LineProblem;
  readonly message: string;
}

export interface SegmentScan {
  /** Lines that failed, followed by a good line. */
  readonly middle: DamagedLine[];
  /** Lines that failed at the end, with no good line after them. */
  readonly tail: DamagedLine[];
  /** Byte offset where the tail begins (the file's length when there is no tail). */
  readonly goodLength: number;
  readonly lineCount: number;
}

const NEWLINE = 0x0a;

export function scanSegment(
  bytes: Buffer,
  onRecord: (record: LedgerRecord, line: number, offset: number, end: number) => void,
  validate = true,
): SegmentScan {
  const middle: DamagedLine[] = [];
  let pending: DamagedLine[] = [];
  let lineNo = 0;
  let start = 0;
  while (start < bytes.length) {
    lineNo++;
    const end = bytes.indexOf(NEWLINE, start);
    if (end === -1) {
      pending.push({
        line: lineNo,
        offset: start,
        problem: 'torn',
        message: `torn write: ${bytes.length - start} bytes with no newline at the end of the file`,
      });
      break;
    }
    const decoded = decodeLine(bytes.toString('utf8', start, end), validate);
    if (decoded.ok) {
      middle.push(...pending);
      pending = [];
      onRecord(decoded.record, lineNo, start, end);
    } else {
      pending.push({ line: lineNo, offset: start, problem: decoded.problem, message: decoded.message });
    }
    start = end + 1;
  }
  // A record with a good checksum that this version cannot read is not a torn write: keep it in place.
  const movableFrom = pending.map((d) => d.problem).lastIndexOf('invalid_record') + 1;
  middle.push(...pending.slice(0, movableFrom));
  const tail = pending.slice(movableFrom);
  return { middle, tail, goodLength: tail[0]?.offset ?? bytes.length, lineCount: lineNo };
}
