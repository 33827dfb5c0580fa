/**
 * Switching between training and production through the kiosk host (the path electron/ipc.ts
 * uses): asked when jobs of the mode of now are not finished, then kept waiting for their mode or
 * cancelled (journaled) as the admin chose; going live needs new PINs; the manifest says the mode
 * and never mixes them. Production is a second simulator over real HTTP, named by the base URLs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, afterAll, beforeEach, describe, expect, it } from 'vitest';
import { saveSettings } from '../../src/config/store.js';
import { createMemoryCredentialStore } from '../../src/app/session/credential-store.js';
import { openKioskHost, type KioskHost } from '../../src/app/kiosk-host.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/index.js';

const IMEI = '356938035643809';
let production: SimulatorHandle;
let dataDir: string;
let host: KioskHost;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read as the test needs; the dispatcher validated them
type Answer = any;
async function call(
  channel: string,
  payload: unknown,
): Promise<{
  ok: boolean;
  value?: Answer;
  error?: { code: string; message: string; refusal?: { code: string; params?: Record<string, unknown> } };
}> {
  return (await host.dispatcher.dispatch(channel, payload)) as never;
}

async function goLive(openJobs?: 'keep' | 'cancel') {
  return call('settings.setCredentials', {
    adminPin: '2468',
    orgId: production.orgId,
    token: production.token,
    ...(openJobs ? { openJobs } : {}),
  });
}

/** A production connect that Validic cannot take now (5xx): the job is QUEUED. */
async function queueProductionJob(uid: string) {
  production.setFaults({ serverErrorShare: 1 });
  const answer = await call('onboard.submit', {
    imei: IMEI,
    raw: IMEI,
    source: 'typed',
    uid,
    deviceType: 'blood_glucose',
  });
  expect(answer.value).toMatchObject({ outcome: 'queued', job: { mode: 'production' } });
  return answer.value.job.id as string;
}

