/**
 * Admission: every scan is journaled (capture), then the journal decides — already connected here,
 * in progress here, held by another patient (bound or being sent), a second device of one type
 * awaiting confirmation, or a new job. The worker is not started, so a new job stays where
 * admission put it unless the test runs it; the simulator answers over real HTTP.
 */
import { describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/ledger/index.js';
import type { LedgerRecord } from '../../src/ledger/records.js';
import { testImei } from '../support/imei.js';
import { onboardingHarness } from '../support/onboarding-station.js';

const h = onboardingHarness('onboarding-admission');
const TAC = '35870000';
const station = () => h.station({ station: 'st-1', startWorker: false });

async function recordsAfter(ledger: Ledger, seq: number): Promise<LedgerRecord[]> {
  const out: LedgerRecord[] = [];
  for await (const r of ledger.records({})) if (r.seq > seq) out.push(r);
  return out;
}

describe('admission', () => {
  it('journals the scan as read, then the job as asked (fixed id, order, batch), left to the worker', async () => {
    const { service, ledger } = await station();
    const imei = testImei(1, TAC);
    const before = ledger.lastSeq;
    const result = await service.onboard({
      imei,
      uid: 'adm-0001',
      deviceType: 'blood_glucose',
      jobId: 'job-fixed',
      orderRef: 'ORD-7',
      batchId: 'batch-x',
      source: 'camera',
      raw: `IMEI:${imei}`,
      operator: 'op-ann',
      enqueueOnly: true,
    });
    expect(result).toMatchObject({ outcome: 'in_progress', job: { jobId: 'job-fixed', state: 'ready' } });
    expect(await recordsAfter(ledger, before)).toMatchObject([
      { type: 'capture', source: 'camera', raw: `IMEI:${imei}`, imei, station: 'st-1', operator: 'op-ann' },
      {
        type: 'job_intent',
        jobId: 'job-fixed',
        imei,
        uid: 'adm-0001',
        deviceType: 'blood_glucose',
        operator: 'op-ann',
        station: 'st-1',
        mode: 'production',
        orderRef: 'ORD-7',
        batchId: 'batch-x',
      },
    ]);
  });

  it('a typed IMEI is journaled as typed, by the station operator; the job gets a new id and runs now', async () => {
    const { service, ledger } = await station();
    const imei = testImei(2, TAC);
    const before = ledger.lastSeq;
    const result = await service.onboard({ imei, uid: 'adm-0002', deviceType: 'blood_glucose' });
    expect(result.outcome).toBe('connected');
    const [capture, intent] = await recordsAfter(ledger, before);
    expect(capture).toEqual({
      type: 'capture',
      source: 'typed',
      raw: imei,
      imei,
      station: 'st-1',
      operator: 'op',
      seq: before + 1,
      ts: capture?.ts,
    });
    expect(intent).toMatchObject({ type: 'job_intent', operator: 'op' });
    expect(intent && 'orderRef' in intent).toBe(false);
    expect(intent && 'batchId' in intent).toBe(false);
    if (intent?.type !== 'job_intent') throw new Error('no intent');
    expect(intent.jobId).toMatch(/^job-/);
  });

  it('the same IMEI for the same patient while its job is on its way is in progress: no second job', async () => {
    const { service, ledger } = await station();
    const imei = testImei(3, TAC);
    const first = await service.onboard({ imei, uid: 'adm-0003', deviceType: 'blood_glucose', enqueueOnly: true });
    if (first.outcome !== 'in_progress') throw new Error(first.outcome);
    const again = await service.onboard({ imei, uid: 'adm-0003', deviceType: 'blood_glucose' });
    expect(again).toEqual({ outcome: 'in_progress', job: first.job });
    expect(ledger.jobsByImei(imei)).toHaveLength(1);
    expect(ledger.captureSeqs(imei)).toHaveLength(2);
  });

  it.each([
    { held: 'being sent', enqueueOnly: true },
    { held: 'connected', enqueueOnly: false },
  ])(
    'an IMEI $held for another patient: the new job waits for a supervisor, naming only last 4s',
    async ({ enqueueOnly }) => {
      const { service } = await station();
      const imei = testImei(enqueueOnly ? 4 : 5, TAC);
      const holder = await service.onboard({ imei, uid: 'adm-hold-1234', deviceType: 'weight_scale', enqueueOnly });
      expect(holder.outcome).toBe(enqueueOnly ? 'in_progress' : 'connected');
      const connects = h.sim.requestLog().connectsByImei[imei] ?? 0;
      // Same type as another device of this patient too: the conflict comes first, no confirmation asked.
      await service.onboard({
        imei: testImei(6 + Number(enqueueOnly), TAC),
        uid: 'adm-here',
        deviceType: 'weight_scale',
      });
      const blocked = await service.onboard({ imei, uid: 'adm-here', deviceType: 'weight_scale' });
      const params = { imeiLast4: imei.slice(-4), otherLast4: '1234' };
      expect(blocked).toMatchObject({ outcome: 'needs_attention', problem: { kind: 'held_by_other_patient', params } });
      if (blocked.outcome !== 'needs_attention') throw new Error(blocked.outcome);
      expect(blocked.job).toMatchObject({
        state: 'needs_attention',
        reasonKind: 'held_by_other_patient',
        reasonParams: params,
      });
      expect(blocked.problem.message).toBe(blocked.job.reason);
      expect(blocked.problem.nextAction).toBe(blocked.job.nextAction);
      expect(blocked.problem.message).not.toBe('');
      expect(h.sim.requestLog().connectsByImei[imei] ?? 0).toBe(connects);
    },
  );

  it('a second device of one type waits for confirmation; a cancelled one does not count', async () => {
    const { service, ledger } = await station();
    const [a, b, c] = [10, 11, 12].map((k) => testImei(k, TAC)) as [string, string, string];
    const first = await service.onboard({ imei: a, uid: 'adm-0010', deviceType: 'blood_glucose', enqueueOnly: true });
    if (first.outcome !== 'in_progress') throw new Error(first.outcome);
    const ask = await service.onboard({ imei: b, uid: 'adm-0010', deviceType: 'blood_glucose' });
    expect(ask).toMatchObject({
      outcome: 'needs_confirmation',
      existing: { jobId: first.job.jobId },
      problem: { kind: 'second_device', params: { uid: 'adm-0010', imeiLast4: a.slice(-4) } },
    });
    expect(ledger.jobsByImei(b)).toHaveLength(0);

    const before = ledger.lastSeq;
    const confirmed = await service.onboard({
      imei: b,
      uid: 'adm-0010',
      deviceType: 'blood_glucose',
      confirmSecondDevice: true,
      enqueueOnly: true,
      operator: 'op-ann',
    });
    if (confirmed.outcome !== 'in_progress') throw new Error(confirmed.outcome);
    expect((await recordsAfter(ledger, before)).map((r) => r.type)).toEqual([
      'capture',
      'job_intent',
      'operator_action',
    ]);
    expect(await recordsAfter(ledger, before + 2)).toMatchObject([
      { action: 'confirm_second_device', by: 'op-ann', jobId: confirmed.job.jobId, imei: b, uid: 'adm-0010' },
    ]);

    await service.cancel(first.job.jobId);
    await service.cancel(confirmed.job.jobId);
    // Both cancelled: a third glucose meter needs no confirmation.
    expect(
      await service.onboard({ imei: c, uid: 'adm-0010', deviceType: 'blood_glucose', enqueueOnly: true }),
    ).toMatchObject({
      outcome: 'in_progress',
    });
  });
});
