/**
 * Raw scanned or typed text → the IMEI candidates in it. A label barcode holds just the 15 digits;
 * a QR/DataMatrix code may hold several fields (key:value lists, CSV, JSON, GS1 element strings),
 * and a dual-SIM label holds IMEI 1 and IMEI 2. Every valid IMEI is returned with its label so the
 * UI can ask which one; numbers that look like an IMEI but fail are returned with the src/imei error.
 */
import { z } from 'zod';
import type { ImeiError } from '../imei/errors.js';
import type { Imei } from '../imei/schema.js';
import { validate } from '../imei/validate.js';
import { FIELD_SEPARATORS, KEY_VALUE, parseJsonKeepingLongNumbers } from './fields.js';
import { parseGs1, looksLikeGs1 } from './gs1.js';

export const CaptureSource = z.enum(['camera', 'wedge', 'serial-scanner', 'modem', 'typed', 'file']);
export type CaptureSource = z.infer<typeof CaptureSource>;

export interface ValidCandidate {
  readonly ok: true;
  readonly imei: Imei;
  /** "IMEI 1", "IMEI 2", "IMEI", or the field's own name ("SN", "AI 21", "serial"); absent when unlabelled. */
  readonly label?: string;
  /** The text the IMEI was read from, as found. */
  readonly text: string;
}

export interface InvalidCandidate {
  readonly ok: false;
  readonly error: ImeiError;
  readonly label?: string;
  readonly text: string;
}

export type ImeiCandidate = ValidCandidate | InvalidCandidate;

export interface ImeiCandidates {
  readonly source: CaptureSource;
  /** Exactly what arrived, for the audit trail. */
  readonly raw: string;
  /** Distinct valid IMEIs, IMEI-labelled ones first, then in order of appearance. */
  readonly valid: readonly ValidCandidate[];
  /** Numbers that were meant to be, or look like, an IMEI but are not one. */
  readonly invalid: readonly InvalidCandidate[];
}

/** Longest text looked at: a DataMatrix holds at most ~3 kB; anything longer is not a label. */
const MAX_TEXT = 8_192;

// "IMEI", "IMEI:", "IMEI1", "IMEI 2", "IMEI_1", "imei#", "IMEI No." — the number (1/2) names the SIM slot.
// The slot digit counts as a label only when a non-digit or exactly 15 digits follow it
// ("IMEI1490154203237518" is "IMEI1" + an IMEI), as in src/imei/normalize.ts.
const IMEI_LABEL_SOURCE = String.raw`imei(?:\s*[_-]?\s*([12])(?=[^0-9]|\d{15}(?!\d)|$))?\s*(?:no\.?|number|#)?\s*[:=#]?\s*`;
const IMEI_LABEL_AT_START = new RegExp(`^${IMEI_LABEL_SOURCE}`, 'i');
const IMEI_LABEL_ANYWHERE = new RegExp(String.raw`\b${IMEI_LABEL_SOURCE}`, 'gi');
// A 15- or 16-digit run standing alone (16 digits: an IMEISV, reported with its derived IMEI).
const LONE_NUMBER = /(?<![\dA-Za-z])(\d{15,16})(?![\dA-Za-z])/g;
// Groups as printed on labels: 35-209900-176148-1, 35 209900 176148 1.
const GROUPED_NUMBER = /(?<![\dA-Za-z])(\d{2}[ -]\d{6}[ -]\d{6}[ -]\d\d?)(?![\dA-Za-z])/g;

interface Found {
  readonly text: string;
  readonly label?: string;
}

function imeiLabel(slot: string | undefined): string {
  return slot ? `IMEI ${slot}` : 'IMEI';
}

/** Digits (with the spaces and dashes of printed groups) at the start of a labelled value. */
function leadingNumber(value: string): string {
  return /^\d[\d -]*/.exec(value)?.[0].trim() ?? value.trim();
}

/** Candidates in one plain-text field: "IMEI1: …" labels first, then lone 15/16-digit numbers. */
function scanField(field: string, outerLabel: string | undefined, found: Found[]): void {
  const taken: Array<[number, number]> = [];
  const labels = [...field.matchAll(IMEI_LABEL_ANYWHERE)];
  labels.forEach((match, i) => {
    const start = (match.index ?? 0) + match[0].length;
    const end = labels[i + 1]?.index ?? field.length;
    const value = leadingNumber(field.slice(start, end));
    if (value === '') return;
    found.push({ text: value, label: imeiLabel(match[1]) });
    taken.push([match.index ?? 0, start + value.length]);
  });
  const key = KEY_VALUE.exec(field)?.[1];
  const label = key && !/^imei/i.test(key) ? key : outerLabel;
  for (const pattern of [GROUPED_NUMBER, LONE_NUMBER]) {
    for (const match of field.matchAll(pattern)) {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      taken.push([start, end]);
      found.push({ text: match[1]!, ...(label ? { label } : {}) });
    }
  }
}

