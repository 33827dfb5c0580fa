/**
 * Order barcodes on the Onboard screen, scanned by wedge in Chromium against a real kiosk host: a
 * self-contained order fills the patient and the type (marked "from the order"), then the IMEI →
 * CONNECTED for the order's patient and type, with the order reference journaled; an order for a
 * type the station lacks fills nothing and says what to do; a bare order reference is looked up in
 * the open batch (and, since it could also be a patient ID, the operator confirms it is the order);
 * anything else keeps the "not an IMEI or a patient ID" message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKioskFixture, signIn, type KioskFixture } from './harness/kiosk-host-fixture.js';
import { checkScreen, holdersOf, resultOutcome, wedgeScan } from './harness/kiosk-steps.js';
import { makeImei } from '../support/imei.js';
import { kioskClient } from '../support/kiosk-client.js';

const FIRST = makeImei('35693803', 801);
const SECOND = makeImei('35693803', 802);

describe('order barcodes on the Onboard screen', () => {
  let fixture: KioskFixture;

  beforeAll(async () => {
    fixture = await openKioskFixture();
    await signIn(fixture.kiosk);
  });
  afterAll(async () => fixture?.close());

  it('fills the patient and the type from an order barcode; the IMEI then connects them', async () => {
    const { page } = fixture.kiosk;
    await wedgeScan(page, 'UID:P-1001;TYPE:blood_glucose;ORDER:SO-55');
    await expect.poll(() => page.getByRole('textbox', { name: 'Patient ID' }).inputValue()).toBe('P-1001');
    const type = page.getByRole('radio', { name: /Glucose meter/ });
    expect(await type.getAttribute('aria-checked')).toBe('true');
    expect(await type.textContent()).toContain('from the order');
    expect(await page.getByTestId('order-hint').textContent()).toContain('Order SO-55');
    await checkScreen(fixture.kiosk, 'onboard-order');

    await wedgeScan(page, FIRST);
    await expect.poll(() => page.getByTestId('onboard-status').textContent()).toContain('Connect (Enter)');
    await page.keyboard.press('Enter');
    expect(await resultOutcome(page)).toBe('connected');
    const result = await page.getByTestId('onboard-result').textContent();
    expect(result).toContain('CONNECTED');
    expect(result).toContain('patient P-1001 · Glucose meter');
    expect(await holdersOf(fixture.host, FIRST)).toEqual(['P-1001']);
    expect(fixture.host.engine().ledger.jobsByImei(FIRST)[0]).toMatchObject({
      uid: 'P-1001',
      deviceType: 'blood_glucose',
      orderRef: 'SO-55',
    });
    await page.keyboard.press('Enter');
  });

  it('refuses an order for a device type the station does not have, naming it and what to do', async () => {
    const { page } = fixture.kiosk;
    await page.getByTestId('onboard-status').waitFor();
    await wedgeScan(page, '{"uid":"P-1002","device_type":"spirometer","order_ref":"SO-56"}');
    const status = page.getByTestId('imei-status');
    await expect.poll(() => status.textContent()).toContain('"spirometer"');
    expect(await status.textContent()).toContain('Settings → Device types');
    expect(await page.getByRole('textbox', { name: 'Patient ID' }).inputValue()).toBe('');
  });

  it('looks a bare order reference up in the open batch', async () => {
    const { page } = fixture.kiosk;
    const imported = await kioskClient(fixture.host).batch.import({
      csv: 'uid,device_type,order_ref\nP-2001,weight_scale,SO-77\n',
      fileName: 'orders.csv',
    });
    expect(imported).toMatchObject({ ok: true });
    await page.keyboard.press('Escape');
    await wedgeScan(page, 'SO-77');
    // "SO-77" could also be a patient ID: the operator says which (the order is focused: Enter takes it).
    const which = page.getByTestId('order-or-patient');
    await which.waitFor();
    expect(await which.textContent()).toContain(
      '"SO-77" is an order of the open batch, and could also be a patient ID.',
    );
    expect(await which.getByRole('button').allTextContents()).toEqual([
      'The order: patient P-2001, Weight scale',
      'Patient SO-77',
    ]);
    await checkScreen(fixture.kiosk, 'onboard-order-or-patient');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('textbox', { name: 'Patient ID' }).inputValue()).toBe('P-2001');
    expect(await which.count()).toBe(0);
    expect(await page.getByRole('radio', { name: /Weight scale/ }).getAttribute('aria-checked')).toBe('true');
    await wedgeScan(page, SECOND);
    await expect.poll(() => page.getByTestId('onboard-status').textContent()).toContain('Connect (Enter)');
    await page.keyboard.press('Enter');
    expect(await resultOutcome(page)).toBe('connected');
    expect(await page.getByTestId('onboard-result').textContent()).toContain('patient P-2001 · Weight scale');

    await page.keyboard.press('Enter');
    await page.getByTestId('onboard-status').waitFor();
    await wedgeScan(page, 'ORDER:SO-99');
    await expect
      .poll(() => page.getByTestId('imei-status').textContent())
      .toContain('No order "SO-99" in the open batch.');

    // Neither an IMEI, a patient ID nor an order: the message it always had.
    await wedgeScan(page, 'CARTON_0017_B');
    await expect
      .poll(() => page.getByTestId('imei-status').textContent())
      .toContain('Not an IMEI or a patient ID: "CARTON_0017_B".');
  });
});
