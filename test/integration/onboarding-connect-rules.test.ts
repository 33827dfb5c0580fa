/**
 * The connect room's rules over real HTTP against the simulator, with a small scripted proxy in front
 * of it where Validic must answer what the simulator cannot by itself (a lost answer, a 202 without a
 * body, a stale marketplace token): which job states and modes send at all, what a re-send refused
 * says, what a read after two lost answers may settle, a changed token tried once, and a pause.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/ledger/index.js';
import { openLedger } from '../../src/ledger/index.js';
import { openKioskEngine } from '../../src/onboarding/index.js';
import { forwardRequest } from '../support/forward-request.js';
import { testImei } from '../support/imei.js';
import { onboardingHarness, seedJob } from '../support/onboarding-station.js';
import { recordsOf } from '../support/ledger-records.js';

const h = onboardingHarness('onboarding-connect-rules');
const TAC = '35940000';

/** What the proxy does with one request: pass it (its answer maybe rewritten), lose its answer, or answer itself. */
type Action =
  | {
      readonly do: 'pass';
      readonly rewrite?: (body: string) => string;
      readonly headers?: Readonly<Record<string, string>>;
    }
  | { readonly do: 'lose'; readonly forward: boolean }
  | { readonly do: 'answer'; readonly status: number; readonly body: string; readonly forward: boolean };

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly body: string;
}

