/**
 * A person's retry, cancel and override, each refused before anything is journaled when the state
 * machine forbids it. Jobs are seeded in the journal in the state each case needs (the worker is not
 * started, so nothing moves them behind the test's back); the simulator answers over real HTTP.
 */
import { describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/ledger/index.js';
import { JOB_STATES, type JobState } from '../../src/ledger/records.js';
import { TransitionError } from '../../src/onboarding/index.js';
import { testImei } from '../support/imei.js';
import { onboardingHarness, seedJob } from '../support/onboarding-station.js';

const h = onboardingHarness('onboarding-actions');
const TAC = '35820000';
const station = () => h.station({ startWorker: false });
const client = () => h.client();
const liveDevices = (uid: string) => h.liveDevices(uid);

/** Journals a job in `state`: a queued one due in an hour, one needing attention held by another patient. */
function seed(ledger: Ledger, jobId: string, uid: string, imei: string, state: JobState): Promise<void> {
  return seedJob(ledger, {
    jobId,
    uid,
    imei,
    state,
    ...(state === 'queued' ? { nextAttemptAt: new Date(Date.now() + 3_600_000).toISOString() } : {}),
    ...(state === 'needs_attention' ? { reasonKind: 'held_by_other_patient' as const } : {}),
  });
}

/** What was journaled after `seq`: operator actions and transitions, in short. */
async function since(ledger: Ledger, seq: number): Promise<string[]> {
  const out: string[] = [];
  for await (const r of ledger.records({})) {
    if (r.seq <= seq) continue;
    if (r.type === 'operator_action') out.push(`${r.action} ${r.jobId ?? r.uid ?? ''} by ${r.by}`);
    if (r.type === 'job_transition')
      out.push(`${r.jobId} ${r.from}>${r.to}${r.reasonKind ? ` (${r.reasonKind})` : ''}`);
  }
  return out;
}

describe('cancel', () => {
  const cancellable = new Set<JobState>(['captured', 'ready', 'queued', 'needs_attention']);

  it.each([...JOB_STATES])('from %s: journaled only when the state machine allows it', async (state) => {
    const { service, ledger } = await station();
    await seed(ledger, 'job', 'act-cancel', testImei(1, TAC), state);
    const before = ledger.lastSeq;
    if (!cancellable.has(state)) {
      await expect(service.cancel('job', 'op-ann')).rejects.toThrow(TransitionError);
      expect(ledger.lastSeq).toBe(before);
      expect(service.job('job')?.state).toBe(state);
      return;
    }
    const cancelled = await service.cancel('job', 'op-ann');
    expect(cancelled).toMatchObject({ state: 'cancelled', reasonKind: 'cancelled_by', reasonParams: { by: 'op-ann' } });
    expect(await since(ledger, before)).toEqual(['cancel job by op-ann', `job ${state}>cancelled (cancelled_by)`]);
  });

  it("a person's own words are the reason, with no kind; an engine's reason keeps its kind and params", async () => {
    const { service, ledger } = await station();
    await seed(ledger, 'mine', 'act-words', testImei(2, TAC), 'queued');
    await seed(ledger, 'engine', 'act-words', testImei(3, TAC), 'queued');
    const mine = await service.cancel('mine', 'op-ann', 'wrong patient');
    expect(mine).toMatchObject({ state: 'cancelled', reason: 'wrong patient', reasonKind: undefined });
    const engine = await service.cancel('engine', 'op-ann', 'superseded', {
      kind: 'superseded',
      params: { jobId: 'x' },
    });
    expect(engine).toMatchObject({ reasonKind: 'superseded', reasonParams: { jobId: 'x' } });
    const reasons: Array<string | undefined> = [];
    for await (const r of ledger.records({})) if (r.type === 'operator_action') reasons.push(r.reason);
    expect(reasons).toEqual(['wrong patient', 'superseded']);
  });
});

describe('override', () => {
  async function blockedBehind(holderState: JobState, k: number) {
    const { service, ledger } = await station();
    const imei = testImei(k, TAC);
    await seed(ledger, 'holder', `act-hold-${k}`, imei, holderState);
    await seed(ledger, 'blocked', `act-here-${k}`, imei, 'needs_attention');
    return { service, ledger, imei, holderUid: `act-hold-${k}`, uid: `act-here-${k}` };
  }

  it("waits while the holder is connecting; once the holder's connect lands, it moves the device here", async () => {
    const { service, ledger, imei, holderUid, uid } = await blockedBehind('connecting', 10);
    const before = ledger.lastSeq;
    const waiting = await service.override('blocked', 'sup-sam', 'op-ann');
    expect(waiting).toMatchObject({ outcome: 'needs_attention', problem: { kind: 'holder_connecting' } });
    expect(ledger.lastSeq).toBe(before);
    expect(service.job('holder')?.state).toBe('connecting');

    // The holder's answer: a 202. The device is on the holder at Validic and in the journal.
    const outside = client();
    await outside.connect((await outside.provisionUser(holderUid)).marketplace.token, imei, 'blood_glucose');
    await service.transition('holder', 'connected');
    const mark = ledger.lastSeq;
    const moved = await service.override('blocked', 'sup-sam', 'op-ann');
    expect(moved.outcome).toBe('connected');
    expect(await since(ledger, mark)).toEqual([
      'override blocked by op-ann',
      'disconnect holder by op-ann',
      'blocked needs_attention>ready (override)',
      'blocked ready>connecting',
      'blocked connecting>connected',
    ]);
    expect(liveDevices(holderUid)).toEqual([]);
    expect(liveDevices(uid)).toEqual([imei]);
    expect(service.binding(imei)?.uid).toBe(uid);
  });

  it("waits while the holder is connecting; once the holder's connect is refused, it goes through with no disconnect", async () => {
    const { service, ledger, imei, uid } = await blockedBehind('connecting', 11);
    expect((await service.override('blocked', 'sup-sam')).outcome).toBe('needs_attention');
    await service.transition('holder', 'needs_attention', { reasonKind: 'conflict' });
    const mark = ledger.lastSeq;
    expect((await service.override('blocked', 'sup-sam', 'op-ann')).outcome).toBe('connected');
    expect((await since(ledger, mark)).filter((r) => !r.startsWith('blocked '))).toEqual([
      'override blocked by op-ann',
    ]);
    expect(liveDevices(uid)).toEqual([imei]);
  });

  it('cancels a holder still waiting in the queue as superseded (no disconnect: it never reached Validic)', async () => {
    const { service, ledger, uid, imei } = await blockedBehind('queued', 12);
    const mark = ledger.lastSeq;
    expect((await service.override('blocked', 'sup-sam', 'op-ann')).outcome).toBe('connected');
    expect((await since(ledger, mark)).slice(0, 3)).toEqual([
      'override blocked by op-ann',
      'cancel holder by op-ann',
      'holder queued>cancelled (superseded)',
    ]);
    expect(service.job('holder')?.reasonParams).toEqual({ jobId: 'blocked' });
    expect(liveDevices(uid)).toEqual([imei]);
  });

  it('keeps the worker off a queued holder while it works: the holder is cancelled, never sent', async () => {
    const { service, ledger, imei, holderUid, uid } = await blockedBehind('queued', 16);
    const mark = ledger.lastSeq;
    const override = service.override('blocked', 'sup-sam', 'op-ann');
    // The worker reaches the holder while the override is being journaled (its time came, or a person retried it).
    const holderRun = service.worker.runNow('holder');
    expect((await override).outcome).toBe('connected');
    expect(await holderRun).toMatchObject({ outcome: 'needs_attention', job: { state: 'cancelled' } });
    expect((await since(ledger, mark)).filter((r) => r.includes('holder'))).toEqual([
      'cancel holder by op-ann',
      'holder queued>cancelled (superseded)',
    ]);
    expect(liveDevices(holderUid)).toEqual([]);
    expect(liveDevices(uid)).toEqual([imei]);
  });

  it('waits while the worker runs a queued holder it started first, though the holder is not yet journaled connecting', async () => {
    const { service, ledger, imei, holderUid, uid } = await blockedBehind('queued', 17);
    const mark = ledger.lastSeq;
    const holderRun = service.worker.runNow('holder');
    const waiting = await service.override('blocked', 'sup-sam', 'op-ann');
    expect(waiting).toMatchObject({ outcome: 'needs_attention', problem: { kind: 'holder_connecting' } });
    // The holder's run goes on to its answer; the override journaled nothing of its own.
    expect(await holderRun).toMatchObject({ outcome: 'connected' });
    expect((await since(ledger, mark)).filter((r) => !r.startsWith('holder '))).toEqual([]);
    expect(liveDevices(holderUid)).toEqual([imei]);
    // Asked again, it moves the device.
    expect((await service.override('blocked', 'sup-sam', 'op-ann')).outcome).toBe('connected');
    expect(liveDevices(holderUid)).toEqual([]);
    expect(liveDevices(uid)).toEqual([imei]);
  });

  it.each(['queued', 'connected', 'cancelled'] as const)(
    'of a job in %s (not waiting for a person) journals nothing',
    async (state) => {
      const { service, ledger } = await station();
      await seed(ledger, 'job', 'act-not-blocked', testImei(20, TAC), state);
      const before = ledger.lastSeq;
      const result = await service.override('job', 'sup-sam');
      expect(result).toMatchObject({ job: { state } });
      expect(ledger.lastSeq).toBe(before);
    },
  );

  it('a 409 for an IMEI this journal never bound: the other patient the supervisor names loses it, not this one', async () => {
    const { service, ledger } = await station();
    const imei = testImei(13, TAC);
    const outside = client();
    await outside.connect((await outside.provisionUser('act-else-13')).marketplace.token, imei, 'blood_glucose');
    await seed(ledger, 'blocked', 'act-own-13', imei, 'needs_attention');
    // Naming the job's own patient disconnects nothing: the connect meets the 409 again.
    const mark = ledger.lastSeq;
    const again = await service.override('blocked', 'sup-sam', 'op-ann', 'act-own-13');
    expect(again).toMatchObject({ outcome: 'needs_attention', problem: { kind: 'conflict' } });
    expect((await since(ledger, mark)).filter((r) => r.startsWith('disconnect'))).toEqual([]);
    expect(liveDevices('act-else-13')).toEqual([imei]);

    const moved = await service.override('blocked', 'sup-sam', 'op-ann', 'act-else-13');
    expect(moved.outcome).toBe('connected');
    expect(liveDevices('act-else-13')).toEqual([]);
    expect(liveDevices('act-own-13')).toEqual([imei]);
    const overrides: Array<{ by: string; supervisor?: string }> = [];
    for await (const r of ledger.records({}))
      if (r.type === 'operator_action' && r.action === 'override')
        overrides.push({ by: r.by, ...(r.supervisor ? { supervisor: r.supervisor } : {}) });
    expect(overrides).toEqual([
      { by: 'op-ann', supervisor: 'sup-sam' },
      { by: 'op-ann', supervisor: 'sup-sam' },
    ]);
  });
});

describe('retry', () => {
  it("of a job whose IMEI another patient's job still holds is held by that patient, and journals nothing", async () => {
    const { service, ledger } = await station();
    const imei = testImei(30, TAC);
    await seed(ledger, 'holder', 'act-retry-hold', imei, 'queued');
    await seed(ledger, 'blocked', 'act-retry-here', imei, 'needs_attention');
    const before = ledger.lastSeq;
    const result = await service.retry('blocked');
    expect(result).toMatchObject({ outcome: 'needs_attention', problem: { kind: 'held_by_other_patient' } });
    expect(ledger.lastSeq).toBe(before);
  });

  it('of a job needing attention with nobody holding its IMEI sends it again, journaled', async () => {
    const { service, ledger } = await station();
    const imei = testImei(31, TAC);
    await seed(ledger, 'job', 'act-retry-0001', imei, 'needs_attention');
    const before = ledger.lastSeq;
    expect((await service.retry('job', 'op-ann')).outcome).toBe('connected');
    expect(await since(ledger, before)).toEqual([
      'retry job by op-ann',
      'job needs_attention>ready (retried)',
      'job ready>connecting',
      'job connecting>connected',
    ]);
    expect(service.job('job')?.state).toBe('connected');
    expect(liveDevices('act-retry-0001')).toEqual([imei]);
  });

  it.each(['captured', 'connected', 'cancelled'] as const)('of a job in %s journals nothing', async (state) => {
    const { service, ledger } = await station();
    await seed(ledger, 'job', 'act-retry-none', testImei(32, TAC), state);
    const before = ledger.lastSeq;
    expect(await service.retry('job')).toMatchObject({ job: { state } });
    expect(ledger.lastSeq).toBe(before);
  });
});
