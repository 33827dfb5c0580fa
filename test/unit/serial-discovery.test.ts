/**
 * Discovery and hot-plug logic. SerialPort.list() cannot list pseudo-terminals (and needs udevadm),
 * so the lister and the IMEI read are injected here; the real-PTY version is in
 * test/integration/serial-discovery.test.ts.
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Imei } from '../../src/imei/index.js';
import type { ModemReadResult } from '../../src/serial/modem-reader.js';
import { describePort, discoverPorts, stableNames, type PortInfoLike } from '../../src/serial/port-discovery.js';
import { PortWatcher } from '../../src/serial/port-watcher.js';
import { matchUsbDevice, UsbDeviceMatches } from '../../src/serial/usb-ids.js';

const IMEI = '490154203237518' as Imei;
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'imei-kiosk-byid-'));
  dirs.push(dir);
  return dir;
}

const quectelAt: PortInfoLike = {
  path: '/dev/ttyUSB2',
  vendorId: '2C7C',
  productId: '0125',
  serialNumber: 'q1',
  pnpId: 'usb-Quectel_EC25-if02-port0',
};
const quectelDm: PortInfoLike = { ...quectelAt, path: '/dev/ttyUSB0', pnpId: 'usb-Quectel_EC25-if00-port0' };
const zebra: PortInfoLike = { path: '/dev/ttyACM0', vendorId: '05e0', productId: '1701', manufacturer: 'Symbol' };
const builtIn: PortInfoLike = { path: '/dev/ttyS0' };

describe('matchUsbDevice', () => {
  it('matches vendor ids case-insensitively and prefers a product-specific entry', () => {
    expect(matchUsbDevice('2C7C', '0125')?.maker).toBe('Quectel');
    const custom = UsbDeviceMatches.parse([
      { vendorId: '1234', maker: 'Any', kind: 'modem' },
      { vendorId: '1234', productId: 'ABCD', maker: 'Exact', kind: 'scanner' },
    ]);
    expect(matchUsbDevice('1234', 'abcd', custom)?.maker).toBe('Exact');
    expect(matchUsbDevice('1234', '0000', custom)?.maker).toBe('Any');
    expect(matchUsbDevice(undefined, undefined, custom)).toBeUndefined();
  });

  it('rejects a malformed id list with a clear message', () => {
    expect(() => UsbDeviceMatches.parse([{ vendorId: 'quectel', maker: 'Q', kind: 'modem' }])).toThrow(/4 hex digits/);
  });
});

describe('describePort / discoverPorts', () => {
  it('marks only the AT interface of a Quectel modem as AT-capable', () => {
    expect(describePort(quectelAt, null)).toMatchObject({
      maker: 'Quectel',
      kind: 'modem',
      usbInterface: 2,
      atCapable: true,
    });
    expect(describePort(quectelDm, null)).toMatchObject({ usbInterface: 0, atCapable: false });
  });

  it('keeps known makers, sorted, and everything with --all', async () => {
    const lister = async () => [zebra, builtIn, quectelAt];
    const known = await discoverPorts({ lister, byIdDir: tempDir() });
    expect(known.ok && known.ports.map((p) => p.path)).toEqual(['/dev/ttyACM0', '/dev/ttyUSB2']);
    const all = await discoverPorts({ lister, all: true, byIdDir: tempDir() });
    expect(all.ok && all.ports.map((p) => p.kind)).toEqual(['scanner', 'modem', null]);
  });

  it('names each port by its /dev/serial/by-id link when there is one', async () => {
    const dir = tempDir();
    const device = path.join(dir, 'ttyUSB7');
    writeFileSync(device, '');
    const byId = path.join(dir, 'by-id');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(byId);
    symlinkSync(device, path.join(byId, 'usb-Quectel_EC25_q1-if02-port0'));
    symlinkSync(path.join(dir, 'gone'), path.join(byId, 'usb-dangling-if00-port0'));
    expect([...stableNames(byId)]).toEqual([[device, path.join(byId, 'usb-Quectel_EC25_q1-if02-port0')]]);
    const listed = await discoverPorts({
      lister: async () => [{ ...quectelAt, path: device, pnpId: undefined }],
      byIdDir: byId,
    });
    expect(listed.ok && listed.ports[0]).toMatchObject({
      stablePath: path.join(byId, 'usb-Quectel_EC25_q1-if02-port0'),
      usbInterface: 2,
    });
  });

  it('a missing by-id folder means no stable names, not a failure', () => {
    expect(stableNames('/nonexistent/by-id').size).toBe(0);
  });

  it('a lister that fails becomes a typed error', async () => {
    const result = await discoverPorts({ lister: () => Promise.reject(new Error('spawn udevadm ENOENT')) });
    expect(result).toMatchObject({ ok: false, error: { kind: 'udevadm_missing' } });
  });
});

describe('PortWatcher', () => {
  function harness(readResult: (p: string) => ModemReadResult) {
    let listed: PortInfoLike[] = [];
    const reads: string[] = [];
    const watcher = new PortWatcher(
      {},
      {
        discover: () => discoverPorts({ lister: async () => listed, byIdDir: '/nonexistent' }),
        readImei: async (p) => {
          reads.push(p);
          return readResult(p);
        },
      },
    );
    const events: string[] = [];
    watcher.on('attached', (p) => events.push(`attached ${p.path}`));
    watcher.on('detached', (p) => events.push(`detached ${p.path}`));
    watcher.on('imei', (o) => events.push(`imei ${o.read.imei} ${o.port.path}`));
    watcher.on('read-failed', (f) => events.push(`read-failed ${f.port.path} ${f.error.kind}`));
    watcher.on('list-failed', (e) => events.push(`list-failed ${e.kind}`));
    return { watcher, events, reads, plug: (ports: PortInfoLike[]) => (listed = ports) };
  }
  const ok = (p: string): ModemReadResult => ({
    ok: true,
    imei: IMEI,
    port: p,
    modem: { manufacturer: 'Quectel', model: 'EC25' },
    command: 'AT+CGSN',
    ms: 5,
  });

  it('refuses to poll more often than once a second', () => {
    expect(() => new PortWatcher({ pollIntervalMs: 200 })).toThrow(/at most once a second/);
  });

  it('offers the IMEI of a newly plugged modem, reading only its AT port, once', async () => {
    const { watcher, events, reads, plug } = harness(ok);
    plug([quectelDm, quectelAt, zebra]);
    await watcher.poll();
    await watcher.stop();
    expect(reads).toEqual(['/dev/ttyUSB2']);
    expect(events).toEqual([
      'attached /dev/ttyACM0',
      'attached /dev/ttyUSB0',
      'attached /dev/ttyUSB2',
      `imei ${IMEI} /dev/ttyUSB2`,
    ]);
    await watcher.poll();
    await watcher.stop();
    expect(reads).toHaveLength(1); // still plugged: not read again
  });

  it('reports unplugging, and reads the device again when it comes back', async () => {
    const { watcher, events, reads, plug } = harness(ok);
    plug([quectelAt]);
    await watcher.poll();
    plug([]);
    await watcher.poll();
    plug([quectelAt]);
    await watcher.poll();
    await watcher.stop();
    expect(events.filter((e) => !e.startsWith('imei'))).toEqual([
      'attached /dev/ttyUSB2',
      'detached /dev/ttyUSB2',
      'attached /dev/ttyUSB2',
    ]);
    expect(reads).toEqual(['/dev/ttyUSB2', '/dev/ttyUSB2']);
  });

  it('has its port list current when it reports a change, so listeners may read it', async () => {
    const { watcher, plug } = harness(ok);
    const seen: string[] = [];
    const listing = () => watcher.ports.map((p) => p.path).join(',') || '(none)';
    watcher.on('attached', (p) => seen.push(`attached ${p.path}: ${listing()}`));
    watcher.on('detached', (p) => seen.push(`detached ${p.path}: ${listing()}`));
    plug([quectelAt]);
    await watcher.poll();
    plug([zebra]);
    await watcher.poll();
    await watcher.stop();
    expect(seen).toEqual([
      'attached /dev/ttyUSB2: /dev/ttyUSB2',
      'detached /dev/ttyUSB2: /dev/ttyACM0',
      'attached /dev/ttyACM0: /dev/ttyACM0',
    ]);
  });

  it('tries the next port of a device without interface numbers when the first gives no IMEI', async () => {
    const a: PortInfoLike = { path: '/dev/ttyACM0', vendorId: '1bc7', productId: '1101', serialNumber: 't1' };
    const b: PortInfoLike = { ...a, path: '/dev/ttyACM1' };
    const { watcher, events, plug } = harness((p) =>
      p === '/dev/ttyACM0'
        ? { ok: false, port: p, ms: 1, error: { kind: 'no_response', message: 'm', nextAction: 'n' } }
        : ok(p),
    );
    plug([a, b]);
    await watcher.poll();
    await watcher.stop();
    expect(events.slice(2)).toEqual(['read-failed /dev/ttyACM0 no_response', `imei ${IMEI} /dev/ttyACM1`]);
  });

  it('passes list failures on and keeps going', async () => {
    const watcher = new PortWatcher(
      {},
      { discover: () => discoverPorts({ lister: () => Promise.reject(new Error('spawn udevadm ENOENT')) }) },
    );
    const failures: string[] = [];
    watcher.on('list-failed', (e) => failures.push(e.kind));
    await watcher.poll();
    expect(failures).toEqual(['udevadm_missing']);
  });
});