/** A loopback proxy in front of the simulator that asks `script` what to do with each request. */
async function scriptedProxy(script: (req: Seen) => Action): Promise<string> {
  const target = new URL(h.sim.baseUrl);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const action = script({ method: req.method ?? '', url: req.url ?? '', body: body.toString() });
      void (async () => {
        if (action.do === 'pass') {
          const answer = await forwardRequest(target, req, body);
          const text = action.rewrite ? action.rewrite(answer.body.toString()) : answer.body.toString();
          const headers = { ...answer.headers, ...action.headers };
          delete headers['content-length'];
          delete headers['transfer-encoding'];
          res.writeHead(answer.status, headers).end(text);
          return;
        }
        if (action.forward) await forwardRequest(target, req, body);
        if (action.do === 'lose') req.socket.destroy();
        else res.writeHead(action.status, { 'content-type': 'application/json' }).end(action.body);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  h.later(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const isConnect = (r: Seen, imei: string) => r.url.includes('/smart_meter/connect') && r.body.includes(imei);
const isGetUser = (r: Seen, uid: string) => r.method === 'GET' && r.url.includes(`/users/${uid}`);
const isProvision = (r: Seen) => r.method === 'POST' && /\/users(\?|$)/.test(r.url);

const attemptsOf = async (ledger: Ledger, call: string) =>
  (await recordsOf(ledger, 'api_attempt')).filter((r) => r.call === call);
const verificationsOf = async (ledger: Ledger, jobId: string) =>
  (await recordsOf(ledger, 'verification')).filter((r) => r.jobId === jobId);

describe('which jobs a connect attempt sends', () => {
  it('a job journaled in training mode is not sent by a production station: it waits for its mode', async () => {
    const dir = h.dir();
    const ledger = await openLedger({ dataDir: dir });
    const imei = testImei(1, TAC);
    await seedJob(ledger, { jobId: 'trained', uid: 'cr-0001', imei, state: 'ready', mode: 'training' });
    await ledger.close();
    const { service } = await h.station({ dir, startWorker: false });
    const result = await service.attempt('trained');
    expect(result).toMatchObject({ outcome: 'queued', problem: { kind: 'waiting_for_mode' } });
    expect(service.job('trained')?.state).toBe('ready');
    expect(h.sim.requestLog().connectsByImei[imei]).toBeUndefined();
  });

  it('a job that already waits for a person is answered from the journal, with no request', async () => {
    const dir = h.dir();
    const ledger = await openLedger({ dataDir: dir });
    const imei = testImei(2, TAC);
    await seedJob(ledger, {
      jobId: 'waiting',
      uid: 'cr-0002',
      imei,
      state: 'needs_attention',
      reasonKind: 'conflict',
    });
    await ledger.close();
    const { service } = await h.station({ dir, startWorker: false });
    const result = await service.attempt('waiting');
    expect(result).toMatchObject({ outcome: 'needs_attention', problem: { kind: 'conflict' } });
    expect(service.job('waiting')?.state).toBe('needs_attention');
    expect(h.sim.requestLog().connectsByImei[imei]).toBeUndefined();
  });
});

describe('a connect that Validic accepts', () => {
  it('a 202 without a usable body still connects, journaled as accepted without a body', async () => {
    const imei = testImei(3, TAC);
    const base = await scriptedProxy((r) =>
      isConnect(r, imei) ? { do: 'answer', status: 202, body: '', forward: true } : { do: 'pass' },
    );
    const { service } = await h.station({ base, startWorker: false });
    const result = await service.onboard({ imei, uid: 'cr-0003', deviceType: 'blood_glucose' });
    expect(result).toMatchObject({ outcome: 'connected', connection: null });
    if (result.outcome !== 'connected') throw new Error(result.outcome);
    expect(service.job(result.job.jobId)?.reasonKind).toBe('accepted_without_body');
  });

  it('after a first device connects, the patient counts as having a smart_meter source for the next one', async () => {
    // The second device's check is skipped because of the source the first made, which this process remembers.
    const { service, ledger } = await h.station({ startWorker: false });
    const uid = 'cr-0004';
    const first = await service.onboard({ imei: testImei(4, TAC), uid, deviceType: 'blood_glucose' });
    expect(first.outcome).toBe('connected');
    const second = await service.onboard({ imei: testImei(5, TAC), uid, deviceType: 'weight_scale' });
    if (second.outcome !== 'connected') throw new Error(second.outcome);
    const [skipped] = await verificationsOf(ledger, second.job.jobId);
    expect(skipped).toMatchObject({ outcome: 'skipped' });
    expect(skipped?.detail).toMatch(/^the patient already has a smart_meter source/);
  });
});

describe('a re-send after a lost answer', () => {
  // Validic may answer a repeated connect 422 (as its v2 reference does) or 409 (as v1 did).
  it.each([
    [422, 6, 'cr-0006'],
    [409, 17, 'cr-0017'],
  ])('refused with %i: a person decides, told Validic’s status and its own words', async (status, k, uid) => {
    const imei = testImei(k, TAC);
    let connects = 0;
    const base = await scriptedProxy((r) => {
      if (!isConnect(r, imei)) return { do: 'pass' };
      connects++;
      return connects === 1
        ? { do: 'lose', forward: true }
        : {
            do: 'answer',
            status,
            body: JSON.stringify({ errors: ['device already registered'] }),
            forward: false,
          };
    });
    const { service } = await h.station({ base, startWorker: false });
    const result = await service.onboard({ imei, uid, deviceType: 'blood_glucose' });
    expect(result).toMatchObject({
      outcome: 'needs_attention',
      problem: { kind: 'resend_refused', params: { said: `${status}: device already registered` } },
    });
  });
});

describe('two lost answers', () => {
  it('for a new patient whose read then shows no source: no third request, a person decides', async () => {
    const imei = testImei(7, TAC);
    const base = await scriptedProxy((r) => (isConnect(r, imei) ? { do: 'lose', forward: false } : { do: 'pass' }));
    const { service, ledger } = await h.station({ base, startWorker: false });
    const result = await service.onboard({ imei, uid: 'cr-0007', deviceType: 'blood_glucose' });
    expect(result).toMatchObject({
      outcome: 'needs_attention',
      problem: { kind: 'connect_unconfirmed', params: { sent: 2 } },
    });
    // The read was made (it could have settled it) and found nothing.
    expect((await attemptsOf(ledger, 'get_user')).map((a) => a.outcome)).toEqual(['ok']);
  });

  it('for a patient whose read shows only another kind of source: not taken as this device', async () => {
    const imei = testImei(8, TAC);
    const uid = 'cr-0008';
    // The simulator only makes smart_meter sources: the proxy adds another kind to every read of this patient.
    const base = await scriptedProxy((r) => {
      if (isConnect(r, imei)) return { do: 'lose', forward: false };
      if (isGetUser(r, uid) || isProvision(r))
        return {
          do: 'pass',
          rewrite: (body) => {
            const user = JSON.parse(body) as { sources?: unknown[] };
            user.sources = [...(user.sources ?? []), { type: 'fitbit', connected_at: '2026-01-01T00:00:00Z' }];
            return JSON.stringify(user);
          },
        };
      return { do: 'pass' };
    });
    const { service } = await h.station({ base, startWorker: false });
    const result = await service.onboard({ imei, uid, deviceType: 'blood_glucose' });
    expect(result).toMatchObject({ outcome: 'needs_attention', problem: { kind: 'connect_unconfirmed' } });
  });

  it('when the read itself fails: no third request, a person decides', async () => {
    const imei = testImei(9, TAC);
    const uid = 'cr-0009';
    const base = await scriptedProxy((r) => {
      if (isConnect(r, imei)) return { do: 'lose', forward: false };
      if (isGetUser(r, uid)) return { do: 'answer', status: 500, body: '{"errors":["down"]}', forward: false };
      return { do: 'pass' };
    });
    const { service } = await h.station({ base, startWorker: false, clientOptions: { retries: 0 } });
    const result = await service.onboard({ imei, uid, deviceType: 'blood_glucose' });
    expect(result).toMatchObject({ outcome: 'needs_attention', problem: { kind: 'connect_unconfirmed' } });
    expect(h.sim.requestLog().connectsByImei[imei]).toBeUndefined();
  });

  it('when both landed, the read settles it: connected and verified, with why in the journal', async () => {
    const imei = testImei(10, TAC);
    const base = await scriptedProxy((r) => (isConnect(r, imei) ? { do: 'lose', forward: true } : { do: 'pass' }));
    const { service, ledger } = await h.station({ base, startWorker: false });
    const result = await service.onboard({ imei, uid: 'cr-0010', deviceType: 'blood_glucose' });
    if (result.outcome !== 'connected') throw new Error(result.outcome);
    expect(service.job(result.job.jobId)?.state).toBe('verified');
    expect(await verificationsOf(ledger, result.job.jobId)).toEqual([
      expect.objectContaining({ outcome: 'confirmed', detail: 'read after two lost answers' }),
    ]);
  });
});

describe('a refused marketplace token', () => {
  /** Hands out a stale marketplace token at provision: the first connect is refused, the read has the real one. */
  const staleAtProvision = (r: Seen): Action | undefined =>
    isProvision(r)
      ? {
          do: 'pass',
          rewrite: (body) => {
            const user = JSON.parse(body) as { marketplace: { token: string } };
            user.marketplace.token = 'stale-token';
            return JSON.stringify(user);
          },
        }
      : undefined;

  it('a changed token is tried once more, journaled as the second send', async () => {
    const imei = testImei(11, TAC);
    const base = await scriptedProxy((r) => staleAtProvision(r) ?? { do: 'pass' });
    const { service, ledger } = await h.station({ base, startWorker: false });
    const result = await service.onboard({ imei, uid: 'cr-0011', deviceType: 'blood_glucose' });
    expect(result.outcome).toBe('connected');
    expect((await attemptsOf(ledger, 'connect')).map((a) => [a.outcome, a.attempt])).toEqual([
      ['unauthorized', 1],
      ['ok', 2],
    ]);
  });

  it('the changed token refused too: this device waits for a person, the queue does not pause', async () => {
    const imei = testImei(12, TAC);
    const base = await scriptedProxy(
      (r) =>
        staleAtProvision(r) ??
        (isConnect(r, imei)
          ? { do: 'answer', status: 401, body: '{"errors":["no"]}', forward: false }
          : { do: 'pass' }),
    );
    const { service } = await h.station({ base, startWorker: false });
    const result = await service.onboard({ imei, uid: 'cr-0012', deviceType: 'blood_glucose' });
    expect(result).toMatchObject({
      outcome: 'needs_attention',
      problem: { kind: 'device_refused', params: { status: 401 } },
    });
    expect(service.queueStatus().paused).toBeNull();
  });

  it('the organization token refused: the queue pauses and the job says it is paused, with why', async () => {
    const { service } = await h.station({ startWorker: false, clientOptions: { orgToken: 'not-the-token' } });
    const result = await service.onboard({ imei: testImei(13, TAC), uid: 'cr-0013', deviceType: 'blood_glucose' });
    if (result.outcome !== 'queued') throw new Error(result.outcome);
    expect(result.problem.kind).toBe('unauthorized');
    expect(service.job(result.job.jobId)?.reason).toBe(`Paused: ${result.problem.message}`);
    expect(service.queueStatus().paused).not.toBeNull();
  });
});

describe('the onboarding service', () => {
  it('holds back verification reads while Validic says fewer calls remain than a twentieth of the budget', async () => {
    // The default budget is 2000 calls an hour: a twentieth (100) stays for connects. Validic says 60 remain.
    const base = await scriptedProxy(() => ({ do: 'pass', headers: { 'x-ratelimit-remaining': '60' } }));
    const { service } = await h.station({ base });
    const result = await service.onboard({ imei: testImei(15, TAC), uid: 'cr-0015', deviceType: 'blood_glucose' });
    if (result.outcome !== 'connected') throw new Error(result.outcome);
    await service.worker.idle();
    expect(service.worker.verificationDeferred()).toBe(true);
    expect(service.job(result.job.jobId)?.state).toBe('connected');
    expect(service.queueStatus().unverified).toBe(1);
  });

  it('a check owed after a connect the worker did not run wakes the worker, which verifies the job', async () => {
    // A queued job not due for an hour, attempted by hand (as a person's "try now"): the worker is idle until told.
    const dir = h.dir();
    const ledger = await openLedger({ dataDir: dir });
    const nextAttemptAt = new Date(Date.now() + 3_600_000).toISOString();
    await seedJob(ledger, {
      jobId: 'by-hand',
      uid: 'cr-0016',
      imei: testImei(16, TAC),
      state: 'queued',
      reasonKind: 'server_error',
      nextAttemptAt,
    });
    await ledger.close();
    const { service } = await h.station({ dir, verifyDelayMs: 0 });
    expect((await service.attempt('by-hand')).outcome).toBe('connected');
    // An event, not a sleep: resolves once the journal shows the job verified.
    await service.worker.until(() => service.job('by-hand')?.state === 'verified');
    expect(service.queueStatus().unverified).toBe(0);
  }, 10_000);
});

describe('openKioskEngine', () => {
  it('takes its credentials from the environment given (production), and logs through the logger given', async () => {
    const { sim } = h;
    const logged: string[] = [];
    const note = (_obj: object, msg?: string) => logged.push(msg ?? '');
    const engine = await openKioskEngine({
      dataDir: h.dir(),
      env: {
        VALIDIC_ORG_ID: sim.orgId,
        VALIDIC_TOKEN: sim.token,
        VALIDIC_API_BASE: sim.baseUrl,
        VALIDIC_DIRECT_BASE: sim.baseUrl,
      },
      logger: { debug: note, warn: note },
      onboarding: { startWorker: false },
    });
    try {
      expect(engine.mode).toBe('production');
      expect(engine.simulator).toBeUndefined();
      const result = await engine.onboarding.onboard({
        imei: testImei(14, TAC),
        uid: 'cr-0014',
        deviceType: 'blood_glucose',
      });
      expect(result.outcome).toBe('connected');
      expect(logged.length).toBeGreaterThan(0);
    } finally {
      await engine.close();
    }
  });
});
