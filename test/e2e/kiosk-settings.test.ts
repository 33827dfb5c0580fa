/**
 * Settings behind the admin PIN in Chromium against a real host: a wrong PIN is refused; the
 * organization token is write-only (it never appears in the page or in any IPC answer or event);
 * the supervisor PIN can be changed (stored as a hash, the old one stops working); the language
 * switches the whole screen to Spanish; operators registered with a PIN type it after their badge.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openKioskFixture, signIn, type KioskFixture } from './harness/kiosk-host-fixture.js';
import type { Page } from 'playwright-core';
import { checkScreen, goTo, openSettings, submitNewPin, wedgeScan } from './harness/kiosk-steps.js';
import { scannerBurst } from './harness/scanner-keys.js';
import { kioskClient } from '../support/kiosk-client.js';

const PREFIXED_IMEI = '356938035643809';

/** Types an operator ID on the sign-in screen and presses Enter. */
async function signInAttempt(page: Page, operatorId: string): Promise<void> {
  const field = page.getByRole('textbox', { name: 'Operator ID' });
  await field.waitFor();
  await field.fill(operatorId);
  await page.keyboard.press('Enter');
}

describe('settings behind the admin PIN', () => {
  let fixture: KioskFixture;

  beforeAll(async () => {
    fixture = await openKioskFixture();
    await signIn(fixture.kiosk);
  });
  afterAll(async () => fixture?.close());

  it('asks for the admin PIN and refuses a wrong one', async () => {
    const { page } = fixture.kiosk;
    await goTo(page, 'settings');
    const dialog = page.getByRole('dialog', { name: 'Admin PIN' });
    await dialog.waitFor();
    await checkScreen(fixture.kiosk, 'settings-pin');
    // The supervisor PIN is not enough for settings.
    await dialog.getByLabel('PIN', { exact: true }).fill('5678');
    await page.keyboard.press('Enter');
    await dialog.getByRole('alert').waitFor();
    expect(await page.getByRole('heading', { name: 'Settings' }).count()).toBe(0);
    await dialog.getByLabel('PIN', { exact: true }).fill('1234');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await checkScreen(fixture.kiosk, 'settings');
  });

  // The write-only token through going live and back: test/e2e/kiosk-modes.test.ts (production needs new PINs first).

  describe('in Settings', () => {
    // Each test starts in Settings (open already when run in order; opened here when run alone).
    beforeEach(async () => openSettings(fixture.kiosk.page));

    it('changes the supervisor PIN: the new one works, the training one no longer does', async () => {
      const { page } = fixture.kiosk;
      expect(await page.getByTestId('training-banner').textContent()).toContain('supervisor 5678');
      await submitNewPin(page, 'supervisor', '2468');
      await expect.poll(() => page.getByTestId('pin-change-status').textContent()).toContain('PIN changed.');
      await expect.poll(() => page.getByTestId('training-banner').textContent()).not.toContain('5678');
      const kiosk = kioskClient(fixture.host);
      expect(await kiosk.auth.check({ role: 'supervisor', pin: '5678' })).toMatchObject({ ok: false });
      expect(await kiosk.auth.check({ role: 'supervisor', pin: '2468' })).toMatchObject({ ok: true });
      expect(fixture.kiosk.traffic()).not.toContain('2468"');
    });

    it('adds a device type that is a button on the Onboard screen at once, marked not confirmed by Validic', async () => {
      const { page } = fixture.kiosk;
      const types = page.getByTestId('device-types');
      await types.getByLabel('New type id').fill('Ear Thermometer');
      await types.getByText('Use lower_snake_case').waitFor();
      expect(await types.getByRole('button', { name: 'Add type' }).isDisabled()).toBe(true);
      await types.getByLabel('New type id').fill('thermometer');
      await types.getByLabel('New type label').fill('Thermometer');
      await types.getByRole('button', { name: 'Add type' }).click();
      await types.getByText('Not saved yet: press Save device types.').waitFor();
      await types.getByRole('button', { name: 'Save device types' }).click();
      await expect.poll(() => types.getByTestId('device-types-status').textContent()).toContain('Saved.');
      await types.getByLabel('Label of thermometer').waitFor();
      await checkScreen(fixture.kiosk, 'settings-device-types');
      expect(fixture.host.engine().deviceTypes.find((d) => d.id === 'thermometer')).toEqual({
        id: 'thermometer',
        label: 'Thermometer',
        confirmed: false,
      });

      await goTo(page, 'onboard');
      const button = page.getByRole('radio', { name: /Thermometer/ });
      await button.waitFor();
      expect(await button.textContent()).toContain('not confirmed by Validic');
      await checkScreen(fixture.kiosk, 'onboard-new-type');
      await goTo(page, 'settings');
      await page.getByLabel('PIN', { exact: true }).fill('1234');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Settings' }).waitFor();
    });

    it('says what is wrong with an extra USB id before saving, then hands the profile to the serial watch', async () => {
      const { page } = fixture.kiosk;
      const serial = page.getByTestId('serial-profile');
      await serial.getByRole('button', { name: 'Add a USB device' }).click();
      const row = serial.getByRole('group', { name: 'USB device 1' });
      await row.getByLabel('Vendor id').fill('1a8');
      await row.getByText('The vendor id is 4 hex digits, e.g. 2c7c.').waitFor();
      await serial.getByRole('button', { name: 'Save serial settings' }).click();
      await expect
        .poll(() => serial.getByTestId('serial-profile-status').textContent())
        .toContain('Fix the fields marked above first.');
      await row.getByLabel('Vendor id').fill('1a86');
      await row.getByLabel('Maker or model').fill('Bench modem');
      await serial.getByLabel('Serial scanner: how a scan ends').selectOption('silence');
      await serial.getByLabel('Pause that ends a scan (ms)').fill('60');
      await serial.getByLabel('Modem baud rate').selectOption('9600');
      await serial.getByLabel('Serial scanner baud rate').selectOption('19200');
      await checkScreen(fixture.kiosk, 'settings-serial');
      await serial.getByRole('button', { name: 'Save serial settings' }).click();
      await expect.poll(() => serial.getByTestId('serial-profile-status').textContent()).toContain('Saved.');
      expect(fixture.host.serialProfile()).toMatchObject({
        baudRate: 9600,
        scannerBaudRate: 19200,
        scannerFraming: { mode: 'silence', intervalMs: 60 },
        usbMatches: expect.arrayContaining([{ vendorId: '1a86', maker: 'Bench modem', kind: 'modem' }]),
      });
    });

    it('registers an operator with a PIN: then only registered operators sign in, and that one types the PIN after the badge', async () => {
      const { page } = fixture.kiosk;
      const operators = page.getByTestId('operators');
      await operators.getByText('Nobody is registered: any operator ID signs in.', { exact: false }).waitFor();
      await operators.getByLabel('Operator ID (scan the badge or type it)').fill('ANN-7');
      await operators.getByLabel('PIN (optional, 4 to 12 digits)').fill('4321');
      await operators.getByLabel('The operator PIN again').fill('4321');
      await operators.getByRole('button', { name: 'Add operator or change the PIN' }).click();
      await expect
        .poll(() => operators.getByTestId('operators-status').textContent())
        .toContain('Saved operator ANN-7.');
      await operators.getByText('Only these operators can sign in.').waitFor();
      expect(await operators.getByTestId('operator-row').allTextContents()).toEqual([
        expect.stringContaining('PIN set'),
      ]);
      await checkScreen(fixture.kiosk, 'settings-operators');
      expect(fixture.kiosk.traffic()).not.toContain('4321"');

      await page.getByRole('button', { name: 'Sign out' }).click();
      // Someone not registered is refused, with what to do.
      await signInAttempt(page, 'op-ana');
      await page
        .getByRole('alert')
        .getByText('Operator "op-ana" is not registered at this station.', { exact: false })
        .waitFor();
      // The registered operator's badge asks for the PIN; a wrong one is refused, the right one signs in.
      await page.getByRole('textbox', { name: 'Operator ID' }).fill('');
      await wedgeScan(page, 'ANN-7');
      const pin = page.getByLabel('PIN for ANN-7');
      const pinId = await pin.getAttribute('id');
      await expect.poll(() => page.evaluate<string>('document.activeElement?.id ?? ""')).toBe(pinId);
      await checkScreen(fixture.kiosk, 'station-start-pin');
      // A person types the PIN (a machine-fast burst would be a badge scan).
      await page.keyboard.type('1111', { delay: 120 });
      await page.keyboard.press('Enter');
      await page.getByRole('alert').getByText('Wrong PIN for operator ANN-7.', { exact: false }).waitFor();
      await page.keyboard.type('4321', { delay: 120 });
      await page.keyboard.press('Enter');
      await page.getByText('ANN-7', { exact: true }).waitFor();

      await goTo(page, 'settings');
      await page.getByLabel('PIN', { exact: true }).fill('1234');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Settings' }).waitFor();
    });

    it('takes what follows the scanner prefix key as a scan, however slowly it arrives', async () => {
      const { page } = fixture.kiosk;
      await page.getByLabel('Scanner prefix key').selectOption('F13');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await expect
        .poll(() =>
          fixture.host.dispatcher
            .dispatch('settings.get', {})
            .then((a) => (a as { value: { wedgePrefix: string } }).value.wedgePrefix),
        )
        .toBe('F13');
      await goTo(page, 'onboard');
      await page.getByRole('textbox', { name: 'Patient ID' }).focus();
      // A Bluetooth scanner on a bad link: keys stamped 120 ms apart, which alone would look like typing.
      // F13 is on no ordinary keyboard (Playwright's keyboard has none either): sent as the OS would.
      const cdp = await page.context().newCDPSession(page);
      for (const type of ['rawKeyDown', 'keyUp'] as const)
        await cdp.send('Input.dispatchKeyEvent', { type, key: 'F13', code: 'F13', windowsVirtualKeyCode: 124 });
      await cdp.detach();
      await scannerBurst(page, `${PREFIXED_IMEI}\n`, { gapMs: 120 });
      await expect
        .poll(() =>
          page
            .getByTestId('imei-formatted')
            .textContent()
            .catch(() => ''),
        )
        .toBe('35-693803-564380-9');
      expect(await page.getByTestId('imei-status').textContent()).toContain('from the barcode scanner');
      expect(await page.getByRole('textbox', { name: 'Patient ID' }).inputValue()).toBe('');
      await page.keyboard.press('Escape');
      await goTo(page, 'settings');
      await page.getByLabel('PIN', { exact: true }).fill('1234');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Settings' }).waitFor();
    });

    it('switches the whole screen to Spanish', async () => {
      const { page } = fixture.kiosk;
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByRole('heading', { name: 'Ajustes' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('es');
      await checkScreen(fixture.kiosk, 'settings-es');
      await goTo(page, 'onboard');
      await page.getByRole('textbox', { name: 'IMEI del dispositivo' }).waitFor();
      await checkScreen(fixture.kiosk, 'onboard-es');
    });
  });
});
