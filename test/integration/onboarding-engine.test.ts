/** The onboarding engine on a real ledger (temp folder) against the simulator over loopback HTTP. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeImei } from '../support/imei.js';
import { openLedger, type Ledger } from '../../src/ledger/index.js';
import { renderMessage } from '../../src/messages/index.js';
import { OnboardingService, type OnboardingOptions } from '../../src/onboarding/index.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/index.js';
import { ValidicClient, type ValidicClientOptions } from '../../src/validic/index.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'onboarding-'));
let sim: SimulatorHandle;
let n = 0;
const open: Array<{ service: OnboardingService; ledger: Ledger }> = [];

const imei = (i: number) => makeImei('35000007', i);

function clientFor(overrides: Partial<ValidicClientOptions> = {}): ValidicClient {
  return new ValidicClient({
    orgId: sim.orgId,
    orgToken: sim.token,
    apiBase: sim.baseUrl,
    directBase: sim.baseUrl,
    backoffBaseMs: 5,
    backoffMaxMs: 20,
    ...overrides,
  });
}

async function engine(options: { client?: ValidicClient; dir?: string } & Partial<OnboardingOptions> = {}) {
  const dir = options.dir ?? path.join(root, `case-${n++}`);
  const ledger = await openLedger({ dataDir: dir });
  const service = new OnboardingService({
    ledger,
    client: options.client ?? clientFor(),
    station: 'test-station',
    operator: 'op-ann',
    retryBaseMs: 50,
    retryMaxMs: 200,
    ...options,
  });
  open.push({ service, ledger });
  return { service, ledger, dir };
}

async function closeAll() {
  for (const { service, ledger } of open.splice(0)) {
    await service.close();
    await ledger.close();
  }
}

beforeAll(async () => {
  sim = await startSimulator({ rateLimit: { limit: 1_000_000, windowMs: 3_600_000 } });
});
afterEach(async () => {
  sim.setFaults({});
  await closeAll();
});
afterAll(async () => {
  await sim.close();
  rmSync(root, { recursive: true, force: true });
});

const simConnections = (uid: string) => sim.state().users.find((u) => u.uid === uid)?.connections ?? [];

describe('idempotency', () => {
  it('a duplicate scan for the same uid is answered from the journal and not sent again', async () => {
    const { service } = await engine();
    const first = await service.onboard({ imei: imei(1), uid: 'dup-scan-01', deviceType: 'blood_glucose' });
    expect(first.outcome).toBe('connected');
    const connectsBefore = sim.state().counts.connect;
    const second = await service.onboard({
      imei: imei(1),
      uid: 'dup-scan-01',
      deviceType: 'blood_glucose',
      operator: 'op-bob',
    });
    expect(second).toMatchObject({ outcome: 'already_connected', by: 'op-ann' });
    if (second.outcome === 'already_connected') expect(second.at).toBe(second.job.connectedAt);
    expect(sim.state().counts.connect).toBe(connectsBefore);
    expect(simConnections('dup-scan-01')).toHaveLength(1);
    expect(service.ledger.captureSeqs(imei(1))).toHaveLength(2); // both scans are on record
  });

  it('an IMEI bound to another uid is blocked until a supervisor override, which disconnects it there first', async () => {
    const { service, ledger } = await engine();
    const a = await service.onboard({ imei: imei(2), uid: 'owner-aaaa', deviceType: 'blood_pressure' });
    expect(a.outcome).toBe('connected');
    const connects = sim.state().counts.connect;

    const blocked = await service.onboard({ imei: imei(2), uid: 'owner-bbbb', deviceType: 'blood_pressure' });
    // The journal's own knowledge, not Validic's 409: its own kind, the other patient only as its last 4.
    expect(blocked).toMatchObject({
      outcome: 'needs_attention',
      problem: {
        kind: 'held_by_other_patient',
        ...renderMessage('en', 'held_by_other_patient', { imeiLast4: imei(2).slice(-4), otherLast4: 'aaaa' }),
      },
    });
    expect(sim.state().counts.connect).toBe(connects); // nothing sent
    if (blocked.outcome !== 'needs_attention') throw new Error('unreachable');
    // The journal's reason is read at this counter: the other patient appears only as its last 4.
    expect(blocked.job.reason).not.toContain('owner-aaaa');
    expect(blocked.job.reason).toContain('(…aaaa)');

    const overridden = await service.override(blocked.job.jobId, 'sup-sam');
    expect(overridden.outcome).toBe('connected');
    expect(simConnections('owner-aaaa')[0]?.deleted_at).not.toBeNull();
    expect(
      simConnections('owner-bbbb')
        .filter((c) => c.deleted_at === null)
        .map((c) => c.device_id),
    ).toEqual([imei(2)]);

    const actions: string[] = [];
    for await (const r of ledger.records()) if (r.type === 'operator_action') actions.push(`${r.action}:${r.uid}`);
    expect(actions).toEqual(['override:owner-bbbb', 'disconnect:owner-aaaa']);
    if (a.outcome !== 'connected') throw new Error('unreachable');
    expect(ledger.job(a.job.jobId)?.disconnectedBy).toBe('op-ann');
    // The old binding is gone: the IMEI now answers for its new owner.
    expect(service.binding(imei(2))?.uid).toBe('owner-bbbb');
  });

  it('a 409 from Validic (bound outside this kiosk) needs attention with one next action', async () => {
    const outside = clientFor();
    const user = await outside.provisionUser('elsewhere-01');
    await outside.connect(user.marketplace.token, imei(3), 'weight_scale');
    const { service } = await engine();
    const result = await service.onboard({ imei: imei(3), uid: 'here-00001', deviceType: 'weight_scale' });
    expect(result).toMatchObject({ outcome: 'needs_attention', problem: { kind: 'conflict' } });
    if (result.outcome !== 'needs_attention') throw new Error('unreachable');
    expect(result.job.nextAction).toMatch(/supervisor/);
    // The supervisor names the other patient; the device moves, journaled.
    const moved = await service.override(result.job.jobId, 'sup-sam', 'op-ann', 'elsewhere-01');
    expect(moved.outcome).toBe('connected');
    expect(simConnections('elsewhere-01')[0]?.deleted_at).not.toBeNull();
    expect(simConnections('here-00001').map((c) => c.device_id)).toEqual([imei(3)]);
  });

  it('a second device of the same type asks for confirmation; confirmed, it is journaled', async () => {
    const { service, ledger } = await engine();
    await service.onboard({ imei: imei(4), uid: 'two-of-a-kind', deviceType: 'blood_glucose' });
    const ask = await service.onboard({ imei: imei(5), uid: 'two-of-a-kind', deviceType: 'blood_glucose' });
    expect(ask).toMatchObject({ outcome: 'needs_confirmation', problem: { kind: 'second_device' } });
    expect(ledger.jobsByImei(imei(5))).toHaveLength(0);
    const other = await service.onboard({ imei: imei(6), uid: 'two-of-a-kind', deviceType: 'weight_scale' });
    expect(other.outcome).toBe('connected'); // another type needs no confirmation
    const confirmed = await service.onboard({
      imei: imei(5),
      uid: 'two-of-a-kind',
      deviceType: 'blood_glucose',
      confirmSecondDevice: true,
    });
    expect(confirmed.outcome).toBe('connected');
    expect(simConnections('two-of-a-kind').filter((c) => c.deleted_at === null)).toHaveLength(3);
  });
});

describe('the queue', () => {
  it('a 401 pauses everything; reopened with fixed credentials (as the kiosk does) it finishes the queue', async () => {
    const other = sim.addOrganization();
    const client = clientFor({ orgToken: other.token });
    const { service, dir } = await engine({ client });
    const first = await service.onboard({ imei: imei(10), uid: 'paused-0001', deviceType: 'blood_glucose' });
    expect(first).toMatchObject({ outcome: 'queued', problem: { kind: 'unauthorized' } });
    expect(service.queueStatus().paused).toMatch(/401/);
    // The kind beside the English words, for a screen in another language.
    expect(service.queueStatus().pausedKind).toBe('unauthorized');
    expect(service.job(first.outcome === 'queued' ? first.job.jobId : '')).toMatchObject({
      state: 'queued',
      reasonKind: 'unauthorized',
    });
    const requests = sim.requestCount();
    const second = await service.onboard({
      imei: imei(11),
      uid: 'paused-0002',
      deviceType: 'blood_glucose',
      enqueueOnly: true,
    });
    expect(second.outcome).toBe('in_progress');
    // While paused the worker sends nothing (it is idle, not merely slow), and the queue shows both jobs.
    await service.worker.idle();
    expect(sim.requestCount()).toBe(requests);
    expect(service.queueStatus()).toMatchObject({ depth: 2 });
    expect(service.queueStatus().oldestAgeMs).toBeGreaterThanOrEqual(0);

    await closeAll();
    const { service: fixed } = await engine({ dir });
    await fixed.worker.until(() => fixed.jobs('all').every((j) => j.state === 'verified'));
    expect(simConnections('paused-0001')).toHaveLength(1);
    expect(simConnections('paused-0002')).toHaveLength(1);
    expect(fixed.queueStatus()).toMatchObject({ depth: 0, paused: null, pausedKind: null, unverified: 0 });
  });

  it('transient failures queue the job with a visible next attempt; the worker finishes it', async () => {
    sim.setFaults({ serverErrorShare: 1 });
    const { service } = await engine({ client: clientFor({ retries: 1 }) });
    const result = await service.onboard({ imei: imei(12), uid: 'retry-00001', deviceType: 'blood_glucose' });
    expect(result).toMatchObject({ outcome: 'queued', problem: { kind: 'server_error' } });
    expect(service.queueStatus().depth).toBe(1);
    expect(service.queueStatus().nextAttemptAt).toMatch(/Z$/);
    sim.setFaults({});
    if (result.outcome !== 'queued') throw new Error('unreachable');
    await service.worker.until(() => service.job(result.job.jobId)?.state === 'verified');
    expect(simConnections('retry-00001')).toHaveLength(1);
  });

  it('verification waits when the budget runs low, and never holds up a connect', async () => {
    const client = clientFor({ rateLimit: { limit: 31, windowMs: 600_000 } });
    // 30 usable calls; verification keeps 30 back, so it never starts while connects go on.
    const { service } = await engine({ client, verifyReserve: 30 });
    for (let i = 0; i < 5; i++) {
      const result = await service.onboard({ imei: imei(20 + i), uid: `budget-000${i}`, deviceType: 'blood_glucose' });
      expect(result.outcome).toBe('connected');
    }
    // The worker has nothing left it may do now: verification waits for budget it does not have.
    await service.worker.idle();
    expect(service.queueStatus().unverified).toBe(5);
    expect(service.jobs('unverified')).toHaveLength(5);
    expect(client.stats().byOperation.get_user).toBe(0);
  });
});

describe('recovery on start', () => {
  async function interruptedJob(dir: string, jobImei: string, uid: string) {
    const ledger = await openLedger({ dataDir: dir });
    await ledger.append({
      type: 'job_intent',
      jobId: `job-${uid}`,
      imei: jobImei,
      uid,
      deviceType: 'blood_glucose',
      operator: 'op-ann',
      station: 'test-station',
      mode: 'production',
    });
    await ledger.append({ type: 'job_transition', jobId: `job-${uid}`, from: 'ready', to: 'connecting' });
    await ledger.close();
  }

  it('a connect that reached Validic before the crash is re-sent once, deliberately and journaled, and ends connected', async () => {
    const dir = path.join(root, 'recover-sent');
    await interruptedJob(dir, imei(30), 'recover-0001');
    const direct = clientFor();
    const user = await direct.provisionUser('recover-0001');
    await direct.connect(user.marketplace.token, imei(30), 'blood_glucose');
    const connects = sim.requestLog().connectsByImei[imei(30)] ?? 0;

    const { service, ledger } = await engine({ dir });
    await service.worker.until(() => service.job('job-recover-0001')?.state === 'connected');
    // The crash may have sent one: this is the one re-send (attempt 2), and no more.
    expect((sim.requestLog().connectsByImei[imei(30)] ?? 0) - connects).toBe(1);
    const attempts: number[] = [];
    for await (const r of ledger.records({}))
      if (r.type === 'api_attempt' && r.jobId === 'job-recover-0001' && r.call === 'connect')
        attempts.push(r.attempt ?? 0);
    expect(attempts).toEqual([2]);
    expect(simConnections('recover-0001')).toHaveLength(1);
  });

  it('a connect that never left is sent once after the restart', async () => {
    const dir = path.join(root, 'recover-unsent');
    await interruptedJob(dir, imei(31), 'recover-0002');
    const { service } = await engine({ dir });
    await service.worker.until(() => service.job('job-recover-0002')?.state === 'verified');
    expect(simConnections('recover-0002')).toHaveLength(1);
  });
});

describe('secrets', () => {
  it('the journal holds no organization or marketplace token', async () => {
    const { service, dir } = await engine();
    await service.onboard({ imei: imei(40), uid: 'secret-0001', deviceType: 'blood_glucose' });
    const marketplace = (await clientFor().getUser('secret-0001')).marketplace.token;
    const journal = (await readdir(path.join(dir, 'ledger')))
      .map((f) => readFileSync(path.join(dir, 'ledger', f), 'utf8'))
      .join('');
    expect(journal).toContain(imei(40));
    expect(journal).not.toContain(sim.token);
    expect(journal).not.toContain(marketplace);
  });
});
