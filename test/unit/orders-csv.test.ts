/** Batch orders CSV: all or nothing, every bad row reported with its row, column and reason. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOrdersCsv } from '../../src/onboarding/orders-csv.js';

const DEVICE_TYPES = ['bpm', 'scale', 'glucometer'];
const fixture = (name: string) => readFileSync(new URL(`../fixtures/orders/${name}`, import.meta.url), 'utf8');

describe('parseOrdersCsv', () => {
  it('reads a good file into orders, with canonical device types and normalized IMEIs', () => {
    expect(parseOrdersCsv(fixture('good.csv'), DEVICE_TYPES)).toEqual({
      ok: true,
      orders: [
        { row: 2, uid: 'pat-0001', deviceType: 'bpm', orderRef: 'ORD-100', expectedImei: '490154203237518' },
        { row: 3, uid: 'PAT0002', deviceType: 'scale', orderRef: 'ORD-101' },
        { row: 4, uid: 'pat-0002', deviceType: 'bpm', expectedImei: '356938035643809' },
        { row: 5, uid: 'a1b2', deviceType: 'glucometer', orderRef: 'ORD-103, second box' },
      ],
    });
  });

  it('reports every bad row with row, column and reason, and returns no orders', () => {
    const result = parseOrdersCsv(fixture('bad-rows.csv'), DEVICE_TYPES);
    expect(result.ok).toBe(false);
    expect('orders' in result).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(({ row, column }) => [row, column])).toEqual([
      [3, 'uid'],
      [4, 'device_type'],
      [5, 'order_ref'],
      [6, 'expected_imei'],
      [7, 'expected_imei'],
      [8, null],
      [9, 'uid'],
      [10, 'expected_imei'],
    ]);
    const reason = (row: number) => result.errors.find((e) => e.row === row)!.reason;
    // The catalogue's words (src/messages): the rule whole, and the IMEI error's kind in the params.
    expect(reason(3)).toBe(
      'the patient ID is not valid: use 4 to 254 letters, digits or single hyphens, with no hyphen at either end',
    );
    expect(reason(4)).toBe('unknown device type "thermometer"; expected one of: bpm, scale, glucometer');
    expect(reason(5)).toBe('the order reference "ORD-100" is already used on row 2');
    expect(reason(6)).toBe('the expected IMEI is not a valid IMEI');
    expect(result.errors.find((e) => e.row === 6)!.params).toEqual({ imeiError: 'bad_check_digit' });
    expect(reason(7)).toBe('the IMEI ending 7518 is already expected on row 2');
    expect(reason(8)).toBe('3 fields, but the header has 4');
    expect(reason(9)).toBe(
      'the patient ID is not valid: use 4 to 254 letters, digits or single hyphens, with no hyphen at either end',
    );
    expect(result.errors.find((e) => e.row === 10)!.params).toEqual({ imeiError: 'imeisv' });
  });

  it('checks the header: unknown, duplicate and missing columns', () => {
    const result = parseOrdersCsv('uid,device,uid\npat-0001,bpm,x\n', DEVICE_TYPES);
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          row: 1,
          column: 'device',
          kind: 'unknown_column',
          params: { column: 'device', columns: 'uid, device_type, order_ref, expected_imei' },
          reason: 'unknown column "device"; the columns are uid, device_type, order_ref, expected_imei',
        },
        {
          row: 1,
          column: 'uid',
          kind: 'duplicate_column',
          params: { column: 'uid' },
          reason: 'the column "uid" appears twice',
        },
        {
          row: 1,
          column: 'device_type',
          kind: 'missing_column',
          params: { column: 'device_type' },
          reason: 'the header has no "device_type" column',
        },
      ],
    });
  });

  it('counts rows as lines in the file, across blank lines and quoted line breaks', () => {
    const text = '\uFEFFuid,device_type,order_ref\r\npat-0001,bpm,"two\r\nlines"\r\n\r\npat-0002,nope,\r\n';
    expect(parseOrdersCsv(text, DEVICE_TYPES)).toMatchObject({
      ok: false,
      errors: [
        { row: 2, column: 'order_ref' },
        { row: 5, column: 'device_type' },
      ],
    });
  });

  it('refuses an empty file, a header alone, and text that is not CSV', () => {
    expect(parseOrdersCsv('', DEVICE_TYPES)).toMatchObject({
      ok: false,
      errors: [{ row: 1, reason: expect.stringMatching(/empty/) }],
    });
    expect(parseOrdersCsv('uid,device_type\n', DEVICE_TYPES)).toMatchObject({
      ok: false,
      errors: [{ row: 2, reason: 'the file has a header but no orders' }],
    });
    expect(parseOrdersCsv('uid,device_type\npat-0001,bpm\n"pat-0002,bpm\n', DEVICE_TYPES)).toMatchObject({
      ok: false,
      errors: [{ row: 3, column: null, reason: expect.stringMatching(/^the file is not readable CSV \(.*line 3/i) }],
    });
  });
});

describe('the uid rule of an order row', () => {
  it('accepts 4–254 letters, digits and single inner hyphens, and nothing else', () => {
    const rowOf = (uid: string) => parseOrdersCsv(`uid,device_type\n${uid},bpm\n`, DEVICE_TYPES);
    for (const uid of ['abcd', 'a-b-c', 'Z9-8x', 'a'.repeat(254)]) expect(rowOf(uid).ok).toBe(true);
    for (const uid of ['a'.repeat(255), 'pat_1', 'pat-', 'pa--t', 'pät1', 'abc']) {
      expect(rowOf(uid), uid).toMatchObject({ ok: false, errors: [{ kind: 'bad_uid', column: 'uid' }] });
    }
  });
});
