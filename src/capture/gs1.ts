/**
 * GS1 element strings (GS1-128, GS1 DataMatrix/QR) split into Application Identifier fields.
 * GS1 has no AI for an IMEI: makers put it in a serial field (AI 21), AI 240/250 or an internal AI
 * 91–99, so the caller looks for IMEIs in every field's value.
 */

export interface Gs1Element {
  /** The Application Identifier, e.g. "21". */
  readonly ai: string;
  readonly value: string;
}

/** Group separator: how FNC1 arrives in decoded text between variable-length fields. */
export const GS = '\u001d';

/** Symbology identifiers that announce GS1 data (AIM: GS1-128, GS1 DataMatrix, GS1 QR, DataBar). */
const GS1_SYMBOLOGY_PREFIX = /^\](?:C1|d2|Q3|e0|J1)/;

/** Total length (AI + data) of the elements whose length GS1 predefines, by the AI's first two digits. */
const PREDEFINED_LENGTH: Readonly<Record<string, number>> = {
  '00': 20,
  '01': 16,
  '02': 16,
  '03': 16,
  '04': 18,
  '11': 8,
  '12': 8,
  '13': 8,
  '14': 8,
  '15': 8,
  '16': 8,
  '17': 8,
  '18': 8,
  '19': 8,
  '20': 4,
  '31': 10,
  '32': 10,
  '33': 10,
  '34': 10,
  '35': 10,
  '36': 10,
  '41': 16,
};

/** How many digits the AI itself has, from its first two digits (GS1 General Specifications, 3.2). */
function aiLength(firstTwo: string): number {
  const n = Number(firstTwo);
  if (n <= 22 || n === 30 || n === 37 || n >= 90) return 2;
  if ((n >= 23 && n <= 29) || (n >= 40 && n <= 49)) return 3;
  if (n === 71) return 3;
  return 4;
}

/** True when the text looks like GS1 data: a symbology identifier, GS separators, "(AI)value" form, or a GTIN/SSCC run. */
export function looksLikeGs1(text: string): boolean {
  const trimmed = text.trim();
  return (
    GS1_SYMBOLOGY_PREFIX.test(trimmed) ||
    trimmed.startsWith(GS) || // FNC1 in first position, as some decoders pass it on
    /^\(\d{2,4}\)/.test(trimmed) ||
    /^\d{2,4}[^\u001d]*\u001d/.test(trimmed) ||
    /^0[0-2]\d{16,}/.test(trimmed) // an SSCC or GTIN followed by more elements, separators lost
  );
}

/**
 * Splits a GS1 element string. Accepts the raw form (FNC1 as GS, optional leading symbology
 * identifier or GS) and the human-readable "(01)…(21)…" form. Returns undefined when the text does
 * not parse as GS1 from start to end, so the caller can fall back to plain-text rules.
 */
export function parseGs1(text: string): Gs1Element[] | undefined {
  const trimmed = text.trim();
  if (/^\(\d{2,4}\)/.test(trimmed)) return parseBracketed(trimmed);
  let rest = trimmed.replace(GS1_SYMBOLOGY_PREFIX, '').replace(/^\u001d+/, '');
  const elements: Gs1Element[] = [];
  while (rest.length > 0) {
    if (!/^\d{2}/.test(rest)) return undefined;
    const firstTwo = rest.slice(0, 2);
    const length = aiLength(firstTwo);
    const ai = rest.slice(0, length);
    if (!/^\d+$/.test(ai) || ai.length < length) return undefined;
    const fixed = PREDEFINED_LENGTH[firstTwo];
    let value: string;
    if (fixed !== undefined) {
      value = rest.slice(length, fixed);
      rest = rest.slice(fixed);
      if (value.length !== fixed - length) return undefined;
    } else {
      const end = rest.indexOf(GS, length);
      value = end === -1 ? rest.slice(length) : rest.slice(length, end);
      rest = end === -1 ? '' : rest.slice(end);
    }
    elements.push({ ai, value });
    rest = rest.replace(/^\u001d+/, '');
  }
  return elements.length > 0 ? elements : undefined;
}

function parseBracketed(text: string): Gs1Element[] | undefined {
  const elements: Gs1Element[] = [];
  const pattern = /\((\d{2,4})\)([^(]*)/gy;
  let consumed = 0;
  for (const match of text.matchAll(pattern)) {
    elements.push({ ai: match[1]!, value: match[2]!.trim() });
    consumed = (match.index ?? 0) + match[0].length;
  }
  return consumed === text.length && elements.length > 0 ? elements : undefined;
}
