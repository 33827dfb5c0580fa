/**
 * Multi-field barcode payloads as key → value: a JSON object, or a key:value list ("UID:P-1001;
 * TYPE:blood_glucose"). The field separators and the key pattern are the ones the IMEI candidate
 * extractor uses, so both read a payload the same way. Pure.
 */

/** Where plain-text fields end: newlines, CSV/list separators, GS1 and ISO/IEC 15434 separators. */
export const FIELD_SEPARATORS = /[\r\n;,|\t\u001d\u001e\u0004]+/;
/** A field's own name in "name: value" or "name=value". */
export const KEY_VALUE = /^\s*([A-Za-z][\w .#/-]{0,39}?)\s*[:=]\s*/;

/** JSON.parse, keeping long numbers (IMEIs, ids) as strings: as JSON numbers they would lose digits. */
export function parseJsonKeepingLongNumbers(text: string): unknown {
  return JSON.parse(text.replace(/([:[,]\s*)(\d{12,})(?=\s*[,}\]])/g, '$1"$2"'));
}

/** A key compared loosely: "Order Ref", "order_ref" and "ORDERREF" are one key. */
export function fieldKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The payload's top-level fields by loose key (see fieldKey), or undefined when the text is neither
 * a JSON object nor a list of key:value fields. The first value of a repeated key wins.
 */
export function keyedFields(text: string): ReadonlyMap<string, string> | undefined {
  const trimmed = text.trim();
  const fields = new Map<string, string>();
  const put = (key: string, value: string) => {
    const k = fieldKey(key);
    if (k !== '' && !fields.has(k)) fields.set(k, value.trim());
  };
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = parseJsonKeepingLongNumbers(trimmed);
    } catch {
      return undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    for (const [key, value] of Object.entries(parsed))
      if (typeof value === 'string' || typeof value === 'number') put(key, String(value));
    return fields.size > 0 ? fields : undefined;
  }
  for (const field of trimmed.split(FIELD_SEPARATORS)) {
    const match = KEY_VALUE.exec(field);
    if (!match) continue;
    put(match[1]!, field.slice(match[0].length));
  }
  return fields.size > 0 ? fields : undefined;
}
