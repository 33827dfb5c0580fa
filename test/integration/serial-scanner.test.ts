/**
 * The serial-scanner reader over a real socat PTY pair: the test plays the scanner by writing
 * bytes into the device end. Includes the real-PTY garbage fuzz.
 */
import fc from 'fast-check';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { luhnCheckDigit } from '../../src/imei/index.js';
import {
  openScannerReader,
  readScannerImei,
  validateWholeLine,
  type RejectedScan,
  type ScanEvent,
  type ScannerReader,
} from '../../src/serial/scanner-reader.js';
import { createPtyPair, type PtyPair } from '../support/socat.js';

const IMEI = '490154203237518';
const IMEI_2 = '356938035643809';

let pair: PtyPair | undefined;
let scanner: SerialPort | undefined;
let reader: ScannerReader | undefined;

afterEach(async () => {
  await reader?.close();
  await new Promise<void>((resolve) => (scanner?.isOpen ? scanner.close(() => resolve()) : resolve()));
  await pair?.close();
  pair = undefined;
  scanner = undefined;
  reader = undefined;
});

/** A PTY pair, the test's "scanner" on the device end and a reader on the host end. */
async function setUp(
  options: Parameters<typeof openScannerReader>[0] extends infer O ? Omit<O & object, 'path'> : never = {},
) {
  pair = await createPtyPair();
  scanner = new SerialPort({ path: pair.deviceEnd, baudRate: 9600, lock: false });
  await new Promise<void>((resolve, reject) => scanner!.once('open', resolve).once('error', reject));
  reader = await openScannerReader({ path: pair.hostEnd, ...options });
  const scans: ScanEvent[] = [];
  const rejected: RejectedScan[] = [];
  reader.on('scan', (s) => scans.push(s));
  reader.on('rejected', (r) => rejected.push(r));
  return { scans, rejected, reader, scanner };
}

/** Writes, then sends a marker line and waits until it has come through: everything before it has too. */
async function send(port: SerialPort, r: ScannerReader, bytes: Buffer | string): Promise<void> {
  const marker = `END${Math.random().toString(36).slice(2)}`;
  const seen = new Promise<void>((resolve) => {
    const onScan = (s: ScanEvent) => {
      if (s.raw === marker) {
        r.off('scan', onScan);
        resolve();
      }
    };
    r.on('scan', onScan);
  });
  port.write(bytes);
  port.write(`\r\n${marker}\r\n`);
  await seen;
}

describe('serial scanner, line mode', () => {
  it('takes lines ended by CR, LF or CRLF, each through the capture extractor', async () => {
    const { scans, reader, scanner } = await setUp();
    await send(scanner, reader, `${IMEI}\r${IMEI_2}\nIMEI1:${IMEI};IMEI2:${IMEI_2}\r\n`);
    const real = scans.filter((s) => !s.raw.startsWith('END'));
    expect(real.map((s) => s.raw)).toEqual([IMEI, IMEI_2, `IMEI1:${IMEI};IMEI2:${IMEI_2}`]);
    expect(real[2]!.candidates.valid.map((c) => c.imei)).toEqual([IMEI, IMEI_2]);
  });

  it('rejects overlong and garbled lines without passing them on', async () => {
    const { scans, rejected, reader, scanner } = await setUp({ maxLineLength: 64 });
    await send(
      scanner,
      reader,
      Buffer.concat([Buffer.from(`${'1'.repeat(100)}${IMEI}\r\n`), Buffer.from([0xe9, 0x34, 0x39, 0xff, 0x0d])]),
    );
    expect(scans.filter((s) => !s.raw.startsWith('END'))).toEqual([]);
    expect(rejected.map((r) => r.reason)).toEqual(['overlong', 'garbled']);
  });

  it('readScannerImei returns the first scan with an IMEI, and invalid_imei for a mistyped one', async () => {
    pair = await createPtyPair();
    scanner = new SerialPort({ path: pair.deviceEnd, baudRate: 9600, lock: false });
    await new Promise<void>((resolve) => scanner!.once('open', resolve));
    const reading = readScannerImei({ path: pair.hostEnd, timeoutMs: 20_000 });
    // The reader opens asynchronously; keep offering the scan until it is taken.
    const offer = setInterval(() => scanner!.write(`${IMEI}\r\n`), 50);
    const result = await reading.finally(() => clearInterval(offer));
    expect(result).toMatchObject({ ok: true, imei: IMEI, port: pair.hostEnd, alternatives: [] });

    const bad = readScannerImei({ path: pair.hostEnd, timeoutMs: 20_000, toCandidates: validateWholeLine });
    const badBody = IMEI.slice(0, 14);
    const offerBad = setInterval(
      () => scanner!.write(`${badBody}${(Number(luhnCheckDigit(badBody)) + 1) % 10}\r\n`),
      50,
    );
    const badResult = await bad.finally(() => clearInterval(offerBad));
    expect(badResult).toMatchObject({ ok: false, error: { kind: 'invalid_imei' } });
  });

  it('no scan within the timeout → no_scan', async () => {
    pair = await createPtyPair();
    const result = await readScannerImei({ path: pair.hostEnd, timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, error: { kind: 'no_scan' } });
  });

  it('unplugging the scanner right after open → a failed event with kind disconnected', async () => {
    // Right after open: the PTY then reads EOF forever and serialport 13 never emits close;
    // the reader's device-presence check is what notices.
    const { reader } = await setUp();
    const failed = new Promise((resolve) => reader.once('failed', resolve));
    await pair!.unplug();
    expect(await failed).toMatchObject({ kind: 'disconnected' });
  });
});

