/**
 * The modem reader over real pseudo-terminals (socat) against the modem emulator, one profile per
 * vendor quirk, plus unplugging in the middle of a read.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readModemImei, type ModemReadResult } from '../../src/serial/modem-reader.js';
import { startModemEmulator, type RunningEmulator } from '../fixtures/serial/emulator-process.js';
import { EMULATOR_IMEI } from '../fixtures/serial/modem-profiles.js';
import { createPtyPair, type PtyPair } from '../support/socat.js';

let pair: PtyPair | undefined;
let emulator: RunningEmulator | undefined;

afterEach(async () => {
  await emulator?.stop();
  await pair?.close();
  emulator = undefined;
  pair = undefined;
});

async function withEmulator(
  profile: string,
  extra: readonly string[] = [],
): Promise<{ pair: PtyPair; emulator: RunningEmulator }> {
  pair = await createPtyPair();
  emulator = await startModemEmulator(pair.deviceEnd, profile, extra);
  return { pair, emulator };
}

function expectImei(result: ModemReadResult): asserts result is Extract<ModemReadResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected an IMEI, got ${result.error.kind}: ${result.error.message}`);
}

describe('readModemImei over a socat PTY pair, one emulator switching profiles', () => {
  let shared: { pair: PtyPair; emulator: RunningEmulator };
  beforeAll(async () => {
    const sharedPair = await createPtyPair();
    shared = { pair: sharedPair, emulator: await startModemEmulator(sharedPair.deviceEnd, 'quectel') };
  });
  afterAll(async () => {
    await shared?.emulator.stop();
    await shared?.pair.close();
  });
  async function withProfile(profile: string): Promise<{ pair: PtyPair; emulator: RunningEmulator }> {
    await shared.emulator.switchProfile(profile);
    return shared;
  }

  it.each([
    ['quectel', 'AT+CGSN', 'Quectel', 'EC25'],
    ['telit', 'AT+CGSN', 'Telit', 'ME910C1-WW'],
    ['ublox', 'AT+CGSN', 'u-blox', 'SARA-R410M-02B'],
    ['simcom', 'AT+CGSN', 'SIMCOM INCORPORATED', 'SIMCOM_SIM7600E-H'],
    ['gsn-only', 'AT+GSN', 'Generic', 'GSN-1'],
    ['cgsn1-only', 'AT+CGSN=1', 'Generic', 'CGSN1-1'],
    ['echo-on', 'AT+CGSN', 'Quectel', 'EC25'],
    ['urc-noise', 'AT+CGSN', 'Quectel', 'EC25'],
  ])('%s: reads the IMEI with %s and names the modem', async (profile, command, manufacturer, model) => {
    const { pair } = await withProfile(profile);
    const result = await readModemImei({ path: pair.hostEnd });
    expectImei(result);
    expect(result).toMatchObject({ imei: EMULATOR_IMEI, port: pair.hostEnd, command, modem: { manufacturer, model } });
    expect(result.ms).toBeGreaterThan(0);
  });

  it('sends one command at a time, in the documented order', async () => {
    const { pair, emulator } = await withProfile('cgsn1-only');
    expectImei(await readModemImei({ path: pair.hostEnd }));
    expect(emulator.commands).toEqual(['AT', 'ATE0', 'AT+CMEE=2', 'ATI', 'AT+CGSN', 'AT+GSN', 'AT+CGSN=1']);
  });

  it('a command that gets no reply is sent once more', async () => {
    const { pair, emulator } = await withProfile('drops-first-cgsn');
    const result = await readModemImei({ path: pair.hostEnd, commandTimeoutMs: 300 });
    expectImei(result);
    expect(result.command).toBe('AT+CGSN');
    expect(emulator.commands.filter((c) => c === 'AT+CGSN')).toHaveLength(2);
  });

  it('slow: keeps waking a modem that boots for 1.5 s, then reads it', async () => {
    const { pair, emulator } = await withProfile('slow');
    const result = await readModemImei({ path: pair.hostEnd });
    expectImei(result);
    expect(result.imei).toBe(EMULATOR_IMEI);
    expect(emulator.commands.filter((c) => c === 'AT').length).toBeGreaterThan(1);
  });

  it('nrf91-no-imei: every ID command fails → no_imei, naming the modem and what to do', async () => {
    const { pair } = await withProfile('nrf91-no-imei');
    const result = await readModemImei({ path: pair.hostEnd });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('no_imei');
    expect(result.error.detail).toContain('nRF9160-SICA');
    expect(result.error.detail).toContain('+CME ERROR: 4');
    expect(result.error.nextAction).toMatch(/firmware|label/);
  });

  it('a number that fails the Luhn check is invalid_imei, never an IMEI', async () => {
    const { pair } = await withProfile('bad-imei');
    const result = await readModemImei({ path: pair.hostEnd });
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_imei' } });
  });

  it('stray-ok: a second OK after each reply means the replies may be out of step: modem_error, never no_imei', async () => {
    const { pair } = await withProfile('stray-ok');
    const result = await readModemImei({ path: pair.hostEnd });
    expect(result).toMatchObject({ ok: false, error: { kind: 'modem_error' } });
    if (!result.ok) expect(result.error.detail).toMatch(/matched no command/);
  });

  it('silent: no_response after the wake timeout, with the AT port hint', async () => {
    const { pair, emulator } = await withProfile('silent');
    const result = await readModemImei({ path: pair.hostEnd, wakeTimeoutMs: 1_000 });
    expect(result).toMatchObject({ ok: false, error: { kind: 'no_response' } });
    if (!result.ok) expect(result.error.detail).toContain('AT port');
    expect(emulator.commands.every((c) => c === 'AT')).toBe(true);
  });
});

// Each read takes seconds of waiting on the emulator, so these run side by side, each on its own PTY.
describe.concurrent('readModemImei against a modem that answers late or reports unasked', () => {
  async function readLate(profile: string, extra: readonly string[] = []) {
    const own = await createPtyPair();
    const modem = await startModemEmulator(own.deviceEnd, profile, extra);
    try {
      return { result: await readModemImei({ path: own.hostEnd }), commands: [...modem.commands] };
    } finally {
      await modem.stop();
      await own.close();
    }
  }

  it('late: every reply 1.2 s late (a slow module after boot) → the IMEI, each command sent once', async () => {
    const { result, commands } = await readLate('late');
    expectImei(result);
    expect(result).toMatchObject({
      imei: EMULATOR_IMEI,
      command: 'AT+CGSN',
      modem: { manufacturer: 'Quectel', model: 'EC25' },
    });
    // Several wake probes went out; after them, one of each command: no reply was taken for another's.
    expect(commands.filter((c) => c === 'AT').length).toBeGreaterThan(1);
    expect(commands.filter((c) => c !== 'AT')).toEqual(['ATE0', 'AT+CMEE=2', 'ATI', 'AT+CGSN']);
  }, 30_000);

  it('every reply 2.5 s late, past the 1.5 s command timeout → the late reply is used as the answer', async () => {
    const { result, commands } = await readLate('late', ['--reply-delay-ms', '2500']);
    expectImei(result);
    expect(result.command).toBe('AT+CGSN');
    expect(commands.filter((c) => c !== 'AT')).toEqual(['ATE0', 'AT+CMEE=2', 'ATI', 'AT+CGSN']);
  }, 30_000);

  it('urc-flood: unsolicited reports every 100 ms do not hold up the resync after the wake probes', async () => {
    const { result } = await readLate('urc-flood');
    expectImei(result);
    expect(result.ms).toBeLessThan(5_000);
  }, 30_000);

  it('late-no-imei: refusals 1.2 s late are still matched to their commands → no_imei', async () => {
    const { result } = await readLate('late-no-imei');
    expect(result).toMatchObject({ ok: false, error: { kind: 'no_imei' } });
    if (!result.ok) expect(result.error.detail).toContain('nRF9160-SICA');
  }, 30_000);
});

describe('readModemImei when the port goes away or is taken', () => {
  it('unplugging in the middle of a read (socat killed) → disconnected, and the read returns', async () => {
    const { pair, emulator } = await withEmulator('hang-on-cgsn');
    const reading = readModemImei({ path: pair.hostEnd, commandTimeoutMs: 10_000 });
    await emulator.waitForCommand('AT+CGSN');
    await pair.unplug();
    const result = await reading;
    expect(result).toMatchObject({ ok: false, error: { kind: 'disconnected' } });
  });

  it('a path with nothing there → port_not_found', async () => {
    const result = await readModemImei({ path: '/dev/imei-kiosk-no-such-port' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'port_not_found' } });
  });

  it('a port already open elsewhere → port_busy', async () => {
    const { pair } = await withEmulator('hang-on-cgsn');
    const first = readModemImei({ path: pair.hostEnd, commandTimeoutMs: 10_000 });
    await emulator!.waitForCommand('AT+CGSN');
    const second = await readModemImei({ path: pair.hostEnd });
    expect(second).toMatchObject({ ok: false, error: { kind: 'port_busy' } });
    await pair.unplug();
    await first;
  });
});
