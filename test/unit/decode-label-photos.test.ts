import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODE128 } from '../../src/decode/code128-symbols.js';
import { passesLuhn } from '../../src/imei/luhn.js';
import { imeiModules, labelPhoto, randomImei, seededRandom } from '../fixtures/labels/label-photos.js';

describe('generated label photos', () => {
  it('are the same photo for the same seed, and another for another seed', async () => {
    const once = await labelPhoto('rotated', seededRandom(11), 0, { width: 320, height: 240 });
    const again = await labelPhoto('rotated', seededRandom(11), 0, { width: 320, height: 240 });
    const other = await labelPhoto('rotated', seededRandom(12), 0, { width: 320, height: 240 });
    expect(again.image.equals(once.image)).toBe(true);
    expect(again.description).toBe(once.description);
    expect(other.image.equals(once.image)).toBe(false);
  });

  it('carry valid IMEIs, drawn as START C, seven pairs, CODE B, the last digit, check and STOP', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), (seed) => {
        const imei = randomImei(seededRandom(seed));
        expect(imei).toMatch(/^(35|86)\d{13}$/);
        expect(passesLuhn(imei)).toBe(true);
        // START, 7 pairs, CODE B, the digit, check, STOP: 12 symbols of 11 modules and STOP's final 2-module bar.
        const modules = imeiModules(imei);
        expect(modules.reduce((a, b) => a + b, 0)).toBe(12 * CODE128.SYMBOL_MODULES + CODE128.STOP_BAR_MODULES);
        expect(modules).toHaveLength(12 * 6 + 1);
      }),
      { numRuns: 50, seed: 5 },
    );
  });
});
