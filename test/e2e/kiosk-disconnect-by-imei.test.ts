/**
 * Disconnect a returned device by its IMEI alone (issue 15), in Chromium against a real host: the
 * kiosk finds its patient in the journal, and the done line says which device went, not a count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKioskFixture, signIn, type KioskFixture } from './harness/kiosk-host-fixture.js';
import { checkScreen, goTo, holdersOf } from './harness/kiosk-steps.js';
import { makeImei } from '../support/imei.js';
import { kioskClient } from '../support/kiosk-client.js';

const RETURNED = makeImei('35693803', 300);
const OTHER = makeImei('35693803', 301);
/** Never connected at this station. */
const UNKNOWN = makeImei('35693803', 302);

describe('disconnect by IMEI alone', () => {
  let fixture: KioskFixture;

  beforeAll(async () => {
    fixture = await openKioskFixture();
    await signIn(fixture.kiosk);
    for (const [imei, deviceType] of [
      [RETURNED, 'blood_glucose'],
      [OTHER, 'weight_scale'],
    ] as const) {
      const answer = await kioskClient(fixture.host).onboard.submit({
        imei,
        raw: imei,
        source: 'typed',
        uid: 'PAT-5005',
        deviceType,
      });
      expect(answer).toMatchObject({ outcome: 'connected' });
    }
    await goTo(fixture.kiosk.page, 'disconnect');
  });
  afterAll(async () => fixture?.close());

  /** Asks for the patient of `imei` and waits for the answer that the journal has it on no patient. */
  async function expectOnNoPatient(imei: string): Promise<void> {
    const { page } = fixture.kiosk;
    await page.getByRole('textbox', { name: /Device IMEI/ }).fill(imei);
    await page.getByRole('button', { name: 'Show what will be disconnected' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: `IMEI …${imei.slice(-4)} connected to no patient` })
      .waitFor();
  }

  it('finds the patient of a returned device from its IMEI and says which device it disconnected', async () => {
    const { page } = fixture.kiosk;
    await page.getByRole('textbox', { name: /Device IMEI/ }).fill(RETURNED);
    await page.getByRole('button', { name: 'Show what will be disconnected' }).click();
    const preview = page.getByTestId('disconnect-preview');
    await preview.waitFor();
    expect(await preview.locator('li').count()).toBe(1);
    await checkScreen(fixture.kiosk, 'disconnect-by-imei');
    await page.getByRole('button', { name: `Disconnect this device …${RETURNED.slice(-4)}` }).click();
    expect(await page.getByRole('alertdialog').textContent()).toContain('PAT-5005');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Yes, disconnect' }).click();
    await page.getByLabel('PIN', { exact: true }).fill('5678');
    await page.keyboard.press('Enter');
    const done = page.getByRole('status').filter({ hasText: 'Disconnected 1 device from patient PAT-5005' });
    await done.waitFor();
    expect(await done.textContent()).toContain(`IMEI …${RETURNED.slice(-4)} (Glucose meter)`);
    expect(await done.textContent()).not.toContain('device(s)');
    await checkScreen(fixture.kiosk, 'disconnect-done-names-device');
    expect(await holdersOf(fixture.host, RETURNED)).toEqual([]);
    expect(await holdersOf(fixture.host, OTHER)).toEqual(['PAT-5005']);

    // Asked again, the journal has it on no patient now.
    await expectOnNoPatient(RETURNED);
  });

  it('says so when the journal has the IMEI on no patient', async () => {
    await expectOnNoPatient(UNKNOWN);
  });
});
