/**
 * Wrong PINs in a row lock every PIN check for a while: a 4-digit PIN at an unattended kiosk must
 * not be guessable by trying them all. Admin, supervisor and operator PINs share one counter (one
 * person at the screen tries them); a right PIN resets it.
 */
export interface PinLockOptions {
  /** Wrong PINs in a row that lock the checks. */
  readonly maxWrong?: number;
  /** How long the checks stay locked. */
  readonly lockMs?: number;
  readonly clock?: () => number;
}

export type PinLockState = { readonly locked: false } | { readonly locked: true; readonly seconds: number };

export interface PinAttempts {
  /** Whether a check may run now; when locked, the whole seconds left. */
  state(): PinLockState;
  /** The outcome of a check that ran. */
  record(right: boolean): void;
}

export const PIN_LOCK_DEFAULTS = { maxWrong: 5, lockMs: 60_000 } as const;

export function createPinAttempts(options: PinLockOptions = {}): PinAttempts {
  const maxWrong = options.maxWrong ?? PIN_LOCK_DEFAULTS.maxWrong;
  const lockMs = options.lockMs ?? PIN_LOCK_DEFAULTS.lockMs;
  const clock = options.clock ?? Date.now;
  let wrongInARow = 0;
  let lockedUntil = 0;
  return {
    state() {
      const left = lockedUntil - clock();
      return left > 0 ? { locked: true, seconds: Math.ceil(left / 1000) } : { locked: false };
    },
    record(right) {
      if (right) {
        wrongInARow = 0;
        return;
      }
      wrongInARow++;
      if (wrongInARow >= maxWrong) {
        lockedUntil = clock() + lockMs;
        // After the lock, another run of wrong PINs is needed to lock again.
        wrongInARow = 0;
      }
    },
  };
}
