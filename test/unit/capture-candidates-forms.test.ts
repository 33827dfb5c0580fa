// Every label payload form, field by field: the text each candidate was read from, its label, the order
// of the picker and what is (not) reported as invalid. Written against the mutation run's survivors.
import { describe, expect, it } from 'vitest';
import { extractImeiCandidates } from '../../src/capture/index.js';

const IMEI_A = '490154203237518';
const IMEI_B = '356938035643809';
const GS = '\u001d';

function read(text: string) {
  const r = extractImeiCandidates(text, 'camera');
  return {
    valid: r.valid.map((c) => [c.imei, c.label ?? null, c.text]),
    invalid: r.invalid.map((c) => [c.text, c.label ?? null, c.error.kind]),
  };
}

describe('plain text: one number, with or without a label', () => {
  it('keeps the whole trimmed text of a single labelled value, also when it is not an IMEI', () => {
    expect(read(` IMEI:${IMEI_A}\r`)).toEqual({ valid: [[IMEI_A, 'IMEI', `IMEI:${IMEI_A}`]], invalid: [] });
    expect(read('IMEI 2: 12345')).toEqual({ valid: [], invalid: [['IMEI 2: 12345', 'IMEI 2', 'too_short']] });
    expect(read('IMEI: 490154203237519')).toEqual({
      valid: [],
      invalid: [['IMEI: 490154203237519', 'IMEI', 'bad_check_digit']],
    });
  });

  it('reads the number at the start of a labelled value and leaves the words after it', () => {
    expect(read(`IMEI ${IMEI_A} rev B`)).toEqual({ valid: [[IMEI_A, 'IMEI', IMEI_A]], invalid: [] });
    expect(read(`IMEI1: ${IMEI_A}  IMEI2: ${IMEI_B}`).valid).toEqual([
      [IMEI_A, 'IMEI 1', IMEI_A],
      [IMEI_B, 'IMEI 2', IMEI_B],
    ]);
  });

  it('reports a labelled value that does not start with a digit as it is, and takes no number out of it', () => {
    expect(read('IMEI: pending 12')).toEqual({ valid: [], invalid: [['pending 12', 'IMEI', 'non_digit']] });
    expect(read(`IMEI1: n/a IMEI2: ${IMEI_B}`)).toEqual({
      valid: [[IMEI_B, 'IMEI 2', IMEI_B]],
      invalid: [['n/a', 'IMEI 1', 'non_digit']],
    });
  });

  it('skips an empty IMEI 1 slot and reads IMEI 2', () => {
    expect(read(`IMEI1 IMEI2:${IMEI_B} rev B`)).toEqual({ valid: [[IMEI_B, 'IMEI 2', IMEI_B]], invalid: [] });
    // The same with nothing after the number: the whole text is one valid number, yet its slot is IMEI 2.
    expect(read(`IMEI1 IMEI2:${IMEI_B}`)).toEqual({ valid: [[IMEI_B, 'IMEI 2', IMEI_B]], invalid: [] });
    expect(read(`IMEI1 IMEI2 ${IMEI_B}`)).toEqual({ valid: [[IMEI_B, 'IMEI 2', IMEI_B]], invalid: [] });
  });

  it('finds a lone number before a label, and two lone numbers in one field', () => {
    expect(read(`${IMEI_A} IMEI2:${IMEI_B}`).valid).toEqual([
      [IMEI_B, 'IMEI 2', IMEI_B],
      [IMEI_A, null, IMEI_A],
    ]);
    expect(read(`${IMEI_A} / ${IMEI_B}`)).toEqual({
      valid: [
        [IMEI_A, null, IMEI_A],
        [IMEI_B, null, IMEI_B],
      ],
      invalid: [],
    });
  });

  it('names a number by its field key unless the key is an IMEI label', () => {
    expect(read(`PrevImei: ${IMEI_A}`).valid).toEqual([[IMEI_A, 'PrevImei', IMEI_A]]);
    expect(read(`model=X1|serial=${IMEI_B}`).valid).toEqual([[IMEI_B, 'serial', IMEI_B]]);
  });

  it('reads a field that only looks like JSON as plain text', () => {
    expect(read(`{IMEI:${IMEI_A}}`).valid).toEqual([[IMEI_A, 'IMEI', IMEI_A]]);
  });

  it('leaves out no label key on an unlabelled candidate', () => {
    const [candidate] = extractImeiCandidates(IMEI_A, 'wedge').valid;
    expect(candidate).toStrictEqual({ ok: true, imei: IMEI_A, text: IMEI_A });
  });

  it('looks only at the first 8192 characters, and keeps the whole text as raw', () => {
    const pad = 'x'.repeat(8192);
    const early = `${IMEI_A};${pad}`;
    expect(read(early).valid).toEqual([[IMEI_A, null, IMEI_A]]);
    const late = `${pad};${IMEI_B}`;
    const result = extractImeiCandidates(late, 'file');
    expect(result.valid).toEqual([]);
    expect(result.raw).toBe(late);
  });
});

