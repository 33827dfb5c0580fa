/**
 * One journal line, decoded: every refusal with its problem and words, with and without the
 * record's schema. Lines are sealed with a correct checksum over any text, so each check after the
 * checksum is reached on its own. Written against the survivors of the ledger's mutation run
 * (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import { checksum, decodeLine, encodeLine } from '../../src/ledger/line-codec.js';
import type { LedgerRecord } from '../../src/ledger/records.js';

const SUM_PREFIX = ',"sum":"';
/** A line whose checksum covers `covered` (which ends in `}`), as a kiosk would seal it. */
const seal = (covered: string) => `${covered.slice(0, -1)}${SUM_PREFIX}${checksum(covered)}"}`;
const record = { seq: 3, ts: '2026-12-03T08:00:00.000Z', type: 'pin_failed', role: 'admin' } as unknown as LedgerRecord;
const line = encodeLine(record).trimEnd();
const noChecksum = { ok: false, problem: 'checksum', message: 'no checksum at the end of the line' };

describe('decodeLine', () => {
  it('decodes a line it encoded, by default checking the schema too', () => {
    expect(decodeLine(line)).toEqual({ ok: true, record });
    expect(
      decodeLine(seal('{"seq":3,"ts":"2026-12-03T08:00:00.000Z","type":"pin_failed","role":"cook"}')),
    ).toMatchObject({
      ok: false,
      problem: 'invalid_field',
    });
  });

  it('refuses a line with no checksum: too short (even one of exactly the checksum’s length), or without its prefix', () => {
    expect(decodeLine('{"seq":1}')).toEqual(noChecksum);
    expect(decodeLine(`${SUM_PREFIX}${'a'.repeat(64)}"}`)).toEqual(noChecksum);
    expect(decodeLine(`{"seq":1,"x":"${'a'.repeat(80)}"}`)).toEqual(noChecksum);
  });

  it('names both checksums, shortened, when they differ', () => {
    const altered = line.replace('"admin"', '"admix"');
    const result = decodeLine(altered);
    expect(result).toMatchObject({ ok: false, problem: 'checksum' });
    expect(result.ok ? '' : result.message).toMatch(
      /^checksum mismatch \(stored [0-9a-f]{12}…, computed [0-9a-f]{12}…\)$/,
    );
  });

  it('refuses a sealed line that is not JSON', () => {
    const result = decodeLine(seal('{not json}'));
    expect(result).toMatchObject({ ok: false, problem: 'not_json' });
    expect(result.ok ? '' : result.message).toMatch(/^not JSON: ./);
  });

  it('without the schema, still refuses a line with no whole positive seq, no ts, or a type no kiosk writes', () => {
    const refused = (covered: string) => decodeLine(seal(covered), false);
    const noSeqOrTs = { ok: false, problem: 'invalid_record', message: 'not a valid ledger record: no seq or ts' };
    expect(refused('{"ts":"2026-12-03T08:00:00.000Z","type":"pin_failed"}')).toEqual(noSeqOrTs);
    expect(refused('{"seq":0,"ts":"2026-12-03T08:00:00.000Z","type":"pin_failed"}')).toEqual(noSeqOrTs);
    expect(refused('{"seq":1.5,"ts":"2026-12-03T08:00:00.000Z","type":"pin_failed"}')).toEqual(noSeqOrTs);
    expect(refused('{"seq":1,"ts":5,"type":"pin_failed"}')).toEqual(noSeqOrTs);
    expect(refused('{"seq":1,"ts":"2026-12-03T08:00:00.000Z","type":"party"}')).toEqual({
      ok: false,
      problem: 'invalid_record',
      message: 'not a valid ledger record: unknown type "party"',
    });
    expect(refused('{"seq":1,"ts":"2026-12-03T08:00:00.000Z"}')).toMatchObject({
      message: 'not a valid ledger record: unknown type undefined',
    });
    // Without the schema, a wrong field of a known type is not looked at.
    expect(refused('{"seq":1,"ts":"2026-12-03T08:00:00.000Z","type":"pin_failed","role":"cook"}')).toMatchObject({
      ok: true,
    });
  });

  it('with the schema: a known type with a wrong field is an altered line; another type, or a bad envelope, is not a record', () => {
    const decoded = (covered: string) => decodeLine(seal(covered), true);
    expect(decoded('{"seq":1,"ts":"2026-12-03T08:00:00.000Z","type":"pin_failed","role":"cook"}')).toEqual({
      ok: false,
      problem: 'invalid_field',
      message: expect.stringMatching(/^a pin_failed record that no kiosk writes: role: ./),
    });
    expect(decoded('{"seq":1,"ts":"2026-12-03T08:00:00.000Z","type":"party"}')).toMatchObject({
      problem: 'invalid_record',
      message: expect.stringMatching(/^not a valid ledger record: type: ./),
    });
    // A newer version's extra field is not an alteration.
    expect(
      decoded('{"seq":1,"ts":"2026-12-03T08:00:00.000Z","type":"pin_failed","role":"admin","colour":"red"}'),
    ).toMatchObject({
      problem: 'invalid_record',
    });
    expect(decoded('{"seq":0,"ts":"2026-12-03T08:00:00.000Z","type":"pin_failed","role":"admin"}')).toMatchObject({
      problem: 'invalid_record',
      message: expect.stringMatching(/^not a valid ledger record: seq: ./),
    });
  });
});
