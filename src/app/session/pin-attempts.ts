/**
 * Wrong PINs lock every PIN check for a while: a 4-digit PIN at an unattended kiosk must not be
 * guessable by trying them all. Admin, supervisor and operator PINs share one count (one person at
 * the screen tries them). Five wrong PINs within 5 minutes lock the checks; each lockout that
 * follows another within 24 hours lasts longer (1 min, 5 min, 15 min, then 1 h each), so about 5
 * guesses an hour remain instead of about 280.
 *
 * What resets: the count of wrong PINs starts again after each lockout, and the escalation falls
 * back to 1 minute once 24 hours pass after a lockout ends without another one. A right PIN resets
 * neither: an operator typing their own PIN between guesses at the admin's must not buy more guesses.
 *
 * The state is kept in the data folder (pin-lockout-store.ts) so a restart does not clear it, and
 * every wrong PIN is journaled as a pin_failed record (never the PIN).
 */
import type { PinFailedRecord } from '../../ledger/records.js';
import { PinLockoutFileError, type PinLockoutStore, type PinLockRecord } from './pin-lockout-store.js';

export interface PinLockOptions {
  /** Wrong PINs within the window that lock the checks. */
  readonly maxWrong?: number;
  /** How far back wrong PINs count. */
  readonly windowMs?: number;
  /** How long successive lockouts last; the last step repeats. */
  readonly stepsMs?: readonly number[];
  /** How long after a lockout ends without another one the escalation starts again from the first step. */
  readonly quietResetMs?: number;
  readonly clock?: () => number;
}

export const PIN_LOCK_DEFAULTS = {
  maxWrong: 5,
  windowMs: 5 * 60_000,
  stepsMs: [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000],
  quietResetMs: 24 * 60 * 60_000,
} as const;

export type { PinLockRecord };

export const NO_LOCK: PinLockRecord = { wrongAt: [], lockedUntil: 0, lockouts: 0 };

export type PinLockState = { readonly locked: false } | { readonly locked: true; readonly seconds: number };

/** The lock a wrong PIN caused: how long, until when, and which lockout in a row. */
export interface PinLock {
  readonly ms: number;
  readonly until: number;
  readonly lockout: number;
}

type Policy = Required<Omit<PinLockOptions, 'clock'>>;

function policyOf(options: PinLockOptions): Policy {
  const stepsMs = options.stepsMs ?? PIN_LOCK_DEFAULTS.stepsMs;
  if (stepsMs.length === 0) throw new Error('a PIN lock needs at least one step');
  return {
    maxWrong: options.maxWrong ?? PIN_LOCK_DEFAULTS.maxWrong,
    windowMs: options.windowMs ?? PIN_LOCK_DEFAULTS.windowMs,
    stepsMs,
    quietResetMs: options.quietResetMs ?? PIN_LOCK_DEFAULTS.quietResetMs,
  };
}

/** Whether checks may run at `now`; when locked, the whole seconds left. */
export function lockStateAt(record: PinLockRecord, now: number): PinLockState {
  const left = record.lockedUntil - now;
  return left > 0 ? { locked: true, seconds: Math.ceil(left / 1000) } : { locked: false };
}

/** One more wrong PIN at `now`: the next record, and the lock it caused if it was the one that locked. */
export function noteWrongPin(
  record: PinLockRecord,
  now: number,
  options: PinLockOptions = {},
): { readonly record: PinLockRecord; readonly lock?: PinLock } {
  const policy = policyOf(options);
  const wrongAt = [...record.wrongAt.filter((at) => now - at < policy.windowMs && at <= now), now];
  if (wrongAt.length < policy.maxWrong) return { record: { ...record, wrongAt } };
  const streak = record.lockouts > 0 && now - record.lockedUntil < policy.quietResetMs ? record.lockouts : 0;
  const ms = policy.stepsMs[Math.min(streak, policy.stepsMs.length - 1)]!;
  const lock = { ms, until: now + ms, lockout: streak + 1 };
  // After a lockout, another run of wrong PINs is needed to lock again.
  return { record: { wrongAt: [], lockedUntil: lock.until, lockouts: lock.lockout }, lock };
}

/**
 * A record read back at `now`: a lock reaching further than the longest step (the clock was set
 * back while the kiosk was off) is cut to that step, so no clock change locks the PINs for days.
 */
export function sanitizeLockRecord(record: PinLockRecord, now: number, options: PinLockOptions = {}): PinLockRecord {
  const longest = Math.max(...policyOf(options).stepsMs);
  return {
    wrongAt: record.wrongAt.filter((at) => at <= now),
    lockedUntil: Math.min(record.lockedUntil, now + longest),
    lockouts: record.lockouts,
  };
}

/** A wrong PIN: whose PIN was asked for, and the operator concerned when there is one. */
export interface WrongPin {
  readonly role: PinFailedRecord['role'];
  readonly operator?: string | undefined;
}

export interface PinAttemptsOptions extends PinLockOptions {
  /** Keeps the state across restarts; without it, in memory only. */
  readonly store?: PinLockoutStore;
  /** Journals each wrong PIN. Called before recordWrong returns, so the journal keeps call order. */
  readonly journal?: (record: PinFailedRecord) => Promise<unknown>;
  /** The station's name for the journal. */
  readonly station?: () => string;
  /** A journal write that failed (the lock holds regardless: it is on disk already). */
  readonly onJournalError?: (error: unknown) => void;
}

export interface PinAttempts {
  /** Whether a check may run now; when locked, the whole seconds left. */
  state(): PinLockState;
  /** A PIN that was checked and found wrong: counted, kept on disk (fsynced) and journaled. */
  recordWrong(wrong: WrongPin): void;
}

export function createPinAttempts(options: PinAttemptsOptions = {}): PinAttempts {
  const clock = options.clock ?? Date.now;
  let record = options.store ? loadRecord(options.store, clock(), options) : NO_LOCK;
  return {
    state: () => lockStateAt(record, clock()),
    recordWrong(wrong) {
      const now = clock();
      const next = noteWrongPin(record, now, options);
      record = next.record;
      options.store?.save(record);
      if (!options.journal) return;
      const station = options.station?.();
      const entry: PinFailedRecord = {
        type: 'pin_failed',
        role: wrong.role,
        ...(station ? { station } : {}),
        ...(wrong.operator ? { operator: wrong.operator } : {}),
        ...(next.lock
          ? {
              lockSeconds: Math.ceil(next.lock.ms / 1000),
              lockedUntil: new Date(next.lock.until).toISOString(),
              lockout: next.lock.lockout,
            }
          : {}),
      };
      options.journal(entry).catch((error: unknown) => options.onJournalError?.(error));
    },
  };
}

/**
 * The kept state, or none. A damaged file (nothing this kiosk writes: it replaces the file
 * atomically) fails closed: the checks lock for the first step, and the file is written anew.
 */
function loadRecord(store: PinLockoutStore, now: number, options: PinLockOptions): PinLockRecord {
  try {
    const kept = store.load();
    return kept ? sanitizeLockRecord(kept, now, options) : NO_LOCK;
  } catch (error) {
    if (!(error instanceof PinLockoutFileError)) throw error;
    const firstStep = policyOf(options).stepsMs[0]!;
    const record = { wrongAt: [], lockedUntil: now + firstStep, lockouts: 1 };
    store.save(record);
    return record;
  }
}
