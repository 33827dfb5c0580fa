/**
 * The type-level check after a 202 (one read of the patient's sources, which name source types and
 * never IMEIs): made only when it can mean something, at most twice, within the verification share,
 * and never sending a job back to the queue. Over real HTTP against the simulator.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { makeImei } from '../support/imei.js';
import { openLedger, type Ledger } from '../../src/ledger/index.js';
import { OnboardingService } from '../../src/onboarding/service.js';
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from '../../src/simulator/index.js';
import { ValidicClient, type RateLimitConfig } from '../../src/validic/index.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'onboarding-verification-'));
const opened: Array<{ service: OnboardingService; ledger: Ledger }> = [];
const sims: SimulatorHandle[] = [];
let n = 0;
const imei = (i: number) => makeImei('35000009', 500_000 + i);

async function simulator(options: SimulatorOptions = {}) {
  const sim = await startSimulator({ rateLimit: { limit: 1_000_000, windowMs: 3_600_000 }, ...options });
  sims.push(sim);
  return sim;
}
async function station(sim: SimulatorHandle, dir = path.join(root, `case-${n++}`), rateLimit?: RateLimitConfig) {
  const ledger = await openLedger({ dataDir: dir });
  const client = new ValidicClient({
    orgId: sim.orgId,
    orgToken: sim.token,
    apiBase: sim.baseUrl,
    directBase: sim.baseUrl,
    ...(rateLimit ? { rateLimit } : {}),
  });
  const service = new OnboardingService({ ledger, client, station: 'st', operator: 'op' });
  opened.push({ service, ledger });
  return { service, ledger, client, dir };
}
async function verificationsOf(ledger: Ledger, jobId: string): Promise<string[]> {
  const out: string[] = [];
  for await (const r of ledger.records({})) if (r.type === 'verification' && r.jobId === jobId) out.push(r.outcome);
  return out;
}

afterEach(async () => {
  for (const { service, ledger } of opened.splice(0)) {
    await service.close();
    await ledger.close();
  }
  for (const sim of sims.splice(0)) await sim.close();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the type-level check', () => {
  it('a new patient whose source shows (optimistic) is verified with one read', async () => {
    const sim = await simulator();
    const { service, ledger } = await station(sim);
    const result = await service.onboard({ imei: imei(1), uid: 'ver-0001', deviceType: 'blood_glucose' });
    if (result.outcome !== 'connected') throw new Error(result.outcome);
    await service.worker.idle();
    expect(service.job(result.job.jobId)?.state).toBe('verified');
    expect(await verificationsOf(ledger, result.job.jobId)).toEqual(['confirmed']);
  });

  it('a source that never shows (published, no readings) leaves the job connected after one read: never queued, never re-sent', async () => {
    const sim = await simulator({ profile: 'published', firstReadingDelayMs: null });
    const { service, ledger } = await station(sim);
    const result = await service.onboard({ imei: imei(2), uid: 'ver-0002', deviceType: 'blood_glucose' });
    if (result.outcome !== 'connected') throw new Error(result.outcome);
    await service.worker.idle();
    expect(service.job(result.job.jobId)?.state).toBe('connected');
    expect(await verificationsOf(ledger, result.job.jobId)).toEqual(['absent']);
    expect(sim.requestLog().byRoute).toEqual({ provision: 1, connect: 1, get_user: 1 });
  });

  it("is skipped when the patient's other device is bound in the journal, even if Validic shows no source now", async () => {
    const sim = await simulator();
    const dir = path.join(root, `case-${n++}`);
    const first = await station(sim, dir);
    const a = await first.service.onboard({ imei: imei(3), uid: 'ver-0003', deviceType: 'blood_glucose' });
    expect(a.outcome).toBe('connected');
    await first.service.worker.idle();
    // Device A is disconnected at Validic behind this journal's back: sources[] is empty again.
    const outside = new ValidicClient({
      orgId: sim.orgId,
      orgToken: sim.token,
      apiBase: sim.baseUrl,
      directBase: sim.baseUrl,
    });
    await outside.disconnectAll((await outside.getUser('ver-0003')).marketplace.token);
    await first.service.close();
    await first.ledger.close();
    opened.splice(0);

    const again = await station(sim, dir);
    const b = await again.service.onboard({ imei: imei(4), uid: 'ver-0003', deviceType: 'blood_pressure' });
    if (b.outcome !== 'connected') throw new Error(b.outcome);
    await again.service.worker.idle();
    // A source now would be B's or A's: the journal cannot tell, so it does not pretend to.
    expect(again.service.job(b.job.jobId)?.state).toBe('connected');
    expect(await verificationsOf(again.ledger, b.job.jobId)).toEqual(['skipped']);
  });

  it('is skipped, not waited for, once the verification share of the budget is spent', async () => {
    const sim = await simulator();
    // 100 calls an hour: 10 for verification.
    const { service, ledger, client } = await station(sim, undefined, { limit: 100, windowMs: 3_600_000, reserve: 1 });
    const jobs: string[] = [];
    for (let i = 0; i < 12; i++) {
      const result = await service.onboard({
        imei: imei(10 + i),
        uid: `ver-s-${String(i).padStart(3, '0')}`,
        deviceType: 'blood_glucose',
      });
      if (result.outcome !== 'connected') throw new Error(result.outcome);
      jobs.push(result.job.jobId);
      await service.worker.idle();
    }
    expect(client.budgetSnapshot().verificationUsed).toBe(10);
    const outcomes = await Promise.all(jobs.map((j) => verificationsOf(ledger, j)));
    expect(outcomes.filter((o) => o[0] === 'confirmed')).toHaveLength(10);
    expect(outcomes.filter((o) => o[0] === 'skipped')).toHaveLength(2);
    for (const j of jobs) expect(['connected', 'verified']).toContain(service.job(j)?.state);
  });
});