describe('picker order and repeats', () => {
  it('puts IMEI 1, IMEI 2 and a plain IMEI label before other fields', () => {
    expect(read(`SN:${IMEI_B};IMEI:${IMEI_A}`).valid.map((v) => v[1])).toEqual(['IMEI', 'SN']);
    expect(read(`IMEI:${IMEI_A};IMEI2:${IMEI_B}`).valid.map((v) => v[1])).toEqual(['IMEI 2', 'IMEI']);
  });

  it('keeps the first label of a repeated IMEI, and gives a label to one first seen without', () => {
    expect(read(`IMEI1:${IMEI_A};serial:${IMEI_A}`).valid).toEqual([[IMEI_A, 'IMEI 1', IMEI_A]]);
    expect(read(`${IMEI_A}\nIMEI:${IMEI_A}`).valid).toEqual([[IMEI_A, 'IMEI', IMEI_A]]);
  });
});

describe('CSV with a header row', () => {
  it.each([
    ['comma', ','],
    ['semicolon', ';'],
    ['tab', '\t'],
  ])('reads columns separated by a %s, trimming each cell', (_, sep) => {
    const text = `serial${sep}imei1${sep}imei2\nA1${sep} ${IMEI_A}${sep}${IMEI_B} `;
    expect(read(text)).toEqual({
      valid: [
        [IMEI_A, 'IMEI 1', IMEI_A],
        [IMEI_B, 'IMEI 2', IMEI_B],
      ],
      invalid: [],
    });
  });

  it('trims header names', () => {
    expect(read(`serial, imei1 ,imei2\nA1,${IMEI_A},${IMEI_B}`).valid.map((v) => v[1])).toEqual(['IMEI 1', 'IMEI 2']);
  });

  it('ignores blank and whitespace-only lines and quoted header names', () => {
    const text = `"serial","imei1","imei2"\n\n   \nA1,${IMEI_A},${IMEI_B}\n`;
    expect(read(text).valid.map((v) => v[1])).toEqual(['IMEI 1', 'IMEI 2']);
  });

  it('takes only the quotes around a header name off, and keeps quotes inside it', () => {
    expect(read(`sn,"box "A""\nX1,${IMEI_A}`).valid).toEqual([[IMEI_A, 'box "A"', IMEI_A]]);
  });

  it('labels a plain imei column IMEI, and other columns by their name', () => {
    expect(read(`sn,imei\n${IMEI_B},${IMEI_A}`).valid).toEqual([
      [IMEI_A, 'IMEI', IMEI_A],
      [IMEI_B, 'sn', IMEI_B],
    ]);
    expect(read(`old_imei,imei_status\n${IMEI_A},ok`)).toEqual({ valid: [[IMEI_A, 'old_imei', IMEI_A]], invalid: [] });
  });

  it('skips an empty IMEI cell', () => {
    expect(read(`imei1,imei2\n${IMEI_A},`)).toEqual({ valid: [[IMEI_A, 'IMEI 1', IMEI_A]], invalid: [] });
  });

  it('is not a CSV when a header is empty or a number, or a row has another count of fields', () => {
    expect(read(`,imei1\nx,${IMEI_A}`).valid).toEqual([[IMEI_A, null, IMEI_A]]);
    expect(read(`${IMEI_A},X1\n${IMEI_B},X2`).valid).toEqual([
      [IMEI_A, null, IMEI_A],
      [IMEI_B, null, IMEI_B],
    ]);
    expect(read(`imei1,imei2\n${IMEI_A}`).valid).toEqual([[IMEI_A, null, IMEI_A]]);
    expect(read(`imei1,imei2\n${IMEI_A},${IMEI_B}\n${IMEI_A}`).valid.map((v) => v[1])).toEqual([null, null]);
  });
});

