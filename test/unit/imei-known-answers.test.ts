/**
 * The IMEI rules against answers worked out by hand or taken from public examples, not from the code
 * under test: Luhn (ISO/IEC 7812 Annex B) including doubled 5s and 9s, the placeholder patterns on
 * both sides, MEIDs, offending characters, readable control characters, the label form.
 */
import { describe, expect, it } from 'vitest';
import {
  describeChar,
  formatImei,
  isPlaceholderImei,
  luhnCheckDigit,
  passesLuhn,
  validate,
} from '../../src/imei/index.js';

describe('Luhn known answers', () => {
  it.each([
    // Public examples: the classic Luhn number, GSMA-style IMEIs used in documentation.
    ['7992739871', '3'],
    ['49015420323751', '8'],
    ['35693803564380', '9'],
    // By hand: a doubled 5 is 10 → 1 (check 9); a doubled 9 is 18 → 9 (check 1); 8 doubled is 16 → 7, plus 1 = 8 (check 2).
    ['5', '9'],
    ['9', '1'],
    ['18', '2'],
    // 14 fives: seven doubled (1 each) + seven plain (5 each) = 42 → check 8.
    ['55555555555555', '8'],
    // 14 nines: seven doubled (9 each) + seven plain (9 each) = 126 → check 4.
    ['99999999999999', '4'],
    ['0', '0'],
  ])('the check digit of %s is %s', (body, digit) => {
    expect(luhnCheckDigit(body)).toBe(digit);
    expect(passesLuhn(body + digit)).toBe(true);
    expect(passesLuhn(body + String((Number(digit) + 1) % 10))).toBe(false);
  });

  it('refuses anything but ASCII digits, wherever the stray character is', () => {
    for (const body of ['12a', 'a12', '1 2', '', '１２'])
      expect(() => luhnCheckDigit(body), body).toThrow(/ASCII digits/);
  });

  it('a single digit has no check digit to pass; two digits can', () => {
    expect(passesLuhn('5')).toBe(false);
    expect(passesLuhn('')).toBe(false);
    expect(passesLuhn('00')).toBe(true);
    expect(passesLuhn('59')).toBe(true);
  });
});

describe('placeholders', () => {
  it('a pattern of period 1, 2 or 3 repeated is a dummy; of period 4 it is not by that rule', () => {
    expect(isPlaceholderImei('111111111111111')).toBe(true);
    expect(isPlaceholderImei('121212121212121')).toBe(true);
    expect(isPlaceholderImei('123123123123123')).toBe(true);
    expect(isPlaceholderImei('357135713571357')).toBe(false);
  });
  it('a run of consecutive digits up or down over the 14-digit body is a dummy; a near miss is not', () => {
    expect(isPlaceholderImei('123456789012345')).toBe(true);
    expect(isPlaceholderImei('987654321098765')).toBe(true);
    expect(isPlaceholderImei('987654321098775')).toBe(false);
    expect(isPlaceholderImei('123456789012445')).toBe(false);
  });
  it('an all-zero TAC is a dummy; eight zeros elsewhere are not', () => {
    expect(isPlaceholderImei('000000001234567')).toBe(true);
    expect(isPlaceholderImei('350000000012345')).toBe(false);
  });
});

describe('what validate() says', () => {
  it('an MEID in hex says hex letters; in decimal says how many digits', () => {
    const hex = validate('A0000000002329');
    expect(hex.ok ? null : hex.error).toMatchObject({ kind: 'meid' });
    expect(hex.ok ? '' : hex.error.message).toContain('hex letters');
    const decimal = validate('123456789012345678');
    expect(decimal.ok ? null : decimal.error).toMatchObject({ kind: 'meid' });
    expect(decimal.ok ? '' : decimal.error.message).toContain('18 digits');
  });
  it('names every character that is not a digit, with its position, and only those', () => {
    const result = validate('49O154203237S18');
    expect(result.ok ? null : result.error).toMatchObject({
      kind: 'non_digit',
      offending: [
        { char: 'O', position: 3 },
        { char: 'S', position: 13 },
      ],
    });
  });
  it('a label with spaces before it is still read', () => {
    expect(validate('  IMEI: 490154203237518')).toMatchObject({ ok: true, imei: '490154203237518' });
  });
});

describe('display forms', () => {
  it('formats exactly 15 digits like the label, and leaves anything else as it is', () => {
    expect(formatImei('490154203237518')).toBe('49-015420-323751-8');
    for (const other of ['12345', '4901542032375189', 'x490154203237518', '49015420323751x'])
      expect(formatImei(other)).toBe(other);
  });
  it('shows control and invisible characters as \\u escapes, at each edge of the ranges', () => {
    expect(describeChar('\u001f')).toBe('\\u001f');
    expect(describeChar('\u007f')).toBe('\\u007f');
    expect(describeChar('\u009f')).toBe('\\u009f');
    expect(describeChar('\u0085')).toBe('\\u0085');
    expect(describeChar('\u00a0')).toBe('\\u00a0');
    expect(describeChar('\u0020')).toBe('\\u0020');
    expect(describeChar('~')).toBe('~');
    expect(describeChar('\u00a1')).toBe('\u00a1');
    expect(describeChar('O')).toBe('O');
  });
});
