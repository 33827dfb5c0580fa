import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPinLockoutStore, pinLockoutPath } from '../../src/app/session/pin-lockout-store.js';
import {
  createPinAttempts,
  NO_LOCK,
  noteWrongPin,
  PIN_LOCK_DEFAULTS,
  type PinLockRecord,
} from '../../src/app/session/pin-attempts.js';
import type { PinFailedRecord } from '../../src/ledger/records.js';
import { LedgerRecordBody } from '../../src/ledger/records.js';

const MIN = 60_000;
const wrong = { role: 'admin' } as const;

/** Five wrong PINs one second apart from `at`: one lockout. */
function fiveWrong(attempts: { recordWrong: (w: typeof wrong) => void }, clock: { now: number }): void {
  for (let i = 0; i < 5; i++) {
    attempts.recordWrong(wrong);
    if (i < 4) clock.now += 1_000;
  }
}

describe('PIN attempts', () => {
  it('locks after five wrong PINs, for a minute, then lets checks run again', () => {
    let now = 1_000_000;
    const attempts = createPinAttempts({ clock: () => now });
    for (let i = 0; i < 4; i++) attempts.recordWrong(wrong);
    expect(attempts.state()).toEqual({ locked: false });
    attempts.recordWrong(wrong);
    expect(attempts.state()).toEqual({ locked: true, seconds: 60 });
    now += 59_001;
    expect(attempts.state()).toEqual({ locked: true, seconds: 1 });
    now += 1_000;
    expect(attempts.state()).toEqual({ locked: false });
    // A fresh run of wrong PINs is needed to lock again.
    attempts.recordWrong(wrong);
    expect(attempts.state()).toEqual({ locked: false });
  });

  it('counts wrong PINs within the window only (a right PIN in between clears nothing)', () => {
    let now = 0;
    const attempts = createPinAttempts({ maxWrong: 3, windowMs: 10_000, clock: () => now });
    attempts.recordWrong(wrong);
    now = 6_000;
    attempts.recordWrong(wrong);
    now = 11_000; // the first is now older than the window
    attempts.recordWrong(wrong);
    expect(attempts.state()).toEqual({ locked: false });
    now = 12_000;
    attempts.recordWrong(wrong);
    expect(attempts.state()).toMatchObject({ locked: true });
  });

  it('escalates successive lockouts (1 min, 5 min, 15 min, then 1 h each) and starts again after 24 quiet hours', () => {
    const clock = { now: Date.parse('2026-12-01T08:00:00Z') };
    const attempts = createPinAttempts({ clock: () => clock.now });
    const seconds: number[] = [];
    for (let lockout = 0; lockout < 6; lockout++) {
      fiveWrong(attempts, clock);
      const state = attempts.state();
      seconds.push(state.locked ? state.seconds : 0);
      clock.now += (state.locked ? state.seconds : 0) * 1000;
    }
    expect(seconds).toEqual([60, 300, 900, 3600, 3600, 3600]);
    // A lockout within 24 h of the last one ending stays at the top step ...
    clock.now += 23 * 60 * MIN;
    fiveWrong(attempts, clock);
    expect(attempts.state()).toEqual({ locked: true, seconds: 3600 });
    // ... one 24 h or more after it starts from the first step again.
    clock.now += 60 * MIN + 24 * 60 * MIN;
    fiveWrong(attempts, clock);
    expect(attempts.state()).toEqual({ locked: true, seconds: 60 });
  });

  it('keeps lock durations on the ladder, never shorter than the lockout before within 24 h (seeded)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 * 60 * MIN }), { minLength: 1, maxLength: 80 }), (gaps) => {
        let record: PinLockRecord = NO_LOCK;
        let now = 0;
        let last: { ms: number; until: number } | undefined;
        for (const gap of gaps) {
          now += gap;
          const next = noteWrongPin(record, now);
          record = next.record;
          if (!next.lock) continue;
          expect(PIN_LOCK_DEFAULTS.stepsMs).toContain(next.lock.ms);
          if (last && now - last.until < PIN_LOCK_DEFAULTS.quietResetMs)
            expect(next.lock.ms).toBeGreaterThanOrEqual(last.ms);
          last = next.lock;
        }
      }),
      { seed: 1117, numRuns: 200 },
    );
  });

  it('journals each wrong PIN with its role, operator and the lock it caused, never the PIN', async () => {
    const journaled: PinFailedRecord[] = [];
    let now = Date.parse('2026-12-01T08:00:00Z');
    const attempts = createPinAttempts({
      maxWrong: 2,
      clock: () => now,
      station: () => 'Desk 4',
      journal: async (record) => journaled.push(record),
    });
    attempts.recordWrong({ role: 'operator', operator: 'ANN-7' });
    now += 1_000;
    attempts.recordWrong({ role: 'supervisor' });
    expect(journaled).toEqual([
      { type: 'pin_failed', role: 'operator', station: 'Desk 4', operator: 'ANN-7' },
      {
        type: 'pin_failed',
        role: 'supervisor',
        station: 'Desk 4',
        lockSeconds: 60,
        lockedUntil: '2026-12-01T08:01:01.000Z',
        lockout: 1,
      },
    ]);
    for (const record of journaled) expect(LedgerRecordBody.safeParse(record).success).toBe(true);
    // The record has no room for a PIN.
    expect(LedgerRecordBody.safeParse({ ...journaled[0], pin: '1234' }).success).toBe(false);
  });

  it('hands a failed journal write to onJournalError; the lock holds regardless', async () => {
    const errors: unknown[] = [];
    const failed = new Promise<void>((resolve) => {
      const attempts = createPinAttempts({
        maxWrong: 1,
        journal: () => Promise.reject(new Error('ledger closed')),
        onJournalError: (error) => {
          errors.push(error);
          resolve();
        },
      });
      attempts.recordWrong(wrong);
      expect(attempts.state()).toMatchObject({ locked: true });
    });
    await failed;
    expect(String(errors[0])).toContain('ledger closed');
  });
});

