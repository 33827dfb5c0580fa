/**
 * Redaction applied at the log sink, to every line whatever wrote it: tokens are removed, IMEIs
 * and patient uids keep their last 4 characters. A log line may be read by IT staff or a vendor;
 * it must never carry a credential or enough to identify a patient's device.
 */

const KEEP = 4;

function lastFour(value: string): string {
  return value.length <= KEEP ? '*'.repeat(value.length) : `…${value.slice(-KEEP)}`;
}

// token=…, ?token=…, &token=… in URLs and messages.
const TOKEN_QUERY = /([?&\s"']token=)[^&\s"'#]+/gi;
// "token": "…", "marketplaceToken": "…", "authorization": "…", "password"/"pin"/"secret" fields in JSON lines.
const SECRET_FIELD = /("(?:[\w-]*token|authorization|password|secret|pin|orgToken|apiKey)"\s*:\s*)"[^"]*"/gi;
// Bearer credentials in headers copied into messages.
const BEARER = /\b(Bearer\s+)[\w.~+/-]+=*/gi;
// Long hex or base64-ish runs (32+ chars) are credentials until proven otherwise.
const LONG_SECRET = /\b[A-Za-z0-9_-]{32,}\b/g;
// A uid field keeps its last 4.
const UID_FIELD = /("(?:uid|patientUid|patient_uid)"\s*:\s*)"([^"]*)"/gi;
// IMEIs keep their last 4, whether in one run or grouped by single spaces or dashes as labels and
// the kiosk print them (49-015420-323751-8, 49 015420 323751 8). The whole run of digits so joined
// is masked when it holds 14 or more (IMEI bodies, IMEISVs, an IMEI beside another number), so no
// grouping or neighbour can leave an IMEI's leading digits readable.
const DIGIT_RUN = /(?<!\d[ \u00a0-]?)\d(?:[ \u00a0-]?\d){13,}(?![ \u00a0-]?\d)/g;

export function redactLine(line: string): string {
  return line
    .replace(TOKEN_QUERY, (_m, prefix: string) => `${prefix}[redacted]`)
    .replace(SECRET_FIELD, (_m, prefix: string) => `${prefix}"[redacted]"`)
    .replace(BEARER, (_m, prefix: string) => `${prefix}[redacted]`)
    .replace(UID_FIELD, (_m, prefix: string, uid: string) => `${prefix}"${lastFour(uid)}"`)
    .replace(DIGIT_RUN, (grouped) => lastFour(grouped.replace(/\D/g, '')))
    .replace(LONG_SECRET, '[redacted]');
}
