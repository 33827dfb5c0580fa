/**
 * Leaving Settings asks only about what the admin typed and did not save, in Chromium against a
 * real host. Fresh settings from another panel (here a PIN change) neither ask nor drop what was
 * typed. The key is pressed from inside the page at the very moment the fresh settings are on the
 * screen (a MutationObserver on what they change), so the test does not depend on the machine's
 * speed: CI once found a stale form there and a "Leave without saving?" nobody had earned.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openKioskFixture, signIn, type KioskFixture } from './harness/kiosk-host-fixture.js';
import { openSettings } from './harness/kiosk-steps.js';
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

async function changePin(page: Page, role: 'admin' | 'supervisor', pin: string): Promise<void> {
  await page.getByLabel('Which PIN').selectOption(role);
  await page.getByLabel('New PIN (4 to 12 digits)').fill(pin);
  await page.getByLabel('New PIN again').fill(pin);
  await page.getByRole('button', { name: 'Change PIN' }).click();
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
    await changePin(page, 'supervisor', '2468');
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
    await changePin(page, 'admin', '4321');
    const ask = page.getByRole('alertdialog', { name: 'Leave without saving?' });
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Stay and save' }).click();
    expect(await idle.inputValue()).toBe('17');
    expect(idleBefore).not.toBe('17');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => kioskClient(fixture.host).settings.get({})).toMatchObject({ idleMinutes: 17 });
  });
});
