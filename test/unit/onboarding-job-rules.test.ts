/**
 * The engine's small pure rules over journaled jobs: which mode sends or counts a job, which jobs a
 * list filter selects, a model's type hint, who holds a device, and the answer a job's state gives.
 */
import { describe, expect, it } from 'vitest';
import type { JobView } from '../../src/ledger/job-index.js';
import { JOB_STATES, type JobState } from '../../src/ledger/records.js';
import { currentHolder, otherHolder } from '../../src/onboarding/device-holder.js';
import { selectJobs } from '../../src/onboarding/job-filter.js';
import { countsInMode, otherModeResult, sendsInMode } from '../../src/onboarding/job-modes.js';
import { modelTypeHint } from '../../src/onboarding/model-type-hint.js';
import { heldParams, resultOf } from '../../src/onboarding/onboard-result.js';
import { testImei } from '../support/imei.js';
import { jobView } from '../support/test-host.js';
import { renderMessage } from '../../src/messages/index.js';

const OPEN: readonly JobState[] = ['captured', 'ready', 'connecting', 'queued', 'needs_attention'];

describe('job modes', () => {
  it('a job is sent only in its own mode, and counts in its own mode and (older, none) in both', () => {
    const production = jobView('ready', { mode: 'production' });
    const training = jobView('ready', { mode: 'training' });
    const older = jobView('ready');
    expect([sendsInMode(production, 'production'), sendsInMode(production, 'training')]).toEqual([true, false]);
    expect([sendsInMode(older, 'production'), sendsInMode(older, 'training')]).toEqual([false, false]);
    expect([countsInMode(training, 'training'), countsInMode(training, 'production')]).toEqual([true, false]);
    expect([countsInMode(older, 'production'), countsInMode(older, 'training')]).toEqual([true, true]);
  });

  it('a job of the other mode (or of none) waits, queued, naming both modes', () => {
    const training = jobView('queued', { mode: 'training' });
    expect(otherModeResult(training, 'production')).toMatchObject({
      outcome: 'queued',
      job: training,
      problem: { kind: 'waiting_for_mode', params: { mode: 'training', now: 'production' } },
    });
    const older = otherModeResult(jobView('queued'), 'training');
    // An older journal's job has no mode to name: its own kind says so.
    expect(older).toMatchObject({ problem: { kind: 'waiting_without_mode' } });
    // The two cases say different things (an older journal's job is retried into the mode of now).
    if (older.outcome !== 'queued') throw new Error(older.outcome);
    const other = otherModeResult(training, 'production');
    if (other.outcome !== 'queued') throw new Error(other.outcome);
    expect(older.problem.message).not.toBe(other.problem.message);
    expect(older.problem.nextAction).not.toBe(other.problem.nextAction);
    expect(other.problem.message).toContain('training');
    expect(other.problem.nextAction).toContain('training');
  });
});

describe('selectJobs', () => {
  const jobs = JOB_STATES.map((state) => jobView(state));
  const source = { jobs: () => jobs, openJobs: () => jobs.filter((j) => OPEN.includes(j.state)) };
  const states = (list: JobView[]) => list.map((j) => j.state);

  it('selects by filter', () => {
    expect(states(selectJobs(source, 'all'))).toEqual([...JOB_STATES]);
    expect(states(selectJobs(source, 'open'))).toEqual(JOB_STATES.filter((s) => OPEN.includes(s)));
    expect(states(selectJobs(source, 'queued'))).toEqual(['queued']);
    expect(states(selectJobs(source, 'needs_attention'))).toEqual(['needs_attention']);
    expect(states(selectJobs(source, 'unverified'))).toEqual(['connected']);
  });

  it('refuses a filter it does not know', () => {
    expect(() => selectJobs(source, 'closed' as never)).toThrow(/unknown filter closed/);
  });
});

describe('modelTypeHint', () => {
  const tac = '35840000';
  const bound = (k: number, deviceType: string, fields: Partial<JobView> = {}) =>
    jobView('connected', { imei: testImei(k, tac), deviceType, jobId: `j${k}`, ...fields });

  it('a model always connected as one known type hints it, with how often', () => {
    const jobs = [
      bound(1, 'blood_glucose'),
      bound(2, 'blood_glucose'),
      bound(3, 'weight_scale', { imei: testImei(3) }),
    ];
    expect(modelTypeHint(testImei(9, tac), jobs, ['blood_glucose'])).toEqual({
      tac,
      deviceType: 'blood_glucose',
      seen: 2,
    });
  });

  it('no hint for a mixed history, an unknown (retired) type, or devices not bound', () => {
    const mixed = [bound(1, 'blood_glucose'), bound(2, 'weight_scale')];
    expect(modelTypeHint(testImei(9, tac), mixed, ['blood_glucose', 'weight_scale'])).toEqual({ tac, seen: 0 });
    expect(modelTypeHint(testImei(9, tac), [bound(1, 'old_type')], ['blood_glucose'])).toEqual({ tac, seen: 1 });
    const notBound = [
      bound(1, 'blood_glucose', { state: 'queued' }),
      bound(2, 'blood_glucose', { disconnectedAt: '2026-12-02T11:00:00.000Z' }),
    ];
    expect(modelTypeHint(testImei(9, tac), notBound, ['blood_glucose'])).toEqual({ tac, seen: 0 });
  });
});

