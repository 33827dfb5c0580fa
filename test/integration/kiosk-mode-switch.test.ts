/**
 * Switching between training and production through the kiosk host (the path electron/ipc.ts
 * uses): asked when jobs of the mode of now are not finished, then kept waiting for their mode or
 * cancelled (journaled) as the admin chose; going live needs new PINs; the manifest says the mode
 * and never mixes them. Production is a second simulator over real HTTP, named by the base URLs.
 */
import { afterEach, beforeAll, afterAll, beforeEach, describe, expect, it } from 'vitest';
import { saveSettings } from '../../src/config/store.js';
import { createMemoryCredentialStore } from '../../src/app/session/credential-store.js';
import type { KioskHost } from '../../src/app/kiosk-host.js';
import type { OnboardOutcome } from '../../src/ipc/schemas.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/index.js';
import { makeImei } from '../support/imei.js';
import { failureOf, kioskClient, settle, type KioskClient } from '../support/kiosk-client.js';
import { openTestHost, testDataDir } from '../support/test-host.js';

const IMEI = makeImei('35693803', 564380);
let production: SimulatorHandle;
let data: ReturnType<typeof testDataDir>;
let host: KioskHost;
let kiosk: KioskClient;

async function open(options: Parameters<typeof openTestHost>[1] = {}): Promise<void> {
  host = await openTestHost(data.dir, options);
  kiosk = kioskClient(host);
  expect(await kiosk.session.signIn({ operatorId: 'op-1' })).toMatchObject({ operator: 'op-1' });
}

function goLive(openJobs?: 'keep' | 'cancel') {
  return kiosk.settings.setCredentials({
    adminPin: '2468',
    orgId: production.orgId,
    token: production.token,
    ...(openJobs ? { openJobs } : {}),
  });
}

/** The answer as a queued outcome (its job and problem typed), or a failed test. */
function queued(answer: OnboardOutcome) {
  if (answer.outcome !== 'queued') throw new Error(`expected a queued job, got ${JSON.stringify(answer)}`);
  return answer;
}

const submit = (uid: string) =>
  kiosk.onboard.submit({ imei: IMEI, raw: IMEI, source: 'typed', uid, deviceType: 'blood_glucose' });

/** A production connect that Validic cannot take now (5xx): the job is QUEUED. */
async function queueProductionJob(uid: string) {
  production.setFaults({ serverErrorShare: 1 });
  const answer = await submit(uid);
  expect(answer).toMatchObject({ outcome: 'queued', job: { mode: 'production' } });
  return queued(answer).job.id;
}

beforeAll(async () => {
  production = await startSimulator();
});
afterAll(async () => production.close());
beforeEach(async () => {
  data = testDataDir('kiosk-modes-');
  saveSettings(data.dir, {
    validic: { apiBase: production.baseUrl, directBase: production.baseUrl },
    client: { retries: 0, timeoutMs: 2_000 },
  });
  await open({ engine: { station: 'Test bench', onboarding: { retryBaseMs: 60_000, retryMaxMs: 60_000 } } });
});
afterEach(async () => {
  production.setFaults({});
  await host.close();
  data.remove();
});

async function setNewPins() {
  await kiosk.settings.changePin({ adminPin: '1234', role: 'supervisor', newPin: '1357' });
  await kiosk.settings.changePin({ adminPin: '1234', role: 'admin', newPin: '2468' });
}

describe('going live', () => {
  it('a station in production by its environment refuses supervisor actions with the training PIN until the PINs are new', async () => {
    await host.close();
    await open({ env: { VALIDIC_ORG_ID: production.orgId, VALIDIC_TOKEN: production.token } });
    expect(await kiosk.settings.get({})).toMatchObject({ mode: 'production' });
    const before = production.requestCount();
    const refused = await failureOf(kiosk.disconnect.all({ uid: 'PAT-ENV1', supervisorPin: '5678' }));
    expect(refused.refusal).toMatchObject({ code: 'training_pins_in_production' });
    expect(production.requestCount()).toBe(before);
    await setNewPins();
    const withNewPin = await settle(kiosk.disconnect.all({ uid: 'PAT-ENV1', supervisorPin: '1357' }));
    expect(withNewPin.ok ? undefined : withNewPin.failure.refusal?.code).not.toBe('training_pins_in_production');
  });

  it('refuses production while the training PINs are in use, and goes live once both are new', async () => {
    const refused = await failureOf(
      kiosk.settings.setCredentials({ adminPin: '1234', orgId: production.orgId, token: production.token }),
    );
    expect(refused.refusal).toMatchObject({ code: 'training_pins_in_production' });
    expect(await kiosk.settings.get({})).toMatchObject({ mode: 'training', hasToken: false });
    // A PIN changed to the training one is still the training one.
    await kiosk.settings.changePin({ adminPin: '1234', role: 'supervisor', newPin: '5678' });
    await kiosk.settings.changePin({ adminPin: '1234', role: 'admin', newPin: '2468' });
    expect((await failureOf(goLive())).refusal).toMatchObject({ code: 'training_pins_in_production' });
    await kiosk.settings.changePin({ adminPin: '2468', role: 'supervisor', newPin: '1357' });
    expect(await goLive()).toMatchObject({ mode: 'production' });
    // In production the training PINs cannot come back.
    expect(
      (await failureOf(kiosk.settings.changePin({ adminPin: '2468', role: 'admin', newPin: '1234' }))).refusal,
    ).toMatchObject({ code: 'training_pins_in_production' });
    expect(await kiosk.auth.check({ role: 'admin', pin: '1234' })).toMatchObject({ ok: false });
  });

  it('tests the connection with one authenticated call, and says when the token is wrong', async () => {
    const good = await kiosk.settings.testConnection({
      adminPin: '1234',
      orgId: production.orgId,
      token: production.token,
    });
    expect(good).toMatchObject({ ok: true });
    const bad = await kiosk.settings.testConnection({
      adminPin: '1234',
      orgId: production.orgId,
      token: 'not-the-token',
    });
    expect(bad).toMatchObject({ ok: false, kind: 'unauthorized' });
    expect(await kiosk.settings.get({})).toMatchObject({ mode: 'training', hasToken: false });
  });
});

