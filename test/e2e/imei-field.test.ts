import { existsSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openKioskFixture, signIn, type KioskFixture } from './harness/kiosk-host-fixture.js';
import { KNOWN_IMEI, withWrongCheckDigit } from '../support/imei.js';

const TYPO = withWrongCheckDigit(KNOWN_IMEI);

// Issue 2's acceptance path: the IMEI field with live validation, in Chromium, bound to the real engine.
describe('the IMEI field in Chromium, bound to the real engine', () => {
  let fixture: KioskFixture;

  beforeAll(async () => {
    fixture = await openKioskFixture();
    await signIn(fixture.kiosk);
  });
  afterAll(async () => fixture?.close());

  it('shows the training banner and puts the keyboard in the IMEI field', async () => {
    const { page } = fixture.kiosk;
    expect(await page.getByTestId('training-banner').textContent()).toContain('TRAINING');
    await expect.poll(() => page.locator(':focus').getAttribute('placeholder')).toBe('Scan or type the 15-digit IMEI');
  });

  describe('typing', () => {
    // Each test starts from an empty IMEI field with the keyboard in it, as after sign-in.
    beforeEach(async () => {
      const field = fixture.kiosk.page.getByRole('textbox', { name: 'Device IMEI' });
      await field.fill('');
      await field.focus();
    });

    it('names the expected check digit while the IMEI is wrong', async () => {
      const { page } = fixture.kiosk;
      // Typed at a person's pace, so the wedge classifier leaves it to the field.
      await page.keyboard.type(TYPO.imei, { delay: 140 });
      const status = page.getByTestId('imei-status');
      await expect.poll(() => status.textContent()).toContain(`should be ${TYPO.expected}`);
      expect(await page.locator('[data-kind]').getAttribute('data-kind')).toBe('bad_check_digit');
      expect(await page.getByRole('textbox', { name: 'Device IMEI' }).getAttribute('aria-invalid')).toBe('true');
      expect(existsSync(await fixture.kiosk.screenshot('imei-bad-check-digit'))).toBe(true);
    });

    it('shows the formatted IMEI and its TAC once it is right (keyboard only)', async () => {
      const { page } = fixture.kiosk;
      // The mistyped IMEI of the test before (filled, so this test runs alone too), mended by keyboard.
      await page.getByRole('textbox', { name: 'Device IMEI' }).fill(TYPO.imei);
      await expect.poll(() => page.getByTestId('imei-status').textContent()).toContain(`should be ${TYPO.expected}`);
      await page.keyboard.press('Backspace');
      await page.keyboard.type(TYPO.expected, { delay: 140 });
      await expect.poll(() => page.getByTestId('imei-formatted').textContent()).toBe('49-015420-323751-8');
      expect(await page.getByTestId('imei-status').textContent()).toContain('TAC 49015420');
      expect(await page.getByRole('textbox', { name: 'Device IMEI' }).getAttribute('aria-invalid')).toBe('false');
      expect(existsSync(await fixture.kiosk.screenshot('imei-valid'))).toBe(true);
    });

    it('explains other mistakes in words: a letter O typed for a zero', async () => {
      const { page } = fixture.kiosk;
      await page.getByRole('textbox', { name: 'Device IMEI' }).fill('49O154203237518');
      await expect.poll(() => page.getByTestId('imei-status').textContent()).toContain('"O" at position 3');
    });
  });
});