describe('who holds a device', () => {
  const at = (state: JobState, uid: string, connectedAt?: string, fields: Partial<JobView> = {}) =>
    jobView(state, { uid, jobId: `${uid}-${state}`, ...(connectedAt ? { connectedAt } : {}), ...fields });

  it('the current holder is the latest connection among bound jobs', () => {
    const jobs = [
      at('connected', 'PAT-A', '2026-12-02T10:00:00.000Z'),
      at('verified', 'PAT-B', '2026-12-02T12:00:00.000Z'),
      at('connected', 'PAT-C', '2026-12-02T11:00:00.000Z'),
      at('ready', 'PAT-D'),
    ];
    expect(currentHolder(jobs)).toBe('PAT-B');
    expect(currentHolder(jobs.slice(2))).toBe('PAT-C');
    expect(currentHolder([at('connected', 'PAT-A', undefined, { disconnectedAt: 'x' }), at('queued', 'PAT-D')])).toBe(
      undefined,
    );
    // Without a connection time the last update stands in.
    expect(
      currentHolder([at('connected', 'PAT-E', undefined, { updatedAt: '2026-12-03T00:00:00.000Z' }), jobs[1]!]),
    ).toBe('PAT-E');
  });

  it('another holder is another patient whose job is bound or being sent', () => {
    expect(otherHolder([at('queued', 'PAT-A'), at('connected', 'PAT-B', 'x')], 'PAT-A')).toBe('PAT-B');
    expect(otherHolder([at('connecting', 'PAT-B')], 'PAT-A')).toBe('PAT-B');
    expect(otherHolder([at('needs_attention', 'PAT-B'), at('cancelled', 'PAT-C')], 'PAT-A')).toBeUndefined();
    expect(otherHolder([at('connected', 'PAT-A', 'x')], 'PAT-A')).toBeUndefined();
  });
});

describe('resultOf', () => {
  it('answers each state with its outcome, the journal reason kind first', () => {
    const outcomes = Object.fromEntries(JOB_STATES.map((s) => [s, resultOf(jobView(s)).outcome]));
    expect(outcomes).toEqual({
      captured: 'in_progress',
      ready: 'in_progress',
      connecting: 'in_progress',
      connected: 'connected',
      verified: 'connected',
      queued: 'queued',
      needs_attention: 'needs_attention',
      cancelled: 'needs_attention',
    });
    expect(resultOf(jobView('connected'))).toMatchObject({ connection: null });
    // A job with no reason of its own is answered in the catalogue's words for its state.
    expect(resultOf(jobView('queued'))).toMatchObject({
      problem: { kind: 'queued', ...renderMessage('en', 'queued') },
    });
    const held = jobView('needs_attention', {
      reasonKind: 'held_by_other_patient',
      reason: 'held',
      nextAction: 'override',
      reasonParams: { imeiLast4: '7518' },
    });
    expect(resultOf(held)).toEqual({
      outcome: 'needs_attention',
      job: held,
      problem: {
        kind: 'held_by_other_patient',
        message: 'held',
        nextAction: 'override',
        params: { imeiLast4: '7518' },
      },
    });
    expect(resultOf(jobView('needs_attention'))).toMatchObject({ problem: { kind: 'needs_attention' } });
    const noParams = resultOf(jobView('needs_attention'));
    if (noParams.outcome !== 'needs_attention') throw new Error(noParams.outcome);
    expect('params' in noParams.problem).toBe(false);
  });

  it('a cancelled job says so; who cancelled it and why stays the job’s own reason', () => {
    const plain = resultOf(jobView('cancelled'));
    const said = resultOf(jobView('cancelled', { reason: 'wrong patient', reasonKind: 'superseded' }));
    if (plain.outcome !== 'needs_attention' || said.outcome !== 'needs_attention') throw new Error('outcome');
    expect(plain.problem.kind).toBe('cancelled');
    expect(said.problem).toEqual(plain.problem);
    expect(said.job).toMatchObject({ reason: 'wrong patient', reasonKind: 'superseded' });
    expect(plain.problem.message).not.toBe('');
    expect(plain.problem.nextAction).not.toBe('');
  });

  it('refuses a state it does not know', () => {
    expect(() => resultOf(jobView('lost' as JobState))).toThrow(/unknown state lost/);
  });

  it("names the other patient only by the last 4 of the uid, and the IMEI's last 4", () => {
    expect(heldParams('490154203237518', 'PAT-12345')).toEqual({ imeiLast4: '7518', otherLast4: '2345' });
  });
});
