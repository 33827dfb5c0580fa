/** The shared test IMEI helper (test/support/imei.ts) against known answers and against src/imei's validator. */
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/imei/index.js';
import {
  imeiCheckDigit,
  KNOWN_IMEI,
  makeImei,
  sameTacSiblings,
  testImei,
  withWrongCheckDigit,
} from '../support/imei.js';

describe('test IMEIs', () => {
  it.each([
    ['49015420323751', '8'],
    ['35693803564380', '9'],
    ['55555555555555', '8'],
    ['99999999999999', '4'],
    ['00000000000000', '0'],
  ])('the check digit of %s is %s (public examples and hand-worked doubled 5s and 9s)', (body, digit) => {
    expect(imeiCheckDigit(body)).toBe(digit);
  });

  it('makes IMEIs the engine accepts, distinct per serial, with the TAC given', () => {
    expect(makeImei('49015420', 323751)).toBe(KNOWN_IMEI);
    const made = [testImei(0), testImei(1), testImei(999_999), makeImei('86104703', 55)];
    expect(new Set(made).size).toBe(4);
    for (const imei of made) expect(validate(imei), imei).toMatchObject({ ok: true, imei });
    expect(testImei(7).slice(0, 8)).toBe('35000000');
  });

  it('a wrong check digit fails validation, and the expected digit is the one the engine names', () => {
    for (const by of [1, 5, 9]) {
      const wrong = withWrongCheckDigit(KNOWN_IMEI, by);
      expect(wrong.expected).toBe('8');
      expect(wrong.imei.slice(0, 14)).toBe(KNOWN_IMEI.slice(0, 14));
      expect(wrong.imei).not.toBe(KNOWN_IMEI);
      const result = validate(wrong.imei);
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.error).toMatchObject({ kind: 'bad_check_digit', expectedCheckDigit: wrong.expected });
    }
    expect(() => withWrongCheckDigit(KNOWN_IMEI, 0)).toThrow(RangeError);
  });

  it('same-TAC siblings are valid, distinct, and of the same model (TAC)', () => {
    const siblings = sameTacSiblings(makeImei('35693803', 999_998), 3);
    expect(siblings).toHaveLength(3);
    expect(new Set(siblings).size).toBe(3);
    for (const imei of siblings) {
      expect(imei.slice(0, 8)).toBe('35693803');
      expect(validate(imei).ok).toBe(true);
    }
  });

  it('refuses a malformed TAC, body or serial instead of making a bad IMEI', () => {
    expect(() => makeImei('3569380', 1)).toThrow(/TAC is 8 digits/);
    expect(() => makeImei('35693803', 1_000_000)).toThrow(RangeError);
    expect(() => imeiCheckDigit('1234')).toThrow(/14 digits/);
  });
});
