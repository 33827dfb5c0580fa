/**
 * PINs that hold, through the host's dispatcher on real files: the wrong-PIN lockout survives a
 * restart of the host, escalates, and every wrong PIN (admin, supervisor, an operator's at sign-in)
 * is journaled as pin_failed with the station, the role and the lock it caused — never the PIN —
 * which `ledger check` and the replay take as they take every other record.
 */
import { readFileSync, statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskHost } from '../../src/app/kiosk-host.js';
import { pinLockoutPath } from '../../src/app/session/pin-lockout-store.js';
import { checkLedger } from '../../src/ledger/check.js';
import { rawJournalLines } from '../../src/ledger/read-only.js';
import { failureOf, kioskClient, type KioskClient } from '../support/kiosk-client.js';
import { openTestHost, testDataDir } from '../support/test-host.js';

let data: ReturnType<typeof testDataDir>;
let host: KioskHost;
let kiosk: KioskClient;
let now = Date.parse('2026-12-01T08:00:00Z');

async function open(): Promise<void> {
  host = await openTestHost(data.dir, { engine: { station: 'Desk 4' }, pinLock: { clock: () => now } });
  kiosk = kioskClient(host);
}

/** The code and params of a call that must be refused (this test pins the lock, not its words). */
async function refusedWith(call: Promise<unknown>) {
  const { refusal } = await failureOf(call);
  return refusal && { code: refusal.code, params: refusal.params };
}

beforeEach(async () => {
  data = testDataDir('kiosk-pin-lockout-');
  now = Date.parse('2026-12-01T08:00:00Z');
  await open();
});
afterEach(async () => {
  await host.close();
  data.remove();
});

describe('PINs that hold', () => {
  it('journals every wrong PIN by role (never the PIN), and keeps the lock, escalated, across restarts', async () => {
    expect(await kiosk.session.signIn({ operatorId: 'op-1' })).toMatchObject({ operator: 'op-1' });
    await kiosk.settings.saveOperator({ adminPin: '1234', operatorId: 'op-1' });
    await kiosk.settings.saveOperator({ adminPin: '1234', operatorId: 'ann', pin: '4321' });
    expect(await kiosk.auth.check({ role: 'admin', pin: '0000' })).toMatchObject({ ok: false });
    expect((await refusedWith(kiosk.disconnect.all({ uid: 'PAT-1', supervisorPin: '3333' })))?.code).toBe(
      'wrong_supervisor_pin',
    );
    expect((await refusedWith(kiosk.session.signIn({ operatorId: 'ann', pin: '9999' })))?.code).toBe(
      'operator_pin_wrong',
    );
    expect((await refusedWith(kiosk.settings.update({ adminPin: '2222', patch: {} })))?.code).toBe('wrong_admin_pin');
    expect(await kiosk.auth.check({ role: 'supervisor', pin: '7777' })).toMatchObject({ ok: false });
    expect(await refusedWith(kiosk.auth.check({ role: 'admin', pin: '1234' }))).toEqual({
      code: 'pins_locked',
      params: { seconds: '60' },
    });
    expect(statSync(pinLockoutPath(data.dir)).mode & 0o777).toBe(0o600);

    // A restart keeps the lock ...
    await host.close();
    now += 20_000;
    await open();
    expect(await refusedWith(kiosk.auth.check({ role: 'admin', pin: '1234' }))).toEqual({
      code: 'pins_locked',
      params: { seconds: '40' },
    });
    // ... and the next lockout after it lasts 5 minutes, across another restart.
    now += 40_000;
    for (const pin of ['1000', '1001', '1002', '1003', '1004']) await kiosk.auth.check({ role: 'admin', pin });
    await host.close();
    await open();
    expect(await refusedWith(kiosk.auth.check({ role: 'admin', pin: '1234' }))).toEqual({
      code: 'pins_locked',
      params: { seconds: '300' },
    });
    await host.close();

    const failed = [];
    for await (const { record, line } of rawJournalLines(data.dir)) {
      if (record.type !== 'pin_failed') continue;
      failed.push(record);
      // The record's checksum is hex of the whole line: it may hold "0000" by chance, and tells nothing of a PIN.
      const written = line.replace(/"sum":"[0-9a-f]{64}"/, '"sum":""');
      expect(written).not.toBe(line);
      for (const pin of ['0000', '3333', '9999', '2222', '7777', '1004']) expect(written).not.toContain(pin);
    }
    expect(failed.map(({ role, operator }) => [role, operator ?? ''])).toEqual([
      ['admin', 'op-1'],
      ['supervisor', 'op-1'],
      ['operator', 'ann'],
      // A refused sign-in leaves op-1 signed in; after the restart nobody is.
      ['admin', 'op-1'],
      ['supervisor', 'op-1'],
      ['admin', ''],
      ['admin', ''],
      ['admin', ''],
      ['admin', ''],
      ['admin', ''],
    ]);
    expect(failed.every((r) => r.station === 'Desk 4')).toBe(true);
    expect(failed.filter((r) => r.lockout !== undefined)).toMatchObject([
      { lockout: 1, lockSeconds: 60, lockedUntil: '2026-12-01T08:01:00.000Z' },
      { lockout: 2, lockSeconds: 300, lockedUntil: '2026-12-01T08:06:00.000Z' },
    ]);
    expect(readFileSync(pinLockoutPath(data.dir), 'utf8')).toContain('"lockouts":2');

    const check = await checkLedger(data.dir);
    expect(check.issues).toEqual([]);
    expect(check.ok).toBe(true);
    await open();
  });
});
