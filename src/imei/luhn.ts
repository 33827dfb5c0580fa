/**
 * Luhn (ISO/IEC 7812 Annex B) over digit strings, as used for the IMEI check digit.
 * Callers pass ASCII digits only; anything else is a programming error.
 */

/** The check digit that completes `body` (the IMEI's 14 TAC + serial digits). */
export function luhnCheckDigit(body: string): string {
  if (!/^\d+$/.test(body)) {
    throw new TypeError('luhnCheckDigit expects a string of ASCII digits');
  }
  let sum = 0;
  // The rightmost body digit sits next to the check digit, so it is the first one doubled.
  for (let i = body.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = body.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** True when the last digit of `digits` is the Luhn check digit of the rest. */
export function passesLuhn(digits: string): boolean {
  if (digits.length < 2) return false;
  return luhnCheckDigit(digits.slice(0, -1)) === digits.slice(-1);
}
