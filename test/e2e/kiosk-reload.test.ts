/**
 * A reloaded renderer (what the shell does after a crash) rebuilds itself from the engine: the
 * operator is still signed in and the queue is as the engine has it; the idle timeout still ends it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKioskFixture, signIn, type KioskFixture } from './harness/kiosk-host-fixture.js';
import { kioskClient } from '../support/kiosk-client.js';

describe('renderer reload', () => {
  let fixture: KioskFixture;

  beforeAll(async () => {
    fixture = await openKioskFixture();
    await signIn(fixture.kiosk, 'op-cara');
  });
  afterAll(async () => fixture?.close());

  it('keeps the operator signed in across a reload, on the ready screen', async () => {
    const { page } = fixture.kiosk;
    await page.reload();
    await page.getByTestId('onboard-status').waitFor();
    expect(await page.locator('.app-operator').textContent()).toContain('op-cara');
    expect(await page.getByTestId('onboard-status').textContent()).toContain('READY');
  });

  it('shows the sign-in screen after a reload once the operator signed out', async () => {
    const { page } = fixture.kiosk;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.reload();
    await page.getByRole('textbox', { name: 'Operator ID' }).waitFor();
    expect(await kioskClient(fixture.host).session.current({})).toEqual({ station: 'Packing 3' });
  });
});
