/**
 * Training never mixes with production, in Chromium against a real host (issue 15's blocker):
 * going live asks for new PINs, offers Test connection and asks for confirmation; a production
 * connect QUEUED while Validic (a second simulator, named by the base URLs) is out of reach shows a
 * banner that stays, with the queue depth and the reason in words; removing the credentials asks
 * what becomes of it, and kept, it waits for production: training never sends it and its manifest
 * does not list it. Then Queue search across tabs, reasons without job ids, and Settings that do not
 * drop unsaved changes. Screenshots at 1280×800 and 1024×768.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/index.js';
import {
  ensureSignedIn,
  openKioskFixture,
  signIn,
  useSpanish,
  type KioskFixture,
} from './harness/kiosk-host-fixture.js';
import {
  checkScreen,
  goTo,
  holdersOf,
  pickDeviceType,
  resultOutcome,
  submitNewPin,
  wedgeScan,
} from './harness/kiosk-steps.js';
import type { Page } from 'playwright-core';
import { kioskClient } from '../support/kiosk-client.js';

const IMEI = '356938035643809';
const TRAINING_IMEI = '490154203237518';
const TOKEN = 'tok-E2E-never-shown-7f3a9c';

async function openSettings(page: Page, pin: string): Promise<void> {
  await goTo(page, 'settings');
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Settings' }).waitFor();
}

async function changePin(page: Page, role: 'admin' | 'supervisor', pin: string): Promise<void> {
  await submitNewPin(page, role, pin);
  await expect.poll(() => page.getByTestId('pin-change-status').textContent()).toContain('PIN changed.');
}

/**
 * A screenshot at 1024×768 too (a small clinic touchscreen), with what this test is about inside
 * the width; then back to 1280×800. (The header's own fit at 1024 is the layout work's test.)
 */
