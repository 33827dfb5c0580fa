/**
 * Wrong PINs in a row lock PIN checks (src/app/session/pin-attempts.ts): the PIN dialog in Chromium says
 * so, and for how long, instead of "wrong PIN" — and the right PIN is not taken while locked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKioskFixture, signIn, type KioskFixture } from './harness/kiosk-host-fixture.js';
import { checkScreen, goTo } from './harness/kiosk-steps.js';

describe('PIN lock after wrong PINs', () => {
  let fixture: KioskFixture;

  beforeAll(async () => {
    fixture = await openKioskFixture({ pinLock: { maxWrong: 3, stepsMs: [60_000] } });
    await signIn(fixture.kiosk);
  });
  afterAll(async () => fixture?.close());

  it('says the PINs are locked, and for how long, once too many wrong ones were typed', async () => {
    const { page } = fixture.kiosk;
    await goTo(page, 'settings');
    const dialog = page.getByRole('dialog', { name: 'Admin PIN' });
    const field = dialog.getByLabel('PIN', { exact: true });
    for (const wrong of ['0000', '1111', '2222']) {
      await field.fill(wrong);
      await page.keyboard.press('Enter');
      await dialog.getByRole('alert').getByText('Wrong PIN. Try again or ask a supervisor.').waitFor();
    }
    await field.fill('1234');
    await page.keyboard.press('Enter');
    await dialog.getByRole('alert').getByText('Too many wrong PINs: PINs are locked for', { exact: false }).waitFor();
    expect(await dialog.getByRole('alert').textContent()).toMatch(/locked for (59|60) s\..*ask a supervisor/);
    expect(await page.getByRole('heading', { name: 'Settings' }).count()).toBe(0);
    await checkScreen(fixture.kiosk, 'pin-locked');
  });
});
