/**
 * Which PIN opens what: each role's own stored hash (else its training default), an admin PIN also
 * where a supervisor's is asked, never the reverse; a malformed stored hash opens nothing. Written
 * against the survivors of the application layer's mutation run (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import { checkPin, hashPin, pinIs, pinMatchesHash } from '../../src/app/session/pins.js';

const stored = { adminPinHash: hashPin('1111'), supervisorPinHash: hashPin('2222') };

describe('PIN rules', () => {
  it("each role's PIN is its own stored one, not the other role's", () => {
    expect([pinIs(stored, 'admin', '1111'), pinIs(stored, 'admin', '2222')]).toEqual([true, false]);
    expect([pinIs(stored, 'supervisor', '2222'), pinIs(stored, 'supervisor', '1111')]).toEqual([true, false]);
  });

  it('an admin PIN opens a supervisor check; a supervisor PIN never opens an admin one', () => {
    expect(checkPin(stored, 'supervisor', '1111')).toBe(true);
    expect(checkPin(stored, 'supervisor', '2222')).toBe(true);
    expect(checkPin(stored, 'admin', '2222')).toBe(false);
    expect(checkPin(stored, 'admin', '1111')).toBe(true);
    expect(checkPin(stored, 'supervisor', '3333')).toBe(false);
  });

  it('until a PIN is set, the training default of that role applies, and only to it', () => {
    expect([pinIs({}, 'admin', '1234'), pinIs({}, 'admin', '5678')]).toEqual([true, false]);
    expect([pinIs({}, 'supervisor', '5678'), pinIs({}, 'supervisor', '1234')]).toEqual([true, false]);
    // A set admin PIN leaves the supervisor's default in place, and the reverse.
    expect(pinIs({ adminPinHash: stored.adminPinHash }, 'supervisor', '5678')).toBe(true);
    expect(pinIs({ supervisorPinHash: stored.supervisorPinHash }, 'admin', '1234')).toBe(true);
  });

  it('a stored hash of another scheme, or without its salt or hash, opens nothing', () => {
    const [, salt, hash] = stored.adminPinHash.split('$');
    expect(pinMatchesHash('1111', stored.adminPinHash)).toBe(true);
    for (const bad of [`bcrypt$${salt}$${hash}`, `scrypt$$${hash}`, `scrypt$${salt}$`, 'scrypt', '']) {
      expect([bad, pinMatchesHash('1111', bad)]).toEqual([bad, false]);
    }
  });

  it('a damaged stored hash opens nothing, whatever PIN is typed: one that decodes to no bytes or to a short key', () => {
    const [, salt, hash] = stored.adminPinHash.split('$');
    // "!!!!" is not base64: it decodes to zero bytes, and an empty key compared with an empty key is
    // equal, so any PIN would have matched. A truncated key is as damaged.
    for (const bad of [`scrypt$${salt}$!!!!`, `scrypt$${salt}$${hash!.slice(0, 8)}`]) {
      for (const pin of ['1111', '0000', '']) expect([bad, pin, pinMatchesHash(pin, bad)]).toEqual([bad, pin, false]);
    }
  });
});
