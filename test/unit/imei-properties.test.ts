import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlaceholderImei, luhnCheckDigit, normalize, validate } from '../../src/imei/index.js';

const digit = fc.constantFrom(...'0123456789'.split(''));
const body14 = fc.array(digit, { minLength: 14, maxLength: 14 }).map((d) => d.join(''));
const validImei = body14.map((b) => b + luhnCheckDigit(b)).filter((imei) => !isPlaceholderImei(imei));

describe('IMEI properties', () => {
  it('every 14-digit body plus its computed check digit validates (placeholders aside)', () => {
    fc.assert(
      fc.property(validImei, (imei) => {
        const result = validate(imei);
        expect(result.ok).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('catches every single-digit substitution', () => {
    fc.assert(
      fc.property(validImei, fc.integer({ min: 0, max: 14 }), fc.integer({ min: 1, max: 9 }), (imei, pos, delta) => {
        const changed = String((Number(imei[pos]) + delta) % 10);
        const typo = imei.slice(0, pos) + changed + imei.slice(pos + 1);
        expect(validate(typo).ok).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it('catches every adjacent transposition except 0↔9', () => {
    fc.assert(
      fc.property(validImei, fc.integer({ min: 0, max: 13 }), (imei, pos) => {
        const a = imei[pos]!;
        const b = imei[pos + 1]!;
        fc.pre(a !== b && !((a === '0' && b === '9') || (a === '9' && b === '0')));
        const swapped = imei.slice(0, pos) + b + a + imei.slice(pos + 2);
        expect(validate(swapped).ok).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it('misses 0↔9 transpositions, as Luhn does (documents the known limit)', () => {
    // 0 and 9 keep the same Luhn sum whichever weight they carry: this is why typed entry needs care.
    const imei = '490154203237518';
    const body = '09' + imei.slice(2, 14);
    const withCheck = body + luhnCheckDigit(body);
    const swapped = '90' + withCheck.slice(2);
    expect(validate(withCheck).ok).toBe(true);
    expect(validate(swapped).ok).toBe(true);
  });

  it('normalize is idempotent', () => {
    fc.assert(
      fc.property(
        fc
          .oneof(
            fc.string({ maxLength: 40 }),
            fc.string({ unit: 'grapheme', maxLength: 40 }),
            fc.constantFrom('IMEI', 'imei 2:', ' - IMEI 1 49', 'IMEI IMEI: 4'),
          )
          .chain((s) => fc.tuple(fc.constant(s), fc.string({ maxLength: 20 })).map(([a, b]) => a + b)),
        (raw) => {
          const once = normalize(raw).normalized;
          expect(normalize(once).normalized).toBe(once);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('validate never throws on any string up to 10,000 characters', () => {
    const digitHeavy = fc
      .array(fc.constantFrom(...'0123456789 -./:IMEIabcdef\u001d\r\n'.split('')), { maxLength: 40 })
      .map((chars) => chars.join(''));
    const anything = fc.oneof(
      fc.string({ maxLength: 10_000, unit: 'binary' }),
      fc.string({ maxLength: 10_000, unit: 'grapheme' }),
      digitHeavy,
    );
    fc.assert(
      fc.property(anything, (raw) => {
        expect(() => validate(raw)).not.toThrow();
        expect(typeof validate(raw).ok).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });
});
