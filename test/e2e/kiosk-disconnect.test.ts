/**
 * Disconnect in Chromium against a real host: one device, then all of a patient's devices, each behind
 * the supervisor PIN, each after a confirmation listing exactly what goes; checked in /_sim/state.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openKioskFixture, signIn, type KioskFixture } from './harness/kiosk-host-fixture.js';
import { checkScreen, goTo, liveImeisOf } from './harness/kiosk-steps.js';
import { makeImei } from '../support/imei.js';
import { kioskClient } from '../support/kiosk-client.js';

const UID = 'PAT-4004';
const DEVICES = [
  { imei: makeImei('35693803', 200), deviceType: 'blood_glucose' },
  { imei: makeImei('35693803', 201), deviceType: 'blood_pressure' },
  { imei: makeImei('35693803', 202), deviceType: 'weight_scale' },
];

describe('disconnect one and disconnect all', () => {
  let fixture: KioskFixture;

  /** A fresh station with `devices` connected to the patient, on the Disconnect screen: each test builds its own, so it runs alone. */
  async function stationWith(devices: readonly (typeof DEVICES)[number][]): Promise<void> {
    fixture = await openKioskFixture();
    await signIn(fixture.kiosk);
    // The devices are connected through the contract, as the onboarding screen would.
    for (const device of devices) {
      const answer = await kioskClient(fixture.host).onboard.submit({
        ...device,
        raw: device.imei,
        source: 'typed',
        uid: UID,
      });
      expect(answer).toMatchObject({ outcome: 'connected' });
    }
    expect(await liveImeisOf(fixture.host, UID)).toEqual(devices.map((d) => d.imei).sort());
    await goTo(fixture.kiosk.page, 'disconnect');
  }
  afterEach(async () => fixture?.close());

  async function preview(): Promise<void> {
    const { page } = fixture.kiosk;
    await page.getByRole('textbox', { name: 'Patient ID' }).fill(UID);
    await page.getByRole('button', { name: 'Show what will be disconnected' }).click();
    await page.getByTestId('disconnect-preview').waitFor();
  }

  it('lists exactly the one device it will disconnect, then disconnects only that one', async () => {
    await stationWith(DEVICES);
    const { page } = fixture.kiosk;
    await preview();
    expect(await page.getByTestId('disconnect-preview').locator('li').count()).toBe(3);
    await checkScreen(fixture.kiosk, 'disconnect');

    const target = DEVICES[1]!;
    await page.getByRole('button', { name: `Disconnect this device …${target.imei.slice(-4)}` }).click();
    const dialog = page.getByRole('alertdialog');
    const listed = await dialog.locator('li').allTextContents();
    expect(listed).toHaveLength(1);
    expect(listed[0]!.replace(/\D/g, '')).toContain(target.imei);
    expect(listed[0]).toContain('Blood pressure monitor');
    await checkScreen(fixture.kiosk, 'disconnect-confirm');
    await dialog.getByRole('button', { name: 'Yes, disconnect' }).click();
    // One device needs the supervisor PIN too: otherwise it could be moved to another patient without one.
    await page.getByLabel('PIN', { exact: true }).fill('5678');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Disconnected 1 device' }).waitFor();
    expect(await liveImeisOf(fixture.host, UID)).toEqual([DEVICES[0]!.imei, DEVICES[2]!.imei].sort());
  });

  it('disconnects all remaining devices only with the supervisor PIN', async () => {
    // The two devices the test before left connected.
    await stationWith([DEVICES[0]!, DEVICES[2]!]);
    const { page } = fixture.kiosk;
    await preview();
    await page.getByRole('button', { name: 'Disconnect all 2 devices' }).click();
    const listed = await page.getByRole('alertdialog').locator('li').allTextContents();
    expect(listed.map((l) => l.replace(/\D/g, '').slice(0, 15)).sort()).toEqual(
      [DEVICES[0]!.imei, DEVICES[2]!.imei].sort(),
    );
    await page.getByRole('alertdialog').getByRole('button', { name: 'Yes, disconnect' }).click();

    const pin = page.getByLabel('PIN', { exact: true });
    await pin.fill('1111');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Wrong PIN' }).waitFor();
    expect(await liveImeisOf(fixture.host, UID)).toHaveLength(2);
    await checkScreen(fixture.kiosk, 'disconnect-pin');
    await pin.fill('5678');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Disconnected 2 device' }).waitFor();
    expect(await liveImeisOf(fixture.host, UID)).toEqual([]);
  });
});
