/**
 * The kiosk's serial watch reading a serial-mode scanner over a real socat PTY pair: the test plays
 * the scanner on the device end; the watch is given a lister that reports the host end with a
 * Zebra scanner's USB ids while the PTY exists (PTYs never appear in SerialPort.list()). Killing
 * socat is the unplug.
 */
import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { SerialOffers, type SerialScan } from '../../src/app/serial/serial-offers.js';
import { watchSerialPorts, type SerialWatch, type WatchProfile } from '../../src/app/serial/serial-watch.js';
import { createPtyPair, type PtyPair } from '../support/socat.js';

const IMEI = '490154203237518';

let watch: SerialWatch | undefined;
const pairs: PtyPair[] = [];
const scannerEnds: SerialPort[] = [];

afterEach(async () => {
  await watch?.stop();
  watch = undefined;
  await Promise.all(
    scannerEnds
      .splice(0)
      .map((port) => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()))),
  );
  await Promise.all(pairs.splice(0).map((pair) => pair.close()));
});

/** A scanner plugged in: a PTY pair, and the test's "scanner" holding its device end. */
async function plugScanner(): Promise<{ pair: PtyPair; scanner: SerialPort }> {
  const pair = await createPtyPair();
  pairs.push(pair);
  const scanner = new SerialPort({ path: pair.deviceEnd, baudRate: 9600, lock: false });
  await new Promise<void>((resolve, reject) => scanner.once('open', resolve).once('error', reject));
  scannerEnds.push(scanner);
  return { pair, scanner };
}

/** Lists every PTY host end that still exists, as a Zebra serial scanner. */
const lister = async () =>
  pairs
    .filter((pair) => existsSync(pair.hostEnd))
    .map((pair, index) => ({
      path: pair.hostEnd,
      vendorId: '05e0',
      productId: '1900',
      manufacturer: 'Zebra',
      serialNumber: `SCAN${index}`,
    }));

function startWatch(profile?: () => WatchProfile): { offers: SerialOffers; scans: SerialScan[] } {
  const offers = new SerialOffers();
  const scans: SerialScan[] = [];
  offers.onScan((scan) => scans.push(scan));
  watch = watchSerialPorts({ offers, lister, pollIntervalMs: 60_000, ...(profile ? { profile } : {}) });
  return { offers, scans };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

/** Writes, then a marker scan, and waits for the marker: every scan before it has arrived. Returns the scans before it. */
async function scan(scanner: SerialPort, scans: SerialScan[], bytes: Buffer | string): Promise<SerialScan[]> {
  const from = scans.length;
  const marker = `END${Math.random().toString(36).slice(2)}`;
  scanner.write(bytes);
  scanner.write(`\r\n${marker}\r\n`);
  await until(() => scans.some((s) => s.kind === 'scan' && s.text === marker), `the marker ${marker}`);
  return scans.slice(from).filter((s) => !(s.kind === 'scan' && s.text === marker));
}

/** Whether another program could open the port now (the watch's reader holds an exclusive lock while open). */
async function portIsFree(path: string): Promise<boolean> {
  const port = new SerialPort({ path, baudRate: 9600, lock: true, autoOpen: false });
  const opened = await new Promise<boolean>((resolve) => port.open((error) => resolve(!error)));
  if (opened) await new Promise<void>((resolve) => port.close(() => resolve()));
  return opened;
}

describe('serial watch: serial-mode scanners', () => {
  it('turns a scanned line into one scan event with its IMEI, and refuses garbled or overlong bytes', async () => {
    const { pair, scanner } = await plugScanner();
    const { offers, scans } = startWatch();
    await watch!.poll();
    expect(offers.status().ports).toEqual([
      { path: pair.hostEnd, label: expect.stringContaining('Zebra'), kind: 'scanner' },
    ]);

    expect(await scan(scanner, scans, `${IMEI}\r\n`)).toEqual([
      { kind: 'scan', port: pair.hostEnd, text: IMEI, imeis: [IMEI] },
    ]);
    // A patient barcode is passed on as text, with no IMEI: the screen decides what it is.
    expect(await scan(scanner, scans, 'PAT-6006\r')).toEqual([
      { kind: 'scan', port: pair.hostEnd, text: 'PAT-6006', imeis: [] },
    ]);

    // The IMEI inside noise (a wrong baud rate) and one past the length cap are never mined.
    const refused = await scan(
      scanner,
      scans,
      Buffer.concat([
        Buffer.from([0xff, 0x00]),
        Buffer.from(`${IMEI}\r\n`),
        Buffer.from(`${'9'.repeat(600)}${IMEI}\r\n`),
      ]),
    );
    expect(refused).toEqual([
      {
        kind: 'rejected',
        port: pair.hostEnd,
        problem: {
          kind: 'garbled_scan',
          message: expect.stringContaining(pair.hostEnd),
          nextAction: expect.stringContaining('9600 baud'),
        },
      },
      {
        kind: 'rejected',
        port: pair.hostEnd,
        problem: {
          kind: 'overlong_scan',
          message: expect.stringContaining('characters'),
          nextAction: expect.any(String),
        },
      },
    ]);
  });

  it('holds the port while it is listed and lets it go at stop', async () => {
    const { pair } = await plugScanner();
    startWatch();
    await watch!.poll();
    expect(await portIsFree(pair.hostEnd)).toBe(false);
    await watch!.stop();
    watch = undefined;
    expect(await portIsFree(pair.hostEnd)).toBe(true);
  });

  it('an unplug closes the reader and withdraws the port with a problem, no crash; a replug reads again', async () => {
    const first = await plugScanner();
    const { offers, scans } = startWatch();
    await watch!.poll();
    expect(await scan(first.scanner, scans, `${IMEI}\r\n`)).toHaveLength(1);

    await first.pair.unplug();
    // The reader notices the node is gone and makes the watch look again at once (no poll from the test).
    await until(() => offers.status().ports.length === 0, 'the port to be withdrawn');
    expect(offers.status().problem).toMatchObject({
      kind: 'disconnected',
      nextAction: expect.stringContaining('Plug the device back in'),
    });

    // Plugged in again, as a new node (ttyACM numbers move after a replug).
    const second = await plugScanner();
    await watch!.poll();
    expect(offers.status()).toEqual({
      ports: [{ path: second.pair.hostEnd, label: expect.any(String), kind: 'scanner' }],
    });
    expect(await scan(second.scanner, scans, `${IMEI}\r\n`)).toEqual([
      { kind: 'scan', port: second.pair.hostEnd, text: IMEI, imeis: [IMEI] },
    ]);
  });

  it('frames scans as the station profile says, and a framing changed in Settings applies at the next poll', async () => {
    const { scanner } = await plugScanner();
    let profile: WatchProfile = { scannerFraming: { mode: 'line', ending: 'cr' } };
    const { scans } = startWatch(() => profile);
    await watch!.poll();
    // In line mode an unterminated scan is never used.
    scanner.write(IMEI);
    await new Promise((r) => setTimeout(r, 200));
    expect(scans).toEqual([]);

    profile = { scannerFraming: { mode: 'silence', intervalMs: 40 } };
    await watch!.poll();
    scanner.write(IMEI);
    await until(() => scans.length > 0, 'a silence-framed scan');
    expect(scans).toEqual([{ kind: 'scan', port: expect.any(String), text: IMEI, imeis: [IMEI] }]);
  });
});
