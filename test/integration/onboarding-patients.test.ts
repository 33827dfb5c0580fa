/**
 * Patient resolution with the fewest calls, and the type-level check's failed reads, over real
 * HTTP against the simulator (through a loopback proxy where a read must fail).
 */
import { describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../src/ledger/index.js';
import { testImei } from '../support/imei.js';
import { lossyProxy } from '../support/lossy-proxy.js';
import { onboardingHarness, seedJob } from '../support/onboarding-station.js';

const h = onboardingHarness('onboarding-patients');
const TAC = '35910000';
const station = (dir = h.dir(), base?: string) =>
  h.station({ dir, clientOptions: { retries: 0 }, ...(base ? { base } : {}) });

async function callsOf(ledger: Ledger): Promise<string[]> {
  const out: string[] = [];
  for await (const r of ledger.records({})) if (r.type === 'api_attempt') out.push(`${r.call}:${r.outcome}`);
  return out;
}

describe('patients', () => {
  it('a patient this journal connected but Validic no longer has is read (404), then provisioned', async () => {
    const dir = h.dir();
    const seeded = await openLedger({ dataDir: dir });
    await seedJob(seeded, { jobId: 'old', uid: 'pat-gone-01', imei: testImei(1, TAC), state: 'connected' });
    await seeded.close();
    const { service, ledger } = await station(dir);
    const result = await service.onboard({ imei: testImei(2, TAC), uid: 'pat-gone-01', deviceType: 'weight_scale' });
    expect(result.outcome).toBe('connected');
    expect((await callsOf(ledger)).slice(0, 3)).toEqual(['get_user:not_found', 'provision:ok', 'connect:ok']);
  });

  it('a returning patient Validic has costs one read, no provisioning', async () => {
    const dir = h.dir();
    const first = await station(dir);
    expect(
      (await first.service.onboard({ imei: testImei(3, TAC), uid: 'pat-back-01', deviceType: 'blood_glucose' }))
        .outcome,
    ).toBe('connected');
    await first.service.worker.idle();
    await h.closeStations();
    const again = await station(dir);
    const before = (await callsOf(again.ledger)).length;
    const result = await again.service.onboard({
      imei: testImei(4, TAC),
      uid: 'pat-back-01',
      deviceType: 'weight_scale',
    });
    expect(result.outcome).toBe('connected');
    expect((await callsOf(again.ledger)).slice(before, before + 2)).toEqual(['get_user:ok', 'connect:ok']);
  });

  it('two devices for one new patient at once share one provisioning', async () => {
    const { service, ledger } = await station();
    const provisions = h.sim.requestLog().byRoute.provision ?? 0;
    const results = await Promise.all([
      service.onboard({ imei: testImei(5, TAC), uid: 'pat-twin-01', deviceType: 'blood_glucose' }),
      service.onboard({ imei: testImei(6, TAC), uid: 'pat-twin-01', deviceType: 'weight_scale' }),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['connected', 'connected']);
    expect((h.sim.requestLog().byRoute.provision ?? 0) - provisions).toBe(1);
    expect((await callsOf(ledger)).filter((c) => c.startsWith('provision'))).toEqual(['provision:ok']);
  });
});

describe("the type-level check's failed reads", () => {
  it('a failed read is tried once more, then given up; the job stays connected', async () => {
    const uid = 'pat-ver-fail';
    // Every read of this patient's record loses its answer (the connect and provisioning pass).
    const proxy = await lossyProxy(h.sim.baseUrl, {
      matches: (url) => url.includes(`/users/${uid}`) && !url.includes('measurements'),
      forward: true,
    });
    h.later(proxy.close);
    const { service, ledger } = await station(undefined, proxy.url);
    const result = await service.onboard({ imei: testImei(7, TAC), uid, deviceType: 'blood_glucose' });
    if (result.outcome !== 'connected') throw new Error(result.outcome);
    await service.worker.idle();
    // The first read failed: another is owed (in 5 s); run it now rather than wait.
    expect(service.queueStatus().unverified).toBe(1);
    await service.worker.verifyNow(result.job.jobId);
    expect(service.queueStatus().unverified).toBe(0);
    const outcomes: string[] = [];
    for await (const r of ledger.records({})) if (r.type === 'verification') outcomes.push(r.outcome);
    expect(outcomes).toEqual(['failed', 'failed']);
    expect(service.job(result.job.jobId)?.state).toBe('connected');
    expect(proxy.lost()).toBe(2);
    // Nothing more is owed: the worker has no check left to run.
    expect(await service.worker.verifyNow(result.job.jobId)).toMatchObject({ state: 'connected' });
    expect(proxy.lost()).toBe(2);
  });
});
