/**
 * Reconciliation after a connect whose answers were lost twice: one read of the patient's sources
 * settles it only when a smart_meter source can be nothing but this device — the patient showed
 * none before, and no other device of theirs is bound or in flight in the journal. Sources name
 * types, never IMEIs, so a patient who already has another device must be left to a person.
 *
 * Real HTTP throughout: the engine talks to the simulator through a small loopback proxy that loses
 * the answers to one IMEI's connects (the socket is destroyed), either after forwarding the request
 * (the connect landed) or instead of it (it never did).
 */
import { describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../src/ledger/index.js';
import { testImei } from '../support/imei.js';
import { connectsOf, lossyProxy } from '../support/lossy-proxy.js';
import { onboardingHarness, seedJob } from '../support/onboarding-station.js';

const h = onboardingHarness('onboarding-reconciliation');
const direct = () => h.client();

/** What the proxy does with the connects of the IMEI it watches. */
type LoseAnswer = { imei: string; forward: boolean; before?: () => Promise<void> };

async function engine(dir: string, lose: LoseAnswer) {
  const proxy = await lossyProxy(h.sim.baseUrl, {
    matches: connectsOf(lose.imei),
    forward: lose.forward,
    ...(lose.before ? { before: lose.before } : {}),
  });
  h.later(proxy.close);
  const { service, ledger } = await h.station({
    dir,
    base: proxy.url,
    clientOptions: { backoffBaseMs: 5, backoffMaxMs: 20 },
    retryBaseMs: 50,
    retryMaxMs: 200,
  });
  return { service, ledger, lost: proxy.lost };
}

/**
 * Journals the patient's other device: bound by an earlier session of this station, or in flight (its
 * connect's answer was lost; its deliberate re-send is due in an hour).
 */
async function otherDeviceInJournal(dir: string, held: 'bound' | 'in flight', uid: string, imei: string) {
  const ledger = await openLedger({ dataDir: dir });
  await seedJob(ledger, {
    jobId: 'job-other',
    uid,
    imei,
    deviceType: 'blood_pressure',
    ...(held === 'bound'
      ? { state: 'connected' }
      : {
          state: 'queued',
          reasonKind: 'outcome_unknown',
          nextAttemptAt: new Date(Date.now() + 3_600_000).toISOString(),
        }),
  });
  await ledger.close();
}

async function recordsOf(ledger: Ledger, jobId: string): Promise<string[]> {
  const out: string[] = [];
  for await (const r of ledger.records({})) {
    if (r.type === 'verification' && r.jobId === jobId) out.push(`verification:${r.outcome}`);
    if (r.type === 'api_attempt' && r.jobId === jobId) out.push(`${r.call}:${r.outcome}`);
    if (r.type === 'job_transition' && r.jobId === jobId)
      out.push(`to ${r.to}${r.reasonKind ? ` (${r.reasonKind})` : ''}`);
  }
  return out;
}

describe('reconciliation after two lost answers', () => {
  it("a new patient's source after two lost answers is this device: connected, found after the interruption", async () => {
    const deviceImei = testImei(1, '35810000');
    const { service, ledger, lost } = await engine(h.dir(), {
      imei: deviceImei,
      forward: true,
    });
    const result = await service.onboard({ imei: deviceImei, uid: 'rec-0001', deviceType: 'blood_glucose' });
    if (result.outcome !== 'connected') throw new Error(`expected connected, got ${result.outcome}`);
    expect(lost()).toBe(2);
    expect(service.job(result.job.jobId)?.state).toBe('verified');
    expect(await recordsOf(ledger, result.job.jobId)).toEqual([
      'to connecting',
      'provision:ok',
      'connect:network',
      'to queued (outcome_unknown)',
      'to connecting (resend_after_unknown)',
      'connect:network',
      'get_user:ok',
      'to connected (found_after_interruption)',
      'verification:confirmed',
      'to verified',
    ]);
  });

  it.each([
    { held: 'bound' as const, k: 2, patientRead: ['get_user:ok'] },
    { held: 'in flight' as const, k: 4, patientRead: ['provision:conflict', 'get_user:ok'] },
  ])(
    'a patient whose other device is $held is left to a person: a source then could be the other one',
    async ({ held, k, patientRead }) => {
      const dir = h.dir();
      const uid = `rec-000${k}`;
      const other = testImei(k, '35810000');
      const deviceImei = testImei(k + 1, '35810000');
      // The patient's blood pressure monitor is in the journal; Validic does not show its source yet
      // (sources show late): the patient read before this connect sees no smart_meter source.
      await otherDeviceInJournal(dir, held, uid, other);
      const outside = direct();
      const user = await outside.provisionUser(uid);
      const { service, ledger, lost } = await engine(dir, {
        imei: deviceImei,
        forward: false,
        // While this device's connects are lost (never landing), the other device's source shows up.
        before: async () => {
          if ((h.sim.state().users.find((u) => u.uid === uid)?.connections.length ?? 0) === 0)
            await outside.connect(user.marketplace.token, other, 'blood_pressure');
        },
      });
      const result = await service.onboard({ imei: deviceImei, uid, deviceType: 'blood_glucose' });
      expect(result).toMatchObject({ outcome: 'needs_attention', problem: { kind: 'connect_unconfirmed' } });
      if (result.outcome !== 'needs_attention') throw new Error(`expected needs_attention, got ${result.outcome}`);
      expect(lost()).toBe(2);
      expect(service.job(result.job.jobId)).toMatchObject({
        state: 'needs_attention',
        reasonKind: 'connect_unconfirmed',
      });
      // No read pretends to settle it, and nothing is verified.
      expect(await recordsOf(ledger, result.job.jobId)).toEqual([
        'to connecting',
        ...patientRead,
        'connect:network',
        'to queued (outcome_unknown)',
        'to connecting (resend_after_unknown)',
        'connect:network',
        'to needs_attention (connect_unconfirmed)',
      ]);
      // This device never reached Validic: only the other one is connected there.
      expect(h.liveDevices(uid)).toEqual([other]);
    },
  );
});
