/**
 * Discovery and hot-plug against real PTYs. SerialPort.list() never lists pseudo-terminals (it
 * keeps tty(S|ACM|USB…) names from udevadm), so the lister is injected to report the PTY as a
 * Quectel modem; the IMEI read itself is real, over the PTY, from the emulator.
 */
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverPorts, type PortInfoLike } from '../../src/serial/port-discovery.js';
import { PortWatcher, type ImeiOffer } from '../../src/serial/port-watcher.js';
import { startModemEmulator, type RunningEmulator } from '../fixtures/serial/emulator-process.js';
import { EMULATOR_IMEI } from '../fixtures/serial/modem-profiles.js';
import { requireProgram } from '../support/programs.js';
import { createPtyPair, type PtyPair } from '../support/socat.js';

let pair: PtyPair | undefined;
let emulator: RunningEmulator | undefined;
let watcher: PortWatcher | undefined;

afterEach(async () => {
  await watcher?.stop();
  await emulator?.stop();
  await pair?.close();
  watcher = pair = emulator = undefined;
});

describe('PortWatcher with a real modem on a PTY', () => {
  it('reads and offers the IMEI of a newly plugged modem, then reports the unplug', async () => {
    pair = await createPtyPair();
    emulator = await startModemEmulator(pair.deviceEnd, 'quectel');
    let listed: PortInfoLike[] = [{ path: pair.hostEnd, vendorId: '2c7c', productId: '0125', serialNumber: 'emu1' }];
    watcher = new PortWatcher(
      {},
      { discover: () => discoverPorts({ lister: async () => listed, byIdDir: '/nonexistent' }) },
    );
    const offered = new Promise<ImeiOffer>((resolve) => watcher!.once('imei', resolve));
    const detached = new Promise((resolve) => watcher!.once('detached', resolve));

    await watcher.poll();
    const offer = await offered;
    expect(offer.read).toMatchObject({ imei: EMULATOR_IMEI, modem: { manufacturer: 'Quectel', model: 'EC25' } });
    expect(offer.port).toMatchObject({ path: pair.hostEnd, maker: 'Quectel', kind: 'modem' });

    await pair.unplug();
    listed = [];
    await watcher.poll();
    expect(await detached).toMatchObject({ path: pair.hostEnd });
  });

  it("a held port's close event (here: closed by hand) triggers a poll at once", async () => {
    pair = await createPtyPair();
    let polls = 0;
    watcher = new PortWatcher(
      { autoRead: false },
      {
        discover: async () => {
          polls++;
          return { ok: true, ports: [] };
        },
      },
    );
    const port = new SerialPort({ path: pair.hostEnd, baudRate: 115_200 });
    await new Promise<void>((resolve) => port.once('open', resolve));
    const polled = new Promise<void>((resolve) => {
      const original = watcher!.poll.bind(watcher);
      watcher!.poll = () => original().finally(resolve);
    });
    watcher.watchOpenPort(port, pair.hostEnd);
    port.close();
    await polled;
    expect(polls).toBe(1);
  });

  it('a held port whose device node vanishes (unplug with no close event) triggers a poll', async () => {
    pair = await createPtyPair();
    const polled = new Promise<void>((resolve) => {
      watcher = new PortWatcher({ autoRead: false }, { discover: async () => (resolve(), { ok: true, ports: [] }) });
    });
    const port = new SerialPort({ path: pair.hostEnd, baudRate: 115_200 });
    await new Promise<void>((resolve) => port.once('open', resolve));
    watcher!.watchOpenPort(port, pair.hostEnd);
    await pair.unplug();
    await polled;
    await new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
  });
});

describe('SerialPort.list() for real', () => {
  it('runs here and never lists a PTY', async () => {
    requireProgram('udevadm', 'udev'); // serialport lists ports through udevadm
    pair = await createPtyPair();
    const result = await discoverPorts({ all: true });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.ports.some((p) => p.path.includes('/pts/') || p.path === pair!.hostEnd)).toBe(false);
  });

  it('without udevadm on the PATH → udevadm_missing with a way forward', async () => {
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const result = await discoverPorts();
      expect(result).toMatchObject({ ok: false, error: { kind: 'udevadm_missing' } });
      if (!result.ok) expect(result.error.detail).toContain('--port');
    } finally {
      process.env.PATH = saved;
    }
  });
});
