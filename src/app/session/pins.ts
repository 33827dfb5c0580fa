/**
 * Supervisor and admin PINs: stored only as scrypt hashes, compared in constant time. Until an
 * admin sets them, the training defaults apply (admin 1234, supervisor 5678) and the training
 * banner says so; production kiosks should change them first (Settings).
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export type PinRole = 'admin' | 'supervisor';

/**
 * The stored PIN hashes, as the station settings hold them. A shape of its own, not the station
 * settings type: those settings import the operator register, which imports this file.
 */
export interface PinHashes {
  readonly adminPinHash?: string | undefined;
  readonly supervisorPinHash?: string | undefined;
}

export const DEFAULT_PINS: Readonly<Record<PinRole, string>> = { admin: '1234', supervisor: '5678' };

const KEY_LENGTH = 32;

export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64')}$${scryptSync(pin, salt, KEY_LENGTH).toString('base64')}`;
}

export function pinMatchesHash(pin: string, stored: string): boolean {
  const [scheme, saltText, hashText] = stored.split('$');
  if (scheme !== 'scrypt' || !saltText || !hashText) return false;
  const expected = Buffer.from(hashText, 'base64');
  // Only a whole key is compared: a damaged one decoding to no bytes would equal any PIN's empty key.
  if (expected.length !== KEY_LENGTH) return false;
  return timingSafeEqual(expected, scryptSync(pin, Buffer.from(saltText, 'base64'), KEY_LENGTH));
}

/** Whether `pin` is exactly this role's PIN (its stored hash, else the training default). */
export function pinIs(settings: PinHashes, role: PinRole, pin: string): boolean {
  const stored = role === 'admin' ? settings.adminPinHash : settings.supervisorPinHash;
  return stored ? pinMatchesHash(pin, stored) : pin === DEFAULT_PINS[role];
}

/** A supervisor PIN is also accepted where an admin one is not; an admin PIN opens everything. */
export function checkPin(settings: PinHashes, role: PinRole, pin: string): boolean {
  return role === 'admin'
    ? pinIs(settings, 'admin', pin)
    : pinIs(settings, 'supervisor', pin) || pinIs(settings, 'admin', pin);
}
