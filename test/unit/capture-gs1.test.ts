// GS1 element strings: each Application Identifier's length rule (GS1 General Specifications: the AI's
// length from its first two digits, and the predefined-length elements), and when text looks like GS1.
import { describe, expect, it } from 'vitest';
import { GS, looksLikeGs1, parseGs1 } from '../../src/capture/index.js';

describe('parseGs1: the AI length from its first two digits', () => {
  it.each([
    ['21SN1', '21', 'SN1'], // serial number: 2 digits
    ['22ABC', '22', 'ABC'], // CPV: 2 digits (the last 2-digit AI below 23)
    ['3012', '30', '12'], // variable count: 2 digits
    ['3725', '37', '25'], // count of trade items: 2 digits
    ['90ABC', '90', 'ABC'], // mutually agreed: 2 digits
    ['91X7', '91', 'X7'], // company internal: 2 digits
    ['235T1', '235', 'T1'], // third-party controlled GTIN extension: 3 digits
    ['240P-1', '240', 'P-1'], // additional product id: 3 digits
    ['400PO123', '400', 'PO123'], // order number: 3 digits
    ['710NHRN1', '710', 'NHRN1'], // national healthcare reimbursement number: 3 digits
    ['70032612311200', '7003', '2612311200'], // expiration date and time: 4 digits
    ['8020REF', '8020', 'REF'], // payment slip reference: 4 digits
  ])('%j → AI %s', (text, ai, value) => {
    expect(parseGs1(text)).toEqual([{ ai, value }]);
  });

  it.each([
    ['00', '00123456789012345675', '123456789012345675'], // SSCC: 18 digits
    ['01', '0109506000134352', '09506000134352'], // GTIN: 14 digits
    ['11', '11261231', '261231'], // production date: 6 digits
    ['20', '2007', '07'], // variant: 2 digits
    ['3103', '3103000250', '000250'], // net weight in kg, 3 decimals: 4-digit AI + 6 digits
    ['410', '4109501101020015', '9501101020015'], // ship to GLN: 3-digit AI + 13 digits
  ])('AI %s has a predefined length, and the next element follows without a separator', (ai, element, value) => {
    expect(parseGs1(`${element}10LOT7`)).toEqual([
      { ai, value },
      { ai: '10', value: 'LOT7' },
    ]);
  });

  it('refuses a predefined-length element cut short', () => {
    expect(parseGs1('01095060')).toBeUndefined();
  });

  it('refuses an AI cut short or holding a letter', () => {
    expect(parseGs1('010950600013435224')).toBeUndefined();
    expect(parseGs1('24A1')).toBeUndefined();
    expect(parseGs1('31A3000250')).toBeUndefined();
  });
});

describe('parseGs1: separators and forms', () => {
  it('ends a variable-length value at GS, also when separators repeat', () => {
    const expected = [
      { ai: '10', value: 'LOT7' },
      { ai: '21', value: 'SN1' },
    ];
    expect(parseGs1(`10LOT7${GS}21SN1`)).toEqual(expected);
    expect(parseGs1(`10LOT7${GS}${GS}21SN1`)).toEqual(expected);
    expect(parseGs1(`${GS}${GS}10LOT7${GS}21SN1${GS}`)).toEqual(expected);
    expect(parseGs1(`]C1${GS}10LOT7${GS}21SN1`)).toEqual(expected);
  });

  it('trims the text around the element string', () => {
    expect(parseGs1(' 0109506000134352\n')).toEqual([{ ai: '01', value: '09506000134352' }]);
  });

  it('keeps brackets inside a raw value', () => {
    expect(parseGs1('10LOT(12)')).toEqual([{ ai: '10', value: 'LOT(12)' }]);
  });

  it('returns undefined for text with no element', () => {
    expect(parseGs1(']C1')).toBeUndefined();
    expect(parseGs1(GS)).toBeUndefined();
  });

  it('reads the bracketed form, trimming each value, and refuses it when a part is not (AI)value', () => {
    expect(parseGs1('(10)LOT7 (21)SN1')).toEqual([
      { ai: '10', value: 'LOT7' },
      { ai: '21', value: 'SN1' },
    ]);
    expect(parseGs1('(01)09506000134352(Lot)x')).toBeUndefined();
  });
});

describe('looksLikeGs1', () => {
  it.each([
    ['a symbology identifier after whitespace', '  ]C10109506000134352'],
    ['a bracketed AI after whitespace', '\n(01)09506000134352(21)X'],
    ['a variable field ended by GS', `10LOT7${GS}21X`],
    ['a GTIN run with more elements', '010950600013435221SN1'],
    ['an SSCC run with more elements', '0012345678901234567510LOT7'],
  ])('is true for %s', (_, text) => {
    expect(looksLikeGs1(text)).toBe(true);
  });

  it.each([
    ['an IMEI label', 'IMEI:490154203237518'],
    ['a year in brackets later in the text', 'Model A (2024)'],
    ['digits before GS that are not at the start', `SN12${GS}X`],
    ['one digit before GS', `1X${GS}`],
    ['letters before GS', `SN${GS}X`],
    ['a short number starting 01', '0123456'],
    ['a GTIN run later in the text', 'SN 010950600013435221SN1'],
    ['a run starting 03', '0309506000134352211'],
  ])('is false for %s', (_, text) => {
    expect(looksLikeGs1(text)).toBe(false);
  });
});
