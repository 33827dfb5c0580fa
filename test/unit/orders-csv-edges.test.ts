/**
 * The orders file's edges: where a row starts after several blank lines, the longest order
 * reference, values cut to 200 characters in a refusal's params, and the exact shape of an order
 * and of a refusal (no empty params, no keys for columns left blank).
 */
import { describe, expect, it } from 'vitest';
import { orderRefKey, parseOrdersCsv, type OrderRowError } from '../../src/onboarding/orders-csv.js';

const TYPES = ['blood_glucose', 'blood_pressure'];

/** The refusals of a file that must be refused. */
function errorsOf(text: string): readonly OrderRowError[] {
  const result = parseOrdersCsv(text, TYPES);
  if (result.ok) throw new Error(`expected a refusal, got ${result.orders.length} orders`);
  return result.errors;
}

describe('order reference keys', () => {
  it('are the reference without outer spaces, in lower case', () => {
    // The batch looks scanned references up by this key; the file refuses two rows with one key.
    expect(orderRefKey('  Box-7 ')).toBe('box-7');
    expect(orderRefKey('SO-1\t')).toBe('so-1');
  });
});

describe('rows after blank lines', () => {
  it('are numbered by the line they start on, however many blank lines come before', () => {
    // A spreadsheet shows the second order on line 6: the operator must find it there.
    const errors = errorsOf('uid,device_type\nP-1001,toaster\n\n\n\nP-1002,toaster\n');
    expect(errors.map(({ row, kind }) => ({ row, kind }))).toEqual([
      { row: 2, kind: 'unknown_device_type' },
      { row: 6, kind: 'unknown_device_type' },
    ]);
  });

  it('count a quoted line break inside the row from the line the row starts on', () => {
    const errors = errorsOf('uid,device_type,order_ref\n\n\nP-1001,blood_glucose,"two\nlines"\n\n\nP-1002,toaster,\n');
    expect(errors.map(({ row, kind }) => ({ row, kind }))).toEqual([
      { row: 4, kind: 'order_ref_control_character' },
      { row: 8, kind: 'unknown_device_type' },
    ]);
  });
});

describe('the order reference length', () => {
  it('accepts 254 characters and refuses 255, naming the column and the length', () => {
    const file = (ref: string) => `uid,device_type,order_ref\nP-1001,blood_glucose,${ref}\n`;
    expect(parseOrdersCsv(file('r'.repeat(254)), TYPES)).toEqual({
      ok: true,
      orders: [{ row: 2, uid: 'P-1001', deviceType: 'blood_glucose', orderRef: 'r'.repeat(254) }],
    });
    expect(errorsOf(file('r'.repeat(255)))).toEqual([
      {
        row: 2,
        column: 'order_ref',
        kind: 'order_ref_too_long',
        params: { length: 255 },
        reason: 'the order reference is 255 characters; it may have at most 254',
      },
    ]);
  });
});

describe('values quoted back in a refusal', () => {
  // A wrong file can hold anything in a cell: the screen shows at most 200 characters of it.
  it('cut an unknown column name to 200 characters', () => {
    const name = `c${'x'.repeat(299)}`;
    const [error] = errorsOf(`uid,device_type,${name}\nP-1001,blood_glucose,1\n`);
    expect(error).toMatchObject({ row: 1, kind: 'unknown_column' });
    expect(error?.params?.['column']).toBe(name.slice(0, 200));
  });

  it('cut an unknown device type to 200 characters', () => {
    const type = `t${'y'.repeat(299)}`;
    const [error] = errorsOf(`uid,device_type\nP-1001,${type}\n`);
    expect(error?.params).toEqual({ deviceType: type.slice(0, 200), allowed: 'blood_glucose, blood_pressure' });
  });

  it('cut a duplicate order reference to 200 characters, with the row that has it first', () => {
    const ref = `R${'z'.repeat(249)}`;
    const errors = errorsOf(`uid,device_type,order_ref\nP-1001,blood_glucose,${ref}\nP-1002,blood_glucose,${ref}\n`);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.params).toEqual({ orderRef: ref.slice(0, 200), firstRow: 2 });
  });

  it("cut csv-parse's own words on an unreadable file to 200 characters", () => {
    // csv-parse quotes the whole cell before a stray quote: here 300 characters of it.
    const [error] = errorsOf(`uid,device_type\nP-1001,${'q'.repeat(300)}"x\n`);
    expect(error).toMatchObject({ row: 2, column: null, kind: 'unreadable_csv' });
    const detail = String(error?.params?.['detail']);
    expect(detail).toHaveLength(200);
    expect(detail.startsWith('Invalid Opening Quote: a quote is found on field 1 at line 2')).toBe(true);
  });
});

describe('the shape of results', () => {
  it('a refusal with nothing to fill in has no params at all', () => {
    // Screens translate `params` when present: an empty object would be a translation with no values.
    expect(errorsOf('')).toEqual([
      {
        row: 1,
        column: null,
        kind: 'empty_file',
        reason: 'the file is empty; it needs a header row (uid,device_type,…) and at least one order',
      },
    ]);
    const [badUid] = errorsOf('uid,device_type\nab,blood_glucose\n');
    expect(badUid).toMatchObject({ row: 2, column: 'uid', kind: 'bad_uid' });
    expect(badUid && 'params' in badUid).toBe(false);
  });

  it('an order whose reference and expected IMEI are blank has no keys for them', () => {
    const result = parseOrdersCsv('uid,device_type,order_ref,expected_imei\nP-1001,blood_glucose,,\n', TYPES);
    // Strict: whoever copies an order on (the journal, the renderer) finds no keys for blank columns.
    expect(result).toStrictEqual({ ok: true, orders: [{ row: 2, uid: 'P-1001', deviceType: 'blood_glucose' }] });
  });
});
