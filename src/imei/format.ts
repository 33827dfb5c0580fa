/** Display and log forms of an IMEI. */

/** `AA-BBBBBB-CCCCCC-D`: reporting body, rest of the TAC, serial, check digit (as printed on labels). */
export function formatImei(imei: string): string {
  if (!/^\d{15}$/.test(imei)) return imei;
  return `${imei.slice(0, 2)}-${imei.slice(2, 8)}-${imei.slice(8, 14)}-${imei.slice(14)}`;
}

/**
 * The last 4 digits only, for logs and anything a person other than the operator may read. One
 * form everywhere (screen, logs, files): `…0998`, as the screens' texts print it.
 */
export function maskImei(imei: string): string {
  const digits = imei.replace(/\D/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return `…${digits.slice(-4)}`;
}
