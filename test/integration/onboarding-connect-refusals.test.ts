/**
 * Refusals of one device's connect over real HTTP: a direct host that sends every marketplace token
 * to its sign-in page (the org token works: Validic refuses this device, the queue goes on); a
 * re-send refused after a lost answer (most likely the first landed); and two lost answers for a
 * patient who already showed a smart_meter source (a read cannot tell this device from that one).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/ledger/index.js';
import { startSimulator } from '../../src/simulator/index.js';
import { testImei } from '../support/imei.js';
import { connectsOf, lossyProxy } from '../support/lossy-proxy.js';
import { onboardingHarness } from '../support/onboarding-station.js';

const h = onboardingHarness('onboarding-connect-refusals');
const TAC = '35920000';

async function callsOf(ledger: Ledger, jobId: string): Promise<string[]> {
  const out: string[] = [];
  for await (const r of ledger.records({}))
    if (r.type === 'api_attempt' && (r.jobId === jobId || r.jobId === undefined)) out.push(`${r.call}:${r.outcome}`);
  return out;
}

describe('a refused connect', () => {
  it('every marketplace token sent to sign-in while the org token works: this device needs attention, nothing pauses', async () => {
    const signIn = http.createServer((_req, res) => {
      res.writeHead(302, { location: '/users/sign_in', 'content-type': 'text/html' }).end('<title>Sign in</title>');
    });
    await new Promise<void>((resolve) => signIn.listen(0, '127.0.0.1', resolve));
    h.later(async () => {
      signIn.closeAllConnections();
      await new Promise((resolve) => signIn.close(resolve));
    });
    const directBase = `http://127.0.0.1:${(signIn.address() as AddressInfo).port}`;
    const { service, ledger } = await h.station({ clientOptions: { directBase } });
    const result = await service.onboard({ imei: testImei(1, TAC), uid: 'ref-0001', deviceType: 'blood_glucose' });
    expect(result).toMatchObject({
      outcome: 'needs_attention',
      problem: { kind: 'device_refused', params: { status: 302 } },
    });
    if (result.outcome !== 'needs_attention') throw new Error(result.outcome);
    expect(service.job(result.job.jobId)).toMatchObject({ state: 'needs_attention', reasonKind: 'device_refused' });
    expect(service.queueStatus().paused).toBeNull();
    // One cheap org-token read decided it: the token had not changed, so no second connect.
    expect(await callsOf(ledger, result.job.jobId)).toEqual(['provision:ok', 'connect:unauthorized', 'get_user:ok']);
  });

  it('a re-send refused after a lost answer: most likely the first landed; a person decides', async () => {
    const sim = await startSimulator({ rateLimit: { limit: 1_000_000, windowMs: 3_600_000 }, repeatConnect: 'refuse' });
    h.later(() => sim.close());
    const imei = testImei(2, TAC);
    const proxy = await lossyProxy(sim.baseUrl, {
      matches: connectsOf(imei),
      forward: true,
      times: 1,
    });
    h.later(proxy.close);
    const { service } = await h.station({
      base: proxy.url,
      clientOptions: { orgId: sim.orgId, orgToken: sim.token },
    });
    const result = await service.onboard({ imei, uid: 'ref-0002', deviceType: 'blood_glucose' });
    expect(result).toMatchObject({ outcome: 'needs_attention', problem: { kind: 'resend_refused' } });
    if (result.outcome !== 'needs_attention') throw new Error(result.outcome);
    expect(result.problem.params?.said).toEqual(expect.any(String));
    expect(service.job(result.job.jobId)).toMatchObject({ reasonKind: 'resend_refused', connectSends: 2 });
    expect(sim.requestLog().connectsByImei[imei]).toBe(2);
  });

  it('two lost answers for a patient who already had a smart_meter source: no read, a person decides', async () => {
    const uid = 'ref-0003';
    const outside = h.client();
    await outside.connect((await outside.provisionUser(uid)).marketplace.token, testImei(3, TAC), 'weight_scale');
    const imei = testImei(4, TAC);
    const proxy = await lossyProxy(h.sim.baseUrl, {
      matches: connectsOf(imei),
      forward: false,
    });
    h.later(proxy.close);
    const { service, ledger } = await h.station({ base: proxy.url });
    const result = await service.onboard({ imei, uid, deviceType: 'blood_glucose' });
    expect(result).toMatchObject({
      outcome: 'needs_attention',
      problem: { kind: 'connect_unconfirmed', params: { sent: 2 } },
    });
    if (result.outcome !== 'needs_attention') throw new Error(result.outcome);
    // The patient read that found them (provision answered "taken") showed the other device's source.
    expect(await callsOf(ledger, result.job.jobId)).toEqual([
      'provision:conflict',
      'get_user:ok',
      'connect:network',
      'connect:network',
    ]);
    expect(proxy.lost()).toBe(2);
  });
});
