/** Why text is not an IMEI, by kind (src/imei/errors.ts), with the pieces a list of wrong characters is said in. */
export const imeiErrors = {
  empty: 'Nothing was scanned or typed. Scan the IMEI barcode on the device label.',
  non_digit: 'An IMEI has digits only. Found {found}. Scan the IMEI barcode again, or retype it using digits 0-9.',
  nonDigitAt: '"{char}" at position {position}',
  nonDigitMore: '{list} and {n} more',
  too_short:
    'Only {length|# digit|# digits} — an IMEI needs 15. A digit was probably missed: scan the IMEI barcode again.',
  too_long:
    '{length} digits — an IMEI needs exactly 15. This may be a serial number or two codes read together: scan only the barcode marked IMEI.',
  bad_check_digit:
    'The last digit should be {expected}, not {found}. A digit was probably mistyped or misread: scan the IMEI barcode again.',
  imeisv:
    '16 digits: this is an IMEISV (software version), which has no check digit. The IMEI would be {imei}. Confirm that it matches the label before using it.',
  meid: 'This is a CDMA MEID/ESN, not an IMEI. Look for the 15-digit number marked IMEI on the label.',
  placeholder:
    'This is a dummy number (all the same digit or a test pattern), not a real device IMEI. Scan the IMEI on the device label.',
} as const;
