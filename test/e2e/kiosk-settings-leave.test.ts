/**
 * Leaving Settings asks only about what the admin typed and did not save, in Chromium against a
 * real host. Fresh settings from another panel (a PIN change, an operator) neither ask nor drop what
 * was typed, in the general form, the device types or the serial profile. The key is pressed from inside the page at the very moment the fresh settings are on the
 * screen (a MutationObserver on what they change), so the test does not depend on the machine's
 * speed: CI once found a stale form there and a "Leave without saving?" nobody had earned.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openKioskFixture, signIn, type KioskFixture } from './harness/kiosk-host-fixture.js';
import { openSettings, submitNewPin } from './harness/kiosk-steps.js';
import { kioskClient } from '../support/kiosk-client.js';

/**
 * Arms the page to press `key` (on window, as the screen shortcuts listen) in the same moment the
 * PIN list's labels change, i.e. when settings saying which PINs are still the training ones are shown.
 */
async function pressWhenPinLabelsChange(page: Page, key: string): Promise<void> {
  await page.evaluate(`(() => {
    const list = document.querySelector('select option[value="supervisor"]').parentElement;
    const observer = new MutationObserver(() => {
      observer.disconnect();
      window.dispatchEvent(new KeyboardEvent('keydown', { key: ${JSON.stringify(key)}, bubbles: true }));
    });
    observer.observe(list, { subtree: true, childList: true, characterData: true });
  })()`);
}

describe('leaving Settings', () => {
  let fixture: KioskFixture;

  beforeAll(async () => {
    fixture = await openKioskFixture();
    await signIn(fixture.kiosk);
  });
  afterAll(async () => fixture?.close());

  it('goes at once when nothing typed is unsaved, even as fresh settings are being shown', async () => {
    const { page } = fixture.kiosk;
    await openSettings(page, '1234');
    await pressWhenPinLabelsChange(page, 'F3');
    // The supervisor PIN stops being the training one: its label loses "(still the training PIN)".
    await submitNewPin(page, 'supervisor', '2468');
    await page.getByRole('heading', { name: 'Queue and history' }).waitFor();
    expect(await page.getByRole('alertdialog').count()).toBe(0);
  });

  it('keeps what was typed when another panel saves, and asks before leaving it unsaved', async () => {
    const { page } = fixture.kiosk;
    await openSettings(page, '1234');
    const idle = page.getByLabel('Sign out after idle (minutes)');
    const idleBefore = await idle.inputValue();
    await idle.fill('17');
    await pressWhenPinLabelsChange(page, 'F1');
    // The admin PIN stops being the training one (the screen saves later with the new one).
    await submitNewPin(page, 'admin', '4321');
    const ask = page.getByRole('alertdialog', { name: 'Leave without saving?' });
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Stay and save' }).click();
    expect(await idle.inputValue()).toBe('17');
    expect(idleBefore).not.toBe('17');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => kioskClient(fixture.host).settings.get({})).toMatchObject({ idleMinutes: 17 });
  });

  it("keeps unsaved device types and serial speed when another panel's save refreshes the settings", async () => {
    const { page } = fixture.kiosk;
    const live = await kioskClient(fixture.host).auth.check({ role: 'admin', pin: '4321' });
    await openSettings(page, live.ok ? '4321' : '1234');
    const types = page.getByTestId('device-types');
    await types.getByLabel('Label of blood_glucose').fill('Glucometer');
    await types.getByText('Not saved yet: press Save device types.').waitFor();
    const baud = page.getByLabel('Modem baud rate');
    const baudBefore = await baud.inputValue();
    await baud.selectOption('9600');
    expect(baudBefore).not.toBe('9600');
    // Another panel saves: registering an operator refreshes every setting, and says so once it has.
    const operators = page.getByTestId('operators');
    await operators.getByLabel('Operator ID (scan the badge or type it)').fill('op-ana');
    await operators.getByRole('button', { name: 'Add operator or change the PIN' }).click();
    await operators.getByText('Only these operators can sign in.').waitFor();
    expect(await types.getByLabel('Label of blood_glucose').inputValue()).toBe('Glucometer');
    expect(await types.getByText('Not saved yet: press Save device types.').count()).toBe(1);
    expect(await baud.inputValue()).toBe('9600');
  });
});
