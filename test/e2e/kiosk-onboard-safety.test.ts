/**
 * Issue 15 on the Onboard screen, in Chromium at 1366×768 bound to a real kiosk host: red results
 * stay until acknowledged; no typed character is lost; the device type is a conscious choice; a
 * badge is never a patient; an IMEISV offers its IMEI; "another device for this patient".
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { code128Widths } from '../../src/capture/code128-encode.js';
import { loadRgba } from '../../src/decode/load-image.js';
import { readWithZxingWasm } from '../../src/decode/wasm-reader.js';
import { openKioskFixture, signIn, type KioskFixture } from './harness/kiosk-host-fixture.js';
import {
  checkScreen,
  ensureConnected,
  goTo,
  holdersOf,
  pickDeviceType,
  resultOutcome,
  wedgeScan,
} from './harness/kiosk-steps.js';
import { keyCodeOf } from './harness/scanner-keys.js';
import { makeImei } from '../support/imei.js';
import { kioskClient } from '../support/kiosk-client.js';

/** Counts the tones the page starts (sounds.ts makes them with WebAudio oscillators). */
const COUNT_TONES = `(() => {
  window.__tones = 0;
  const original = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function () { window.__tones += 1; return original.call(this); };
})();`;

const tones = (page: Page) => page.evaluate('window.__tones') as Promise<number>;

type CdpSession = Awaited<ReturnType<ReturnType<Page['context']>['newCDPSession']>>;

/** The key events of one character, as a keyboard sends them (code from the physical key). */
function keyPress(cdp: CdpSession, ch: string): Array<Promise<unknown>> {
  const code = keyCodeOf(ch);
  return [
    cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, code, text: ch }),
    cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch, code }),
  ];
}

/**
 * A person typing `text` with real pauses of `gapMs` between keys (the page's hold-back timers run
 * on real time), then `after` sent in the same instant as the last key, with no round trip between:
 * the "Enter at once" or "click at once" that a test through page.keyboard cannot make sure of.
 */
async function typeThen(
  page: Page,
  text: string,
  gapMs: number,
  after: (cdp: CdpSession) => Array<Promise<unknown>>,
): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const chars = [...text];
  for (const ch of chars.slice(0, -1)) {
    await Promise.all(keyPress(cdp, ch));
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  await Promise.all([...keyPress(cdp, chars.at(-1)!), ...after(cdp)]);
  await cdp.detach();
}

const enterKey = (cdp: CdpSession) => [
  cdp.send('Input.dispatchKeyEvent', {
    type: 'keyDown',
    key: 'Enter',
    code: 'Enter',
    text: '\r',
    windowsVirtualKeyCode: 13,
  }),
  cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 }),
];

