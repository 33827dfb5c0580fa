/** `imei-kiosk serial read` / `serial list`, in-process, against the modem emulator on a real PTY. */
import { execFile } from 'node:child_process';
import { chmodSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { SerialPort } from 'serialport';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startModemEmulator, type RunningEmulator } from '../fixtures/serial/emulator-process.js';
import { EMULATOR_IMEI } from '../fixtures/serial/modem-profiles.js';
import { CLI_BIN, runBuiltCli, runCliCaptured } from '../support/cli.js';
import { requireProgram } from '../support/programs.js';
import { createPtyPair, type PtyPair } from '../support/socat.js';

let pair: PtyPair | undefined;

afterEach(async () => {
  await pair?.close();
  pair = undefined;
});

// One modem emulator for the modem-mode runs; each test switches it to the profile it needs.
let modem: { pair: PtyPair; emulator: RunningEmulator };
beforeAll(async () => {
  const modemPair = await createPtyPair();
  modem = { pair: modemPair, emulator: await startModemEmulator(modemPair.deviceEnd, 'quectel') };
});
afterAll(async () => {
  await modem?.emulator.stop();
  await modem?.pair.close();
});

async function modemWith(profile: string): Promise<string> {
  await modem.emulator.switchProfile(profile);
  return modem.pair.hostEnd;
}

describe('imei-kiosk serial read', () => {
  it('--json: the IMEI, the port, the modem and the time, exit 0', async () => {
    const port = await modemWith('ublox');
    const run = await runCliCaptured(['serial', 'read', '--port', port, '--json']);
    expect(run.code).toBe(0);
    expect(run.stdout).toHaveLength(1);
    const line = JSON.parse(run.stdout[0]!) as Record<string, unknown>;
    expect(Object.keys(line)).toEqual(['ok', 'imei', 'port', 'modem', 'ms']);
    expect(line).toMatchObject({
      ok: true,
      imei: EMULATOR_IMEI,
      port,
      modem: { manufacturer: 'u-blox', model: 'SARA-R410M-02B' },
    });
    expect(typeof line.ms).toBe('number');
  });

  it('without --json prints the bare IMEI on stdout and the details on stderr', async () => {
    const run = await runCliCaptured(['serial', 'read', '--port', await modemWith('quectel')]);
    expect(run).toMatchObject({ code: 0, stdout: [EMULATOR_IMEI] });
    expect(run.stderr.join('\n')).toContain('Quectel EC25');
  });

  it('a modem with no IMEI: {"ok": false, "error": {kind, message, nextAction, detail}}, exit 1', async () => {
    const run = await runCliCaptured(['serial', 'read', '--port', await modemWith('nrf91-no-imei'), '--json']);
    expect(run.code).toBe(1);
    const line = JSON.parse(run.stdout[0]!) as { ok: boolean; error: Record<string, string> };
    expect(line.ok).toBe(false);
    expect(Object.keys(line.error)).toEqual(['kind', 'message', 'nextAction', 'detail']);
    expect(line.error.kind).toBe('no_imei');
    // The operator's words are the catalogue's; what IT needs (the modem, its answers) is the detail.
    expect(line.error.message).toBe('The modem answers, but has no IMEI to report.');
    expect(line.error.detail).toContain('+CME ERROR');
  });

  it('--mode scanner waits for one scan', async () => {
    pair = await createPtyPair();
    const scanner = new SerialPort({ path: pair.deviceEnd, baudRate: 9600, lock: false });
    await new Promise<void>((resolve) => scanner.once('open', resolve));
    const offer = setInterval(() => scanner.write(`IMEI: ${EMULATOR_IMEI}\r\n`), 50);
    const run = await runCliCaptured([
      'serial',
      'read',
      '--port',
      pair.hostEnd,
      '--mode',
      'scanner',
      '--timeout',
      '20000',
      '--json',
    ]).finally(() => clearInterval(offer));
    await new Promise<void>((resolve) => scanner.close(() => resolve()));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout[0]!)).toMatchObject({ ok: true, imei: EMULATOR_IMEI, modem: null });
  });

  it.each([
    [['--baud', 'fast'], '--baud must be a whole number'],
    [['--mode', 'keyboard'], '--mode is "modem" or "scanner"'],
    [['--timeout', '0'], '--timeout must be above 0'],
  ])('usage error %j → exit 2 and the reason', async (extra, reason) => {
    const run = await runCliCaptured(['serial', 'read', '--port', '/dev/ttyUSB0', ...extra]);
    expect(run.code).toBe(2);
    expect(run.stderr.join('\n')).toContain(reason);
    expect(run.stdout).toEqual([]);
  });

  it('a missing --port is a usage error', async () => {
    expect((await runCliCaptured(['serial', 'read'])).code).toBe(2);
  });

  it('no port there → port_not_found, exit 1', async () => {
    const run = await runCliCaptured(['serial', 'read', '--port', '/dev/imei-kiosk-absent', '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout[0]!)).toMatchObject({ ok: false, error: { kind: 'port_not_found' } });
  });

  // Root can open anything, so the real "permission denied" needs another user: run the CLI as nobody.
  it.skipIf(process.getuid?.() !== 0)(
    'a port this user may not open → permission_denied with the dialout fix',
    async () => {
      requireProgram('setpriv', 'util-linux');
      pair = await createPtyPair();
      chmodSync(path.dirname(pair.hostEnd), 0o755);
      const result = await promisify(execFile)(
        'setpriv',
        [
          '--reuid=65534',
          '--regid=65534',
          '--clear-groups',
          process.execPath,
          CLI_BIN,
          'serial',
          'read',
          '--port',
          pair.hostEnd,
          '--json',
        ],
        {
          env: { ...process.env, HOME: '/tmp' },
        },
      ).catch((error: { code: number; stdout: string }) => error);
      expect(result).toMatchObject({ code: 1 });
      const line = JSON.parse(String(result.stdout).trim()) as { error: { kind: string; nextAction: string } };
      expect(line.error.kind).toBe('permission_denied');
      expect(line.error.nextAction).toContain('sudo usermod -aG dialout $USER');
    },
  );
});

describe('imei-kiosk serial list', () => {
  it('--json gives {"ok": true, "ports": [...]}', async () => {
    requireProgram('udevadm', 'udev'); // serialport lists ports through udevadm
    const run = await runCliCaptured(['serial', 'list', '--json', '--all']);
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.stdout[0]!) as { ok: boolean; ports: unknown[] };
    expect(parsed.ok).toBe(true);
    expect(Array.isArray(parsed.ports)).toBe(true);
  });
});

describe('imei-kiosk serial list without udevadm (a minimal image without the udev package)', () => {
  it('answers udevadm_missing with a way forward, exit 1 (the built CLI, PATH without udevadm)', async () => {
    const run = await runBuiltCli(['serial', 'list', '--json'], { env: { ...process.env, PATH: '/nonexistent' } });
    expect(run.code).toBe(1);
    const line = JSON.parse(run.stdout[0]!) as {
      ok: boolean;
      error: { kind: string; nextAction: string; detail?: string };
    };
    expect(line).toMatchObject({ ok: false, error: { kind: 'udevadm_missing' } });
    expect(line.error.detail).toContain('--port');
  });
});
