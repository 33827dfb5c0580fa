import { describe, expect, it } from 'vitest';
import { FINAL_STATES, JOB_STATES } from '../../src/ledger/records.js';
import {
  assertTransition,
  canTransition,
  describeState,
  holdsImei,
  isBound,
  isCancellable,
  isSending,
  transitionTable,
  TransitionError,
} from '../../src/onboarding/index.js';

describe('the job state machine', () => {
  it('has a row for every journal state, and only journal states as targets', () => {
    expect(Object.keys(transitionTable).sort()).toEqual([...JOB_STATES].sort());
    for (const targets of Object.values(transitionTable)) for (const t of targets) expect(JOB_STATES).toContain(t);
  });
  it('allows exactly the expected transitions, every pair of states checked', () => {
    // Written out by hand from the design (docs/onboarding.md), not derived from the table under test.
    const allowed = new Set([
      'captured>ready',
      'captured>cancelled',
      'ready>connecting',
      'ready>queued',
      'ready>needs_attention',
      'ready>cancelled',
      'connecting>connected',
      'connecting>queued',
      'connecting>needs_attention',
      'connected>verified',
      'queued>connecting',
      'queued>needs_attention',
      'queued>cancelled',
      'needs_attention>ready',
      'needs_attention>cancelled',
      'needs_attention>connected',
    ]);
    for (const from of JOB_STATES) {
      for (const to of JOB_STATES)
        expect(canTransition(from, to), `${from} → ${to}`).toBe(allowed.has(`${from}>${to}`));
    }
  });
  it('final states have no way out; every other state can reach a final one', () => {
    // A final state has no way out, except that a connected job may gain the type-level check.
    for (const s of FINAL_STATES) expect(transitionTable[s]).toEqual(s === 'connected' ? ['verified'] : []);
    expect(canTransition('connected', 'queued')).toBe(false);
    const reachesFinal = (from: string, seen = new Set<string>()): boolean => {
      if ((FINAL_STATES as readonly string[]).includes(from)) return true;
      if (seen.has(from)) return false;
      seen.add(from);
      return transitionTable[from as keyof typeof transitionTable].some((to) => reachesFinal(to, seen));
    };
    for (const s of JOB_STATES) expect(reachesFinal(s), s).toBe(true);
  });
  it('follows the issue: captured → ready → connecting → connected → verified', () => {
    expect(canTransition('captured', 'ready')).toBe(true);
    expect(canTransition('ready', 'connecting')).toBe(true);
    expect(canTransition('connecting', 'connected')).toBe(true);
    expect(canTransition('connected', 'verified')).toBe(true);
    expect(canTransition('verified', 'connecting')).toBe(false);
    expect(canTransition('connecting', 'cancelled')).toBe(false);
    expect(() => assertTransition('cancelled', 'ready', 'job-1')).toThrow(TransitionError);
  });
  it('says who acts next in every state', () => {
    const next = Object.fromEntries(JOB_STATES.map((s) => [s, describeState(s).next]));
    expect(next).toEqual({
      captured: 'person',
      ready: 'worker',
      connecting: 'worker',
      connected: 'nobody',
      verified: 'nobody',
      queued: 'worker',
      needs_attention: 'person',
      cancelled: 'nobody',
    });
  });
});

describe('the state predicates every rule uses', () => {
  // Hand-written per state: [bound (not disconnected), sending, cancellable].
  const expected: Record<(typeof JOB_STATES)[number], [boolean, boolean, boolean]> = {
    captured: [false, false, true],
    ready: [false, true, true],
    connecting: [false, true, false],
    connected: [true, false, false],
    verified: [true, false, false],
    queued: [false, true, true],
    needs_attention: [false, false, true],
    cancelled: [false, false, false],
  };
  it.each(JOB_STATES.map((state) => [state]))('%s', (state) => {
    const [bound, sending, cancellable] = expected[state];
    expect(isBound({ state })).toBe(bound);
    expect(isBound({ state, disconnectedAt: '2026-12-02T10:00:00.000Z' })).toBe(false);
    expect(isSending(state)).toBe(sending);
    expect(holdsImei({ state })).toBe(bound || sending);
    expect(isCancellable(state)).toBe(cancellable);
  });
});