function scanPlainText(text: string, found: Found[]): void {
  const lines = text.split(/\r\n|\r|\n/).filter((line) => line.trim() !== '');
  const csv = csvHeader(lines);
  if (csv) {
    for (const line of lines.slice(1)) {
      line.split(csv.separator).forEach((cell, i) => {
        const header = csv.headers[i];
        const slot = header ? /^imei\s*[_-]?\s*([12])?$/i.exec(header) : null;
        if (slot) {
          const value = cell.trim();
          if (value !== '') found.push({ text: value, label: imeiLabel(slot[1]) });
        } else scanField(cell, header, found);
      });
    }
    return;
  }
  for (const field of text.split(FIELD_SEPARATORS)) if (field.trim() !== '') scanField(field, undefined, found);
}

/** A CSV with a header row: the first line names the columns, no column name is a number. */
function csvHeader(lines: readonly string[]): { headers: string[]; separator: string } | undefined {
  if (lines.length < 2) return undefined;
  const first = lines[0]!;
  const separator = [',', ';', '\t'].find((s) => first.includes(s));
  if (!separator) return undefined;
  const headers = first.split(separator).map((h) => h.trim().replace(/^"|"$/g, ''));
  if (headers.some((h) => h === '' || /\d{6,}/.test(h))) return undefined;
  if (!lines.slice(1).every((line) => line.split(separator).length === headers.length)) return undefined;
  return { headers, separator };
}

function scanJson(text: string, found: Found[]): boolean {
  let parsed: unknown;
  try {
    parsed = parseJsonKeepingLongNumbers(text);
  } catch {
    return false;
  }
  if (typeof parsed !== 'object' || parsed === null) return false;
  const visit = (value: unknown, key: string | undefined): void => {
    if (Array.isArray(value)) value.forEach((v) => visit(v, key));
    else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) visit(v, k);
    } else if (typeof value === 'string' || typeof value === 'number') {
      const slot = key ? /^imei\s*[_-]?\s*([12])?$/i.exec(key) : null;
      if (slot) found.push({ text: String(value), label: imeiLabel(slot[1]) });
      else scanField(String(value), key, found);
    }
  };
  visit(parsed, undefined);
  return true;
}

function scanGs1(text: string, found: Found[]): boolean {
  const elements = parseGs1(text);
  if (!elements) return false;
  const before = found.length;
  for (const { ai, value } of elements) {
    if (/^\d{15,16}$/.test(value)) found.push({ text: value, label: `AI ${ai}` });
    else scanField(value, `AI ${ai}`, found);
  }
  return found.length > before;
}

function toCandidate(item: Found): ImeiCandidate {
  const result = validate(item.text);
  const label = item.label !== undefined ? { label: item.label } : {};
  return result.ok
    ? { ok: true, imei: result.imei, text: item.text, ...label }
    : { ok: false, error: result.error, text: item.text, ...label };
}

export function extractImeiCandidates(text: string, source: CaptureSource): ImeiCandidates {
  const raw = text;
  const body = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  const found: Found[] = [];
  const trimmed = body.trim();

  const handled =
    ((trimmed.startsWith('{') || trimmed.startsWith('[')) && scanJson(trimmed, found)) ||
    (looksLikeGs1(body) && scanGs1(body, found));
  if (!handled) {
    // The commonest case first: the whole text is one number, maybe with "IMEI:" or printed groups.
    const whole = validate(body);
    const label = IMEI_LABEL_AT_START.exec(trimmed);
    const rest = label ? trimmed.slice(label[0].length) : trimmed;
    // Another IMEI label after the first ("IMEI1 IMEI2:…", slot 1 left empty) says which slot the number is in.
    const single = !FIELD_SEPARATORS.test(trimmed) && !/imei/i.test(rest) && (whole.ok || /^\d[\d -]*$/.test(rest));
    if (single) {
      found.push({ text: trimmed, ...(label ? { label: imeiLabel(label[1]) } : {}) });
    } else scanPlainText(body, found);
  }

  const candidates = found.map(toCandidate);
  const valid: ValidCandidate[] = [];
  for (const c of candidates) {
    if (!c.ok) continue;
    const existing = valid.findIndex((v) => v.imei === c.imei);
    if (existing === -1) valid.push(c);
    else if (!valid[existing]!.label && c.label) valid[existing] = c;
  }
  valid.sort(compareCandidates);
  const invalid = candidates.filter((c): c is InvalidCandidate => !c.ok);
  // A text with no IMEI-like number at all still gets one reason, so the operator is told something.
  if (valid.length === 0 && invalid.length === 0) {
    const whole = validate(body);
    if (!whole.ok) invalid.push({ ok: false, error: whole.error, text: body });
  }
  return { source, raw, valid, invalid };
}

/** Sort order for a picker: IMEI 1, IMEI 2, a plain "IMEI" label, then other fields (stable otherwise). */
export function compareCandidates(a: ValidCandidate, b: ValidCandidate): number {
  return rank(a) - rank(b);
}

function rank(c: ValidCandidate): number {
  if (c.label === 'IMEI 1') return 0;
  if (c.label === 'IMEI 2') return 1;
  if (c.label === 'IMEI') return 2;
  return 3;
}
