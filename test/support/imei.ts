/**
 * Test IMEIs: valid ones with a correct Luhn digit, a wrong-check-digit variant that names the digit
 * expected, and same-TAC siblings. The check digit is computed here on its own (not with src/imei's
 * luhnCheckDigit), so a bug in the code under test cannot make the tests' IMEIs agree with it.
 */

/** The GSMA's own example IMEI (TAC 49015420, serial 323751, check digit 8). */
export const KNOWN_IMEI = '490154203237518';

/** Luhn over the 14-digit body: every second digit from the left (1-based even positions) doubled. */
export function imeiCheckDigit(body: string): string {
  if (!/^\d{14}$/.test(body)) throw new TypeError(`an IMEI body is 14 digits, got "${body}"`);
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    const digit = Number(body[i]);
    const doubled = i % 2 === 1 ? digit * 2 : digit;
    sum += doubled > 9 ? doubled - 9 : doubled;
  }
  return String((10 - (sum % 10)) % 10);
}

/** A valid IMEI from an 8-digit TAC and a serial number (0–999999). */
export function makeImei(tac: string, serial: number): string {
  if (!/^\d{8}$/.test(tac)) throw new TypeError(`a TAC is 8 digits, got "${tac}"`);
  if (!Number.isInteger(serial) || serial < 0 || serial > 999_999)
    throw new RangeError(`serial ${serial} out of range`);
  const body = `${tac}${String(serial).padStart(6, '0')}`;
  return body + imeiCheckDigit(body);
}

/** The n-th IMEI of a test's own range (TAC 35000000 unless told): distinct n, distinct valid IMEIs. */
export function testImei(n: number, tac = '35000000'): string {
  return makeImei(tac, n);
}

export interface WrongCheckDigit {
  /** The same 14 digits with a check digit that fails Luhn. */
  readonly imei: string;
  /** The check digit the body needs (what a "should be N" message names). */
  readonly expected: string;
}

/** The IMEI with its last digit off by one (`by`, 1–9): a typo the check digit must catch. */
export function withWrongCheckDigit(imei: string, by = 1): WrongCheckDigit {
  if (!/^\d{15}$/.test(imei)) throw new TypeError(`an IMEI is 15 digits, got "${imei}"`);
  if (!Number.isInteger(by) || by < 1 || by > 9) throw new RangeError(`by ${by}: 1–9 changes the digit`);
  const body = imei.slice(0, 14);
  const expected = imeiCheckDigit(body);
  return { imei: `${body}${(Number(expected) + by) % 10}`, expected };
}

/** `count` other valid IMEIs with the same TAC (the next serials, wrapping past 999999): devices of one model. */
export function sameTacSiblings(imei: string, count: number): string[] {
  const tac = imei.slice(0, 8);
  const serial = Number(imei.slice(8, 14));
  return Array.from({ length: count }, (_, i) => makeImei(tac, (serial + i + 1) % 1_000_000));
}
