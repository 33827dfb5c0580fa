// keyedFields and parseJsonKeepingLongNumbers: which fields a payload yields, by loose key, and long
// numbers kept digit for digit.
import { describe, expect, it } from 'vitest';
import { keyedFields } from '../../src/capture/index.js';
import { parseJsonKeepingLongNumbers } from '../../src/capture/fields.js';

const entries = (text: string) => {
  const fields = keyedFields(text);
  return fields ? [...fields] : undefined;
};

describe('parseJsonKeepingLongNumbers', () => {
  it('keeps a long number with a leading zero, with or without spaces around it', () => {
    expect(parseJsonKeepingLongNumbers('{"imei":012345678901237}')).toEqual({ imei: '012345678901237' });
    expect(parseJsonKeepingLongNumbers('[ 012345678901237 , 99999999999999999 ]')).toEqual([
      '012345678901237',
      '99999999999999999',
    ]);
  });

  it('keeps numbers below 12 digits and decimals as numbers', () => {
    expect(parseJsonKeepingLongNumbers('{"count":12345678901,"weight":123456789012.5}')).toEqual({
      count: 12345678901,
      weight: 123456789012.5,
    });
  });
});

describe('keyedFields', () => {
  it('reads a JSON object after whitespace, trimming values and keeping numbers as text', () => {
    expect(entries(' {"Order Ref":" P-1 ","count":3} ')).toEqual([
      ['orderref', 'P-1'],
      ['count', '3'],
    ]);
  });

  it('keeps only string and number values of a JSON object, and no key that is empty once loosened', () => {
    expect(entries('{"uid":"P1","ok":true,"n":null,"o":{"x":"y"},"--":"z"}')).toEqual([['uid', 'P1']]);
  });

  it('is undefined for a JSON object with no usable field, and for text with no key:value field', () => {
    expect(keyedFields('{}')).toBeUndefined();
    expect(keyedFields('{"ok":true}')).toBeUndefined();
    expect(keyedFields('{"uid":')).toBeUndefined();
    expect(keyedFields('hello')).toBeUndefined();
  });

  it('keeps the first value of a repeated key, trimmed', () => {
    expect(entries('UID: P1 ;uid:P2;TYPE=blood_glucose')).toEqual([
      ['uid', 'P1'],
      ['type', 'blood_glucose'],
    ]);
    expect(entries('{"uid":"P1","UID":"P2"}')).toEqual([['uid', 'P1']]);
  });
});