describe('serial scanner, inter-byte-timeout mode', () => {
  it('a burst followed by silence is one scan, with no terminator needed', async () => {
    const { scans, scanner } = await setUp({ framing: { mode: 'silence', intervalMs: 40 } });
    const first = new Promise<ScanEvent>((resolve) => reader!.once('scan', resolve));
    scanner.write(IMEI.slice(0, 6));
    scanner.write(IMEI.slice(6));
    expect((await first).raw).toBe(IMEI);
    expect(scans[0]!.candidates.valid[0]?.imei).toBe(IMEI);
  });

  it('an overlong burst is rejected whole, not cut into pieces', async () => {
    const { scans, rejected, reader, scanner } = await setUp({
      framing: { mode: 'silence', intervalMs: 40 },
      maxLineLength: 32,
    });
    const outcome = new Promise((resolve) => reader.once('rejected', resolve));
    scanner.write(`${IMEI}${IMEI}${IMEI}${IMEI}`);
    expect(await outcome).toMatchObject({ reason: 'overlong', length: 60 });
    expect(scans).toEqual([]);
    expect(rejected).toHaveLength(1);
  });
});

describe('garbage on a real PTY never becomes an IMEI', () => {
  it('random bytes, wrong-baud noise, overlong and partial lines: no crash, no IMEI', async () => {
    const { scans, reader, scanner } = await setUp({ maxLineLength: 128 });
    const imeiBytes = Buffer.from(IMEI);
    const chunk = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
      // 115200 read at 9600: high bytes and nulls.
      fc
        .uint8Array({ minLength: 1, maxLength: 64 })
        .map((b) => Buffer.from(b.map((x) => (x % 3 === 0 ? 0 : x | 0x80)))),
      fc.constant(Buffer.concat([Buffer.from('8'.repeat(500)), imeiBytes, Buffer.from('\r\n')])),
      // A partial IMEI, then a corrupted byte, then the rest.
      fc
        .integer({ min: 1, max: 14 })
        .map((at) =>
          Buffer.concat([
            imeiBytes.subarray(0, at),
            Buffer.from([0xb0 + at]),
            imeiBytes.subarray(at),
            Buffer.from('\n'),
          ]),
        ),
    );
    const streams = fc.sample(fc.array(chunk, { minLength: 5, maxLength: 30 }), { numRuns: 20, seed: 20261125 });
    for (const stream of streams)
      await send(scanner, reader, Buffer.concat(stream.filter((b) => !/[\r\n]\s*END/.test(b.toString('latin1')))));
    const imeis = scans.filter((s) => !s.raw.startsWith('END')).flatMap((s) => s.candidates.valid.map((c) => c.imei));
    expect(imeis).toEqual([]);
    expect(scans.filter((s) => s.raw.startsWith('END'))).toHaveLength(streams.length);
  });
});