describe('JSON', () => {
  it('reads an object after leading whitespace, with nothing reported invalid', () => {
    expect(read(`\n  {"imei2":"${IMEI_B}","serial":"${IMEI_A}","sn":"X"}`)).toEqual({
      valid: [
        [IMEI_B, 'IMEI 2', IMEI_B],
        [IMEI_A, 'serial', IMEI_A],
      ],
      invalid: [],
    });
  });

  it('reads arrays: a top-level list and a list under a key', () => {
    expect(read(`[{"imei1":"${IMEI_A}"},{"imei2":"${IMEI_B}"}]`).valid.map((v) => v[1])).toEqual(['IMEI 1', 'IMEI 2']);
    expect(read(`["${IMEI_A}"]`).valid).toEqual([[IMEI_A, null, IMEI_A]]);
    expect(read(`{"imeis":["${IMEI_A}","${IMEI_B}"]}`).valid.map((v) => v[1])).toEqual(['imeis', 'imeis']);
  });

  it('reports a short number under an IMEI key, and ignores null, booleans and other imei-ish keys', () => {
    expect(read(`{"imei":12345}`)).toEqual({ valid: [], invalid: [['12345', 'IMEI', 'too_short']] });
    expect(read(`{"imei":null,"imei1":true,"imeiStatus":"ok","imei2":"${IMEI_B}"}`)).toEqual({
      valid: [[IMEI_B, 'IMEI 2', IMEI_B]],
      invalid: [],
    });
    expect(read(`{"old_imei":"${IMEI_A}"}`).valid).toEqual([[IMEI_A, 'old_imei', IMEI_A]]);
  });
});

describe('GS1 element strings', () => {
  it('reports a failing IMEI in a serial field once, with its AI', () => {
    expect(read(`(01)09506000134352(21)490154203237519`)).toEqual({
      valid: [],
      invalid: [['490154203237519', 'AI 21', 'bad_check_digit']],
    });
  });

  it('takes no candidate from fields that are not a 15/16-digit number', () => {
    expect(read(`(01)09506000134352(21)${IMEI_A}(10)7(11)261231`)).toEqual({
      valid: [[IMEI_A, 'AI 21', IMEI_A]],
      invalid: [],
    });
    expect(read(`(10)ABCDEFGHIJKLMNO(21)${IMEI_A}`).invalid).toEqual([]);
    // A 17-digit serial and a number glued to letters are not IMEIs: only the whole text's reason is given.
    for (const text of [`010950600013435221${IMEI_A}12`, `010950600013435221SN${IMEI_A}`]) {
      const result = read(text);
      expect(result.valid).toEqual([]);
      expect(result.invalid).toHaveLength(1);
      expect(result.invalid[0]![1]).toBeNull();
    }
  });

  it('labels an IMEI inside a longer field value with the AI', () => {
    expect(read(`(01)09506000134352(91)S/N ${IMEI_A}`).valid).toEqual([[IMEI_A, 'AI 91', IMEI_A]]);
  });

  it('falls back to plain fields when text that looks like GS1 holds no IMEI as GS1 or does not parse', () => {
    expect(read(`123${GS}${IMEI_A}`).valid).toEqual([[IMEI_A, null, IMEI_A]]);
    expect(read(`12345${GS}IMEI:${IMEI_A}`).valid).toEqual([[IMEI_A, 'IMEI', IMEI_A]]);
  });
});
