import { describe, expect, it } from 'vitest';
import { formatImei, luhnCheckDigit, maskImei, normalize, validate, Imei } from '../../src/imei/index.js';

describe('luhnCheckDigit', () => {
  it('computes the documented example (49015420323751 → 8)', () => {
    expect(luhnCheckDigit('49015420323751')).toBe('8');
  });
  it('refuses non-digits', () => {
    expect(() => luhnCheckDigit('4901542032375x')).toThrow(TypeError);
  });
});

describe('normalize', () => {
  it.each([
    ['490154203237518', '490154203237518'],
    ['  49-015420-323751-8 \r\n', '490154203237518'],
    ['IMEI: 490154203237518', '490154203237518'],
    ['imei1 490154203237518', '490154203237518'],
    ['IMEI 2: 49 0154 2032 3751 8', '490154203237518'],
    ['IMEI1490154203237518', '490154203237518'],
    ['\u001d490154203237518\u0004', '490154203237518'],
    ['49.015420/323751.8', '490154203237518'],
  ])('%j → %s', (raw, expected) => {
    const result = normalize(raw);
    expect(result.normalized).toBe(expected);
    expect(result.raw).toBe(raw);
  });
});

describe('validate', () => {
  it('accepts a valid IMEI and splits TAC, serial and check digit', () => {
    const result = validate('490154203237518');
    expect(result).toMatchObject({
      ok: true,
      imei: '490154203237518',
      tac: '49015420',
      serial: '323751',
      checkDigit: '8',
    });
  });

  it('names the expected check digit', () => {
    const result = validate('490154203237517');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('bad_check_digit');
    expect(result.error.expectedCheckDigit).toBe('8');
    expect(result.error.message).toContain('should be 8');
    expect(result.error.message).toMatch(/mistyped or misread/);
  });

  it.each([
    ['', 'empty'],
    ['   \t', 'empty'],
    ['IMEI:', 'empty'],
    ['4901542O3237518', 'non_digit'],
    ['49015420323751', 'meid'],
    ['4901542032375', 'too_short'],
    ['490154203237518490', 'meid'],
    ['49015420323751849', 'too_long'],
    ['4901542032375180', 'imeisv'],
    ['A0000000002329', 'meid'],
    ['12345678', 'meid'],
    ['12345678901', 'meid'],
    ['000000000000000', 'placeholder'],
    ['111111111111111', 'placeholder'],
    ['123456789012347', 'placeholder'],
  ])('%j → %s', (raw, kind) => {
    const result = validate(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe(kind);
  });

  it('says how many digits were given and that 15 are needed', () => {
    const short = validate('4901542032375');
    const long = validate('49015420323751849');
    expect(!short.ok && short.error.message).toMatch(/Only 13 digits.*15/);
    expect(!long.ok && long.error.message).toMatch(/17 digits.*15/);
  });

  it('names offending characters and their positions', () => {
    const result = validate('4901542O32375l8');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.offending).toEqual([
      { char: 'O', position: 8 },
      { char: 'l', position: 14 },
    ]);
    expect(result.error.message).toContain('"O" at position 8');
    expect(result.error.message).toContain('"l" at position 14');
  });

  it('derives the IMEI from an IMEISV but does not accept it', () => {
    const result = validate('4901542032375199');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.derivedImei).toBe('490154203237518');
    expect(result.error.message).toMatch(/Confirm/);
  });

  it('keeps the raw input beside the result', () => {
    expect(validate(' IMEI: 490154203237518 ').raw).toBe(' IMEI: 490154203237518 ');
  });
});

describe('formatImei / maskImei / Imei schema', () => {
  it('formats as AA-BBBBBB-CCCCCC-D', () => {
    expect(formatImei('490154203237518')).toBe('49-015420-323751-8');
  });
  it('masks all but the last 4 digits, one way (…7518) everywhere', () => {
    expect(maskImei('490154203237518')).toBe('…7518');
    expect(maskImei('490154203237518')).not.toContain('4901');
  });
  it('brands only Luhn-valid 15-digit strings', () => {
    expect(Imei.safeParse('490154203237518').success).toBe(true);
    expect(Imei.safeParse('490154203237517').success).toBe(false);
    expect(Imei.safeParse('49015420323751').success).toBe(false);
  });
});
