/**
 * The engine host refuses a registered operator's ID as a patient (issue 15): whatever the screen
 * let through, an operator badge never becomes the patient of a job.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryCredentialStore } from '../../src/app/session/credential-store.js';
import { openKioskHost, type KioskHost } from '../../src/app/kiosk-host.js';

const IMEI = '490154203237518';
let dataDir: string;
let host: KioskHost;

async function call(
  channel: string,
  payload: unknown,
): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string; refusal?: { code: string } } }> {
  return (await host.dispatcher.dispatch(channel, payload)) as never;
}

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-badge-'));
  host = await openKioskHost({
    dataDir,
    version: 'test',
    credentials: createMemoryCredentialStore(),
    env: {},
    engine: { station: 'Test bench' },
  });
  expect((await call('settings.saveOperator', { adminPin: '1234', operatorId: 'OP-ANA' })).ok).toBe(true);
  expect((await call('settings.saveOperator', { adminPin: '1234', operatorId: 'op-ben' })).ok).toBe(true);
  expect((await call('session.signIn', { operatorId: 'op-ben' })).ok).toBe(true);
});
afterEach(async () => {
  await host.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a registered operator is never a patient', () => {
  it('refuses an operator ID as the patient, whatever its case, and journals no job', async () => {
    const answer = await call('onboard.submit', {
      imei: IMEI,
      raw: IMEI,
      source: 'wedge',
      uid: 'op-ana',
      deviceType: 'blood_glucose',
    });
    expect(answer.ok).toBe(false);
    expect(answer.error?.refusal?.code).toBe('uid_is_operator');
    expect(answer.error?.message).toContain('operator OP-ANA');
    const jobs = (await call('jobs.list', { filter: 'all' })) as { value: { jobs: unknown[] } };
    expect(jobs.value.jobs).toEqual([]);
  });

  it('still connects a patient whose ID only looks like a badge', async () => {
    const answer = await call('onboard.submit', {
      imei: IMEI,
      raw: IMEI,
      source: 'wedge',
      uid: 'op-anna',
      deviceType: 'blood_glucose',
    });
    expect(answer).toMatchObject({ ok: true, value: { outcome: 'connected' } });
  });
});
