/**
 * Turns what a scanner, a modem or a person produced into the bare characters of an IMEI candidate.
 * The raw input is always returned beside the result: the ledger records exactly what arrived.
 */

export interface Normalized {
  /** Exactly what arrived, for the audit trail. */
  readonly raw: string;
  /** The candidate with labels, separators, whitespace and control characters removed. */
  readonly normalized: string;
}

// C0 controls, DEL, C1 controls, and the Unicode "format" characters a wedge or a paste can carry
// (zero-width space, BOM...). GS (0x1d) from GS1 payloads is one of them.
const CONTROL_OR_INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u2060\ufeff]/g;
const SEPARATORS = /[\s\-‐-―−./\\]/g;
// A leading "IMEI", "IMEI:", "IMEI1", "IMEI 2:", "imei#"... The index digit (1 or 2) is only taken
// as part of the label when something other than a digit follows it, or when exactly 15 digits
// follow it (IMEI1490154203237518 is "IMEI1" + an IMEI).
const LABEL = /^imei(?:\s*[12](?=[^0-9]|\d{15}$))?\s*(?:no\.?|number|#)?\s*[:=#]?\s*/i;

function step(text: string): string {
  return text.replace(CONTROL_OR_INVISIBLE, '').trim().replace(LABEL, '').replace(SEPARATORS, '');
}

/** Normalizes to a fixpoint, so that `normalize(normalize(x).normalized)` changes nothing. */
export function normalize(raw: string): Normalized {
  let current = raw;
  for (;;) {
    const next = step(current);
    if (next === current) return { raw, normalized: current };
    current = next;
  }
}
