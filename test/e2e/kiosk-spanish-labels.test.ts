/**
 * Spanish at the kiosk (issue 15), in Chromium against a real host: "Saved" is said in the language
 * just saved; device types carry a label per language (admin-editable; a type without a Spanish
 * label shows its English one); the Onboard tab is not called like the Connect action; an unconfirmed
 * device type says what that means instead of "assumed".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKioskFixture, signIn, type KioskFixture } from './harness/kiosk-host-fixture.js';
import { checkScreen, goTo } from './harness/kiosk-steps.js';
import { kioskClient } from '../support/kiosk-client.js';

describe('Spanish labels and words', () => {
  let fixture: KioskFixture;

  beforeAll(async () => {
    fixture = await openKioskFixture();
    await signIn(fixture.kiosk);
  });
  afterAll(async () => fixture?.close());

  it('says "Guardado" after switching to Spanish, and names types per language in Settings', async () => {
    const { page } = fixture.kiosk;
    await goTo(page, 'settings');
    await page.getByLabel('PIN', { exact: true }).fill('1234');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.getByLabel('Language').selectOption('es');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('heading', { name: 'Ajustes' }).waitFor();
    const status = page.getByRole('status').filter({ hasText: 'Guardado.' });
    await status.waitFor();
    expect(await page.getByText('Saved.', { exact: true }).count()).toBe(0);

    const types = page.getByTestId('device-types');
    expect(await types.getByLabel('Texto en español para blood_glucose').inputValue()).toBe('Glucómetro');
    expect(await types.textContent()).toContain('sin confirmar por Validic');
    await types.getByLabel('Texto en español para weight_scale').fill('Balanza');
    await types.getByRole('button', { name: 'Guardar tipos de dispositivo' }).click();
    await page.getByTestId('device-types-status').filter({ hasText: 'Guardado.' }).waitFor();
    await checkScreen(fixture.kiosk, 'settings-types-es');
    const saved = await kioskClient(fixture.host).settings.get({});
    expect(saved).toMatchObject({
      deviceTypes: expect.arrayContaining([
        expect.objectContaining({ id: 'weight_scale', label: 'Weight scale', labelEs: 'Balanza' }),
      ]),
    });
  });

  it('shows Spanish type labels on Onboard, falling back to English, and a tab not named like the action', async () => {
    const { page } = fixture.kiosk;
    // The station as the test before left it (Spanish, the scale called "Balanza"), set again so this test runs alone;
    // and an admin adds a type with no Spanish label.
    const current = fixture.host.engine().deviceTypes;
    const edits = [
      ...current.map(({ id, label }) => ({ id, label, ...(id === 'weight_scale' ? { labelEs: 'Balanza' } : {}) })),
      { id: 'thermometer', label: 'Thermometer' },
    ];
    expect(
      await kioskClient(fixture.host).settings.update({
        adminPin: '1234',
        patch: { language: 'es', deviceTypes: edits },
      }),
    ).toMatchObject({ language: 'es' });
    await page.reload();
    await goTo(page, 'onboard');
    const picker = page.getByRole('radiogroup');
    await picker.getByRole('radio', { name: /Glucómetro/ }).waitFor();
    await picker.getByRole('radio', { name: /Balanza/ }).waitFor();
    await picker.getByRole('radio', { name: /Thermometer/ }).waitFor();
    expect(await picker.getByRole('radio', { name: /Glucose meter/ }).count()).toBe(0);
    const tab = await page.getByRole('navigation').getByRole('button').first().textContent();
    expect(tab).not.toMatch(/Conectar/);
    expect(await page.getByRole('button', { name: /^Conectar/ }).count()).toBe(1);
    await checkScreen(fixture.kiosk, 'onboard-es-labels');
  });
});
