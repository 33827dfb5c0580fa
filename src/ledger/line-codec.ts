/**
 * One journal line: `{"seq":…,"ts":"…","type":"…",…,"sum":"<sha256 hex>"}\n`.
 *
 * The checksum is SHA-256 (hex, 64 characters) over the exact UTF-8 bytes of the line without its
 * checksum: the JSON text up to, not including, `,"sum":"…"`, closed with `}`. Hashing the bytes as
 * written (not a re-serialisation) means no canonical-JSON rules are needed to verify a line.
 */
import { hash } from 'node:crypto';
import { LedgerRecordBody, RECORD_TYPES, RecordEnvelope, type LedgerRecord } from './records.js';

const SUM_PREFIX = ',"sum":"';
const SUM_HEX_LENGTH = 64;
/** `,"sum":"` + 64 hex + `"}` */
const SUM_SUFFIX_LENGTH = SUM_PREFIX.length + SUM_HEX_LENGTH + 2;

export function checksum(text: string): string {
  return hash('sha256', text, 'hex');
}

/** The line for a record, newline included. The record must already be valid. */
export function encodeLine(record: LedgerRecord): string {
  const { seq, ts, ...body } = record;
  const json = JSON.stringify({ seq, ts, ...body });
  return `${json.slice(0, -1)}${SUM_PREFIX}${checksum(json)}"}\n`;
}

export type DecodeResult =
  | { readonly ok: true; readonly record: LedgerRecord }
  | {
      readonly ok: false;
      readonly problem: 'checksum' | 'not_json' | 'invalid_record' | 'invalid_field';
      readonly message: string;
    };

/**
 * Checks a line (without its newline) and turns it back into a record. The checksum is always
 * verified. `validate` runs the record's zod schema too; without it only the envelope and the
 * record type are checked (the checksum already proves the line is what a kiosk wrote, and every
 * record was validated before it was written), which makes replay about twice as fast.
 */
export function decodeLine(line: string, validate = true): DecodeResult {
  if (line.length <= SUM_SUFFIX_LENGTH || !line.endsWith('"}')) {
    return { ok: false, problem: 'checksum', message: 'no checksum at the end of the line' };
  }
  const sumStart = line.length - SUM_SUFFIX_LENGTH;
  if (line.slice(sumStart, sumStart + SUM_PREFIX.length) !== SUM_PREFIX) {
    return { ok: false, problem: 'checksum', message: 'no checksum at the end of the line' };
  }
  const stored = line.slice(sumStart + SUM_PREFIX.length, line.length - 2);
  const covered = `${line.slice(0, sumStart)}}`;
  const actual = checksum(covered);
  if (stored !== actual) {
    return {
      ok: false,
      problem: 'checksum',
      message: `checksum mismatch (stored ${stored.slice(0, 12)}…, computed ${actual.slice(0, 12)}…)`,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(covered);
  } catch (error) {
    return { ok: false, problem: 'not_json', message: `not JSON: ${(error as Error).message}` };
  }
  if (typeof parsed !== 'object' || parsed === null) {
    return { ok: false, problem: 'invalid_record', message: 'not a JSON object' };
  }
  if (!validate) {
    const { seq, ts, type } = parsed as { seq?: unknown; ts?: unknown; type?: unknown };
    if (!Number.isSafeInteger(seq) || (seq as number) < 1 || typeof ts !== 'string') {
      return { ok: false, problem: 'invalid_record', message: 'not a valid ledger record: no seq or ts' };
    }
    if (typeof type !== 'string' || !RECORD_TYPES.has(type)) {
      return {
        ok: false,
        problem: 'invalid_record',
        message: `not a valid ledger record: unknown type ${JSON.stringify(type)}`,
      };
    }
    return { ok: true, record: parsed as LedgerRecord };
  }
  const { seq, ts, ...body } = parsed as Record<string, unknown>;
  const envelope = RecordEnvelope.safeParse({ seq, ts });
  const content = LedgerRecordBody.safeParse(body);
  if (!envelope.success || !content.success) {
    const issues = (envelope.error ?? content.error)?.issues ?? [];
    const issue = issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    const { type } = body;
    // A type this version knows, with a field no kiosk writes (every record is validated before it is
    // appended): not another version's record but an altered line. Extra fields may be a newer version's.
    const knownType = typeof type === 'string' && RECORD_TYPES.has(type);
    const fieldWrong = envelope.success && knownType && issues.some((i) => i.code !== 'unrecognized_keys');
    return fieldWrong
      ? {
          ok: false,
          problem: 'invalid_field',
          message: `a ${type} record that no kiosk writes: ${where}${issue!.message}`,
        }
      : {
          ok: false,
          problem: 'invalid_record',
          message: `not a valid ledger record: ${where}${issue?.message ?? 'unknown'}`,
        };
  }
  return { ok: true, record: { ...content.data, seq: envelope.data.seq, ts: envelope.data.ts } };
}
