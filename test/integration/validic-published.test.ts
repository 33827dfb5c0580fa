/**
 * The CLI against a Validic that answers as its published material allows (simulator profiles
 * `published` and `gateway`, over real HTTP on 127.0.0.1): one connect per new device, returning
 * patients at a second station, disconnects that never create a patient, and a batch where sources[]
 * never lists devices and 20% of connects are applied then answered 502.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { saveSettings } from '../../src/config/index.js';
import { makeImei } from '../support/imei.js';
import { openLedger, readLedger } from '../../src/ledger/index.js';
import { OnboardingService } from '../../src/onboarding/service.js';
import { ValidicClient } from '../../src/validic/index.js';
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from '../../src/simulator/index.js';
import { runCliCaptured } from '../support/cli.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'validic-published-'));
const envKeys = ['VALIDIC_API_BASE', 'VALIDIC_DIRECT_BASE', 'VALIDIC_ORG_ID', 'VALIDIC_TOKEN'] as const;
const savedEnv = Object.fromEntries(envKeys.map((k) => [k, process.env[k]]));
const sims: SimulatorHandle[] = [];
let dirs = 0;

afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.close();
  for (const k of envKeys) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const imei = (n: number) => makeImei('35000007', 100_000 + n);
const json = (line: string | undefined) => JSON.parse(line ?? 'null') as Record<string, unknown>;

/** A simulator answering as published, and a station (data folder) pointed at it in production mode. */
async function validic(options: SimulatorOptions): Promise<SimulatorHandle> {
  const sim = await startSimulator({ rateLimit: { limit: 100_000, windowMs: 3_600_000 }, ...options });
  sims.push(sim);
  Object.assign(process.env, {
    VALIDIC_API_BASE: sim.baseUrl,
    VALIDIC_DIRECT_BASE: sim.baseUrl,
    VALIDIC_ORG_ID: sim.orgId,
    VALIDIC_TOKEN: sim.token,
  });
  return sim;
}
function station(): string {
  const dir = path.join(root, `station-${dirs++}`);
  saveSettings(dir, { station: `station-${dirs}`, client: { timeoutMs: 2_000, retries: 4, concurrency: 8 } });
  return dir;
}

