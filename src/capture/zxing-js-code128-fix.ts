/**
 * Workaround for a port bug in @zxing/library 0.19–0.23: Code128Reader.findStartPattern shifts its
 * 6-counter window with `counters.slice(2)`, which leaves 4 counters (Java's System.arraycopy keeps
 * 6). Once any dark run precedes the start pattern on a scan line — a label on a box, a table edge —
 * the row is misread, so Code 128 fails on most camera frames. This is the Java algorithm again,
 * shifting in place with copyWithin. Shared by the renderer's and the CLI's zxing-js engines; it
 * takes the library's classes as arguments, so this module does not depend on the library.
 */

interface BitRow {
  getSize(): number;
  getNextSet(from: number): number;
  get(i: number): boolean;
  isRange(start: number, end: number, value: boolean): boolean;
}

/** The static side of @zxing/library's Code128Reader that findStartPattern uses. */
export interface Code128ReaderStatics {
  findStartPattern: (row: BitRow) => Int32Array;
  patternMatchVariance(counters: Int32Array, pattern: Int32Array, maxIndividualVariance: number): number;
  readonly CODE_PATTERNS: Int32Array[];
  readonly MAX_AVG_VARIANCE: number;
  readonly MAX_INDIVIDUAL_VARIANCE: number;
  readonly CODE_START_A: number;
  readonly CODE_START_C: number;
}

const PATCHED = Symbol.for('imei-kiosk.code128-start-pattern-fix');

/** Replaces Code128Reader.findStartPattern with the fixed one; idempotent. */
export function applyCode128StartPatternFix(reader: Code128ReaderStatics, notFound: () => Error): void {
  const marked = reader as Code128ReaderStatics & { [PATCHED]?: true };
  if (marked[PATCHED]) return;
  reader.findStartPattern = (row: BitRow): Int32Array => {
    const width = row.getSize();
    const rowOffset = row.getNextSet(0);
    let counterPosition = 0;
    const counters = new Int32Array(6);
    let patternStart = rowOffset;
    let isWhite = false;
    const patternLength = 6;
    for (let i = rowOffset; i < width; i++) {
      if (row.get(i) !== isWhite) {
        counters[counterPosition]!++;
      } else {
        if (counterPosition === patternLength - 1) {
          let bestVariance = reader.MAX_AVG_VARIANCE;
          let bestMatch = -1;
          for (let startCode = reader.CODE_START_A; startCode <= reader.CODE_START_C; startCode++) {
            const pattern = reader.CODE_PATTERNS[startCode]!;
            const variance = reader.patternMatchVariance(counters, pattern, reader.MAX_INDIVIDUAL_VARIANCE);
            if (variance < bestVariance) {
              bestVariance = variance;
              bestMatch = startCode;
            }
          }
          // Quiet zone before the start pattern: at least half its width.
          if (bestMatch >= 0 && row.isRange(Math.max(0, patternStart - (i - patternStart) / 2), patternStart, false)) {
            return Int32Array.from([patternStart, i, bestMatch]);
          }
          patternStart += counters[0]! + counters[1]!;
          counters.copyWithin(0, 2, 2 + counterPosition - 1);
          counters[counterPosition - 1] = 0;
          counters[counterPosition] = 0;
          counterPosition--;
        } else {
          counterPosition++;
        }
        counters[counterPosition] = 1;
        isWhite = !isWhite;
      }
    }
    throw notFound();
  };
  marked[PATCHED] = true;
}
