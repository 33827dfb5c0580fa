/**
 * A small clinic touchscreen, 1024 × 768 (issue 15), in Chromium against a real host: on every
 * screen (sign-in, onboard, batch, queue, disconnect, settings) the page never scrolls sideways,
 * Settings and Sign out are on screen, and the screen's primary action is within the window
 * without scrolling. Also 1366 × 768 with the device-type hint showing. Screenshots of each.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ensureSignedIn,
  openKioskFixture,
  signIn,
  useSpanish,
  type KioskFixture,
} from './harness/kiosk-host-fixture.js';
import { checkScreen, ensureConnected, goTo, wedgeScan } from './harness/kiosk-steps.js';
import { makeImei } from '../support/imei.js';
import { kioskClient } from '../support/kiosk-client.js';

const KNOWN_MODEL = (serial: number) => makeImei('35444444', serial);

/** Page width beyond the window, in px (0: no horizontal scroll). */
async function sidewaysOverflow(page: Page): Promise<number> {
  return (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
}

/** The control is inside the window as it is now, without scrolling. */
async function expectOnScreen(page: Page, control: Locator, what: string): Promise<void> {
  await control.waitFor();
  const box = await control.boundingBox();
  const size = page.viewportSize()!;
  expect(box, what).not.toBeNull();
  expect({
    what,
    top: box!.y >= 0,
    bottom: box!.y + box!.height <= size.height,
    left: box!.x >= 0,
    right: box!.x + box!.width <= size.width,
  }).toEqual({ what, top: true, bottom: true, left: true, right: true });
}

async function fits(fixture: KioskFixture, name: string, primary: Locator, primaryName: string): Promise<void> {
  const { page } = fixture.kiosk;
  await checkScreen(fixture.kiosk, name);
  expect(await sidewaysOverflow(page), `horizontal scroll on ${name}`).toBeLessThanOrEqual(0);
  await expectOnScreen(page, primary, `${primaryName} on ${name}`);
}

async function headerReachable(page: Page, settings: string, signOut: string): Promise<void> {
  const nav = page.getByRole('navigation');
  await expectOnScreen(page, nav.getByRole('button', { name: new RegExp(`^${settings}`) }), settings);
  await expectOnScreen(page, page.getByRole('button', { name: signOut, exact: true }), signOut);
}

describe('every screen at 1024 × 768', () => {
  let fixture: KioskFixture;

  beforeAll(async () => {
    fixture = await openKioskFixture({ viewport: { width: 1024, height: 768 } });
  });
  afterAll(async () => fixture?.close());

  it('sign-in', async () => {
    const { page } = fixture.kiosk;
    await fits(fixture, 'small-1024-sign-in', page.getByRole('button', { name: 'Sign in' }), 'Sign in');
  });

  describe('signed in', () => {
    // Each screen after sign-in, from a signed-in station whose model history makes the type hint show
    // (two glucose meters of one TAC): made before the first of them, and again for a test run alone.
    beforeEach(async () => {
      await ensureSignedIn(fixture.kiosk);
      for (const serial of [1, 2])
        await ensureConnected(fixture.host, KNOWN_MODEL(serial), `PAT-SEED${serial}`, 'blood_glucose');
    });

    it('onboard, with the type hint showing', async () => {
      const { page } = fixture.kiosk;
      await headerReachable(page, 'Settings', 'Sign out');
      await wedgeScan(page, KNOWN_MODEL(3));
      await page.getByTestId('type-hint').waitFor();
      await fits(fixture, 'small-1024-onboard', page.getByRole('button', { name: /^Connect/ }), 'Connect');
    });

    it('batch', async () => {
      const { page } = fixture.kiosk;
      await page.keyboard.press('Escape');
      await goTo(page, 'batch');
      await page.getByLabel('Orders CSV file').setInputFiles({
        name: 'orders.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('uid,device_type\nSMALL-1,blood_glucose\nSMALL-2,weight_scale\n'),
      });
      await page.getByRole('button', { name: 'Import' }).click();
      await page.getByTestId('batch-progress').waitFor();
      await headerReachable(page, 'Settings', 'Sign out');
      await fits(fixture, 'small-1024-batch', page.getByRole('button', { name: 'Close batch' }), 'Close batch');
    });

    it('queue', async () => {
      const { page } = fixture.kiosk;
      await goTo(page, 'queue');
      await page.getByRole('heading', { name: 'Queue and history' }).waitFor();
      await page.getByRole('tab', { name: /All/ }).click();
      await page.getByTestId('jobs-table').waitFor();
      await headerReachable(page, 'Settings', 'Sign out');
      await fits(fixture, 'small-1024-queue', page.getByRole('searchbox'), 'search');
    });

    it('disconnect', async () => {
      const { page } = fixture.kiosk;
      await goTo(page, 'disconnect');
      await page.getByRole('textbox', { name: 'Patient ID' }).fill('PAT-SEED1');
      await page.getByRole('button', { name: 'Show what will be disconnected' }).click();
      await page.getByTestId('disconnect-preview').waitFor();
      await headerReachable(page, 'Settings', 'Sign out');
      await fits(
        fixture,
        'small-1024-disconnect',
        page.getByRole('button', { name: /^Disconnect this device/ }),
        'Disconnect this device',
      );
    });

    it('settings', async () => {
      const { page } = fixture.kiosk;
      await goTo(page, 'settings');
      await page.getByLabel('PIN', { exact: true }).fill('1234');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Settings' }).waitFor();
      await headerReachable(page, 'Settings', 'Sign out');
      await fits(fixture, 'small-1024-settings', page.getByRole('button', { name: 'Save settings' }), 'Save settings');
    });

    it('onboard in Spanish (longer words)', async () => {
      await useSpanish(fixture);
      const { page } = fixture.kiosk;
      await headerReachable(page, 'Ajustes', 'Cerrar sesión');
      await wedgeScan(page, KNOWN_MODEL(4));
      await page.getByTestId('type-hint').waitFor();
      await fits(fixture, 'small-1024-onboard-es', page.getByRole('button', { name: /^Conectar \(/ }), 'Conectar');
    });
  });
});

describe('onboard at 1366 × 768 with the type hint', () => {
  let fixture: KioskFixture;

  beforeAll(async () => {
    fixture = await openKioskFixture({ viewport: { width: 1366, height: 768 } });
    await signIn(fixture.kiosk);
    for (const serial of [1, 2]) {
      const imei = KNOWN_MODEL(serial);
      await kioskClient(fixture.host).onboard.submit({
        imei,
        raw: imei,
        source: 'typed',
        uid: `PAT-SEED${serial}`,
        deviceType: 'blood_glucose',
      });
    }
  });
  afterAll(async () => fixture?.close());

  it('keeps Connect on screen', async () => {
    const { page } = fixture.kiosk;
    await wedgeScan(page, KNOWN_MODEL(3));
    await page.getByTestId('type-hint').waitFor();
    await fits(fixture, 'small-1366-onboard-hint', page.getByRole('button', { name: /^Connect/ }), 'Connect');
  });
});
