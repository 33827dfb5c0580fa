/**
 * Reads one segment line by line and sorts every line into good records and damage.
 * Damage followed by at least one good line is "in the middle"; damage with no good line after it
 * (including a last line with no newline: a torn write) is the segment's "tail".
 *
 * Lines are bounded: a segment is read in chunks, and a line longer than MAX_LINE_BYTES (no line
 * the kiosk writes is) is counted and skipped, never held in memory or turned into one string.
 */
import { open } from 'node:fs/promises';
import { decodeLine } from './line-codec.js';
import type { LedgerRecord } from './records.js';

/** `invalid_record`: intact, but not a record this version reads; `invalid_field`: intact, a known type with a field no kiosk writes. */
export type LineProblem = 'checksum' | 'not_json' | 'invalid_record' | 'invalid_field' | 'torn' | 'oversize';

/** The longest journal line read (append refuses a record whose line would be longer). */
export const MAX_LINE_BYTES = 64 * 2 ** 20;
const CHUNK_BYTES = 8 * 2 ** 20;
const NEWLINE = 0x0a;

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
  /** The file's length (or the bytes scanned, for a buffer). */
  readonly length: number;
  readonly lineCount: number;
}

/** `text` is the line as read, without its newline. */
export type OnRecord = (record: LedgerRecord, line: number, offset: number, end: number, text: string) => void;

/** Where to start in a segment: its beginning, or a line boundary (offset, and lines before it). */
export interface ScanStart {
  readonly offset: number;
  readonly line: number;
}

function oversizeMessage(bytes: number): string {
  return `a line of ${bytes} bytes, over the ${MAX_LINE_BYTES / 2 ** 20} MiB bound (no line the kiosk writes is this long): skipped`;
}

/** Incremental scanner: push chunks in file order, then finish(). */
class Scanner {
  private readonly middle: DamagedLine[] = [];
  private pending: DamagedLine[] = [];
  private lineNo: number;
  /** File offset of the current line's first byte. */
  private lineStart: number;
  private parts: Buffer[] = [];
  private partBytes = 0;
  private oversize = false;
  private position: number;

  constructor(
    private readonly onRecord: OnRecord,
    private readonly validate: boolean,
    start: ScanStart,
  ) {
    this.lineNo = start.line;
    this.lineStart = start.offset;
    this.position = start.offset;
  }

  push(chunk: Buffer): void {
    let from = 0;
    while (from < chunk.length) {
      const nl = chunk.indexOf(NEWLINE, from);
      if (nl !== -1 && this.partBytes === 0 && nl - from <= MAX_LINE_BYTES) {
        // The common case: a whole line inside this chunk, decoded straight from it.
        this.endLine(this.position + nl, chunk.toString('utf8', from, nl));
        from = nl + 1;
        continue;
      }
      const end = nl === -1 ? chunk.length : nl;
      this.take(chunk, from, end);
      if (nl === -1) break;
      this.endLine(this.position + nl);
      from = nl + 1;
    }
    this.position += chunk.length;
  }

  finish(): SegmentScan {
    const rest = this.partBytes;
    if (rest > 0 || this.oversize) {
      this.lineNo++;
      this.pending.push({
        line: this.lineNo,
        offset: this.lineStart,
        problem: this.oversize ? 'oversize' : 'torn',
        message: this.oversize
          ? `${oversizeMessage(rest)}, with no newline at the end of the file`
          : `torn write: ${rest} bytes with no newline at the end of the file`,
      });
    }
    // A record with a good checksum that this version cannot read is not a torn write: keep it in place.
    const movableFrom =
      this.pending.findLastIndex((d) => d.problem === 'invalid_record' || d.problem === 'invalid_field') + 1;
    this.middle.push(...this.pending.slice(0, movableFrom));
    const tail = this.pending.slice(movableFrom);
    return {
      middle: this.middle,
      tail,
      goodLength: tail[0]?.offset ?? this.position,
      length: this.position,
      lineCount: this.lineNo,
    };
  }

  private take(chunk: Buffer, from: number, end: number): void {
    if (end === from) return;
    this.partBytes += end - from;
    if (this.oversize) return;
    if (this.partBytes > MAX_LINE_BYTES) {
      this.oversize = true;
      this.parts = [];
      return;
    }
    this.parts.push(chunk.subarray(from, end));
  }

  /** `at`: the file offset of the newline that ends the line; `whole`: the line, when it was in one chunk. */
  private endLine(at: number, whole?: string): void {
    this.lineNo++;
    const offset = this.lineStart;
    if (this.oversize) {
      this.pending.push({ line: this.lineNo, offset, problem: 'oversize', message: oversizeMessage(this.partBytes) });
    } else {
      const text =
        whole ??
        (this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.partBytes)).toString('utf8');
      const decoded = decodeLine(text, this.validate);
      if (decoded.ok) {
        this.middle.push(...this.pending);
        this.pending = [];
        this.onRecord(decoded.record, this.lineNo, offset, at, text);
      } else {
        this.pending.push({ line: this.lineNo, offset, problem: decoded.problem, message: decoded.message });
      }
    }
    this.parts = [];
    this.partBytes = 0;
    this.oversize = false;
    this.lineStart = at + 1;
  }
}

/** Scans bytes already in memory (tests, small files). */
export function scanSegment(bytes: Buffer, onRecord: OnRecord, validate = true): SegmentScan {
  const scanner = new Scanner(onRecord, validate, { offset: 0, line: 0 });
  scanner.push(bytes);
  return scanner.finish();
}

/** Scans a segment file in bounded chunks, from its start or from a line boundary. */
export async function scanSegmentFile(
  file: string,
  onRecord: OnRecord,
  validate = true,
  start: ScanStart = { offset: 0, line: 0 },
): Promise<SegmentScan> {
  const handle = await open(file, 'r');
  try {
    const scanner = new Scanner(onRecord, validate, start);
    const { size } = await handle.stat();
    const chunkBytes = Math.max(1, Math.min(CHUNK_BYTES, size - start.offset));
    let position = start.offset;
    for (;;) {
      // A fresh buffer per chunk: a line that spans chunks keeps views of the earlier one.
      const buffer = Buffer.allocUnsafe(chunkBytes);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      scanner.push(buffer.subarray(0, bytesRead));
      position += bytesRead;
    }
    return scanner.finish();
  } finally {
    await handle.close();
  }
}
