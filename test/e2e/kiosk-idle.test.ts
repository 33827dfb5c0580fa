/**
 * The idle sign-out, without waiting minutes: Playwright's clock drives the page's timers, so the
 * product keeps its real setting (whole minutes, here the minimum of 1) and the test fast-forwards.
 * A key press restarts the count; after a full idle minute the operator is signed out (in the
 * engine too), the half-done device is dropped, and the station start screen says why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKioskFixture, signIn, type KioskFixture } from './harness/kiosk-host-fixture.js';
import { checkScreen, goTo, wedgeScan } from './harness/kiosk-steps.js';
import { KNOWN_IMEI } from '../support/imei.js';
import { failureOf, kioskClient } from '../support/kiosk-client.js';

describe('idle sign-out', () => {
  let fixture: KioskFixture;

  beforeAll(async () => {
    fixture = await openKioskFixture({ beforeLoad: (page) => page.clock.install() });
    await signIn(fixture.kiosk);
  });
  afterAll(async () => fixture?.close());

  it('signs the operator out after the idle minutes set in Settings, counting from the last key', async () => {
    const { page } = fixture.kiosk;
    await goTo(page, 'settings');
    await page.getByLabel('PIN', { exact: true }).fill('1234');
    await page.keyboard.press('Enter');
    await page.getByLabel('Sign out after idle (minutes)').fill('1');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    await goTo(page, 'onboard');
    await wedgeScan(page, KNOWN_IMEI);
    await expect.poll(() => page.getByTestId('imei-formatted').textContent()).toBe('49-015420-323751-8');

    await page.clock.fastForward('00:45');
    await page.keyboard.press('Shift');
    await page.clock.fastForward('00:45');
    // 90 s since sign-in, 45 s since the last key: still signed in.
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);

    await page.clock.fastForward('00:20');
    await page.getByRole('textbox', { name: 'Operator ID' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Signed out after 1 min without activity.' }).count()).toBe(
      1,
    );
    await checkScreen(fixture.kiosk, 'idle');
    // The engine's session ended too: nothing can be sent in the operator's name.
    const answer = kioskClient(fixture.host).onboard.submit({
      imei: KNOWN_IMEI,
      raw: 'x',
      source: 'typed',
      uid: 'PAT-8008',
      deviceType: 'blood_glucose',
    });
    expect((await failureOf(answer)).code).toBe('refused');
  });

  it('signs the next operator in by a badge scan, on an empty onboarding screen', async () => {
    const { page } = fixture.kiosk;
    // The sign-in screen, as the idle sign-out left it (signed out here when this test runs alone).
    const signOut = page.getByRole('button', { name: 'Sign out' });
    if (await signOut.isVisible()) await signOut.click();
    await page.getByRole('textbox', { name: 'Operator ID' }).waitFor();
    // A device label scanned at the sign-in screen is refused, not taken as an operator.
    await wedgeScan(page, KNOWN_IMEI);
    await page.getByRole('alert').filter({ hasText: 'That was a device IMEI' }).waitFor();
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    await wedgeScan(page, 'OP-BEN-0042');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.locator('.app-operator').textContent()).toContain('OP-BEN-0042');
    expect(await page.getByRole('textbox', { name: 'Device IMEI' }).inputValue()).toBe('');
    expect(await page.getByTestId('onboard-status').textContent()).toContain('READY');
  });
});
