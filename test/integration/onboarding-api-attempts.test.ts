/**
 * What the journal keeps of each Validic call (api_attempt): the call, its outcome kind, the HTTP
 * status when there was one, which send it was, who it was for, and for a failure its words —
 * marked when the request may have been applied. Never a token or a URL.
 */
import { describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/ledger/index.js';
import { testImei } from '../support/imei.js';
import { connectsOf, lossyProxy } from '../support/lossy-proxy.js';
import { onboardingHarness } from '../support/onboarding-station.js';
import { recordsOf } from '../support/ledger-records.js';

const h = onboardingHarness('onboarding-api-attempts');
const TAC = '35930000';

const attempts = (ledger: Ledger) => recordsOf(ledger, 'api_attempt');

describe('api_attempt records', () => {
  it('a connect refused: its kind and HTTP status, the first send, on the job and patient', async () => {
    const { service, ledger } = await h.station({ clientOptions: { retries: 0 } });
    const result = await service.onboard({ imei: testImei(1, TAC), uid: 'att-0001', deviceType: 'toaster' });
    if (result.outcome !== 'needs_attention') throw new Error(result.outcome);
    const [provision, connect] = await attempts(ledger);
    expect(provision).toMatchObject({ call: 'provision', outcome: 'ok', jobId: result.job.jobId, uid: 'att-0001' });
    expect(provision && 'httpStatus' in provision).toBe(false);
    expect(provision && 'detail' in provision).toBe(false);
    expect(provision && 'attempt' in provision).toBe(false);
    expect(connect).toMatchObject({
      call: 'connect',
      outcome: 'invalid_request',
      httpStatus: 422,
      attempt: 1,
      jobId: result.job.jobId,
      uid: 'att-0001',
    });
    expect(connect?.detail).toEqual(expect.any(String));
    expect(connect?.detail?.startsWith('[outcome unknown]')).toBe(false);
    expect(connect?.durationMs).toBeGreaterThanOrEqual(0);
    expect(Number.isInteger(connect?.durationMs)).toBe(true);
  });

  it('connects whose answers were lost: marked as maybe applied, sends 1 and 2, no HTTP status', async () => {
    const imei = testImei(2, TAC);
    const proxy = await lossyProxy(h.sim.baseUrl, {
      matches: connectsOf(imei),
      forward: false,
    });
    h.later(proxy.close);
    const { service, ledger } = await h.station({ base: proxy.url });
    await service.onboard({ imei, uid: 'att-0002', deviceType: 'blood_glucose' });
    const connects = (await attempts(ledger)).filter((a) => a.call === 'connect');
    expect(connects.map((c) => [c.outcome, c.attempt, 'httpStatus' in c])).toEqual([
      ['network', 1, false],
      ['network', 2, false],
    ]);
    for (const c of connects) expect(c.detail).toMatch(/^\[outcome unknown\] /);
  });

  it('a call for a patient with no job (a disconnect of a device bound elsewhere) names the patient only', async () => {
    const imei = testImei(3, TAC);
    const outside = h.client();
    await outside.connect((await outside.provisionUser('att-0003')).marketplace.token, imei, 'weight_scale');
    const { service, ledger } = await h.station();
    await service.disconnect('att-0003', imei);
    const all = await attempts(ledger);
    expect(all.map((a) => `${a.call}:${a.outcome}:${a.attempt ?? '-'}`)).toEqual(['get_user:ok:-', 'disconnect:ok:1']);
    for (const a of all) {
      expect(a.uid).toBe('att-0003');
      expect('jobId' in a).toBe(false);
    }
  });
});
