import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractImeiCandidates } from '../../src/capture/index.js';
import { isPlaceholderImei, luhnCheckDigit } from '../../src/imei/index.js';

const IMEI_A = '490154203237518';
const IMEI_B = '356938035643809';
const GS = '\u001d';

const digit = fc.constantFrom(...'0123456789'.split(''));
const validImei = fc
  .array(digit, { minLength: 14, maxLength: 14 })
  .map((d) => d.join(''))
  .map((b) => b + luhnCheckDigit(b))
  .filter((imei) => !isPlaceholderImei(imei));

function validOf(text: string) {
  return extractImeiCandidates(text, 'camera').valid.map((c) => ({ imei: c.imei, label: c.label }));
}

describe('extractImeiCandidates: single values', () => {
  it('reads a bare 15-digit IMEI', () => {
    expect(validOf(IMEI_A)).toEqual([{ imei: IMEI_A, label: undefined }]);
  });

  it.each([
    ['IMEI: 490154203237518', 'IMEI'],
    ['IMEI1 490154203237518', 'IMEI 1'],
    ['IMEI 2: 490154203237518', 'IMEI 2'],
    ['imei#490154203237518', 'IMEI'],
    ['IMEI1490154203237518', 'IMEI 1'],
    ['IMEI: 49-015420-323751-8', 'IMEI'],
  ])('reads the prefixed form %j with its label', (text, label) => {
    expect(validOf(text)).toEqual([{ imei: IMEI_A, label }]);
  });

  it('reports a lone 15-digit number failing Luhn with the bad_check_digit error', () => {
    const result = extractImeiCandidates('490154203237519', 'wedge');
    expect(result.valid).toEqual([]);
    expect(result.invalid).toHaveLength(1);
    expect(result.invalid[0]!.error.kind).toBe('bad_check_digit');
    expect(result.invalid[0]!.error.message).toContain('should be 8, not 9');
  });

  it('reports a 16-digit IMEISV with the IMEI derived from it', () => {
    const result = extractImeiCandidates(`${IMEI_A.slice(0, 14)}07`, 'camera');
    expect(result.valid).toEqual([]);
    expect(result.invalid[0]!.error).toMatchObject({ kind: 'imeisv', derivedImei: IMEI_A });
  });

  it('gives a reason when there is no IMEI at all', () => {
    expect(extractImeiCandidates('12345', 'typed').invalid[0]!.error.kind).toBe('too_short');
    expect(extractImeiCandidates('hello', 'typed').invalid[0]!.error.kind).toBe('non_digit');
  });

  it('keeps the raw text and the source for the audit trail', () => {
    const result = extractImeiCandidates(` IMEI:${IMEI_A}\r`, 'serial-scanner');
    expect(result.raw).toBe(` IMEI:${IMEI_A}\r`);
    expect(result.source).toBe('serial-scanner');
  });
});

