/** Every refusal of the orders file, each on its own: the kind, where, and that nothing is imported. */
import { describe, expect, it } from 'vitest';
import { MAX_ORDER_ROWS, parseOrdersCsv } from '../../src/onboarding/orders-csv.js';

const TYPES = ['blood_glucose', 'blood_pressure'];
const refusal = (text: string) => {
  const result = parseOrdersCsv(text, TYPES);
  expect(result.ok).toBe(false);
  expect('orders' in result).toBe(false);
  return result.ok ? [] : result.errors.map(({ row, column, kind }) => ({ row, column, kind }));
};

describe('orders file refusals', () => {
  it('a row with more fields than the header', () => {
    expect(refusal('uid,device_type\nP-1001,blood_glucose,EXTRA\n')).toEqual([
      { row: 2, column: null, kind: 'field_count' },
    ]);
  });
  it('a row with fewer fields than the header', () => {
    expect(refusal('uid,device_type,order_ref\nP-1001,blood_glucose\n')).toEqual([
      { row: 2, column: null, kind: 'field_count' },
    ]);
  });
  it('a header without uid or device_type, an unknown column, a column twice', () => {
    expect(refusal('uid\nP-1001\n')).toEqual([{ row: 1, column: 'device_type', kind: 'missing_column' }]);
    expect(refusal('device_type\nblood_glucose\n')).toEqual([{ row: 1, column: 'uid', kind: 'missing_column' }]);
    expect(refusal('uid,device_type,colour\nP-1001,blood_glucose,red\n')).toEqual([
      { row: 1, column: 'colour', kind: 'unknown_column' },
    ]);
    expect(refusal('uid,device_type,UID\nP-1001,blood_glucose,P-1002\n')).toEqual([
      { row: 1, column: 'uid', kind: 'duplicate_column' },
    ]);
  });
  it('duplicates: an order reference twice, an expected IMEI twice', () => {
    expect(refusal('uid,device_type,order_ref\nP-1001,blood_glucose,SO-1\nP-1002,blood_glucose,SO-1\n')).toEqual([
      { row: 3, column: 'order_ref', kind: 'duplicate_order_ref' },
    ]);
    // The batch looks a scanned reference up ignoring case and outer spaces, so the file compares
    // them so too: "box" on another patient's row would otherwise fill this patient's order.
    expect(
      refusal(
        'uid,device_type,order_ref\nP-1001,blood_glucose,BOX-7\nP-1002,blood_glucose,box-7\nP-1003,blood_glucose,Box-7 \n',
      ),
    ).toEqual([
      { row: 3, column: 'order_ref', kind: 'duplicate_order_ref' },
      { row: 4, column: 'order_ref', kind: 'duplicate_order_ref' },
    ]);
    expect(
      parseOrdersCsv('uid,device_type,order_ref\nP-1001,blood_glucose,BOX-7\nP-1002,blood_glucose,BOX-8\n', TYPES).ok,
    ).toBe(true);
    expect(
      refusal(
        'uid,device_type,expected_imei\nP-1001,blood_glucose,490154203237518\nP-1002,blood_glucose,49-015420-323751-8\n',
      ),
    ).toEqual([{ row: 3, column: 'expected_imei', kind: 'duplicate_expected_imei' }]);
  });
  it('an unknown or empty device type', () => {
    expect(refusal('uid,device_type\nP-1001,thermometer\n')).toEqual([
      { row: 2, column: 'device_type', kind: 'unknown_device_type' },
    ]);
    expect(refusal('uid,device_type\nP-1001,\n')).toEqual([
      { row: 2, column: 'device_type', kind: 'empty_device_type' },
    ]);
  });
  it('an empty file, a header alone', () => {
    expect(refusal('')).toEqual([{ row: 1, column: null, kind: 'empty_file' }]);
    expect(refusal('uid,device_type\n')).toEqual([{ row: 2, column: null, kind: 'no_orders' }]);
  });
  it(`more than ${MAX_ORDER_ROWS} orders, and exactly that many is fine`, () => {
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => `P-${String(i).padStart(6, '0')},blood_glucose`).join('\n');
    expect(refusal(`uid,device_type\n${rows(MAX_ORDER_ROWS + 1)}\n`)).toEqual([
      { row: MAX_ORDER_ROWS + 2, column: null, kind: 'too_many_orders' },
    ]);
    const ok = parseOrdersCsv(`uid,device_type\n${rows(MAX_ORDER_ROWS)}\n`, TYPES);
    expect(ok.ok && ok.orders.length).toBe(MAX_ORDER_ROWS);
  });
  it('a BOM and CRLF line ends are read, not refused; a control character in an order reference is', () => {
    const ok = parseOrdersCsv('\uFEFFuid,device_type,order_ref\r\nP-1001,blood_glucose,SO-1\r\n', TYPES);
    expect(ok).toEqual({
      ok: true,
      orders: [{ row: 2, uid: 'P-1001', deviceType: 'blood_glucose', orderRef: 'SO-1' }],
    });
    expect(refusal('uid,device_type,order_ref\nP-1001,blood_glucose,"SO\u00071"\n')).toEqual([
      { row: 2, column: 'order_ref', kind: 'order_ref_control_character' },
    ]);
  });
});
