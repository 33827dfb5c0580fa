/**
 * Bytes → lines, ended by CR, LF or CRLF, with a cap: a serial line can carry anything (wrong-baud
 * noise, a scanner stuck in a loop), so an overlong line is dropped whole rather than buffered
 * without end or cut into pieces that could look like data. Pure; the readers feed it chunks.
 */

export type SplitItem =
  | { readonly type: 'line'; readonly text: string }
  /** A line longer than the cap: dropped up to its terminator. `length` counts what was dropped. */
  | { readonly type: 'overlong'; readonly length: number };

export const DEFAULT_MAX_LINE_LENGTH = 512;

export class LineSplitter {
  private current = '';
  private dropping = false;
  private dropped = 0;

  constructor(private readonly maxLineLength = DEFAULT_MAX_LINE_LENGTH) {
    if (!Number.isInteger(maxLineLength) || maxLineLength < 1)
      throw new RangeError('maxLineLength must be a positive integer');
  }

  /** Feeds one chunk; returns the lines it completed. Bytes are read as latin1: one char per byte. */
  push(chunk: Buffer | string): SplitItem[] {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('latin1');
    const items: SplitItem[] = [];
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 13 && c !== 10) continue;
      this.take(text.slice(start, i));
      this.finishLine(items);
      start = i + 1;
    }
    this.take(text.slice(start));
    return items;
  }

  /** The unterminated tail (a partial line). It is discarded: half a line is never data. */
  reset(): void {
    this.current = '';
    this.dropping = false;
    this.dropped = 0;
  }

  get pendingLength(): number {
    return this.dropping ? this.dropped : this.current.length;
  }

  private take(piece: string): void {
    if (piece.length === 0) return;
    if (this.dropping) {
      this.dropped += piece.length;
      return;
    }
    if (this.current.length + piece.length > this.maxLineLength) {
      this.dropping = true;
      this.dropped = this.current.length + piece.length;
      this.current = '';
      return;
    }
    this.current += piece;
  }

  private finishLine(items: SplitItem[]): void {
    if (this.dropping) {
      items.push({ type: 'overlong', length: this.dropped });
    } else if (this.current.length > 0) {
      // CRLF gives an empty "line" between CR and LF: skipped, as are blank lines.
      items.push({ type: 'line', text: this.current });
    }
    this.reset();
  }
}

/**
 * Printable ASCII, plus tab and the separators a GS1/ISO 15434 payload carries (GS, RS, EOT).
 * Anything else (bytes ≥ 0x80, other control characters) is what a wrong baud rate or line noise
 * looks like, so such a line is rejected whole, never mined for digits.
 */
/**
 * Strips spaces and tabs only. String.prototype.trim() also strips U+00A0, which is byte 0xA0 read
 * as latin1: wrong-baud noise in front of an IMEI would vanish and leave a line that looks clean.
 */
export function trimAsciiSpace(text: string): string {
  return text.replace(/^[ \t]+|[ \t]+$/g, '');
}

export function isCleanLine(text: string): boolean {
  return /^[\x20-\x7e\t\x1d\x1e\x04]*$/.test(text);
}
