/**
 * What a failed connect does to its job, over real HTTP against the simulator: a refusal waits for a
 * person with its kind; a transient failure queues it with a backoff that doubles per failure up to
 * the ceiling (with the random share fixed, the delays are exact) and that a person's retry resets;
 * a station stopped mid-connect after two sends leaves it to a person without a third.
 */
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../src/ledger/index.js';
import type { OnboardingOptions, OnboardingService } from '../../src/onboarding/index.js';
import { testImei } from '../support/imei.js';
import { onboardingHarness, seedJob } from '../support/onboarding-station.js';

const h = onboardingHarness('onboarding-connect-failures');
const TAC = '35890000';
const client = () => h.client();
const station = (options: Partial<OnboardingOptions> = {}, dir = h.dir()) =>
  h.station({ dir, clientOptions: { retries: 0 }, startWorker: false, ...options });

/** How far ahead of `from` the job's next attempt is, in ms. */
function delayOf(service: OnboardingService, jobId: string, from: number): number {
  const at = service.job(jobId)?.nextAttemptAt;
  if (at === undefined) throw new Error(`job ${jobId} has no next attempt`);
  return Date.parse(at) - from;
}

describe('a failed connect', () => {
  it('refused (a type Validic does not take) waits for a person, with the kind and no retry time', async () => {
    const { service } = await station();
    const result = await service.onboard({ imei: testImei(1, TAC), uid: 'cf-0001', deviceType: 'toaster' });
    expect(result).toMatchObject({ outcome: 'needs_attention', problem: { kind: 'invalid_request' } });
    if (result.outcome !== 'needs_attention') throw new Error(result.outcome);
    expect(service.job(result.job.jobId)).toMatchObject({ state: 'needs_attention', reasonKind: 'invalid_request' });
    expect(service.job(result.job.jobId)?.nextAttemptAt).toBeUndefined();
    expect(result.problem.nextAction).toBe(result.job.nextAction);
  });

  it("held by another patient at Validic (409) asks for a supervisor's override, not the client's words", async () => {
    const outside = client();
    const imei = testImei(2, TAC);
    await outside.connect((await outside.provisionUser('cf-elsewhere')).marketplace.token, imei, 'blood_glucose');
    const { service } = await station();
    const result = await service.onboard({ imei, uid: 'cf-0002', deviceType: 'blood_glucose' });
    expect(result).toMatchObject({ outcome: 'needs_attention', problem: { kind: 'conflict' } });
    if (result.outcome !== 'needs_attention') throw new Error(result.outcome);
    expect(result.problem.nextAction).toBe(result.job.nextAction);
    expect(result.problem.nextAction).not.toBe('');
  });

  it('transient: queued, the backoff doubling per failure up to the ceiling; a person’s retry starts it again', async () => {
    // random() = 0: each delay is exactly half its ceiling (base × 2^(failures − 1), at most the max).
    const { service } = await station({ retryBaseMs: 10_000, retryMaxMs: 30_000, random: () => 0 });
    h.sim.setFaults({ serverErrorShare: 1 });
    let from = Date.now();
    const result = await service.onboard({ imei: testImei(3, TAC), uid: 'cf-0003', deviceType: 'blood_glucose' });
    expect(result).toMatchObject({ outcome: 'queued', problem: { kind: 'server_error' } });
    const jobId = result.outcome === 'queued' ? result.job.jobId : '';
    const delays: number[] = [];
    delays.push(delayOf(service, jobId, from));
    for (let i = 0; i < 3; i++) {
      from = Date.now();
      expect((await service.attempt(jobId)).outcome).toBe('queued');
      delays.push(delayOf(service, jobId, from));
    }
    const expected = [5_000, 10_000, 15_000, 15_000];
    delays.forEach((d, i) => {
      expect(d, `failure ${i + 1}`).toBeGreaterThanOrEqual(expected[i]! - 1);
      expect(d, `failure ${i + 1}`).toBeLessThan(expected[i]! + 1_000);
    });
    expect(service.job(jobId)?.reasonKind).toBe('server_error');

    // A person's retry: the backoff starts again from the base.
    from = Date.now();
    expect((await service.retry(jobId)).outcome).toBe('queued');
    const afterRetry = delayOf(service, jobId, from);
    expect(afterRetry).toBeGreaterThanOrEqual(4_999);
    expect(afterRetry).toBeLessThan(6_000);
  });

  it('transient with random() near 1: the delay stays within the ceiling', async () => {
    const { service } = await station({ retryBaseMs: 8_000, retryMaxMs: 300_000, random: () => 0.999 });
    h.sim.setFaults({ serverErrorShare: 1 });
    const from = Date.now();
    const result = await service.onboard({ imei: testImei(4, TAC), uid: 'cf-0004', deviceType: 'blood_glucose' });
    const delay = delayOf(service, result.outcome === 'queued' ? result.job.jobId : '', from);
    expect(delay).toBeGreaterThanOrEqual(7_990);
    expect(delay).toBeLessThan(9_000);
  });

  it('a station stopped mid-connect twice sends no third: the job waits for a person, unconfirmed', async () => {
    const dir = h.dir();
    const ledger = await openLedger({ dataDir: dir });
    const imei = testImei(5, TAC);
    await seedJob(ledger, { jobId: 'twice', uid: 'cf-0005', imei, state: 'connecting' });
    await ledger.append({
      type: 'job_transition',
      jobId: 'twice',
      from: 'connecting',
      to: 'queued',
      reasonKind: 'outcome_unknown',
    });
    await ledger.append({
      type: 'job_transition',
      jobId: 'twice',
      from: 'queued',
      to: 'connecting',
      reasonKind: 'resend_after_unknown',
    });
    await ledger.close();
    const connects = h.sim.requestLog().connectsByImei[imei] ?? 0;
    const { service } = await station({}, dir);
    const result = await service.attempt('twice');
    expect(result).toMatchObject({
      outcome: 'needs_attention',
      problem: { kind: 'connect_unconfirmed', params: { sent: 2 } },
    });
    expect(h.sim.requestLog().connectsByImei[imei] ?? 0).toBe(connects);
  });

  it('a station stopped mid-connect once re-sends once, journaled as the deliberate re-send', async () => {
    const dir = h.dir();
    const ledger = await openLedger({ dataDir: dir });
    await seedJob(ledger, { jobId: 'once', uid: 'cf-0006', imei: testImei(6, TAC), state: 'connecting' });
    await ledger.close();
    const { service, ledger: reopened } = await station({}, dir);
    expect((await service.attempt('once')).outcome).toBe('connected');
    const kinds: Array<string | undefined> = [];
    for await (const r of reopened.records({}))
      if (r.type === 'job_transition') kinds.push(`${r.to}:${r.reasonKind ?? ''}`);
    expect(kinds).toEqual(['connecting:', 'queued:outcome_unknown', 'connecting:resend_after_unknown', 'connected:']);
  });
});
