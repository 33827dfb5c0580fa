/**
 * Disconnects over real HTTP against the simulator: journaled on the jobs that bound the device
 * (or once without a job when none did), never provisioning an unknown patient, and a lost answer
 * re-sent once, its 404 (or empty list) read as "it went through".
 */
import { describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/ledger/index.js';
import type { OnboardingService } from '../../src/onboarding/index.js';
import { testImei } from '../support/imei.js';
import { lossyProxy } from '../support/lossy-proxy.js';
import { onboardingHarness } from '../support/onboarding-station.js';

const h = onboardingHarness('onboarding-disconnects');
const TAC = '35850000';
const client = () => h.client();
const liveDevices = (uid: string) => h.liveDevices(uid);

/** A station; with `loseFirst`, the first answer to that call is lost after Validic applied it. */
async function station(loseFirst?: '/disconnect/' | '/disconnect_all') {
  if (!loseFirst) return h.station();
  const proxy = await lossyProxy(h.sim.baseUrl, { matches: (url) => url.includes(loseFirst), forward: true, times: 1 });
  h.later(proxy.close);
  return h.station({ base: proxy.url });
}

async function connected(service: OnboardingService, imei: string, uid: string, deviceType = 'blood_glucose') {
  const result = await service.onboard({ imei, uid, deviceType });
  if (result.outcome !== 'connected') throw new Error(`expected connected, got ${result.outcome}`);
  return result.job.jobId;
}

async function disconnectsIn(ledger: Ledger): Promise<string[]> {
  const out: string[] = [];
  for await (const r of ledger.records({}))
    if (r.type === 'operator_action' && r.action === 'disconnect')
      out.push(`${r.imei} ${r.uid} job=${r.jobId ?? '-'} by=${r.by} ${r.reason ?? ''}`.trim());
  return out;
}

describe('disconnect one IMEI', () => {
  it('is journaled on the job that bound it; the binding is gone', async () => {
    const { service, ledger } = await station();
    const imei = testImei(1, TAC);
    const jobId = await connected(service, imei, 'dis-0001');
    const result = await service.disconnect('dis-0001', imei, 'op-ann', 'returned');
    expect(result).toMatchObject({ credentials: { device_id: imei } });
    expect(result.deleted_at).not.toBeNull();
    expect(await disconnectsIn(ledger)).toEqual([`${imei} dis-0001 job=${jobId} by=op-ann returned`]);
    expect(service.job(jobId)).toMatchObject({ disconnectedBy: 'op-ann' });
    expect(service.binding(imei)).toBeUndefined();
    expect(liveDevices('dis-0001')).toEqual([]);
  });

  it('a device bound outside this journal is journaled without a job', async () => {
    const { service, ledger } = await station();
    const imei = testImei(2, TAC);
    const outside = client();
    await outside.connect((await outside.provisionUser('dis-0002')).marketplace.token, imei, 'weight_scale');
    await service.disconnect('dis-0002', imei);
    expect(await disconnectsIn(ledger)).toEqual([`${imei} dis-0002 job=- by=op`]);
    expect(liveDevices('dis-0002')).toEqual([]);
  });

  it('a patient Validic does not know is refused with the reason; nothing is journaled, no patient made', async () => {
    const { service, ledger } = await station();
    await expect(service.disconnect('dis-nobody', testImei(3, TAC))).rejects.toMatchObject({
      kind: 'not_found',
      message: expect.stringContaining('dis-nobody') as unknown,
    });
    expect(await disconnectsIn(ledger)).toEqual([]);
    expect(h.sim.state().users.some((u) => u.uid === 'dis-nobody')).toBe(false);
  });

  it('a lost answer is re-sent once; its 404 means the first went through, described from the journal', async () => {
    const { service, ledger } = await station('/disconnect/');
    const imei = testImei(4, TAC);
    const jobId = await connected(service, imei, 'dis-0004', 'blood_pressure');
    const sent = h.sim.requestLog().byRoute.disconnect ?? 0;
    const result = await service.disconnect('dis-0004', imei);
    expect(result).toMatchObject({
      credentials: { device_id: imei, device_type: 'blood_pressure' },
      type: 'smart_meter',
      created_at: service.job(jobId)?.connectedAt,
    });
    expect(result.deleted_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect((h.sim.requestLog().byRoute.disconnect ?? 0) - sent).toBe(2);
    expect(await disconnectsIn(ledger)).toEqual([`${imei} dis-0004 job=${jobId} by=op`]);
  });
});

describe('disconnect all', () => {
  it("disconnects every device of the patient, journaled on each device's job, and only that patient's", async () => {
    const { service, ledger } = await station();
    const [a, b, c, other] = [10, 11, 12, 13].map((k) => testImei(k, TAC)) as [string, string, string, string];
    const ja = await connected(service, a, 'dis-0010');
    const jb = await connected(service, b, 'dis-0010', 'weight_scale');
    await connected(service, other, 'dis-0011');
    // One more device, connected to the patient outside this journal.
    const outside = client();
    await outside.connect((await outside.getUser('dis-0010')).marketplace.token, c, 'blood_pressure');

    const result = await service.disconnectAll('dis-0010', 'op-ann');
    expect(result.connections.map((x) => x.credentials.device_id).sort()).toEqual([a, b, c].sort());
    expect((await disconnectsIn(ledger)).sort()).toEqual(
      [
        `${a} dis-0010 job=${ja} by=op-ann disconnect all`,
        `${b} dis-0010 job=${jb} by=op-ann disconnect all`,
        `${c} dis-0010 job=- by=op-ann disconnect all`,
      ].sort(),
    );
    expect(liveDevices('dis-0010')).toEqual([]);
    expect(liveDevices('dis-0011')).toEqual([other]);
    expect(service.binding(other)?.uid).toBe('dis-0011');
  });

  it("after a lost answer the re-send finds nothing left: the journal's devices count as disconnected", async () => {
    const { service, ledger } = await station('/disconnect_all');
    const [a, b] = [20, 21].map((k) => testImei(k, TAC)) as [string, string];
    await connected(service, a, 'dis-0020');
    await connected(service, b, 'dis-0020', 'weight_scale');
    const sent = h.sim.requestLog().byRoute.disconnect_all ?? 0;
    const result = await service.disconnectAll('dis-0020', 'op-ann');
    expect((h.sim.requestLog().byRoute.disconnect_all ?? 0) - sent).toBe(2);
    expect(result.connections.map((x) => x.credentials.device_id).sort()).toEqual([a, b].sort());
    expect(result.meta.total).toBe(2);
    expect(result.connections.every((x) => x.deleted_at !== null)).toBe(true);
    expect(await disconnectsIn(ledger)).toHaveLength(2);
    expect(service.binding(a)).toBeUndefined();
    expect(service.binding(b)).toBeUndefined();
  });

  it('refuses a patient Validic does not know and creates none', async () => {
    const { service } = await station();
    await expect(service.disconnectAll('dis-nobody-2')).rejects.toMatchObject({ kind: 'not_found' });
    expect(h.sim.state().users.some((u) => u.uid === 'dis-nobody-2')).toBe(false);
  });
});