async function alsoAt1024(fixture: KioskFixture, name: string, selector: string): Promise<void> {
  const { page } = fixture.kiosk;
  await page.setViewportSize({ width: 1024, height: 768 });
  await fixture.kiosk.screenshot(`${name}-1024`);
  const right = await page
    .locator(selector)
    .first()
    .evaluate((element) => element.getBoundingClientRect().right);
  expect(right, `${selector} on ${name} at 1024`).toBeLessThanOrEqual(1024);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('training and production never mix', () => {
  let fixture: KioskFixture;
  let production: SimulatorHandle;
  let productionUp = true;

  beforeAll(async () => {
    production = await startSimulator();
    fixture = await openKioskFixture({
      // Production is this second simulator; one attempt per call keeps the outage short.
      settings: {
        validic: { apiBase: production.baseUrl, directBase: production.baseUrl },
        client: { timeoutMs: 2_000, retries: 0, concurrency: 4 },
      },
      engine: { onboarding: { retryBaseMs: 60_000, retryMaxMs: 60_000 } },
    });
    await signIn(fixture.kiosk);
  });
  afterAll(async () => {
    await fixture?.close();
    if (productionUp) await production?.close();
  });

  // The story's stages, for a test that runs alone: each brings the station to where the tests
  // before it left it, through the contract, and does nothing when it is there already.

  /** The admin PIN now: the training one, or the one set before going live. */
  async function adminPin(): Promise<string> {
    const live = await kioskClient(fixture.host).auth.check({ role: 'admin', pin: '2468' });
    return live.ok ? '2468' : '1234';
  }

  /** Settings open with the organization ID and `token` typed (the token field is write-only, so always typed again). */
  async function credentialsTyped(token: string): Promise<void> {
    const { page } = fixture.kiosk;
    if (!(await page.getByRole('heading', { name: 'Settings' }).isVisible()))
      await openSettings(page, await adminPin());
    await page.getByLabel('Organization ID').fill(production.orgId);
    await page.getByLabel('Organization token').fill(token);
  }

  /** Live in production with new PINs (supervisor 1357, admin 2468). */
  async function live(): Promise<void> {
    if (fixture.host.engine().mode === 'production' || (await adminPin()) === '2468') return;
    const kiosk = kioskClient(fixture.host);
    for (const [role, newPin, pin] of [
      ['supervisor', '1357', '1234'],
      ['admin', '2468', '1234'],
    ] as const)
      await kiosk.settings.changePin({ adminPin: pin, role, newPin });
    const saved = await kiosk.settings.setCredentials({
      adminPin: '2468',
      orgId: production.orgId,
      token: production.token,
    });
    expect(saved).toMatchObject({ mode: 'production' });
    await fixture.kiosk.page.reload();
    await ensureSignedIn(fixture.kiosk);
  }

  /** Production out of reach, with PAT-5005's glucose meter queued for it. */
  async function queuedWhileOut(): Promise<void> {
    await live();
    if (productionUp) {
      await production.close();
      productionUp = false;
    }
    if (fixture.host.engine().mode !== 'production') return;
    const device = { imei: IMEI, uid: 'PAT-5005', deviceType: 'blood_glucose' };
    const kiosk = kioskClient(fixture.host);
    const listed = await kiosk.jobs.list({ filter: 'all' });
    if (!listed.jobs.some((j) => j.uid === device.uid)) {
      const answer = await kiosk.onboard.submit({ ...device, raw: IMEI, source: 'wedge' });
      expect(answer).toMatchObject({ outcome: 'queued' });
    }
  }

  /** Back in training, PAT-5005's production job kept waiting for production. */
  async function backInTraining(): Promise<void> {
    await queuedWhileOut();
    if (fixture.host.engine().mode === 'training') return;
    const cleared = await kioskClient(fixture.host).settings.clearCredentials({ adminPin: '2468', openJobs: 'keep' });
    expect(cleared).toMatchObject({ mode: 'training' });
    await fixture.kiosk.page.reload();
    await ensureSignedIn(fixture.kiosk);
  }

  it('says why Save credentials is disabled: a short token, then the training PINs', async () => {
    const { page } = fixture.kiosk;
    await openSettings(page, '1234');
    await page.getByLabel('Organization ID').fill(production.orgId);
    await page.getByLabel('Organization token').fill('short');
    const save = page.getByRole('button', { name: 'Save credentials' });
    expect(await save.isDisabled()).toBe(true);
    expect(await page.getByTestId('credentials-why').textContent()).toBe(
      'Save credentials needs the token: at least 8 characters (5 typed).',
    );
    await checkScreen(fixture.kiosk, 'settings-credentials-short-token');
    await page.getByLabel('Organization token').fill(TOKEN);
    expect(await page.getByTestId('credentials-why').textContent()).toContain('Production needs new PINs');
    expect(await save.isDisabled()).toBe(true);
  });

  it('tests the connection with the typed credentials, saying when the token is wrong', async () => {
    const { page } = fixture.kiosk;
    await credentialsTyped(TOKEN);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => page.getByTestId('connection-test').textContent()).toContain('The test failed');
    await page.getByLabel('Organization token').fill(production.token);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(() => page.getByTestId('connection-test').textContent())
      .toMatch(/Validic accepted the organization ID and token \(\d+ ms\)\./);
    expect(fixture.host.engine().mode).toBe('training');
  });

  it('goes live only after new PINs and a confirmation', async () => {
    const { page } = fixture.kiosk;
    await credentialsTyped(production.token);
    await changePin(page, 'supervisor', '1357');
    await changePin(page, 'admin', '2468');
    await expect.poll(() => page.getByRole('button', { name: 'Save credentials' }).isDisabled()).toBe(false);
    await page.getByRole('button', { name: 'Save credentials' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Start production?' });
    await confirm.waitFor();
    await checkScreen(fixture.kiosk, 'settings-go-live-confirm');
    expect(fixture.host.engine().mode).toBe('training');
    await confirm.getByRole('button', { name: 'Start production' }).click();
    await page.getByText('A token is stored (encrypted). It is never shown.').waitFor();
    expect(fixture.host.engine().mode).toBe('production');
    expect(await page.getByTestId('training-banner').count()).toBe(0);
    // The token is write-only: never back in the page, an IPC answer or an event, even after leaving and coming back.
    expect(await page.getByLabel('Organization token').inputValue()).toBe('');
    await goTo(page, 'onboard');
    await openSettings(page, '2468');
    expect(await page.getByLabel('Organization token').inputValue()).toBe('');
    expect(await page.content()).not.toContain(production.token);
    expect(fixture.kiosk.traffic()).not.toContain(production.token);
    expect(fixture.kiosk.traffic()).toContain('"hasToken":true');
  });

  it('shows a banner that stays while Validic cannot be reached, with the queue depth and the reason in words', async () => {
    const { page } = fixture.kiosk;
    await live();
    await production.close();
    productionUp = false;
    await goTo(page, 'onboard');
    await wedgeScan(page, IMEI);
    await wedgeScan(page, 'PAT-5005');
    await pickDeviceType(page, 'Glucose meter');
    await page.keyboard.press('Enter');
    expect(await resultOutcome(page)).toBe('queued');
    const banner = page.getByTestId('offline-banner');
    await expect
      .poll(() => banner.textContent().catch(() => ''), { timeout: 10_000 })
      .toContain("Validic cannot be reached: Validic's server refused the connection.");
    expect(await banner.textContent()).toContain('Devices waiting to be sent: 1.');
    expect(await page.locator('body').textContent()).not.toMatch(/ECONNREFUSED|getaddrinfo/);
    await checkScreen(fixture.kiosk, 'onboard-offline-banner');
    // On another screen it is still there: it goes only when the queue does.
    await goTo(page, 'queue');
    await page.getByTestId('jobs-table').waitFor();
    expect(await banner.isVisible()).toBe(true);
  });

  it('asks before going back to training with the production job open, and kept, the job waits for production', async () => {
    const { page } = fixture.kiosk;
    await queuedWhileOut();
    await openSettings(page, '2468');
    await page.getByRole('button', { name: 'Remove credentials (back to training)' }).click();
    const ask = page.getByRole('alertdialog', { name: 'Switch to Training mode?' });
    await ask.waitFor();
    expect(await ask.getByTestId('switch-open-jobs').textContent()).toBe(
      'Jobs made in Production mode and not finished: 1. They are never sent in Training mode.',
    );
    expect(fixture.host.engine().mode).toBe('production');
    await checkScreen(fixture.kiosk, 'settings-switch-ask');
    await alsoAt1024(fixture, 'settings-switch-ask', '[role=alertdialog]');
    await ask.getByRole('button', { name: 'Switch; they wait for Production mode' }).click();
    await page.getByTestId('training-banner').waitFor();
    expect(fixture.host.engine().mode).toBe('training');

    await goTo(page, 'queue');
    const row = page.getByTestId('jobs-table').locator('tr', { hasText: 'PAT-5005' });
    await row.waitFor();
    expect(await row.getAttribute('data-mode')).toBe('production');
    expect(await row.getAttribute('data-state')).toBe('queued');
    expect(await row.getByTestId('job-waits-mode').textContent()).toBe(
      'Waits for Production mode: never sent in Training mode.',
    );
    await expect
      .poll(() =>
        page
          .getByTestId('queue-other-mode')
          .textContent()
          .catch(() => ''),
      )
      .toBe('Waiting for the other mode: 1');
    // A retry in training does not send it either: the training simulator never hears of it.
    await row.getByRole('button', { name: /Retry/ }).click();
    await expect
      .poll(() => kioskClient(fixture.host).jobs.list({ filter: 'open' }))
      .toMatchObject({ jobs: [{ uid: 'PAT-5005', mode: 'production', state: 'queued' }] });
    expect(fixture.host.engine().simulator!.requestLog().connectsByImei[IMEI] ?? 0).toBe(0);
    expect(await holdersOf(fixture.host, IMEI)).toEqual([]);
    await checkScreen(fixture.kiosk, 'queue-waiting-for-production');
    await alsoAt1024(fixture, 'queue-waiting-for-production', '[data-testid=jobs-table]');

    // Training's manifest does not list it.
    await page.getByLabel('Full IMEIs (otherwise the last 4 digits)').check();
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const link = page.getByTestId('export-result').getByRole('link');
    await link.waitFor();
    expect(await page.getByTestId('export-result').textContent()).toContain('0 rows ready');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const csv = Buffer.concat(chunks).toString('utf8');
    expect(csv.split('\n')[0]).toMatch(/,mode$/);
    expect(csv).not.toContain(IMEI);
  });

  it('searches every job from any tab, and shows no internal job id in a reason', async () => {
    const { page } = fixture.kiosk;
    await goTo(page, 'onboard');
    for (const uid of ['PAT-6001', 'PAT-6002']) {
      await wedgeScan(page, TRAINING_IMEI);
      await wedgeScan(page, uid);
      await pickDeviceType(page, 'Weight scale');
      await page.keyboard.press('Enter');
      await resultOutcome(page);
      await page.keyboard.press('Escape');
    }
    await goTo(page, 'queue');
    await page.getByRole('tab', { name: 'Queued' }).click();
    await page.getByPlaceholder('Search by IMEI or patient ID').fill('PAT-6001');
    const found = page.getByTestId('jobs-table').locator('tr', { hasText: 'PAT-6001' });
    await found.waitFor();
    await expect.poll(() => found.getAttribute('data-state')).toMatch(/^(connected|verified)$/);
    expect(await found.getAttribute('data-mode')).toBe('training');
    await page.getByPlaceholder('Search by IMEI or patient ID').fill('PAT-6002');
    const blocked = page.getByTestId('jobs-table').locator('tr', { hasText: 'PAT-6002' });
    await blocked.waitFor();
    const ids = (await kioskClient(fixture.host).jobs.list({ filter: 'all' })).jobs.map((j) => j.id);
    const text = (await blocked.textContent()) ?? '';
    expect(text).toContain('is connected to another patient (…6001)');
    for (const id of ids) expect(text).not.toContain(id);
    await checkScreen(fixture.kiosk, 'queue-search-all');
  });

  it('lets the idle minutes be cleared, and asks before leaving Settings with unsaved changes', async () => {
    const { page } = fixture.kiosk;
    await openSettings(page, await adminPin());
    const idle = page.getByLabel('Sign out after idle (minutes)');
    await idle.fill('');
    expect(await idle.inputValue()).toBe('');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Type the minutes (1 to 240).').waitFor();
    await idle.fill('15');
    await page.keyboard.press('F1');
    const ask = page.getByRole('alertdialog', { name: 'Leave without saving?' });
    await ask.waitFor();
    await checkScreen(fixture.kiosk, 'settings-unsaved-ask');
    await ask.getByRole('button', { name: 'Stay and save' }).click();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => kioskClient(fixture.host).settings.get({})).toMatchObject({ idleMinutes: 15 });
    await goTo(page, 'onboard');
    await page.getByTestId('onboard-status').waitFor();
    expect(await page.getByRole('alertdialog').count()).toBe(0);
  });

  it('says the mode in Spanish too', async () => {
    const { page } = fixture.kiosk;
    await backInTraining();
    // useSpanish saves with the training admin PIN; back in training it may be set again.
    await kioskClient(fixture.host).settings.changePin({ adminPin: '2468', role: 'admin', newPin: '1234' });
    await useSpanish(fixture);
    await goTo(page, 'queue');
    const row = page.getByTestId('jobs-table').locator('tr', { hasText: 'PAT-5005' });
    await row.waitFor();
    expect(await row.getByTestId('job-waits-mode').textContent()).toBe(
      'Espera al modo Producción: nunca se envía en modo Entrenamiento.',
    );
    expect(await page.getByTestId('queue-other-mode').textContent()).toBe('Esperando al otro modo: 1');
    await checkScreen(fixture.kiosk, 'queue-waiting-for-production-es');
    await alsoAt1024(fixture, 'queue-waiting-for-production-es', '[data-testid=jobs-table]');
  });
});