describe('against a Validic that answers as published', () => {
  it('a new patient connects with one connect request, and the journal says connected (no verification loop)', async () => {
    const sim = await validic({ profile: 'published', firstReadingDelayMs: null });
    const dir = station();
    const run = await runCliCaptured([
      'connect',
      '--uid',
      'pub-0001',
      '--imei',
      imei(1),
      '--type',
      'blood_glucose',
      '--json',
      '--data-dir',
      dir,
    ]);
    expect(run.code, run.stdout.join('\n')).toBe(0);
    expect(json(run.stdout[0])).toMatchObject({ ok: true, state: 'connected', mode: 'production' });
    expect(sim.requestLog().connectsByImei[imei(1)]).toBe(1);
    // provision + connect + one type-level read that finds no source (sources[] lags): 3 calls, and it stops there.
    expect(sim.requestCount()).toBe(3);
    expect(sim.requestLog().byRoute).toEqual({ provision: 1, connect: 1, get_user: 1 });
    // Listed as connected with no type-level check (connected is final, so not among the open jobs).
    const listed = await runCliCaptured(['jobs', '--state', 'unverified', '--json', '--data-dir', dir]);
    expect(json(listed.stdout.at(-1))).toMatchObject({
      jobs: [{ imei: imei(1), state: 'connected' }],
      queue: { unverified: 1 },
    });
  });

  it('the same patient at a second station (another data folder) connects with no new user: provision answers 422 taken, one read', async () => {
    const sim = await validic({ profile: 'published', firstReadingDelayMs: null });
    const first = await runCliCaptured([
      'connect',
      '--uid',
      'pub-0002',
      '--imei',
      imei(2),
      '--type',
      'blood_glucose',
      '--json',
      '--data-dir',
      station(),
    ]);
    expect(first.code, first.stdout.join('\n')).toBe(0);
    const before = sim.requestLog().byRoute;
    const second = await runCliCaptured([
      'connect',
      '--uid',
      'pub-0002',
      '--imei',
      imei(3),
      '--type',
      'blood_pressure',
      '--json',
      '--data-dir',
      station(),
    ]);
    expect(second.code, second.stdout.join('\n')).toBe(0);
    expect(json(second.stdout[0])).toMatchObject({ ok: true, state: 'connected' });
    const after = sim.requestLog().byRoute;
    // 422 {"errors": {"uid": ["has already been taken"]}} → read back → connect; no verification (the patient already had a source? not yet: sources lag).
    expect((after.provision ?? 0) - (before.provision ?? 0)).toBe(1);
    expect((after.connect ?? 0) - (before.connect ?? 0)).toBe(1);
    expect(sim.state().users.filter((u) => u.uid === 'pub-0002')).toHaveLength(1);
    expect(
      sim
        .state()
        .users.find((u) => u.uid === 'pub-0002')!
        .connections.map((c) => c.device_id),
    ).toEqual([imei(2), imei(3)]);
  });

  it('a returning patient this station knows costs one read after a restart, not a provisioning', async () => {
    const sim = await validic({ profile: 'published', firstReadingDelayMs: null });
    const dir = station();
    expect(
      (
        await runCliCaptured([
          'connect',
          '--uid',
          'pub-0003',
          '--imei',
          imei(4),
          '--type',
          'blood_glucose',
          '--json',
          '--data-dir',
          dir,
        ])
      ).code,
    ).toBe(0);
    const before = sim.requestLog().byRoute;
    const again = await runCliCaptured([
      'connect',
      '--uid',
      'pub-0003',
      '--imei',
      imei(5),
      '--type',
      'weight_scale',
      '--json',
      '--data-dir',
      dir,
    ]);
    expect(again.code, again.stdout.join('\n')).toBe(0);
    const after = sim.requestLog().byRoute;
    expect((after.provision ?? 0) - (before.provision ?? 0)).toBe(0);
    expect((after.get_user ?? 0) - (before.get_user ?? 0)).toBe(1);
    expect((after.connect ?? 0) - (before.connect ?? 0)).toBe(1);
  });

  it('disconnect --all for a uid Validic does not know exits 1 with the reason and creates no user', async () => {
    const sim = await validic({ profile: 'published' });
    const run = await runCliCaptured([
      'disconnect',
      '--uid',
      'pub-unknown',
      '--all',
      '--json',
      '--data-dir',
      station(),
    ]);
    expect(run.code).toBe(1);
    expect(JSON.stringify(json(run.stdout[0]))).toContain('Validic has no patient');
    expect(sim.state().users).toEqual([]);
    expect(sim.requestLog().byRoute).toEqual({ get_user: 1 });
  });

  it('a connect answered by a redirect (the marketplace token is not accepted) needs attention for that device and pauses nothing', async () => {
    const sim = await validic({ profile: 'published', firstReadingDelayMs: null });
    // The direct host sends every token to its sign-in page; the REST host (the org token) is fine.
    const direct = createServer((_req, res) => {
      res.writeHead(302, { location: '/users/sign_in', 'content-type': 'text/html' });
      res.end('<html><title>Sign in</title></html>');
    });
    await new Promise<void>((r) => direct.listen(0, '127.0.0.1', r));
    const ledger = await openLedger({ dataDir: station() });
    const client = new ValidicClient({
      orgId: sim.orgId,
      orgToken: sim.token,
      apiBase: sim.baseUrl,
      directBase: `http://127.0.0.1:${(direct.address() as AddressInfo).port}`,
    });
    const service = new OnboardingService({ ledger, client, station: 'st', operator: 'op' });
    try {
      const result = await service.onboard({ imei: imei(6), uid: 'pub-0004', deviceType: 'blood_glucose' });
      expect(result).toMatchObject({ outcome: 'needs_attention', problem: { kind: 'device_refused' } });
      expect(service.queueStatus().paused).toBeNull();
      // One cheap org-token read decided it (provision, connect, read): the token did not change, so no second connect.
      expect(sim.requestLog().byRoute).toEqual({ provision: 1, get_user: 1 });
    } finally {
      await service.close();
      await ledger.close();
      direct.closeAllConnections();
      await new Promise((r) => direct.close(r));
    }
  });

  it('a refused marketplace token with a refused org token too pauses the queue (the credentials are wrong)', async () => {
    const sim = await validic({ profile: 'published', firstReadingDelayMs: null });
    const ledger = await openLedger({ dataDir: station() });
    const client = new ValidicClient({
      orgId: sim.orgId,
      orgToken: 'f'.repeat(64),
      apiBase: sim.baseUrl,
      directBase: sim.baseUrl,
    });
    const service = new OnboardingService({ ledger, client, station: 'st', operator: 'op' });
    try {
      const result = await service.onboard({ imei: imei(7), uid: 'pub-0005', deviceType: 'blood_glucose' });
      expect(result).toMatchObject({ outcome: 'queued', problem: { kind: 'unauthorized' } });
      expect(service.queueStatus().paused).not.toBeNull();
    } finally {
      await service.close();
      await ledger.close();
    }
  });

  it('a re-send refused after a lost answer needs attention; the first reading then proves the connect and the job is connected', async () => {
    const sim = await validic({
      profile: 'published',
      repeatConnect: 'refuse',
      firstReadingDelayMs: 0,
      faults: { gatewayShare: 1 },
    });
    const ledger = await openLedger({ dataDir: station() });
    const client = new ValidicClient({
      orgId: sim.orgId,
      orgToken: sim.token,
      apiBase: sim.baseUrl,
      directBase: sim.baseUrl,
    });
    const service = new OnboardingService({ ledger, client, station: 'st', operator: 'op' });
    try {
      const result = await service.onboard({ imei: imei(8), uid: 'pub-0006', deviceType: 'blood_pressure' });
      expect(result).toMatchObject({ outcome: 'needs_attention', problem: { kind: 'resend_refused' } });
      expect(sim.requestLog().connectsByImei[imei(8)]).toBe(2);
      const reading = await service.checkFirstReading('pub-0006', imei(8));
      expect(reading).toMatchObject({
        confirmed: true,
        reading: { metrics: [{ type: 'systolic', unit: 'mmHg' }, { type: 'diastolic' }, { type: 'pulse' }] },
      });
      const job = service.jobs('all').find((j) => j.imei === imei(8))!;
      expect(job).toMatchObject({ state: 'connected', reasonKind: 'confirmed_by_reading' });
      expect(job.confirmedAt).toBeDefined();
      expect(sim.requestLog().connectsByImei[imei(8)]).toBe(2);
    } finally {
      await service.close();
      await ledger.close();
    }
  });

  it('a disconnect applied and then answered 502 is re-sent once; the 404 to the re-send means it went through', async () => {
    const sim = await validic({ profile: 'published', firstReadingDelayMs: null });
    const ledger = await openLedger({ dataDir: station() });
    const client = new ValidicClient({
      orgId: sim.orgId,
      orgToken: sim.token,
      apiBase: sim.baseUrl,
      directBase: sim.baseUrl,
    });
    const service = new OnboardingService({ ledger, client, station: 'st', operator: 'op' });
    try {
      expect((await service.onboard({ imei: imei(9), uid: 'pub-0007', deviceType: 'blood_glucose' })).outcome).toBe(
        'connected',
      );
      sim.setFaults({ gatewayShare: 1 });
      const result = await service.disconnect('pub-0007', imei(9));
      expect(result).toMatchObject({ credentials: { device_id: imei(9) } });
      expect(sim.requestLog().byRoute.disconnect).toBe(2);
      expect(sim.state().users.find((u) => u.uid === 'pub-0007')!.connections[0]!.deleted_at).not.toBeNull();
      const attempts: number[] = [];
      for await (const r of ledger.records({}))
        if (r.type === 'api_attempt' && r.call === 'disconnect') attempts.push(r.attempt ?? 0);
      expect(attempts).toEqual([1, 2]);
      expect(service.jobs('all').find((j) => j.imei === imei(9))?.disconnectedAt).toBeDefined();
    } finally {
      await service.close();
      await ledger.close();
    }
  });

  it('a 10-device batch, sources[] never listing devices, 20% of connects applied then answered 502: each IMEI once on its own uid, ≤ 2 connects per IMEI, ≤ 5 calls per device', async () => {
    const sim = await validic({ profile: 'gateway', firstReadingDelayMs: null, seed: 4 });
    const dir = station();
    const devices = Array.from({ length: 10 }, (_, i) => ({
      uid: `gw-${String(i + 1).padStart(4, '0')}`,
      imei: imei(100 + i),
    }));
    const orders = path.join(root, 'gateway-orders.csv');
    writeFileSync(
      orders,
      `uid,device_type,order_ref,expected_imei\n${devices.map((d, i) => `${d.uid},blood_glucose,GW-${i + 1},${d.imei}`).join('\n')}\n`,
    );
    const started = Date.now();
    const run = await runCliCaptured(
      ['batch', orders, '--data-dir', dir, '--json'],
      `${devices.map((d) => d.imei).join('\n')}\n`,
    );
    const elapsedMs = Date.now() - started;
    const summary = json(run.stdout.at(-1));
    expect(summary).toMatchObject({ queued: 0, rejected_rows: 0 });
    expect(elapsedMs).toBeLessThan(150_000);

    const state = sim.state();
    for (const d of devices) {
      const holders = state.users
        .filter((u) => u.connections.some((c) => c.device_id === d.imei && c.deleted_at === null))
        .map((u) => u.uid);
      expect(holders, d.imei).toEqual([d.uid]);
      expect(sim.requestLog().connectsByImei[d.imei] ?? 0, d.imei).toBeLessThanOrEqual(2);
    }
    expect(Object.values(sim.requestLog().connectsByImei).some((n) => n === 2)).toBe(true); // the fault did strike
    expect(sim.requestCount()).toBeLessThanOrEqual(5 * devices.length);
    const { index } = await readLedger(dir);
    for (const job of index.allJobs()) expect(job.apiAttempts, job.jobId).toBeLessThanOrEqual(5);
    // The journal shows each deliberate re-send: attempt 2 of a connect.
    const resent = index.allJobs().filter((j) => j.connectSends === 2);
    expect(resent.length).toBeGreaterThan(0);
    for (const job of resent) expect(['connected', 'verified', 'needs_attention']).toContain(job.state);
  }, 160_000);
});