describe('extractImeiCandidates: multi-field payloads', () => {
  it('returns both IMEIs of a dual-SIM label, IMEI 1 first, each with its label', () => {
    for (const text of [
      `IMEI2:${IMEI_B}\nIMEI1:${IMEI_A}`,
      `IMEI1:${IMEI_A} IMEI2:${IMEI_B}`,
      `IMEI 1 ${IMEI_A}; IMEI 2 ${IMEI_B}`,
    ]) {
      expect(validOf(text)).toEqual([
        { imei: IMEI_A, label: 'IMEI 1' },
        { imei: IMEI_B, label: 'IMEI 2' },
      ]);
    }
  });

  it('reads key:value lists, naming other fields by their key', () => {
    expect(validOf(`SN:ABC123;IMEI:${IMEI_A};MAC:00:11:22`)).toEqual([{ imei: IMEI_A, label: 'IMEI' }]);
    expect(validOf(`model=X1|serial=${IMEI_B}`)).toEqual([{ imei: IMEI_B, label: 'serial' }]);
  });

  it('reads CSV with a header row by column name', () => {
    expect(validOf(`sn,imei1,imei2\nA1,${IMEI_A},${IMEI_B}`)).toEqual([
      { imei: IMEI_A, label: 'IMEI 1' },
      { imei: IMEI_B, label: 'IMEI 2' },
    ]);
    expect(validOf(`A1,${IMEI_A},X`)).toEqual([{ imei: IMEI_A, label: undefined }]);
  });

  it('reads JSON, keeping long numbers exact', () => {
    expect(validOf(`{"device":{"imei":${IMEI_A},"sn":"X"},"imei2":"${IMEI_B}"}`)).toEqual([
      { imei: IMEI_B, label: 'IMEI 2' },
      { imei: IMEI_A, label: 'IMEI' },
    ]);
  });

  it('reads GS1 element strings with FNC1 as GS, with a symbology identifier, and in bracketed form', () => {
    const expected = [{ imei: IMEI_A, label: 'AI 21' }];
    expect(validOf(`0109506000134352${'17'}261231${'21'}${IMEI_A}${GS}10LOT7`)).toEqual(expected);
    expect(validOf(`]C10109506000134352${GS}21${IMEI_A}`)).toEqual(expected);
    expect(validOf(`${GS}01095060001343522${'1'}${IMEI_A}`)).toEqual(expected);
    expect(validOf(`(01)09506000134352(21)${IMEI_A}(10)LOT7`)).toEqual(expected);
    expect(validOf(`0109506000134352240${IMEI_A}${GS}21SN1`)).toEqual([{ imei: IMEI_A, label: 'AI 240' }]);
  });

  it('does not take a GTIN or a number glued to letters for an IMEI', () => {
    expect(validOf(`SN${IMEI_A}X`)).toEqual([]);
    expect(validOf('(01)09506000134352(10)ABC')).toEqual([]);
  });

  it('lists a labelled IMEI that fails, and still returns the valid one beside it', () => {
    const result = extractImeiCandidates(`IMEI1:${IMEI_A};IMEI2:356938035643808`, 'camera');
    expect(result.valid.map((c) => c.imei)).toEqual([IMEI_A]);
    expect(result.invalid).toHaveLength(1);
    expect(result.invalid[0]).toMatchObject({
      label: 'IMEI 2',
      error: { kind: 'bad_check_digit', expectedCheckDigit: '9' },
    });
  });

  it('returns the same IMEI once even when the payload repeats it', () => {
    expect(validOf(`IMEI:${IMEI_A}\n${IMEI_A}`)).toEqual([{ imei: IMEI_A, label: 'IMEI' }]);
  });
});

describe('extractImeiCandidates: properties', () => {
  it('finds every valid IMEI in a random dual-SIM payload, whatever the layout', () => {
    const layout = fc.constantFrom(
      (a: string, b: string) => `IMEI1:${a}\nIMEI2:${b}`,
      (a: string, b: string) => `{"imei1":"${a}","imei2":"${b}"}`,
      (a: string, b: string) => `imei1,imei2\n${a},${b}`,
      (a: string, b: string) => `IMEI 1: ${a}; IMEI 2: ${b}; SN: X7`,
    );
    fc.assert(
      fc.property(validImei, validImei, layout, (a, b, make) => {
        fc.pre(a !== b);
        const result = extractImeiCandidates(make(a, b), 'camera');
        expect(result.valid.map((c) => [c.imei, c.label])).toEqual([
          [a, 'IMEI 1'],
          [b, 'IMEI 2'],
        ]);
      }),
      { numRuns: 500 },
    );
  });

  it('never returns a valid candidate that fails Luhn, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        for (const c of extractImeiCandidates(text, 'typed').valid) {
          expect(c.imei).toMatch(/^\d{15}$/);
          expect(luhnCheckDigit(c.imei.slice(0, 14))).toBe(c.imei[14]);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
