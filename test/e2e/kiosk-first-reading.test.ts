/**
 * A clinic desk in training mode: after CONNECTED the operator asks the patient for a reading; the
 * screen shows its progress while the engine polls Validic (here the simulator, whose devices send
 * their first reading a moment after the connect), then the values with their units. The next scan
 * stops a wait. In Spanish, with the station set (in Settings) to ask after each connect, the wait
 * starts by itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../renderer/src/i18n/messages.js';
import { openKioskFixture, signIn, useSpanish, type KioskFixture } from './harness/kiosk-host-fixture.js';
import { checkScreen, goTo, pickDeviceType, resultOutcome, wedgeScan } from './harness/kiosk-steps.js';
import type { Page } from 'playwright-core';
import { KNOWN_IMEI } from '../support/imei.js';
import { kioskClient } from '../support/kiosk-client.js';

const en = messages.en;
const es = messages.es;

/** The first reading the engine journaled for the job of this patient (what the screen must show). */
function journaledReading(fixture: KioskFixture, uid: string) {
  const job = fixture.host.engine().ledger.jobsByUid(uid)[0];
  if (!job?.firstReading) throw new Error(`no first reading journaled for ${uid}`);
  return job.firstReading;
}

async function connect(page: Page, language: 'en' | 'es', imei: string, uid: string, type: string): Promise<void> {
  // The Onboard screen listens for scans once it is up (after a screen change too).
  await page.getByTestId('onboard-status').waitFor();
  await wedgeScan(page, imei);
  await wedgeScan(page, uid);
  await pickDeviceType(page, type);
  // Everything is in (the screen says Enter connects), and the page has settled: the Enter key's
  // listener is re-attached after each render, so an Enter in the same frame would find the old one.
  await page.getByTestId('onboard-status').filter({ hasText: messages[language].onboard.confirm }).waitFor();
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
  await page.keyboard.press('Enter');
  expect(await resultOutcome(page)).toBe('connected');
}