describe('the Onboard screen lets nothing wrong slip past', () => {
  let fixture: KioskFixture;
  let page: Page;

  beforeAll(async () => {
    fixture = await openKioskFixture({
      beforeLoad: async (p) => {
        await p.addInitScript({ content: COUNT_TONES });
      },
    });
    page = fixture.kiosk.page;
    await page.setViewportSize({ width: 1366, height: 768 });
    const registered = await kioskClient(fixture.host).settings.saveOperator({
      adminPin: '1234',
      operatorId: 'op-ana',
    });
    expect(registered.operators).toContainEqual({ id: 'op-ana', hasPin: false });
    await page.reload();
    await signIn(fixture.kiosk, 'op-ana');
  });
  afterAll(async () => fixture?.close());

  it('keeps a red result until it is acknowledged: a scan meanwhile is refused with the reason, the tone repeats', async () => {
    const imei = makeImei('35693803', 901);
    const first = await kioskClient(fixture.host).onboard.submit({
      imei,
      raw: imei,
      source: 'wedge',
      uid: 'PAT-0101',
      deviceType: 'blood_glucose',
    });
    expect(first).toMatchObject({ outcome: 'connected' });
    await wedgeScan(page, imei);
    await wedgeScan(page, 'PAT-0202');
    await pickDeviceType(page, 'Glucose meter');
    await page.keyboard.press('Enter');
    expect(await resultOutcome(page)).toBe('blocked');

    // The next device's IMEI scanned at once: refused, the red result stays, and says why.
    const before = await tones(page);
    await wedgeScan(page, makeImei('35693803', 902));
    await page.getByTestId('result-problem').filter({ hasText: 'acknowledge' }).waitFor();
    expect(await page.getByTestId('onboard-result').getAttribute('data-outcome')).toBe('blocked');
    // The error tone sounds again (a refused scan, then every few seconds) until someone acknowledges.
    await expect.poll(() => tones(page), { timeout: 8000 }).toBeGreaterThanOrEqual(before + 2);
    await checkScreen(fixture.kiosk, 'onboard-ack-required');

    // The printed ACKNOWLEDGE barcode clears it, like Enter.
    await wedgeScan(page, 'KIOSK:ACK');
    await page.getByTestId('onboard-status').waitFor();
    const after = await tones(page);
    await wedgeScan(page, makeImei('35693803', 903));
    await expect.poll(() => page.getByTestId('imei-formatted').textContent()).toContain('35-693803-000903');
    expect(await tones(page)).toBe(after);
    await page.keyboard.press('Escape');
  });

  it('submits exactly the patient ID typed at human speed when Enter follows the last key at once', async () => {
    const imei = makeImei('86104703', 77);
    await wedgeScan(page, imei);
    await pickDeviceType(page, 'Weight scale');
    await page.getByRole('textbox', { name: 'Patient ID' }).focus();
    await typeThen(page, 'CLIN-9901', 120, enterKey);
    expect(await resultOutcome(page)).toBe('connected');
    expect(await page.getByTestId('onboard-result').textContent()).toContain('CLIN-9901');
    expect(await holdersOf(fixture.host, imei)).toEqual(['CLIN-9901']);
    await page.keyboard.press('Enter');
  });

  it('shows a model (TAC) hint without selecting the type; a refused type barcode leaves none; a type barcode selects', async () => {
    // TAC 86104703 went in as a weight scale above (through the contract here when this test runs alone).
    await ensureConnected(fixture.host, makeImei('86104703', 77), 'CLIN-9901', 'weight_scale');
    const imei = makeImei('86104703', 78);
    await wedgeScan(page, imei);
    await wedgeScan(page, 'PAT-0303');
    await page.getByTestId('type-hint').filter({ hasText: 'Weight scale' }).waitFor();
    expect(await page.getByRole('radio', { checked: true }).count()).toBe(0);
    const connect = page.getByRole('button', { name: 'Connect (Enter)' });
    expect(await connect.isDisabled()).toBe(true);

    // A type barcode this station does not have: refused, and the type picked before does not stay.
    await pickDeviceType(page, 'Glucose meter');
    await wedgeScan(page, 'TYPE:spirometer');
    await page.getByTestId('imei-status').filter({ hasText: '"spirometer" is not a device type' }).waitFor();
    expect(await page.getByRole('radio', { checked: true }).count()).toBe(0);
    expect(await connect.isDisabled()).toBe(true);
    // Enter does not connect without a type.
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('onboard-result').count()).toBe(0);

    await wedgeScan(page, 'TYPE:blood_pressure');
    await expect
      .poll(() => page.getByRole('radio', { name: 'Blood pressure monitor' }).getAttribute('aria-checked'))
      .toBe('true');
    expect(await connect.isDisabled()).toBe(false);
    await checkScreen(fixture.kiosk, 'onboard-type-scanned');
    await page.keyboard.press('Escape');
  });

  it('prints a sheet of type barcodes and the acknowledge barcode that the kiosk reads back', async () => {
    await page.getByRole('button', { name: 'Print barcodes' }).click();
    const sheet = page.getByRole('dialog', { name: 'Barcodes for this station' });
    await sheet.waitFor();
    await checkScreen(fixture.kiosk, 'onboard-type-sheet');
    const barcodes = sheet.getByTestId('sheet-barcode');
    const texts = await barcodes.evaluateAll((figures) => figures.map((f) => f.getAttribute('data-text')));
    expect(texts).toEqual(expect.arrayContaining(['KIOSK:ACK', 'TYPE:blood_glucose', 'TYPE:weight_scale']));
    // What is on screen decodes (the project's own decoder) to exactly what it says.
    for (const [index, text] of texts.entries()) {
      const png = await barcodes.nth(index).locator('svg').screenshot();
      const read = await readWithZxingWasm(await loadRgba(png), { formats: ['Code128'] });
      expect(
        read.map((r) => r.text),
        `barcode ${text}`,
      ).toEqual([text]);
      expect(code128Widths(text!).length).toBeGreaterThan(0);
    }
    await sheet.getByRole('button', { name: 'Close' }).click();
    await sheet.waitFor({ state: 'detached' });
  });

  it('refuses a registered operator badge as the patient ID', async () => {
    await wedgeScan(page, 'op-ana');
    await page.getByTestId('imei-status').filter({ hasText: 'badge of operator op-ana' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Patient ID' }).inputValue()).toBe('');
    // Typed by hand it is refused too, and Connect is not ready.
    await wedgeScan(page, makeImei('35693803', 904));
    await pickDeviceType(page, 'Glucose meter');
    await page.getByRole('textbox', { name: 'Patient ID' }).fill('OP-ANA');
    await page.getByTestId('uid-badge').waitFor();
    expect(await page.getByRole('button', { name: 'Connect (Enter)' }).isDisabled()).toBe(true);
    await checkScreen(fixture.kiosk, 'onboard-badge-refused');
    await page.keyboard.press('Escape');
  });

  it('offers "Use IMEI …" for a scanned IMEISV, formatted like the label, and takes it only when asked', async () => {
    await wedgeScan(page, '3569380356438091');
    const offer = page.getByTestId('imeisv-offer');
    await offer.waitFor();
    expect(await offer.textContent()).toContain('35-693803-564380-9');
    expect(await page.getByTestId('imei-formatted').count()).toBe(0);
    await checkScreen(fixture.kiosk, 'onboard-imeisv');
    await offer.getByRole('button', { name: 'Use IMEI 35-693803-564380-9' }).click();
    await expect.poll(() => page.getByTestId('imei-formatted').textContent()).toBe('35-693803-564380-9');
    expect(await offer.count()).toBe(0);
    await page.keyboard.press('Escape');
  });

  it('offers another device for the same patient after a result', async () => {
    const imei = makeImei('35693803', 905);
    await wedgeScan(page, imei);
    await wedgeScan(page, 'PAT-0404');
    await pickDeviceType(page, 'Weight scale');
    await page.keyboard.press('Enter');
    expect(await resultOutcome(page)).toBe('connected');
    await checkScreen(fixture.kiosk, 'onboard-another-device');
    await page.getByTestId('another-device').click();
    await page.getByTestId('onboard-status').waitFor();
    expect(await page.getByRole('textbox', { name: 'Patient ID' }).inputValue()).toBe('PAT-0404');
    expect(await page.getByRole('textbox', { name: 'Device IMEI' }).inputValue()).toBe('');
    expect(await page.getByRole('radio', { checked: true }).count()).toBe(0);
    await page.keyboard.press('Escape');
  });

  it('keeps a character typed just before a click into another field in its own field (Disconnect)', async () => {
    await goTo(page, 'disconnect');
    const uid = page.getByRole('textbox', { name: 'Patient ID' });
    const imeiField = page.getByRole('textbox', { name: /Device IMEI/ });
    await uid.focus();
    const box = (await imeiField.boundingBox())!;
    const at = { x: box.x + box.width / 2, y: box.y + box.height / 2, button: 'left' as const, clickCount: 1 };
    await typeThen(page, 'PAT-0404', 120, (cdp) => [
      cdp.send('Input.dispatchMouseEvent', { type: 'mousePressed', ...at }),
      cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...at }),
    ]);
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe(await imeiField.getAttribute('id'));
    await expect.poll(() => uid.inputValue()).toBe('PAT-0404');
    expect(await imeiField.inputValue()).toBe('');
    await goTo(page, 'onboard');
  });
});

describe('the warning before the idle sign-out', () => {
  let fixture: KioskFixture;

  beforeAll(async () => {
    fixture = await openKioskFixture({ beforeLoad: (page) => page.clock.install() });
    await fixture.kiosk.page.setViewportSize({ width: 1366, height: 768 });
  });
  afterAll(async () => fixture?.close());

  it('warns that a half-filled device will be discarded, and a key keeps it', async () => {
    const { page } = fixture.kiosk;
    const changed = await kioskClient(fixture.host).settings.update({
      adminPin: '1234',
      patch: { idleMinutes: 2 },
    });
    expect(changed).toMatchObject({ idleMinutes: 2 });
    await page.reload();
    await signIn(fixture.kiosk);
    await page.getByRole('textbox', { name: 'Patient ID' }).fill('PAT-0505');
    await page.clock.fastForward('01:35');
    const warning = page.getByTestId('idle-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('discarded');
    await checkScreen(fixture.kiosk, 'onboard-idle-warning');
    await page.keyboard.press('Shift');
    await warning.waitFor({ state: 'detached' });
    expect(await page.getByRole('textbox', { name: 'Patient ID' }).inputValue()).toBe('PAT-0505');
  });
});