describe('PIN lockout kept in the data folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pin-lockout-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('survives a restart: a new instance on the same folder is still locked, at the same step, private to the user', () => {
    const clock = { now: Date.parse('2026-12-01T08:00:00Z') };
    const first = createPinAttempts({ clock: () => clock.now, store: openPinLockoutStore(dir) });
    fiveWrong(first, clock);
    expect(first.state()).toEqual({ locked: true, seconds: 60 });
    expect(statSync(pinLockoutPath(dir)).mode & 0o777).toBe(0o600);
    expect(readFileSync(pinLockoutPath(dir), 'utf8')).not.toMatch(/pin"/i);

    clock.now += 30_000;
    const second = createPinAttempts({ clock: () => clock.now, store: openPinLockoutStore(dir) });
    expect(second.state()).toEqual({ locked: true, seconds: 30 });
    clock.now += 30_000;
    fiveWrong(second, clock);
    expect(second.state()).toEqual({ locked: true, seconds: 300 });
    const third = createPinAttempts({ clock: () => clock.now, store: openPinLockoutStore(dir) });
    expect(third.state()).toEqual({ locked: true, seconds: 300 });
  });

  it('keeps wrong PINs short of a lockout across a restart', () => {
    const clock = { now: 10_000_000 };
    const first = createPinAttempts({ clock: () => clock.now, store: openPinLockoutStore(dir) });
    for (let i = 0; i < 4; i++) first.recordWrong(wrong);
    const second = createPinAttempts({ clock: () => clock.now, store: openPinLockoutStore(dir) });
    expect(second.state()).toEqual({ locked: false });
    second.recordWrong(wrong);
    expect(second.state()).toEqual({ locked: true, seconds: 60 });
  });

  it('fails closed on a damaged file: locked for the first step, and the file written anew', () => {
    writeFileSync(pinLockoutPath(dir), '{"version":1,"wrongAt":"x"');
    const now = 5_000_000;
    const attempts = createPinAttempts({ clock: () => now, store: openPinLockoutStore(dir) });
    expect(attempts.state()).toEqual({ locked: true, seconds: 60 });
    expect(openPinLockoutStore(dir).load()).toEqual({ wrongAt: [], lockedUntil: now + 60_000, lockouts: 1 });
  });

  it('cuts a lock reaching past the longest step (the clock was set back while the kiosk was off)', () => {
    const now = 5_000_000;
    openPinLockoutStore(dir).save({ wrongAt: [now + 9e9], lockedUntil: now + 7 * 24 * 60 * MIN, lockouts: 4 });
    const attempts = createPinAttempts({ clock: () => now, store: openPinLockoutStore(dir) });
    expect(attempts.state()).toEqual({ locked: true, seconds: 3600 });
  });
});
