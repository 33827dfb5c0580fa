import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKioskFixture, signIn, type KioskFixture } from './harness/kiosk-host-fixture.js';

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

  it('names the expected check digit while the IMEI is wrong', async () => {
    const { page } = fixture.kiosk;
    // Typed at a person's pace, so the wedge classifier leaves it to the field.
    await page.keyboard.type('490154203237517', { delay: 140 });
    const status = page.getByTestId('imei-status');
    await expect.poll(() => status.textContent()).toContain('should be 8');
    expect(await page.locator('[data-kind]').getAttribute('data-kind')).toBe('bad_check_digit');
    expect(await page.getByRole('textbox', { name: 'Device IMEI' }).getAttribute('aria-invalid')).toBe('true');
    expect(existsSync(await fixture.kiosk.screenshot('imei-bad-check-digit'))).toBe(true);
  });

  it('shows the formatted IMEI and its TAC once it is right (keyboard only)', async () => {
    const { page } = fixture.kiosk;
    await page.keyboard.press('Backspace');
    await page.keyboard.type('8', { delay: 140 });
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
