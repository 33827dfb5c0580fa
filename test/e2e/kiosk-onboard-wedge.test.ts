/**
 * The main workflow with a scanner gun alone, in Chromium bound to a real kiosk host: sign in,
 * scan the IMEI and the patient (5 ms-per-key bursts), pick the type by keyboard, Enter → CONNECTED,
 * and the connection is in the simulator. Then the IMEI on another patient, moved by a supervisor.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ValidicClient } from '../../src/validic/client.js';
import { ensureSignedIn, openKioskFixture, signIn, type KioskFixture } from './harness/kiosk-host-fixture.js';
import {
  checkScreen,
  ensureConnected,
  holdersOf,
  pickDeviceType,
  resultOutcome,
  wedgeScan,
} from './harness/kiosk-steps.js';
import { KNOWN_IMEI, makeImei } from '../support/imei.js';
import { ensureUser } from '../support/validic-user.js';

const IMEI = KNOWN_IMEI;

describe('onboarding by keyboard-wedge scanner', () => {
  let fixture: KioskFixture;

  beforeAll(async () => {
    fixture = await openKioskFixture();
  });
  afterAll(async () => fixture?.close());

  it('starts at the station sign-in screen', async () => {
    await fixture.kiosk.page.getByRole('textbox', { name: 'Operator ID' }).waitFor();
    await checkScreen(fixture.kiosk, 'station-start');
    await signIn(fixture.kiosk);
    await checkScreen(fixture.kiosk, 'onboard');
  });

  describe('signed in', () => {
    // Signed in by the first test; signed in here when a test runs alone.
    beforeEach(async () => ensureSignedIn(fixture.kiosk));

    it('connects a device scanned by wedge, with Enter as the one confirm key', async () => {
      const { page } = fixture.kiosk;
      await wedgeScan(page, IMEI);
      await expect.poll(() => page.getByTestId('imei-formatted').textContent()).toBe('49-015420-323751-8');
      await wedgeScan(page, 'PAT-1001');
      await expect.poll(() => page.getByRole('textbox', { name: 'Patient ID' }).inputValue()).toBe('PAT-1001');
      await pickDeviceType(page, 'Glucose meter');
      await page.keyboard.press('Enter');
      expect(await resultOutcome(page)).toBe('connected');
      expect(await page.getByTestId('onboard-result').textContent()).toContain('CONNECTED');
      expect(await page.getByTestId('onboard-result').textContent()).toContain('…7518');
      await checkScreen(fixture.kiosk, 'onboard-connected');
      expect(await holdersOf(fixture.host, IMEI)).toEqual(['PAT-1001']);
    });

    it('returns to ready for the next device by itself', async () => {
      const { page } = fixture.kiosk;
      await page.getByTestId('onboard-status').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('onboard-status').textContent()).toContain('READY');
      expect(await page.getByRole('textbox', { name: 'Device IMEI' }).inputValue()).toBe('');
    });

    it('asks before a second device of the same type for one patient (the safe answer has the focus)', async () => {
      const { page } = fixture.kiosk;
      // The patient's glucose meter from the test before.
      await ensureConnected(fixture.host, IMEI, 'PAT-1001', 'blood_glucose');
      const second = makeImei('35693803', 300);
      await wedgeScan(page, second);
      await wedgeScan(page, 'PAT-1001');
      await pickDeviceType(page, 'Glucose meter');
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('alertdialog', { name: 'SECOND DEVICE OF THIS TYPE?' });
      await dialog.waitFor();
      await checkScreen(fixture.kiosk, 'onboard-second-device');
      // Enter answers the focused "No": nothing is sent, the screen is ready for the next device.
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
      expect(await holdersOf(fixture.host, second)).toEqual([]);

      await wedgeScan(page, second);
      await wedgeScan(page, 'PAT-1001');
      await pickDeviceType(page, 'Glucose meter');
      await page.keyboard.press('Enter');
      await dialog.getByRole('button', { name: 'Yes, connect it' }).click();
      expect(await resultOutcome(page)).toBe('connected');
      expect(await holdersOf(fixture.host, second)).toEqual(['PAT-1001']);
      await page.keyboard.press('Enter');
    });

    it('blocks the IMEI on another patient until a supervisor overrides it (PIN 5678)', async () => {
      const { page } = fixture.kiosk;
      // On PAT-1001 as a glucose meter since the tests before.
      await ensureConnected(fixture.host, IMEI, 'PAT-1001', 'blood_glucose');
      await wedgeScan(page, IMEI);
      await wedgeScan(page, 'PAT-2002');
      // This model (TAC) was connected as a glucose meter before: suggested, never selected (issue 15).
      await page.getByTestId('type-hint').filter({ hasText: 'TAC 49015420' }).waitFor();
      expect(await page.getByRole('radio', { checked: true }).count()).toBe(0);
      await pickDeviceType(page, 'Glucose meter');
      await page.keyboard.press('Enter');
      expect(await resultOutcome(page)).toBe('blocked');
      expect(await page.getByTestId('onboard-result').textContent()).toContain('ON ANOTHER PATIENT');
      await checkScreen(fixture.kiosk, 'onboard-blocked');

      await page.getByRole('button', { name: 'Supervisor override' }).click();
      const pin = page.getByLabel('PIN', { exact: true });
      await pin.fill('0000');
      await page.keyboard.press('Enter');
      await page.getByRole('alert').filter({ hasText: 'Wrong PIN' }).waitFor();
      await pin.fill('5678');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('onboard-result').getAttribute('data-outcome')).toBe('connected');
      expect(await holdersOf(fixture.host, IMEI)).toEqual(['PAT-2002']);
    });

    it("works by keyboard alone at a person's pace: Enter moves to what is missing, then connects", async () => {
      const { page } = fixture.kiosk;
      const typed = makeImei('86104703', 55);
      await page.keyboard.press('Escape');
      await page.getByRole('textbox', { name: 'Device IMEI' }).focus();
      await page.keyboard.type(typed, { delay: 120 });
      await expect
        .poll(() =>
          page
            .getByTestId('imei-formatted')
            .textContent()
            .catch(() => null),
        )
        .not.toBeNull();
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.evaluate('document.activeElement?.id') as Promise<string>)
        .toBe(await page.getByRole('textbox', { name: 'Patient ID' }).getAttribute('id'));
      await page.keyboard.type('PAT-7777', { delay: 120 });
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate('document.activeElement?.getAttribute("role")')).toBe('radio');
      await page.keyboard.press('ArrowRight');
      await expect
        .poll(() => page.getByRole('radio', { name: 'Blood pressure monitor' }).getAttribute('aria-checked'))
        .toBe('true');
      await page.keyboard.press('Enter');
      expect(await resultOutcome(page)).toBe('connected');
      expect(await holdersOf(fixture.host, typed)).toEqual(['PAT-7777']);
      await page.keyboard.press('Enter');
    });

    it('asks which IMEI when a dual-SIM label scan carries two, and takes the one picked', async () => {
      const { page } = fixture.kiosk;
      await page.keyboard.press('Escape');
      await wedgeScan(page, 'IMEI1:356938035643809 IMEI2:490154203237526');
      const choice = page.getByRole('group', { name: 'This label has two IMEIs. Which one is this device?' });
      await choice.waitFor();
      await checkScreen(fixture.kiosk, 'onboard-choose-imei');
      await choice.getByRole('button', { name: /IMEI 2/ }).click();
      await expect.poll(() => page.getByTestId('imei-formatted').textContent()).toBe('49-015420-323752-6');
      expect(await choice.count()).toBe(0);
      await page.keyboard.press('Escape');
    });

    it('needs attention when Validic has the IMEI on a patient this kiosk never saw; a supervisor names that patient to move it', async () => {
      const { page } = fixture.kiosk;
      const simulator = fixture.host.engine().simulator!;
      const elsewhere = makeImei('86753090', 4242);
      // Another station of the organization connected it, straight through Validic's API.
      const otherKiosk = new ValidicClient({
        orgId: simulator.orgId,
        orgToken: simulator.token,
        apiBase: simulator.baseUrl,
        directBase: simulator.baseUrl,
      });
      const user = await ensureUser(otherKiosk, 'PAT-9009');
      await otherKiosk.connect(user.marketplace.token, elsewhere, 'weight_scale');

      await page.keyboard.press('Escape');
      await wedgeScan(page, elsewhere);
      await wedgeScan(page, 'PAT-5005');
      await pickDeviceType(page, 'Weight scale');
      await page.keyboard.press('Enter');
      expect(await resultOutcome(page)).toBe('needs_attention');
      const text = await page.getByTestId('onboard-result').textContent();
      expect(text).toContain('NEEDS ATTENTION');
      expect(text).toContain('Next:');
      await checkScreen(fixture.kiosk, 'onboard-needs-attention');
      expect(await holdersOf(fixture.host, elsewhere)).toEqual(['PAT-9009']);

      // This kiosk cannot know the other patient: the supervisor names it with the PIN.
      await page.getByRole('button', { name: 'Supervisor override' }).click();
      const dialog = page.getByRole('dialog', { name: 'Supervisor PIN' });
      await dialog.getByLabel('Patient ID it is on now').fill('PAT-9009');
      await dialog.getByLabel('PIN', { exact: true }).fill('5678');
      await checkScreen(fixture.kiosk, 'onboard-override-named');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('onboard-result').getAttribute('data-outcome')).toBe('connected');
      expect(await holdersOf(fixture.host, elsewhere)).toEqual(['PAT-5005']);
    });
  });
});
