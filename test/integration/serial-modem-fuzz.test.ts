/**
 * A modem that answers every command with seeded garbage (random bytes, wrong-baud noise, an
 * overlong line holding the IMEI, a cut-off IMEI, the IMEI with a corrupted byte) over a real PTY:
 * the reader must return a typed failure every time, never an IMEI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readModemImei } from '../../src/serial/modem-reader.js';
import { startModemEmulator, type RunningEmulator } from '../fixtures/serial/emulator-process.js';
import { createPtyPair, type PtyPair } from '../support/socat.js';

let pair: PtyPair;
let emulator: RunningEmulator;

beforeAll(async () => {
  pair = await createPtyPair();
  emulator = await startModemEmulator(pair.deviceEnd, 'garbage', ['--seed', '5']);
});

afterAll(async () => {
  await emulator?.stop();
  await pair?.close();
});

describe('garbage from the modem never becomes an IMEI', () => {
  it('5 reads against a garbage-speaking modem: each fails with a typed error', async () => {
    const kinds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const result = await readModemImei({
        path: pair.hostEnd,
        wakeTimeoutMs: 400,
        wakeIntervalMs: 100,
        commandTimeoutMs: 100,
        settleMs: 150,
      });
      expect(result.ok).toBe(false);
      if (!result.ok) kinds.push(result.error.kind);
    }
    expect(kinds.every((k) => ['no_response', 'modem_error', 'no_imei', 'invalid_imei'].includes(k))).toBe(true);
    // The noise reached the reader: commands past the wake-up were answered (with garbage).
    expect(emulator.commands.some((c) => c.startsWith('AT+CGSN') || c === 'ATI')).toBe(true);
  });
});
