/**
 * validate(raw): is this text one usable IMEI? Pure rules, in the order a worker would want the
 * reason: nothing there, wrong characters, wrong kind of identifier, wrong length, wrong check digit.
 */
import { imeiErrorMessages, type ImeiError, type OffendingCharacter } from './errors.js';
import { luhnCheckDigit } from './luhn.js';
import { normalize } from './normalize.js';
import type { Imei } from './schema.js';

export interface ValidImei {
  readonly ok: true;
  readonly imei: Imei;
  /** Type Allocation Code: the first 8 digits, naming the device model. */
  readonly tac: string;
  /** The 6-digit serial number. */
  readonly serial: string;
  readonly checkDigit: string;
  readonly raw: string;
}

export interface InvalidImei {
  readonly ok: false;
  readonly error: ImeiError;
  readonly raw: string;
}

export type ImeiValidation = ValidImei | InvalidImei;

/** Lengths of decimal CDMA identifiers: ESN (8 hex shown as 8, 11 decimal) and MEID (14 hex, 18 decimal). */
const MEID_DECIMAL_LENGTHS = new Set([8, 11, 14, 18]);
/** Hex forms: ESN (8), MEID (14), MEID with its check character (15). */
const MEID_HEX_LENGTHS = new Set([8, 14, 15]);

function fail(raw: string, error: ImeiError): InvalidImei {
  return { ok: false, error, raw };
}

/**
 * Obvious dummies: one digit repeated, a short pattern repeated, a run of consecutive digits
 * (123456789012345), or an all-zero TAC. Several pass Luhn, so Luhn alone lets them through.
 */
export function isPlaceholderImei(digits: string): boolean {
  for (let period = 1; period <= 3; period++) {
    let repeats = true;
    for (let i = period; i < digits.length; i++) {
      if (digits[i] !== digits[i - period]) {
        repeats = false;
        break;
      }
    }
    if (repeats) return true;
  }
  const body = digits.slice(0, 14);
  const ascending = [...body].every((d, i) => i === 0 || Number(d) === (Number(body[i - 1]) + 1) % 10);
  const descending = [...body].every((d, i) => i === 0 || Number(d) === (Number(body[i - 1]) + 9) % 10);
  return ascending || descending || /^0{8}/.test(digits);
}

export function validate(raw: string): ImeiValidation {
  const { normalized } = normalize(raw);
  const length = [...normalized].length;

  if (length === 0) return fail(raw, { kind: 'empty', message: imeiErrorMessages.empty(), length });

  if (!/^\d+$/.test(normalized)) {
    if (/^[0-9a-f]+$/i.test(normalized) && MEID_HEX_LENGTHS.has(length)) {
      return fail(raw, { kind: 'meid', message: imeiErrorMessages.meid(length, true), length });
    }
    const offending: OffendingCharacter[] = [];
    [...normalized].forEach((char, index) => {
      if (char < '0' || char > '9') offending.push({ char, position: index + 1 });
    });
    return fail(raw, { kind: 'non_digit', message: imeiErrorMessages.nonDigit(offending), length, offending });
  }

  if (length === 16) {
    const derivedImei = normalized.slice(0, 14) + luhnCheckDigit(normalized.slice(0, 14));
    return fail(raw, { kind: 'imeisv', message: imeiErrorMessages.imeisv(derivedImei), length, derivedImei });
  }
  if (MEID_DECIMAL_LENGTHS.has(length)) {
    return fail(raw, { kind: 'meid', message: imeiErrorMessages.meid(length, false), length });
  }
  if (length < 15) return fail(raw, { kind: 'too_short', message: imeiErrorMessages.tooShort(length), length });
  if (length > 15) return fail(raw, { kind: 'too_long', message: imeiErrorMessages.tooLong(length), length });

  if (isPlaceholderImei(normalized)) {
    return fail(raw, { kind: 'placeholder', message: imeiErrorMessages.placeholder(), length });
  }

  const expectedCheckDigit = luhnCheckDigit(normalized.slice(0, 14));
  const found = normalized.slice(14);
  if (expectedCheckDigit !== found) {
    return fail(raw, {
      kind: 'bad_check_digit',
      message: imeiErrorMessages.badCheckDigit(expectedCheckDigit, found),
      length,
      expectedCheckDigit,
    });
  }

  return {
    ok: true,
    imei: normalized as Imei,
    tac: normalized.slice(0, 8),
    serial: normalized.slice(8, 14),
    checkDigit: found,
    raw,
  };
}
