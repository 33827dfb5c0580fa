/** Record schemas and the checksummed line format. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checksum, decodeLine, encodeLine, LedgerRecordBody, type LedgerRecord } from '../../src/ledger/index.js';

const IMEI = '490154203237518';
const record = (body: object, seq = 1): LedgerRecord =>
  ({ ...LedgerRecordBody.parse(body), seq, ts: '2026-03-01T09:15:00.000Z' }) as LedgerRecord;

describe('ledger line format', () => {
  it('round-trips a record, with a SHA-256 over the line without its checksum', () => {
    const r = record({ type: 'capture', source: 'wedge', raw: 'IMEI: 49-015420-323751-8\u001d', imei: IMEI });
    const line = encodeLine(r);
    expect(line.endsWith('"}\n')).toBe(true);
    const text = line.slice(0, -1);
    const [covered, sum] = [`${text.slice(0, text.lastIndexOf(',"sum":"'))}}`, text.slice(-66, -2)];
    expect(sum).toBe(checksum(covered));
    expect(decodeLine(text)).toEqual({ ok: true, record: r });
  });

  it('detects any single changed character', () => {
    const text = encodeLine(
      record({ type: 'api_attempt', call: 'connect', outcome: 'ok', httpStatus: 202, durationMs: 12 }),
    ).slice(0, -1);
    fc.assert(
      fc.property(
        fc.nat(text.length - 1),
        fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }),
        (position, char) => {
          fc.pre(text[position] !== char);
          const changed = text.slice(0, position) + char + text.slice(position + 1);
          expect(decodeLine(changed).ok).toBe(false);
        },
      ),
    );
  });

  it('reads a line with an intact checksum but an unknown record type as invalid_record, not as damage', () => {
    const json = '{"seq":4,"ts":"2026-03-01T09:15:00.000Z","type":"from_the_future","x":1}';
    const line = `${json.slice(0, -1)},"sum":"${checksum(json)}"}`;
    expect(decodeLine(line)).toMatchObject({ ok: false, problem: 'invalid_record' });
  });
});

describe('ledger record schemas', () => {
  it('refuse fields they do not know, so a token passed by mistake is never written', () => {
    const result = LedgerRecordBody.safeParse({
      type: 'job_intent',
      jobId: 'j',
      imei: IMEI,
      uid: 'pat-1',
      deviceType: 'bpm',
      operator: 'a',
      station: 's',
      token: 'secret',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/token/);
  });

  it('journal a secret setting only as changed, never with its value', () => {
    expect(LedgerRecordBody.safeParse({ type: 'config_change', key: 'validic.orgToken', secret: true }).success).toBe(
      true,
    );
    expect(
      LedgerRecordBody.safeParse({ type: 'config_change', key: 'validic.orgToken', value: 'abc', secret: true })
        .success,
    ).toBe(false);
    expect(LedgerRecordBody.safeParse({ type: 'config_change', key: 'validic.apiKey', secret: false }).success).toBe(
      false,
    );
    expect(
      LedgerRecordBody.safeParse({
        type: 'config_change',
        key: 'validic.baseUrl',
        value: 'https://api.v2.validic.com',
        secret: false,
      }).success,
    ).toBe(true);
  });

  it('keep a transition reason’s kind and params when given, and still read older transitions without them', () => {
    const transition = {
      type: 'job_transition',
      jobId: 'j',
      from: 'connecting',
      to: 'queued',
      reason: 'Validic answered 503 while connecting the device.',
    };
    expect(LedgerRecordBody.safeParse(transition).success).toBe(true);
    expect(LedgerRecordBody.safeParse({ ...transition, reasonKind: 'server_error' }).success).toBe(true);
    expect(
      LedgerRecordBody.safeParse({
        ...transition,
        reasonKind: 'held_by_other_patient',
        reasonParams: { imeiLast4: '7518', otherLast4: '1111' },
      }).success,
    ).toBe(true);
    expect(LedgerRecordBody.safeParse({ ...transition, reasonKind: 'Server Error' }).success).toBe(false);
    expect(LedgerRecordBody.safeParse({ ...transition, reasonParams: { 'a b': 'x' } }).success).toBe(false);
    expect(LedgerRecordBody.safeParse({ ...transition, reasonParams: { nested: { token: 'x' } } }).success).toBe(false);
  });

  it('accept only a valid IMEI', () => {
    const capture = (imei: string) =>
      LedgerRecordBody.safeParse({ type: 'capture', source: 'typed', raw: imei, imei }).success;
    expect(capture(IMEI)).toBe(true);
    expect(capture('490154203237519')).toBe(false);
  });

  it('journal a wrong PIN by role, station, operator and the lock it caused, with no room for the PIN', () => {
    const failed = {
      type: 'pin_failed',
      role: 'operator',
      station: 'Desk 4',
      operator: 'ANN-7',
      lockSeconds: 300,
      lockedUntil: '2026-12-01T08:05:00.000Z',
      lockout: 2,
    };
    const r = record(failed, 7);
    expect(decodeLine(encodeLine(r).slice(0, -1))).toEqual({ ok: true, record: r });
    expect(LedgerRecordBody.safeParse({ type: 'pin_failed', role: 'admin' }).success).toBe(true);
    expect(LedgerRecordBody.safeParse({ ...failed, pin: '1234' }).success).toBe(false);
    expect(LedgerRecordBody.safeParse({ ...failed, role: 'guest' }).success).toBe(false);
  });
});