describe('switching modes with open jobs', () => {
  it('asks how to treat the open production jobs; kept, they wait for production and are never sent by training', async () => {
    await setNewPins();
    await goLive();
    const jobId = await queueProductionJob('PAT-7001');

    const asked = await failureOf(kiosk.settings.clearCredentials({ adminPin: '2468' }));
    expect(asked.refusal).toMatchObject({
      code: 'open_jobs_in_mode',
      params: { count: '1', mode: 'production', to: 'training' },
    });
    expect(await kiosk.settings.get({})).toMatchObject({ mode: 'production' });

    production.setFaults({});
    expect(await kiosk.settings.clearCredentials({ adminPin: '2468', openJobs: 'keep' })).toMatchObject({
      mode: 'training',
    });
    // Training's own simulator never sees it; a retry says it waits for production.
    const retried = await kiosk.jobs.retry({ jobId });
    expect(retried).toMatchObject({ id: jobId, state: 'queued', mode: 'production' });
    expect(host.engine().simulator!.requestLog().connectsByImei[IMEI] ?? 0).toBe(0);
    const listed = await kiosk.jobs.list({ filter: 'open' });
    expect(listed.jobs).toEqual([expect.objectContaining({ id: jobId, mode: 'production', state: 'queued' })]);
    const today = new Date().toISOString().slice(0, 10);
    const manifest = await kiosk.exports.manifest({ from: today, to: today, fullImei: true });
    expect(manifest.rows).toBe(0);
    expect(manifest.csv).not.toContain(IMEI);

    // Back in production (nothing of training open: no question), the job is sent there.
    expect(await goLive()).toMatchObject({ mode: 'production' });
    await kiosk.jobs.retry({ jobId });
    await expect
      .poll(async () => (await kiosk.jobs.list({ filter: 'all' })).jobs[0]?.state, { timeout: 10_000 })
      .toMatch(/^(connected|verified)$/);
    const live = await kiosk.exports.manifest({ from: today, to: today, fullImei: true });
    expect(live.csv.split('\n')[0]).toContain(',mode');
    expect(live.csv).toMatch(new RegExp(`${IMEI},blood_glucose,\\w+,,[^,]*,production`));
  });

  it('cancels them, journaled with the switch as the reason, when the admin says so', async () => {
    await setNewPins();
    await goLive();
    const jobId = await queueProductionJob('PAT-7002');
    expect(await kiosk.settings.clearCredentials({ adminPin: '2468', openJobs: 'cancel' })).toMatchObject({
      mode: 'training',
    });
    const [job] = (await kiosk.jobs.list({ filter: 'all' })).jobs;
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
    expect(await submit('PAT-7003')).toMatchObject({ outcome: 'queued', job: { mode: 'training' } });
    expect((await failureOf(goLive())).refusal).toMatchObject({
      code: 'open_jobs_in_mode',
      params: { count: '1', mode: 'training' },
    });
  });
});

describe('queue search', () => {
  it('looks in every job, whatever the tab', async () => {
    expect(await submit('PAT-7004')).toMatchObject({ outcome: 'connected' });
    const found = await kiosk.jobs.list({ filter: 'queued', search: IMEI.slice(-4) });
    expect(found.jobs).toEqual([expect.objectContaining({ uid: 'PAT-7004', mode: 'training' })]);
  });
});

describe('a station that cannot reach Validic', () => {
  it('says a DNS failure in words, with its cause for the banner, never the raw getaddrinfo', async () => {
    await host.close();
    saveSettings(data.dir, {
      validic: { apiBase: 'https://api.validic.invalid', directBase: 'https://direct.validic.invalid' },
      client: { retries: 0, timeoutMs: 2_000 },
    });
    const credentials = createMemoryCredentialStore();
    await credentials.save({ orgId: 'org-1', token: 'token-of-org-1' });
    await open({
      credentials,
      engine: { station: 'Test bench', onboarding: { retryBaseMs: 60_000, retryMaxMs: 60_000 } },
    });
    const answer = await submit('PAT-7005');
    expect(answer).toMatchObject({
      outcome: 'queued',
      job: { mode: 'production', reasonKind: 'network', reasonParams: { cause: 'dns' } },
    });
    expect(queued(answer).problem.message).toContain('the name api.validic.invalid cannot be found (DNS)');
    expect(JSON.stringify(answer)).not.toMatch(/getaddrinfo|ENOTFOUND/);
    const [job] = (await kiosk.jobs.list({ filter: 'queued' })).jobs;
    expect(JSON.stringify(job)).not.toMatch(/getaddrinfo|ENOTFOUND/);
  });
});
