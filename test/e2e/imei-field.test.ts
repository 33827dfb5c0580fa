import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../src/ipc/contract.js';
import { createDispatcher } from '../../src/ipc/dispatcher.js';
import { createEngineHandlers } from '../../src/ipc/handlers.js';
import { openKioskPage, type KioskPage } from './harness/kiosk-page.js';

describe('the IMEI field in Chromium, bound to the real dispatcher', () => {
  let kiosk: KioskPage;
  const calls: string[] = [];

  beforeAll(async () => {
    const real = createDispatcher(contract, createEngineHandlers({ name: 'IMEI Kiosk', version: '0.1.0', mode: 'training' }));
    kiosk = await openKioskPage({
      dispatcher: { channels: real.channels, dispatch: (channel, payload) => { calls.push(channel); return real.dispatch(channel, payload); } },
    });
  });
  afterAll(async () => kiosk?.close());

  it('shows the training banner and focuses the IMEI field', async () => {
    const { page } = kiosk;
    await expect.poll(() => page.getByText(/TRAINING/).count()).toBe(1);
    // Keyboard-only use starts here: the IMEI field has focus without a click.
    expect(await page.locator(':focus').getAttribute('placeholder')).toBe('Scan or type the 15-digit IMEI');
  });

  it('names the expected check digit while the IMEI is wrong', async () => {
    const { page } = kiosk;
    await page.keyboard.type('490154203237517');
    const status = page.getByTestId('imei-status');
    await expect.poll(() => status.textContent()).toContain('should be 8');
    expect(await page.locator('[data-kind]').getAttribute('data-kind')).toBe('bad_check_digit');
    expect(await page.getByRole('textbox', { name: 'IMEI' }).getAttribute('aria-invalid')).toBe('true');
    const file = await kiosk.screenshot('imei-bad-check-digit');
    expect(existsSync(file)).toBe(true);
    expect(calls).toContain('imei.validate');
  });

  it('shows the formatted IMEI and its TAC once it is right (keyboard only)', async () => {
    const { page } = kiosk;
    await page.keyboard.press('Backspace');
    await page.keyboard.type('8');
    await expect.poll(() => page.getByTestId('imei-formatted').textContent()).toBe('49-015420-323751-8');
    expect(await page.getByTestId('imei-tac').textContent()).toBe('49015420');
    expect(await page.getByRole('textbox', { name: 'IMEI' }).getAttribute('aria-invalid')).toBe('false');
    const file = await kiosk.screenshot('imei-valid');
    expect(existsSync(file)).toBe(true);
  });

  it('explains other mistakes in words: a letter O typed for a zero', async () => {
    const { page } = kiosk;
    const field = page.getByRole('textbox', { name: 'IMEI' });
    await field.fill('49O154203237518');
    await expect.poll(() => page.getByTestId('imei-status').textContent()).toContain('"O" at position 3');
  });
});
