/**
 * The PIN lock's rules at their edges, as pure functions with a small policy: the counting window,
 * wrong PINs dated in the future (a clock set back), the quiet time that restarts the escalation, and
 * a policy without steps. Written against the survivors of the application layer's mutation run
 * (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import { createPinAttempts, NO_LOCK, noteWrongPin, sanitizeLockRecord } from '../../src/app/session/pin-attempts.js';
import { PinLockoutFileError, type PinLockRecord } from '../../src/app/session/pin-lockout-store.js';

const policy = { maxWrong: 2, windowMs: 1_000, stepsMs: [10_000, 20_000], quietResetMs: 50_000 };

describe('noteWrongPin at its edges', () => {
  it('counts a wrong PIN less than a window old, not one exactly a window old', () => {
    const first = noteWrongPin(NO_LOCK, 0, policy).record;
    expect(noteWrongPin(first, 999, policy).lock).toMatchObject({ ms: 10_000, lockout: 1 });
    expect(noteWrongPin(first, 1_000, policy).lock).toBeUndefined();
  });

  it('does not count a wrong PIN dated after now (the clock was set back)', () => {
    expect(noteWrongPin({ ...NO_LOCK, wrongAt: [5_000] }, 1_000, policy).lock).toBeUndefined();
  });

  it('escalates while the last lock ended less than the quiet time ago, and starts again at the quiet time', () => {
    const after = { wrongAt: [100_000], lockedUntil: 100_000, lockouts: 1 };
    expect(noteWrongPin(after, 149_999, { ...policy, windowMs: 100_000 }).lock).toMatchObject({
      ms: 20_000,
      lockout: 2,
    });
    expect(noteWrongPin(after, 150_000, { ...policy, windowMs: 100_000 }).lock).toMatchObject({
      ms: 10_000,
      lockout: 1,
    });
  });

  it('refuses a policy without steps', () => {
    expect(() => noteWrongPin(NO_LOCK, 0, { ...policy, stepsMs: [] })).toThrow('a PIN lock needs at least one step');
  });
});

describe('sanitizeLockRecord', () => {
  it('drops wrong PINs dated after now', () => {
    expect(
      sanitizeLockRecord({ wrongAt: [500, 1_000, 1_500], lockedUntil: 0, lockouts: 0 }, 1_000, policy).wrongAt,
    ).toEqual([500, 1_000]);
  });
});

describe('createPinAttempts with a kept state it cannot read', () => {
  const storeThrowing = (error: Error) => {
    const saved: PinLockRecord[] = [];
    const store = {
      file: '/kiosk/pin-lockout.json',
      load(): PinLockRecord | undefined {
        throw error;
      },
      save(record: PinLockRecord) {
        saved.push(record);
      },
    };
    return { store, saved };
  };

  it('locks for the first step and writes the file anew when the file is damaged', () => {
    const { store, saved } = storeThrowing(new PinLockoutFileError('/kiosk/pin-lockout.json is not valid JSON.'));
    const attempts = createPinAttempts({ ...policy, store, clock: () => 1_000 });
    expect(attempts.state()).toEqual({ locked: true, seconds: 10 });
    expect(saved).toEqual([{ wrongAt: [], lockedUntil: 11_000, lockouts: 1 }]);
  });

  it('passes any other failure on (a disk that cannot be read is not a damaged file) and writes nothing', () => {
    const { store, saved } = storeThrowing(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }));
    expect(() => createPinAttempts({ ...policy, store, clock: () => 1_000 })).toThrow('EACCES: permission denied');
    expect(saved).toEqual([]);
  });
});
