/**
 * The rules of the type-level check, a supervisor's override, a retry across modes and patient
 * resolution when a read fails: each case seeds the journal it needs, runs the real engine against
 * the simulator over real HTTP (through a loopback proxy where Validic must answer otherwise) and
 * reads what was journaled. The worker is not started, so nothing moves a job behind the test's back.
 */
import { describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/ledger/index.js';
import { testImei } from '../support/imei.js';
import { lossyProxy } from '../support/lossy-proxy.js';
import { onboardingHarness, seedJob, type StationOptions } from '../support/onboarding-station.js';
import { tamperingProxy, type Tamper } from '../support/tampering-proxy.js';
import { validicFailure } from '../support/validic-failure.js';
import { recordsOf } from '../support/ledger-records.js';
import { connectOutside } from '../support/validic-user.js';

const h = onboardingHarness('onboarding-verification-actions');
const TAC = '35930000';
const station = (options: StationOptions = {}) =>
  h.station({ startWorker: false, clientOptions: { retries: 0 }, ...options });
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

/** A tampering proxy closed after the test. */
async function tampered(tamper: Tamper): Promise<string> {
  const proxy = await tamperingProxy(h.sim.baseUrl, tamper);
  h.later(() => proxy.close());
  return proxy.url;
}

/** The patient's own record (GET /users/{uid}), not its readings. */
const isUserRead = (url: string, method: string, uid: string) =>
  method === 'GET' && url.includes(`/users/${uid}?`) && !url.includes('measurements');

async function callsOf(ledger: Ledger): Promise<string[]> {
  return (await recordsOf(ledger, 'api_attempt')).map((r) => `${r.call}:${r.outcome}`);
}

/** A patient Validic already has, with this device connected to them (as another kiosk would leave it). */
const connectedOutside = (uid: string, imei: string) => connectOutside(h.client(), uid, imei);

describe('the type-level check: owed or skipped', () => {
  it('is skipped, saying why, when the patient already showed a smart_meter source before this connect', async () => {
    const { service, ledger } = await station();
    await connectedOutside('va-had-0001', testImei(1, TAC));
    const result = await service.onboard({ imei: testImei(2, TAC), uid: 'va-had-0001', deviceType: 'weight_scale' });
    if (result.outcome !== 'connected') throw new Error(result.outcome);
    expect((await recordsOf(ledger, 'verification')).map((r) => [r.outcome, r.detail])).toEqual([
      ['skipped', 'the patient already has a smart_meter source: a type-level read cannot tell devices apart'],
    ]);
    expect(service.verificationsOwed().has(result.job.jobId)).toBe(false);
  });

  it("is skipped, saying why, when the journal binds another of the patient's devices though Validic shows none", async () => {
    const { service, ledger } = await station();
    await seedJob(ledger, { jobId: 'other', uid: 'va-other-01', imei: testImei(3, TAC), state: 'connected' });
    const result = await service.onboard({ imei: testImei(4, TAC), uid: 'va-other-01', deviceType: 'weight_scale' });
    if (result.outcome !== 'connected') throw new Error(result.outcome);
    expect((await recordsOf(ledger, 'verification')).map((r) => [r.outcome, r.detail])).toEqual([
      ['skipped', 'another device of the patient is bound or in flight: a type-level read cannot tell devices apart'],
    ]);
  });

  it("is owed when the patient's only other job is for this same IMEI: that is no other device", async () => {
    const { service, ledger } = await station();
    const imei = testImei(5, TAC);
    // An earlier job of this patient for this IMEI, still queued: the same device, so a source would be this one's.
    await seedJob(ledger, { jobId: 'earlier', uid: 'va-same-0001', imei, state: 'queued', nextAttemptAt: inAnHour() });
    await seedJob(ledger, { jobId: 'now', uid: 'va-same-0001', imei, state: 'ready' });
    expect((await service.attempt('now')).outcome).toBe('connected');
    expect(await recordsOf(ledger, 'verification')).toEqual([]);
    expect([...service.verificationsOwed().keys()]).toEqual(['now']);
  });

  it('is due the configured delay after the 202, not before', async () => {
    const { service } = await station({ verifyDelayMs: 600_000 });
    const before = Date.now();
    const result = await service.onboard({ imei: testImei(6, TAC), uid: 'va-delay-01', deviceType: 'blood_glucose' });
    if (result.outcome !== 'connected') throw new Error(result.outcome);
    const owed = service.verificationsOwed().get(result.job.jobId);
    expect(owed?.reads).toBe(0);
    expect(owed?.dueAt).toBeGreaterThanOrEqual(before + 600_000);
    expect(owed?.dueAt).toBeLessThanOrEqual(Date.now() + 600_000);
  });
});

describe('the type-level check: the read', () => {
  it('of a job verified meanwhile makes no read and is no longer owed', async () => {
    const { service, ledger } = await station();
    const result = await service.onboard({ imei: testImei(7, TAC), uid: 'va-done-0001', deviceType: 'blood_glucose' });
    if (result.outcome !== 'connected') throw new Error(result.outcome);
    // Something else (a first reading) verified it before the check ran.
    await service.transition(result.job.jobId, 'verified');
    const calls = await callsOf(ledger);
    expect(await service.verify(result.job.jobId)).toMatchObject({ state: 'verified' });
    expect(await callsOf(ledger)).toEqual(calls);
    expect(await recordsOf(ledger, 'verification')).toEqual([]);
    expect(service.verificationsOwed().has(result.job.jobId)).toBe(false);
  });

  it('finding no smart_meter source leaves the job connected and journals why', async () => {
    const { service, ledger } = await station();
    const result = await service.onboard({ imei: testImei(8, TAC), uid: 'va-absent-01', deviceType: 'blood_glucose' });
    if (result.outcome !== 'connected') throw new Error(result.outcome);
    // Validic no longer lists the device: sources[] is empty again.
    const outside = h.client();
    await outside.disconnectAll((await outside.getUser('va-absent-01')).marketplace.token);
    expect(await service.verify(result.job.jobId)).toMatchObject({ state: 'connected' });
    expect((await recordsOf(ledger, 'verification')).map((r) => [r.outcome, r.detail])).toEqual([
      ['absent', 'no smart_meter source yet: Validic shows sources late, or once data flows'],
    ]);
  });

  it('a source of another type is no Smart Meter: it neither skips the check nor verifies the job', async () => {
    const uid = 'va-fitbit-01';
    await h.client().provisionUser(uid);
    // Validic lists every source the patient has; this patient also has a wearable's.
    const base = await tampered({
      answer: (body, url, method) => {
        if (!isUserRead(url, method, uid)) return body;
        const user = JSON.parse(body) as { sources: unknown[] };
        user.sources.push({ type: 'fitbit', connected_at: '2026-01-05T10:00:00Z', last_processed_at: null });
        return JSON.stringify(user);
      },
    });
    const { service, ledger } = await station({ base });
    const result = await service.onboard({ imei: testImei(9, TAC), uid, deviceType: 'blood_glucose' });
    if (result.outcome !== 'connected') throw new Error(result.outcome);
    // Read before the connect (the uid was taken): no smart_meter source then, so the check is owed.
    expect(await callsOf(ledger)).toEqual(['provision:conflict', 'get_user:ok', 'connect:ok']);
    expect(service.verificationsOwed().has(result.job.jobId)).toBe(true);
    const outside = h.client();
    await outside.disconnectAll((await outside.getUser(uid)).marketplace.token);
    expect(await service.verify(result.job.jobId)).toMatchObject({ state: 'connected' });
    expect((await recordsOf(ledger, 'verification')).map((r) => r.outcome)).toEqual(['absent']);
  });

  it("a 429 from Validic is a failed read, owed again when Validic's budget allows; not the spent share", async () => {
    const { service, ledger } = await station();
    const result = await service.onboard({ imei: testImei(10, TAC), uid: 'va-429-0001', deviceType: 'blood_glucose' });
    if (result.outcome !== 'connected') throw new Error(result.outcome);
    h.sim.setFaults({ burst429Share: 1, burst429Length: 1 });
    expect(await service.verify(result.job.jobId)).toMatchObject({ state: 'connected' });
    expect(await callsOf(ledger)).toContain('get_user:rate_limited');
    expect((await recordsOf(ledger, 'verification')).map((r) => r.outcome)).toEqual(['failed']);
    expect(service.verificationsOwed().get(result.job.jobId)).toMatchObject({ reads: 1 });
  });

  it('an unauthorized read is not tried again: a second read with the same token would only be refused', async () => {
    const uid = 'va-unauth-01';
    // The organization token is revoked for this read: the simulator itself refuses it (401).
    const base = await tampered({
      url: (url, method) => (isUserRead(url, method, uid) ? url.replace(/token=[^&]*/, 'token=revoked') : url),
    });
    const { service, ledger } = await station({ base });
    const result = await service.onboard({ imei: testImei(11, TAC), uid, deviceType: 'blood_glucose' });
    if (result.outcome !== 'connected') throw new Error(result.outcome);
    expect(await service.verify(result.job.jobId)).toMatchObject({ state: 'connected' });
    expect(await callsOf(ledger)).toEqual(['provision:ok', 'connect:ok', 'get_user:unauthorized']);
    expect((await recordsOf(ledger, 'verification')).map((r) => r.outcome)).toEqual(['failed']);
    expect(service.verificationsOwed().has(result.job.jobId)).toBe(false);
  });
});

describe('a job of the other mode waits for its own mode', () => {
  it('a retry of a training job at a production station journals nothing and says which mode it waits for', async () => {
    const { service, ledger } = await station();
    await seedJob(ledger, {
      jobId: 'trainee',
      uid: 'va-mode-0001',
      imei: testImei(20, TAC),
      state: 'needs_attention',
      mode: 'training',
    });
    const before = ledger.lastSeq;
    expect(await service.retry('trainee', 'op-ann')).toMatchObject({
      outcome: 'queued',
      problem: { kind: 'waiting_for_mode', params: { mode: 'training', now: 'production' } },
    });
    expect(ledger.lastSeq).toBe(before);
  });

  it.each([
    ['training', 'waiting_for_mode'],
    [null, 'waiting_without_mode'],
  ] as const)('an override of a job of mode %s journals nothing and answers %s', async (mode, kind) => {
    const { service, ledger } = await station();
    await seedJob(ledger, {
      jobId: 'job',
      uid: 'va-mode-0002',
      imei: testImei(21, TAC),
      state: 'needs_attention',
      mode,
    });
    const before = ledger.lastSeq;
    expect(await service.override('job', 'sup-sam', 'op-ann')).toMatchObject({ outcome: 'queued', problem: { kind } });
    expect(ledger.lastSeq).toBe(before);
    expect(service.job('job')?.state).toBe('needs_attention');
  });
});

describe("override: only another patient's jobs stand in the way", () => {
  it('a connect in flight for the same patient and IMEI does not hold the override back', async () => {
    const { service, ledger } = await station();
    const imei = testImei(30, TAC);
    await seedJob(ledger, { jobId: 'mine', uid: 'va-ovr-0001', imei, state: 'connecting' });
    await seedJob(ledger, { jobId: 'blocked', uid: 'va-ovr-0001', imei, state: 'needs_attention' });
    expect(await service.override('blocked', 'sup-sam', 'op-ann')).toMatchObject({ outcome: 'connected' });
    expect(h.liveDevices('va-ovr-0001')).toEqual([imei]);
  });

  it("the same patient's queued job for the IMEI is not cancelled as superseded", async () => {
    const { service, ledger } = await station();
    const imei = testImei(31, TAC);
    await seedJob(ledger, { jobId: 'mine', uid: 'va-ovr-0002', imei, state: 'queued', nextAttemptAt: inAnHour() });
    await seedJob(ledger, { jobId: 'blocked', uid: 'va-ovr-0002', imei, state: 'needs_attention' });
    expect(await service.override('blocked', 'sup-sam', 'op-ann')).toMatchObject({ outcome: 'connected' });
    expect(service.job('mine')?.state).toBe('queued');
    expect((await recordsOf(ledger, 'operator_action')).map((r) => r.action)).toEqual(['override']);
  });

  it("disconnects the journal's holder once, naming the supervisor and the job, even when the supervisor names that patient too", async () => {
    const { service, ledger } = await station();
    const imei = testImei(32, TAC);
    await connectedOutside('va-hold-0003', imei);
    await seedJob(ledger, { jobId: 'holder', uid: 'va-hold-0003', imei, state: 'connected' });
    await seedJob(ledger, { jobId: 'blocked', uid: 'va-here-0003', imei, state: 'needs_attention' });
    const result = await service.override('blocked', 'sup-sam', 'op-ann', 'va-hold-0003');
    expect(result.outcome).toBe('connected');
    const disconnects = (await recordsOf(ledger, 'operator_action')).filter((r) => r.action === 'disconnect');
    expect(disconnects.map((r) => [r.uid, r.jobId, r.reason])).toEqual([
      ['va-hold-0003', 'holder', 'Override by sup-sam for job blocked'],
    ]);
    expect(h.liveDevices('va-here-0003')).toEqual([imei]);
    // The way back to the queue names who let it through, for a translated text.
    const toReady = (await recordsOf(ledger, 'job_transition')).find((r) => r.jobId === 'blocked' && r.to === 'ready');
    expect(toReady).toMatchObject({ reasonKind: 'override', reasonParams: { by: 'sup-sam' } });
  });

  it('a disconnect from the patient only the supervisor knew names the supervisor and the job', async () => {
    const { service, ledger } = await station();
    const imei = testImei(33, TAC);
    await connectedOutside('va-else-0004', imei);
    await seedJob(ledger, { jobId: 'blocked', uid: 'va-here-0004', imei, state: 'needs_attention' });
    expect((await service.override('blocked', 'sup-sam', 'op-ann', 'va-else-0004')).outcome).toBe('connected');
    const disconnects = (await recordsOf(ledger, 'operator_action')).filter((r) => r.action === 'disconnect');
    expect(disconnects.map((r) => [r.uid, r.reason])).toEqual([
      ['va-else-0004', 'Override by sup-sam for job blocked'],
    ]);
  });
});

describe('patients: a failed read is reported as itself', () => {
  it('a patient whose token was refused is read afresh on the next attempt, even when that first re-read was lost', async () => {
    const uid = 'va-forget-01';
    // The first connect's marketplace token is refused (the simulator itself refuses a token it never gave) ...
    let refused = 0;
    const refusing = await tampered({
      url: (url) =>
        url.includes('/smart_meter/connect') && refused++ === 0 ? url.replace(/token=[^&]*/, 'token=stale') : url,
    });
    // ... and the answer to the read that follows is lost.
    const proxy = await lossyProxy(refusing, {
      matches: (url) => isUserRead(url, 'GET', uid),
      forward: false,
      times: 1,
    });
    h.later(proxy.close);
    const { service, ledger } = await station({ base: proxy.url });
    const first = await service.onboard({ imei: testImei(45, TAC), uid, deviceType: 'blood_glucose' });
    if (first.outcome !== 'queued') throw new Error(first.outcome);
    expect(first.problem.kind).toBe('network');
    const before = (await callsOf(ledger)).length;
    expect(await callsOf(ledger)).toEqual(['provision:ok', 'connect:unauthorized', 'get_user:network']);
    // The refused token is forgotten: the retry resolves the patient again before it connects.
    expect((await service.retry(first.job.jobId, 'op-ann')).outcome).toBe('connected');
    expect((await callsOf(ledger)).slice(before)).toEqual(['provision:conflict', 'get_user:ok', 'connect:ok']);
  });

  it('a taken uid whose read-back is lost is reported as the lost read, not as the conflict', async () => {
    const uid = 'va-taken-001';
    await h.client().provisionUser(uid);
    const proxy = await lossyProxy(h.sim.baseUrl, { matches: (url) => isUserRead(url, 'GET', uid), forward: false });
    h.later(proxy.close);
    const { service, ledger } = await station({ base: proxy.url });
    const result = await service.onboard({ imei: testImei(40, TAC), uid, deviceType: 'blood_glucose' });
    expect(result).toMatchObject({ outcome: 'queued', problem: { kind: 'network' } });
    expect(await callsOf(ledger)).toEqual(['provision:conflict', 'get_user:network']);
  });

  it('a 422 for a uid Validic does not have is reported as that refusal, not as the 404 of the read-back', async () => {
    // The provisioning request reaches Validic with a uid it refuses (422); the read-back finds no such patient.
    const base = await tampered({
      body: (body, url) => (url.includes('/users?') ? body.replace('"va-refused-1"', '"x"') : body),
    });
    const { service, ledger } = await station({ base });
    const result = await service.onboard({ imei: testImei(41, TAC), uid: 'va-refused-1', deviceType: 'blood_glucose' });
    expect(result).toMatchObject({ outcome: 'needs_attention', problem: { kind: 'invalid_request' } });
    expect(await callsOf(ledger)).toEqual(['provision:invalid_request', 'get_user:not_found']);
  });

  it('a returning patient whose read is lost is not provisioned: the read failed, the patient did not vanish', async () => {
    const uid = 'va-back-0001';
    await connectedOutside(uid, testImei(42, TAC));
    const proxy = await lossyProxy(h.sim.baseUrl, { matches: (url) => isUserRead(url, 'GET', uid), forward: false });
    h.later(proxy.close);
    const { service, ledger } = await station({ base: proxy.url });
    await seedJob(ledger, { jobId: 'old', uid, imei: testImei(42, TAC), state: 'connected' });
    const result = await service.onboard({ imei: testImei(43, TAC), uid, deviceType: 'weight_scale' });
    expect(result).toMatchObject({ outcome: 'queued', problem: { kind: 'network' } });
    expect(await callsOf(ledger)).toEqual(['get_user:network']);
  });

  it('a disconnect whose patient read is lost fails as the lost read, not as "no such patient"', async () => {
    const uid = 'va-disc-0001';
    const imei = testImei(44, TAC);
    await connectedOutside(uid, imei);
    const proxy = await lossyProxy(h.sim.baseUrl, { matches: (url) => isUserRead(url, 'GET', uid), forward: false });
    h.later(proxy.close);
    const { service } = await station({ base: proxy.url });
    const failure = await validicFailure(service.disconnect(uid, imei, 'op-ann'));
    expect(failure).toMatchObject({ kind: 'network' });
    expect(h.liveDevices(uid)).toEqual([imei]);
  });
});