beforeAll(async () => {
  production = await startSimulator();
});
afterAll(async () => production.close());
beforeEach(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-modes-'));
  saveSettings(dataDir, {
    validic: { apiBase: production.baseUrl, directBase: production.baseUrl },
    client: { retries: 0, timeoutMs: 2_000 },
  });
  host = await openKioskHost({
    dataDir,
    version: 'test',
    credentials: createMemoryCredentialStore(),
    env: {},
    engine: { station: 'Test bench', onboarding: { retryBaseMs: 60_000, retryMaxMs: 60_000 } },
  });
  expect((await call('session.signIn', { operatorId: 'op-1' })).ok).toBe(true);
});
afterEach(async () => {
  production.setFaults({});
  await host.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function setNewPins() {
  await call('settings.changePin', { adminPin: '1234', role: 'supervisor', newPin: '1357' });
  await call('settings.changePin', { adminPin: '1234', role: 'admin', newPin: '2468' });
}

describe('going live', () => {
  it('a station in production by its environment refuses supervisor actions with the training PIN until the PINs are new', async () => {
    await host.close();
    const env = { VALIDIC_ORG_ID: production.orgId, VALIDIC_TOKEN: production.token };
    host = await openKioskHost({
      dataDir,
      version: 'test',
      credentials: createMemoryCredentialStore(),
      env,
      engine: { station: 'Test bench' },
    });
    expect((await call('session.signIn', { operatorId: 'op-1' })).ok).toBe(true);
    expect((await call('settings.get', {})).value).toMatchObject({ mode: 'production' });
    const before = production.requestCount();
    const refused = await call('disconnect.all', { uid: 'PAT-ENV1', supervisorPin: '5678' });
    expect(refused.error?.refusal).toMatchObject({ code: 'training_pins_in_production' });
    expect(production.requestCount()).toBe(before);
    await setNewPins();
    expect((await call('disconnect.all', { uid: 'PAT-ENV1', supervisorPin: '1357' })).error?.refusal?.code).not.toBe(
      'training_pins_in_production',
    );
  });

  it('refuses production while the training PINs are in use, and goes live once both are new', async () => {
    const refused = await call('settings.setCredentials', {
      adminPin: '1234',
      orgId: production.orgId,
      token: production.token,
    });
    expect(refused.error?.refusal).toMatchObject({ code: 'training_pins_in_production' });
    expect((await call('settings.get', {})).value).toMatchObject({ mode: 'training', hasToken: false });
    // A PIN changed to the training one is still the training one.
    await call('settings.changePin', { adminPin: '1234', role: 'supervisor', newPin: '5678' });
    await call('settings.changePin', { adminPin: '1234', role: 'admin', newPin: '2468' });
    expect((await goLive()).error?.refusal).toMatchObject({ code: 'training_pins_in_production' });
    await call('settings.changePin', { adminPin: '2468', role: 'supervisor', newPin: '1357' });
    expect((await goLive()).value).toMatchObject({ mode: 'production' });
    // In production the training PINs cannot come back.
    expect(
      (await call('settings.changePin', { adminPin: '2468', role: 'admin', newPin: '1234' })).error?.refusal,
    ).toMatchObject({ code: 'training_pins_in_production' });
    expect((await call('auth.check', { role: 'admin', pin: '1234' })).value).toMatchObject({ ok: false });
  });

  it('tests the connection with one authenticated call, and says when the token is wrong', async () => {
    const good = await call('settings.testConnection', {
      adminPin: '1234',
      orgId: production.orgId,
      token: production.token,
    });
    expect(good.value).toMatchObject({ ok: true });
    const bad = await call('settings.testConnection', {
      adminPin: '1234',
      orgId: production.orgId,
      token: 'not-the-token',
    });
    expect(bad.value).toMatchObject({ ok: false, kind: 'unauthorized' });
    expect((await call('settings.get', {})).value).toMatchObject({ mode: 'training', hasToken: false });
  });
});

describe('switching modes with open jobs', () => {
  it('asks how to treat the open production jobs; kept, they wait for production and are never sent by training', async () => {
    await setNewPins();
    await goLive();
    const jobId = await queueProductionJob('PAT-7001');

    const asked = await call('settings.clearCredentials', { adminPin: '2468' });
    expect(asked.error?.refusal).toMatchObject({
      code: 'open_jobs_in_mode',
      params: { count: 1, mode: 'production', to: 'training' },
    });
    expect((await call('settings.get', {})).value).toMatchObject({ mode: 'production' });

    production.setFaults({});
    expect((await call('settings.clearCredentials', { adminPin: '2468', openJobs: 'keep' })).value).toMatchObject({
      mode: 'training',
    });
    // Training's own simulator never sees it; a retry says it waits for production.
    const retried = await call('jobs.retry', { jobId });
    expect(retried.value).toMatchObject({ id: jobId, state: 'queued', mode: 'production' });
    expect(host.engine().simulator!.requestLog().connectsByImei[IMEI] ?? 0).toBe(0);
    const listed = await call('jobs.list', { filter: 'open' });
    expect(listed.value.jobs).toEqual([expect.objectContaining({ id: jobId, mode: 'production', state: 'queued' })]);
    const today = new Date().toISOString().slice(0, 10);
    const manifest = await call('exports.manifest', { from: today, to: today, fullImei: true });
    expect(manifest.value.rows).toBe(0);
    expect(manifest.value.csv).not.toContain(IMEI);

    // Back in production (nothing of training open: no question), the job is sent there.
    expect((await goLive()).value).toMatchObject({ mode: 'production' });
    await call('jobs.retry', { jobId });
    await expect
      .poll(async () => (await call('jobs.list', { filter: 'all' })).value.jobs[0].state, { timeout: 10_000 })
      .toMatch(/^(connected|verified)$/);
    const live = await call('exports.manifest', { from: today, to: today, fullImei: true });
    expect(live.value.csv.split('\n')[0]).toContain(',mode');
    expect(live.value.csv).toMatch(new RegExp(`${IMEI},blood_glucose,\\w+,,[^,]*,production`));
  });

  it('cancels them, journaled with the switch as the reason, when the admin says so', async () => {
    await setNewPins();
    await goLive();
    const jobId = await queueProductionJob('PAT-7002');
    expect((await call('settings.clearCredentials', { adminPin: '2468', openJobs: 'cancel' })).value).toMatchObject({
      mode: 'training',
    });
    const [job] = (await call('jobs.list', { filter: 'all' })).value.jobs;
    expect(job).toMatchObject({
      id: jobId,
      state: 'cancelled',
      mode: 'production',
      reasonKind: 'mode_switch_cancelled',
      reason: 'Cancelled when the kiosk switched from production to training mode.',
    });
    expect(
      host
        .engine()
        .ledger.jobs()
        .find((j) => j.jobId === jobId)?.state,
    ).toBe('cancelled');
  });

  it('asks on the way into production too, for unfinished training jobs', async () => {
    await setNewPins();
    host.engine().simulator!.setFaults({ serverErrorShare: 1 });
    const answer = await call('onboard.submit', {
      imei: IMEI,
      raw: IMEI,
      source: 'typed',
      uid: 'PAT-7003',
      deviceType: 'blood_glucose',
    });
    expect(answer.value).toMatchObject({ outcome: 'queued', job: { mode: 'training' } });
    expect((await goLive()).error?.refusal).toMatchObject({
      code: 'open_jobs_in_mode',
      params: { count: 1, mode: 'training' },
    });
  });
});

describe('queue search', () => {
  it('looks in every job, whatever the tab', async () => {
    expect(
      (
        await call('onboard.submit', {
          imei: IMEI,
          raw: IMEI,
          source: 'typed',
          uid: 'PAT-7004',
          deviceType: 'blood_glucose',
        })
      ).value,
    ).toMatchObject({ outcome: 'connected' });
    const found = await call('jobs.list', { filter: 'queued', search: '3809' });
    expect(found.value.jobs).toEqual([expect.objectContaining({ uid: 'PAT-7004', mode: 'training' })]);
  });
});

describe('a station that cannot reach Validic', () => {
  it('says a DNS failure in words, with its cause for the banner, never the raw getaddrinfo', async () => {
    await host.close();
    saveSettings(dataDir, {
      validic: { apiBase: 'https://api.validic.invalid', directBase: 'https://direct.validic.invalid' },
      client: { retries: 0, timeoutMs: 2_000 },
    });
    const credentials = createMemoryCredentialStore();
    await credentials.save({ orgId: 'org-1', token: 'token-of-org-1' });
    host = await openKioskHost({
      dataDir,
      version: 'test',
      credentials,
      env: {},
      engine: { station: 'Test bench', onboarding: { retryBaseMs: 60_000, retryMaxMs: 60_000 } },
    });
    await call('session.signIn', { operatorId: 'op-1' });
    const answer = await call('onboard.submit', {
      imei: IMEI,
      raw: IMEI,
      source: 'typed',
      uid: 'PAT-7005',
      deviceType: 'blood_glucose',
    });
    expect(answer.value).toMatchObject({
      outcome: 'queued',
      job: { mode: 'production', reasonKind: 'network', reasonParams: { cause: 'dns' } },
    });
    expect(answer.value.problem.message).toContain('the name api.validic.invalid cannot be found (DNS)');
    expect(JSON.stringify(answer.value)).not.toMatch(/getaddrinfo|ENOTFOUND/);
    const [job] = (await call('jobs.list', { filter: 'queued' })).value.jobs;
    expect(JSON.stringify(job)).not.toMatch(/getaddrinfo|ENOTFOUND/);
  });
});
