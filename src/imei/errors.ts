/**
 * Why a piece of text is not a usable IMEI, in words a packing-station worker can act on.
 * Each kind is a pure rule result (see validate.ts); the UI, CLI and ledger show `message` as is.
 */

export type ImeiErrorKind =
  'empty' | 'non_digit' | 'too_short' | 'too_long' | 'bad_check_digit' | 'imeisv' | 'meid' | 'placeholder';

export interface OffendingCharacter {
  /** The character as found, e.g. "O" or "\u001d". */
  readonly char: string;
  /** 1-based position in the cleaned-up input (labels, spaces and dashes removed). */
  readonly position: number;
}

export interface ImeiError {
  readonly kind: ImeiErrorKind;
  readonly message: string;
  /** How many characters were left after clean-up. */
  readonly length: number;
  /** bad_check_digit: the digit the first 14 digits call for. */
  readonly expectedCheckDigit?: string;
  /** imeisv: the IMEI derived from an IMEISV; use only after the operator confirms it. */
  readonly derivedImei?: string;
  /** non_digit: what is wrong and where. */
  readonly offending?: readonly OffendingCharacter[];
}

/** Shows invisible or control characters readably: "\u001d" rather than nothing. */
export function describeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || char.trim() === '') {
    return `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return char;
}

export const imeiErrorMessages = {
  empty: () => 'Nothing was scanned or typed. Scan the IMEI barcode on the device label.',
  nonDigit: (offending: readonly OffendingCharacter[]) => {
    const shown = offending.slice(0, 5).map((o) => `"${describeChar(o.char)}" at position ${o.position}`);
    const more = offending.length > 5 ? ` and ${offending.length - 5} more` : '';
    return `An IMEI has digits only. Found ${shown.join(', ')}${more}. Scan the IMEI barcode again, or retype it using digits 0-9.`;
  },
  tooShort: (count: number) =>
    `Only ${count} digit${count === 1 ? '' : 's'} — an IMEI needs 15. A digit was probably missed: scan the IMEI barcode again.`,
  tooLong: (count: number) =>
    `${count} digits — an IMEI needs exactly 15. This may be a serial number or two codes read together: scan only the barcode marked IMEI.`,
  badCheckDigit: (expected: string, found: string) =>
    `The last digit should be ${expected}, not ${found}. A digit was probably mistyped or misread: scan the IMEI barcode again.`,
  imeisv: (derived: string) =>
    `16 digits: this is an IMEISV (software version), which has no check digit. The IMEI would be ${derived}. Confirm that it matches the label before using it.`,
  meid: (count: number, hex: boolean) =>
    `This is a CDMA MEID/ESN (${hex ? 'hex letters' : `${count} digits`}), not an IMEI. Look for the 15-digit number marked IMEI on the label.`,
  placeholder: () =>
    'This is a dummy number (all the same digit or a test pattern), not a real device IMEI. Scan the IMEI on the device label.',
} as const;
