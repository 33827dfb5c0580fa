/**
 * ScannerPorts' rules, with a fake reader (the real one over a PTY is in
 * test/integration/kiosk-serial-scanners.test.ts): which ports get a reader, when a failed one is
 * tried again, and what becomes a problem.
 */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScannerPorts, SCANNER_RETRY_MS, type ScannerSettings } from '../../src/app/serial/serial-scanners.js';
import type { SerialProblem, SerialScan } from '../../src/app/serial/serial-offers.js';
import { classifyOpenError, disconnectedError, SerialFailure } from '../../src/serial/errors.js';
import { describePort } from '../../src/serial/port-discovery.js';
import type { ScannerOptions, ScannerReader } from '../../src/serial/scanner-reader.js';
import { KNOWN_IMEI as IMEI } from '../support/imei.js';

const SCANNER = describePort({ path: '/dev/ttyACM0', vendorId: '05e0', productId: '1900' }, null);
const MODEM = describePort({ path: '/dev/ttyUSB2', vendorId: '2c7c', productId: '0125' }, null);
const LINE: ScannerSettings = { baudRate: 9600, framing: { mode: 'line', ending: 'cr' } };

class FakeReader extends EventEmitter {
  closed = false;
  constructor(readonly options: ScannerOptions) {
    super();
  }
  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

function setUp(open: (options: ScannerOptions) => FakeReader | Error = (options) => new FakeReader(options)) {
  const readers: FakeReader[] = [];
  const problems: SerialProblem[] = [];
  const scans: SerialScan[] = [];
  const opened: string[] = [];
  const ports = new ScannerPorts({
    onScan: (scan) => scans.push(scan),
    onProblem: (problem) => problems.push(problem),
    onOpened: (port) => opened.push(port),
    openReader: async (options) => {
      const made = open(options);
      if (made instanceof Error) throw made;
      readers.push(made);
      return made as unknown as ScannerReader;
    },
  });
  return { ports, readers, problems, scans, opened };
}

afterEach(() => vi.useRealTimers());

describe('ScannerPorts', () => {
  it('opens a reader on scanner ports only, with the station framing, and closes it when the port leaves', async () => {
    const { ports, readers } = setUp();
    await ports.sync([SCANNER, MODEM], { baudRate: 9600, framing: { mode: 'silence', intervalMs: 60 } });
    expect(readers.map((r) => r.options)).toEqual([
      { path: '/dev/ttyACM0', baudRate: 9600, framing: { mode: 'silence', intervalMs: 60 } },
    ]);
    await ports.sync([SCANNER, MODEM], { baudRate: 9600, framing: { mode: 'silence', intervalMs: 60 } });
    expect(readers).toHaveLength(1);
    await ports.sync([MODEM], LINE);
    expect(readers[0]!.closed).toBe(true);
    expect(ports.listening).toEqual([]);
  });

  it('passes a scan on with its valid IMEIs once each, and a refused scan as a problem', async () => {
    const { ports, readers, scans } = setUp();
    await ports.sync([SCANNER], LINE);
    const imei = { imei: IMEI };
    readers[0]!.emit('scan', {
      raw: `IMEI:${IMEI} ${IMEI}`,
      candidates: { valid: [imei, imei], invalid: [] },
    });
    readers[0]!.emit('rejected', { reason: 'garbled', raw: '\u00ff49' });
    expect(scans).toEqual([
      { kind: 'scan', port: '/dev/ttyACM0', text: `IMEI:${IMEI} ${IMEI}`, imeis: [IMEI] },
      { kind: 'rejected', port: '/dev/ttyACM0', problem: expect.objectContaining({ kind: 'garbled_scan' }) },
    ]);
  });

  it('reports a port it cannot open, and does not hammer it at every poll', async () => {
    let attempts = 0;
    const { ports, problems } = setUp(() => {
      attempts += 1;
      return new SerialFailure(classifyOpenError('/dev/ttyACM0', 'Error: Permission denied, cannot open /dev/ttyACM0'));
    });
    await ports.sync([SCANNER], LINE);
    await ports.sync([SCANNER], LINE);
    expect(attempts).toBe(1);
    expect(problems.map((p) => p.kind)).toEqual(['permission_denied']);
  });

  it('tries a reader that went away again while its port is still listed, quietly until the device is back', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    let deviceThere = true;
    let attempts = 0;
    const { ports, readers, problems, opened } = setUp((options) => {
      attempts += 1;
      return deviceThere
        ? new FakeReader(options)
        : new SerialFailure(
            classifyOpenError('/dev/ttyACM0', 'Error: No such file or directory, cannot open /dev/ttyACM0'),
          );
    });
    await ports.sync([SCANNER], LINE);
    deviceThere = false;
    readers[0]!.emit('failed', disconnectedError('/dev/ttyACM0'));
    expect(problems.map((p) => p.kind)).toEqual(['disconnected']);

    // Not at once (a device failing as soon as it opens must not spin), then each poll; "no such port" adds no problem.
    await ports.sync([SCANNER], LINE);
    expect(attempts).toBe(1);
    vi.setSystemTime(Date.now() + SCANNER_RETRY_MS);
    await ports.sync([SCANNER], LINE);
    vi.setSystemTime(Date.now() + SCANNER_RETRY_MS);
    await ports.sync([SCANNER], LINE);
    expect(attempts).toBe(3);
    expect(problems.map((p) => p.kind)).toEqual(['disconnected']);

    deviceThere = true;
    vi.setSystemTime(Date.now() + SCANNER_RETRY_MS);
    await ports.sync([SCANNER], LINE);
    expect(readers).toHaveLength(2);
    expect(opened).toEqual(['/dev/ttyACM0', '/dev/ttyACM0']);
    expect(ports.listening).toEqual(['/dev/ttyACM0']);
  });

  it('reopens with new settings, and closes everything at close', async () => {
    const { ports, readers } = setUp();
    await ports.sync([SCANNER], LINE);
    await ports.sync([SCANNER], { ...LINE, framing: { mode: 'silence', intervalMs: 40 } });
    expect(readers.map((r) => [r.closed, r.options.framing])).toEqual([
      [true, { mode: 'line' }],
      [false, { mode: 'silence', intervalMs: 40 }],
    ]);
    await ports.close();
    expect(readers[1]!.closed).toBe(true);
    await ports.sync([SCANNER], LINE);
    expect(readers).toHaveLength(2);
  });

  it('keeps syncing and still closes every reader after a listener throws', async () => {
    const SECOND = describePort({ path: '/dev/ttyACM1', vendorId: '05e0', productId: '1900' }, null);
    const readers: FakeReader[] = [];
    const logged: string[] = [];
    let deny = true;
    let throwOnce = true;
    const ports = new ScannerPorts({
      onScan: () => undefined,
      onProblem: () => {
        if (throwOnce) {
          throwOnce = false;
          throw new Error('listener broke');
        }
      },
      log: (message) => logged.push(message),
      openReader: async (options) => {
        if (deny && options.path === '/dev/ttyACM0')
          throw new SerialFailure(
            classifyOpenError(options.path, 'Error: Permission denied, cannot open /dev/ttyACM0'),
          );
        const reader = new FakeReader(options);
        readers.push(reader);
        return reader as unknown as ScannerReader;
      },
    });
    await expect(ports.sync([SCANNER], LINE)).resolves.toBeUndefined();
    expect(logged).toContain('scanner sync failed: listener broke');

    deny = false;
    await ports.sync([MODEM], LINE); // the failed entry leaves with its port
    await ports.sync([SCANNER, SECOND], LINE);
    expect(ports.listening).toEqual(['/dev/ttyACM0', '/dev/ttyACM1']);

    // One reader failing to close does not keep the other open.
    readers[0]!.close = () => {
      readers[0]!.closed = true;
      return Promise.reject(new Error('port busy'));
    };
    await expect(ports.close()).resolves.toBeUndefined();
    expect(readers.map((r) => r.closed)).toEqual([true, true]);
    expect(ports.listening).toEqual([]);
    expect(logged).toContain('scanner /dev/ttyACM0 did not close: port busy');
  });
});
