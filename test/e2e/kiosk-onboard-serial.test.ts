/**
 * A device plugged in over USB serial, for real down to the bytes: a socat pseudo-terminal pair,
 * the modem emulator answering AT commands on one end, and the kiosk's serial watch (src/serial's
 * PortWatcher) on the other. PTYs never appear in SerialPort.list(), so the watch is given a lister
 * that reports the PTY with a Quectel modem's USB ids; everything after the list is the product's.
 * The modem's IMEI is offered on screen → Use → patient, type, Enter → CONNECTED. A label that
 * disagrees with the modem is caught (WRONG DEVICE?), and unplugging withdraws the offer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchSerialPorts, type SerialWatch } from '../../src/app/serial/serial-watch.js';
import { startModemEmulator, type RunningEmulator } from '../fixtures/serial/emulator-process.js';
import { EMULATOR_IMEI } from '../fixtures/serial/modem-profiles.js';
import { createPtyPair, type PtyPair } from '../support/socat.js';
import { openKioskFixture, signIn, type KioskFixture } from './harness/kiosk-host-fixture.js';
import { checkScreen, holdersOf, pickDeviceType, resultOutcome, wedgeScan } from './harness/kiosk-steps.js';
import { makeImei } from '../support/imei.js';

describe('onboarding by a serial plug-in', () => {
  let fixture: KioskFixture;
  let pty: PtyPair;
  let emulator: RunningEmulator;
  let watch: SerialWatch;
  let plugged = true;

  beforeAll(async () => {
    fixture = await openKioskFixture();
    await signIn(fixture.kiosk);
    pty = await createPtyPair();
    emulator = await startModemEmulator(pty.deviceEnd, 'quectel');
    watch = watchSerialPorts({
      offers: fixture.host.serial,
      lister: async () =>
        plugged
          ? [
              {
                path: pty.hostEnd,
                vendorId: '2c7c',
                productId: '0125',
                manufacturer: 'Quectel',
                serialNumber: 'E2E0001',
              },
            ]
          : [],
      pollIntervalMs: 1_000,
    });
  });
  afterAll(async () => {
    await watch?.stop();
    await emulator?.stop();
    await pty?.close();
    await fixture?.close();
  });

  it('offers the IMEI read from the plugged-in modem, and connects it with Use → Enter', async () => {
    const { page } = fixture.kiosk;
    const offer = page.getByTestId('modem-offer');
    await offer.waitFor({ timeout: 30_000 });
    expect(await offer.textContent()).toContain('49-015420-323751-8');
    expect(await offer.textContent()).toContain(pty.hostEnd);
    await emulator.waitForCommand('AT+CGSN');
    await checkScreen(fixture.kiosk, 'onboard-modem-offer');

    await page.getByRole('button', { name: 'Use this IMEI' }).click();
    await expect.poll(() => page.getByTestId('imei-formatted').textContent()).toBe('49-015420-323751-8');
    await wedgeScan(page, 'PAT-6006');
    await pickDeviceType(page, 'Pulse oximeter');
    await page.keyboard.press('Enter');
    expect(await resultOutcome(page)).toBe('connected');
    expect(await holdersOf(fixture.host, EMULATOR_IMEI)).toEqual(['PAT-6006']);
    await page.keyboard.press('Enter');
  });

  it('catches a label that disagrees with the modem in the box', async () => {
    const { page } = fixture.kiosk;
    const wrongLabel = makeImei('35693803', 777);
    await page.getByTestId('onboard-status').waitFor();
    await wedgeScan(page, wrongLabel);
    await page.getByRole('button', { name: 'Use this IMEI' }).click();
    await wedgeScan(page, 'PAT-7007');
    await pickDeviceType(page, 'Weight scale');
    await page.keyboard.press('Enter');
    expect(await resultOutcome(page)).toBe('mismatch');
    expect(await page.getByTestId('onboard-result').textContent()).toContain('WRONG DEVICE');
    await checkScreen(fixture.kiosk, 'onboard-mismatch');
    expect(await holdersOf(fixture.host, wrongLabel)).toEqual([]);
    await page.keyboard.press('Enter');
  });

  it('withdraws the offer when the device is unplugged', async () => {
    const { page } = fixture.kiosk;
    await page.getByTestId('modem-offer').waitFor();
    plugged = false;
    await watch.poll();
    await page.getByTestId('modem-offer').waitFor({ state: 'detached' });
  });
});
