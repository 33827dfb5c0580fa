/**
 * A serial-mode barcode scanner at the station, for real down to the bytes: a socat pseudo-terminal
 * pair, the test playing the scanner on one end, and the kiosk's serial watch on the other with the
 * station's serial profile. PTYs never appear in SerialPort.list(), so the watch is given a lister
 * that reports the PTY with a Zebra scanner's USB ids while it exists; everything after the list is
 * the product's. The Onboard screen takes a serial scan like a wedge scan (IMEI, then patient, Enter
 * → CONNECTED, journaled as serial_scanner); garbled bytes are refused on screen; the Batch screen
 * assigns serial scans; unplugging shows the problem.
 */
import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchSerialPorts, type SerialWatch } from '../../src/app/serial/serial-watch.js';
import { createPtyPair, type PtyPair } from '../support/socat.js';
import { openKioskFixture, signIn, type KioskFixture } from './harness/kiosk-host-fixture.js';
import { checkScreen, goTo, holdersOf, pickDeviceType, resultOutcome } from './harness/kiosk-steps.js';
import { makeImei } from '../support/imei.js';

const IMEI = '490154203237518';

describe('onboarding with a serial-mode scanner', () => {
  let fixture: KioskFixture;
  let pty: PtyPair;
  let scanner: SerialPort;
  let watch: SerialWatch;

  beforeAll(async () => {
    fixture = await openKioskFixture();
    await signIn(fixture.kiosk);
    pty = await createPtyPair();
    scanner = new SerialPort({ path: pty.deviceEnd, baudRate: 9600, lock: false });
    await new Promise<void>((resolve, reject) => scanner.once('open', resolve).once('error', reject));
    watch = watchSerialPorts({
      offers: fixture.host.serial,
      profile: () => fixture.host.serialProfile(),
      lister: async () =>
        existsSync(pty.hostEnd)
          ? [
              {
                path: pty.hostEnd,
                vendorId: '05e0',
                productId: '1900',
                manufacturer: 'Zebra',
                serialNumber: 'E2ESCAN1',
              },
            ]
          : [],
      pollIntervalMs: 1_000,
    });
    // Bytes sent before the reader opens are lost, as with a real scanner: wait for it.
    await watch.poll();
  });
  afterAll(async () => {
    await watch?.stop();
    await new Promise<void>((resolve) => (scanner?.isOpen ? scanner.close(() => resolve()) : resolve()));
    await pty?.close();
    await fixture?.close();
  });

  /** The scanner sends one scan, ended by CR as most ship. */
  const serialScan = (bytes: string | Buffer) =>
    new Promise<void>((resolve, reject) => scanner.write(bytes, (error) => (error ? reject(error) : resolve())));

  it('takes the IMEI and the patient from the serial scanner, connects with Enter, and journals serial_scanner', async () => {
    const { page } = fixture.kiosk;
    await page.getByTestId('onboard-status').waitFor();
    await serialScan(`${IMEI}\r`);
    await expect
      .poll(() =>
        page
          .getByTestId('imei-formatted')
          .textContent()
          .catch(() => null),
      )
      .toBe('49-015420-323751-8');
    expect(await page.getByTestId('imei-status').textContent()).toContain('from the serial scanner');

    await serialScan('PAT-6116\r');
    await expect.poll(() => page.getByRole('textbox', { name: 'Patient ID' }).inputValue()).toBe('PAT-6116');
    await checkScreen(fixture.kiosk, 'onboard-serial-scanner');
    await pickDeviceType(page, 'Pulse oximeter');
    await page.keyboard.press('Enter');
    expect(await resultOutcome(page)).toBe('connected');
    expect(await holdersOf(fixture.host, IMEI)).toEqual(['PAT-6116']);

    const sources: string[] = [];
    for await (const record of fixture.host.engine().ledger.records({ imei: IMEI }))
      if (record.type === 'capture') sources.push(record.source);
    expect(sources).toEqual(['serial_scanner']);
    await page.keyboard.press('Enter');
  });

  it('refuses garbled bytes on screen and takes no IMEI from them', async () => {
    const { page } = fixture.kiosk;
    await page.getByTestId('onboard-status').waitFor();
    // The IMEI inside wrong-baud noise: never mined.
    await serialScan(Buffer.concat([Buffer.from([0xf0, 0x8f]), Buffer.from(`${makeImei('35693803', 424)}\r`)]));
    await page.getByText(/The scanner on .* sent bytes that are not a barcode/).waitFor();
    expect(await page.getByTestId('imei-formatted').count()).toBe(0);
    await page.keyboard.press('Escape');
  });

  it('assigns serial scans to the open batch on the Batch screen', async () => {
    const { page } = fixture.kiosk;
    await goTo(page, 'batch');
    await page.getByLabel('Orders CSV file').setInputFiles({
      name: 'orders.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('uid,device_type,order_ref\nB-2001,blood_glucose,ORD-21\n'),
    });
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByTestId('batch-progress').waitFor();
    const device = makeImei('35693803', 425);
    await serialScan(`${device}\r`);
    await expect
      .poll(
        () =>
          page
            .getByTestId('batch-last')
            .getAttribute('data-outcome')
            .catch(() => null),
        { timeout: 30_000 },
      )
      .toMatch(/assigned|connected/);
    expect(await page.getByTestId('batch-last').textContent()).toContain('B-2001');
    await expect.poll(() => holdersOf(fixture.host, device), { timeout: 30_000 }).toEqual(['B-2001']);
    // The journal says how the IMEI was read, in the batch too.
    const sources: string[] = [];
    for await (const record of fixture.host.engine().ledger.records({ imei: device }))
      if (record.type === 'capture') sources.push(record.source);
    expect(sources).toEqual(['serial_scanner']);
    await goTo(page, 'onboard');
  });

  it('shows the problem when the scanner is unplugged', async () => {
    const { page } = fixture.kiosk;
    await page.getByTestId('onboard-status').waitFor();
    await pty.unplug();
    const problem = page.getByTestId('serial-problem');
    await problem.waitFor({ timeout: 30_000 });
    expect(await problem.getAttribute('data-kind')).toBe('disconnected');
    expect(await problem.textContent()).toContain('Plug the device back in');
  });
});
