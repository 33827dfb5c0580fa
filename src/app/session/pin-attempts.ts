/**
 * Wrong PINs lock every PIN check for a while: a 4-digit PIN at an unattended kiosk must not be
 * guessable by trying them all. Admin, supervisor and operator PINs share one count (one person at
 * the screen tries them), and a right PIN does not clear it — otherwise typing one's own PIN between
 * guesses would reset the count for ever. Wrong PINs older than the window no longer count.
 */
export interface PinLockOptions {
  /** Wrong PINs within the window that lock the checks. */
  readonly maxWrong?: number;
  /** How far back wrong PINs count. */
  readonly windowMs?: number;
  /** How long the checks stay locked. */
  readonly lockMs?: number;
  readonly clock?: () => number;
}

export type PinLockState = { readonly locked: false } | { readonly locked: true; readonly seconds: number };

export interface PinAttempts {
  /** Whether a check may run now; when locked, the whole seconds left. */
  state(): PinLockState;
  /** A PIN that was checked and found wrong. */
  recordWrong(): void;
}

export const PIN_LOCK_DEFAULTS = { maxWrong: 5, windowMs: 5 * 60_000, lockMs: 60_000 } as const;

export function createPinAttempts(options: PinLockOptions = {}): PinAttempts {
  const maxWrong = options.maxWrong ?? PIN_LOCK_DEFAULTS.maxWrong;
  const windowMs = options.windowMs ?? PIN_LOCK_DEFAULTS.windowMs;
  const lockMs = options.lockMs ?? PIN_LOCK_DEFAULTS.lockMs;
  const clock = options.clock ?? Date.now;
  let wrongAt: number[] = [];
  let lockedUntil = 0;
  return {
    state() {
      const left = lockedUntil - clock();
      return left > 0 ? { locked: true, seconds: Math.ceil(left / 1000) } : { locked: false };
    },
    recordWrong() {
      const now = clock();
      wrongAt = [...wrongAt.filter((at) => now - at < windowMs), now];
      if (wrongAt.length >= maxWrong) {
        lockedUntil = now + lockMs;
        // After the lock, another run of wrong PINs is needed to lock again.
        wrongAt = [];
      }
    },
  };
}