describe('first-reading confirmation on the Onboard screen', () => {
  let fixture: KioskFixture;

  beforeAll(async () => {
    fixture = await openKioskFixture({
      // Training devices send their first reading 4 s after the connect; the engine looks every 400 ms here (15 s in production).
      env: { IMEI_KIOSK_TRAINING_READING_MS: '4000' },
      engine: { onboarding: { minReadingPollMs: 400 } },
    });
    await signIn(fixture.kiosk);
  });
  afterAll(async () => fixture?.close());

  it('asks for a reading after CONNECTED, shows the wait, then the blood pressure and pulse with units', async () => {
    const { page } = fixture.kiosk;
    await connect(page, 'en', KNOWN_IMEI, 'PAT-7007', 'Blood pressure monitor');
    expect(await page.getByTestId('onboard-result').textContent()).toContain(en.onboard.connected);
    const panel = page.getByTestId('first-reading');
    await page.getByRole('button', { name: en.reading.ask }).click();
    await page.getByTestId('reading-progress').waitFor();
    expect(await panel.textContent()).toContain(en.reading.waitingHint);
    // The result no longer leaves by itself while the patient takes the reading.
    expect(await page.getByText(/Ready for the next device in/).count()).toBe(0);

    await expect.poll(() => panel.getAttribute('data-state'), { timeout: 20_000 }).toBe('confirmed');
    const reading = journaledReading(fixture, 'PAT-7007');
    const value = (type: string) => reading.metrics.find((m) => m.type === type)!.value;
    const values = page.getByTestId('reading-values');
    expect(await values.textContent()).toContain(
      `${en.reading.metrics.blood_pressure}${value('systolic')}/${value('diastolic')} mmHg`,
    );
    expect(await values.textContent()).toContain(`${en.reading.metrics.pulse}${value('pulse')} bpm`);
    expect(await panel.textContent()).toContain(en.reading.arrived);
    await checkScreen(fixture.kiosk, 'onboard-first-reading');

    // The queue screen says Connected (a 202 is the answer) and that the device works.
    await goTo(page, 'queue');
    const row = page.getByTestId('jobs-table').locator('tr', { hasText: 'PAT-7007' });
    await page.getByRole('tab', { name: 'All' }).click();
    await row.waitFor();
    expect(await row.textContent()).toContain(en.states.connected);
    expect(await row.getByTestId('job-reading').textContent()).toMatch(/^First reading seen .+: the device works$/);
    await goTo(page, 'onboard');
  });

  it('stops waiting when the next device is scanned', async () => {
    const { page } = fixture.kiosk;
    await connect(page, 'en', '356938035643809', 'PAT-7008', 'Weight scale');
    await page.getByRole('button', { name: en.reading.ask }).click();
    await page.getByTestId('reading-progress').waitFor();
    // The next device on the counter: the result and its wait go.
    await wedgeScan(page, '353879234252633');
    await page.getByTestId('imei-formatted').filter({ hasText: '35-387923-425263-3' }).waitFor();
    expect(await page.getByTestId('first-reading').count()).toBe(0);
    await expect
      .poll(() => fixture.kiosk.traffic(), { timeout: 10_000 })
      .toMatch(/"channel":"reading\.wait","answer":\{"ok":true,"value":\{"status":"stopped","jobId":"[^"]+"/);
    expect(fixture.host.engine().ledger.jobsByUid('PAT-7008')[0]?.confirmedAt).toBeUndefined();
    await page.keyboard.press('Escape');
  });
});

describe('first-reading confirmation in Spanish, asked after each connect (station setting)', () => {
  let fixture: KioskFixture;

  beforeAll(async () => {
    fixture = await openKioskFixture({
      env: { IMEI_KIOSK_TRAINING_READING_MS: '1500' },
      engine: { onboarding: { minReadingPollMs: 400 } },
    });
    await signIn(fixture.kiosk);
    await useSpanish(fixture);
  });
  afterAll(async () => fixture?.close());

  it('is switched on in Settings', async () => {
    const { page } = fixture.kiosk;
    await goTo(page, 'settings');
    const dialog = page.getByRole('dialog', { name: es.pin.adminTitle });
    await dialog.getByLabel(es.pin.label, { exact: true }).fill('1234');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: es.settings.title }).waitFor();
    await page.getByLabel(es.settings.askReading).check();
    await page.getByRole('button', { name: es.settings.save, exact: true }).click();
    await page.getByRole('status').filter({ hasText: es.settings.saved }).waitFor();
    expect(await kioskClient(fixture.host).settings.get({})).toMatchObject({ askReading: true });
    await goTo(page, 'onboard');
  });

  it('waits by itself after CONNECTED and shows the weight in Spanish', async () => {
    const { page } = fixture.kiosk;
    // Switched on by the test before; switched on here through the contract when this test runs alone.
    const settings = await kioskClient(fixture.host).settings.get({});
    if (!settings.askReading) {
      const saved = await kioskClient(fixture.host).settings.update({
        adminPin: '1234',
        patch: { askReading: true },
      });
      expect(saved).toMatchObject({ askReading: true });
      await page.reload();
    }
    await connect(page, 'es', KNOWN_IMEI, 'PAT-8008', 'Báscula');
    expect(await page.getByTestId('onboard-result').textContent()).toContain(es.onboard.connected);
    const panel = page.getByTestId('first-reading');
    // No click: the station asks after each connect.
    await expect.poll(() => panel.getAttribute('data-state'), { timeout: 20_000 }).toBe('confirmed');
    const reading = journaledReading(fixture, 'PAT-8008');
    const kg = new Intl.NumberFormat('es', { maximumFractionDigits: 1 }).format(
      reading.metrics.find((m) => m.type === 'body_weight')!.value,
    );
    expect(await page.getByTestId('reading-values').textContent()).toContain(
      `${es.reading.metrics.body_weight}${kg} kg`,
    );
    expect(await panel.textContent()).toContain(es.reading.arrived);
    await checkScreen(fixture.kiosk, 'onboard-first-reading-es');
  });
});
