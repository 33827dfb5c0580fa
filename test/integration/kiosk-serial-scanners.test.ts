/**
 * The kiosk's serial watch reading a serial-mode scanner over a real socat PTY pair: the test plays
 * the scanner on the device end; the watch is given a lister that reports the host end with a
 * Zebra scanner's USB ids while the PTY exists (PTYs never appear in SerialPort.list()). Killing
 * socat is the unplug.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { SerialOffers, type SerialScan } from '../../src/app/serial/serial-offers.js';
import { watchSerialPorts, type SerialWatch, type WatchProfile } from '../../src/app/serial/serial-watch.js';
import { openSerialPort } from '../../src/serial/open-port.js';
import { openScannerReader } from '../../src/serial/scanner-reader.js';
import { KNOWN_IMEI as IMEI } from '../support/imei.js';
import { createPtyPair, type PtyPair } from '../support/socat.js';

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

interface Watched {
  readonly offers: SerialOffers;
  readonly scans: SerialScan[];
  /** Every byte the watch's scanner readers were handed, in order (latin1). */
  readonly received: () => string;
  /** 'bytes' each time a reader was handed bytes (after it dealt with them); 'change' at each scan or status change. */
  readonly events: EventEmitter;
}

/**
 * Starts the watch with the real scanner reader, over a port whose incoming bytes the test also
 * sees. The tap's 'data' listener runs before the reader's, in the same synchronous emit, so
 * 'bytes' goes out in a microtask: when it fires, the reader has framed those bytes (and sent any
 * scan a line ending made) already.
 */
function startWatch(profile?: () => WatchProfile): Watched {
  const offers = new SerialOffers();
  const scans: SerialScan[] = [];
  const events = new EventEmitter();
  offers.onScan((scan) => {
    scans.push(scan);
    events.emit('change');
  });
  offers.onChange(() => events.emit('change'));
  let received = '';
  watch = watchSerialPorts({
    offers,
    lister,
    pollIntervalMs: 60_000,
    openScanner: (options) =>
      openScannerReader({
        ...options,
        openPort: async (path, baudRate) => {
          const port = await openSerialPort(path, baudRate);
          port.on('data', (chunk: Buffer) => {
            received += chunk.toString('latin1');
            queueMicrotask(() => events.emit('bytes'));
          });
          return port;
        },
      }),
    ...(profile ? { profile } : {}),
  });
  return { offers, scans, received: () => received, events };
}

/** Resolves when `check` holds, looking again at each `event` of `emitter` (no polling); fails after `ms`, naming `what`. */
async function when(emitter: Pick<EventEmitter, 'on' | 'off'>, event: string, check: () => boolean, what: string) {
  if (check()) return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, look);
      reject(new Error(`timed out waiting for ${what}`));
    }, 10_000);
    function look() {
      if (!check()) return;
      clearTimeout(timer);
      emitter.off(event, look);
      resolve();
    }
    emitter.on(event, look);
  });
}

/** Writes, then a marker scan, and waits for the marker: every scan before it has arrived. Returns the scans before it. */
async function scan(scanner: SerialPort, watched: Watched, bytes: Buffer | string): Promise<SerialScan[]> {
  const { scans } = watched;
  const from = scans.length;
  const marker = `END${Math.random().toString(36).slice(2)}`;
  const seen = () => scans.some((s) => s.kind === 'scan' && s.text === marker);
  scanner.write(bytes);
  scanner.write(`\r\n${marker}\r\n`);
  await when(watched.events, 'change', seen, `the marker ${marker}`);
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
    const watched = startWatch();
    const { offers } = watched;
    await watch!.poll();
    expect(offers.status().ports).toEqual([
      { path: pair.hostEnd, label: expect.stringContaining('Zebra'), kind: 'scanner' },
    ]);

    expect(await scan(scanner, watched, `${IMEI}\r\n`)).toEqual([
      { kind: 'scan', port: pair.hostEnd, text: IMEI, imeis: [IMEI] },
    ]);
    // A patient barcode is passed on as text, with no IMEI: the screen decides what it is.
    expect(await scan(scanner, watched, 'PAT-6006\r')).toEqual([
      { kind: 'scan', port: pair.hostEnd, text: 'PAT-6006', imeis: [] },
    ]);

    // The IMEI inside noise (a wrong baud rate) and one past the length cap are never mined.
    const refused = await scan(
      scanner,
      watched,
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
          // What the text needs in another language.
          params: { port: pair.hostEnd, baud: 9600 },
        },
      },
      {
        kind: 'rejected',
        port: pair.hostEnd,
        problem: {
          kind: 'overlong_scan',
          message: expect.stringContaining('characters'),
          nextAction: expect.any(String),
          params: { port: pair.hostEnd, length: expect.any(Number) },
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
    const watched = startWatch();
    const { offers, events } = watched;
    await watch!.poll();
    expect(await scan(first.scanner, watched, `${IMEI}\r\n`)).toHaveLength(1);

    await first.pair.unplug();
    // The reader notices the node is gone and makes the watch look again at once (no poll from the test).
    await when(events, 'change', () => offers.status().ports.length === 0, 'the port to be withdrawn');
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
    expect(await scan(second.scanner, watched, `${IMEI}\r\n`)).toEqual([
      { kind: 'scan', port: second.pair.hostEnd, text: IMEI, imeis: [IMEI] },
    ]);
  });

  it('frames scans as the station profile says, and a framing changed in Settings applies at the next poll', async () => {
    const { scanner } = await plugScanner();
    let profile: WatchProfile = { scannerFraming: { mode: 'line', ending: 'cr' } };
    const { scans, received, events } = startWatch(() => profile);
    await watch!.poll();
    // In line mode an unterminated scan is never used: once the reader has all its bytes, nothing came of them.
    scanner.write(IMEI);
    await when(events, 'bytes', () => received() === IMEI, 'the reader to be handed the unterminated scan');
    expect(scans).toEqual([]);

    // The new framing reopens the reader: the unterminated bytes are dropped with the old one, not prepended.
    profile = { scannerFraming: { mode: 'silence', intervalMs: 40 } };
    await watch!.poll();
    scanner.write(IMEI);
    await when(events, 'change', () => scans.length > 0, 'a silence-framed scan');
    expect(received()).toBe(IMEI + IMEI);
    expect(scans).toEqual([{ kind: 'scan', port: expect.any(String), text: IMEI, imeis: [IMEI] }]);
  });
});
