/**
 * The Queue and history screen against the real host (dispatcher, journal on disk, embedded
 * simulator over HTTP): a batch job cancelled there gives its order back, and the batch's "next
 * order" passes over cancelled jobs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryCredentialStore } from '../../src/app/session/credential-store.js';
import { openKioskHost, type KioskHost } from '../../src/app/kiosk-host.js';

const IMEI = '490154203237518';
const SAME_MODEL = '490154203237526';
let dataDir: string;
let host: KioskHost;

async function call(
  channel: string,
  payload: unknown,
): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string; refusal?: { code: string } } }> {
  return (await host.dispatcher.dispatch(channel, payload)) as never;
}

async function openHost(): Promise<void> {
  host = await openKioskHost({
    dataDir,
    version: 'test',
    credentials: createMemoryCredentialStore(),
    env: {},
    engine: { station: 'Test bench' },
  });
  expect((await call('session.signIn', { operatorId: 'op-1' })).ok).toBe(true);
}

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-host-queue-'));
  await openHost();
});
afterEach(async () => {
  await host.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a batch job cancelled from Queue', () => {
  /** Order SO-90's job blocked (its device is on another patient), then cancelled from the Queue screen. */
  async function cancelBlockedOrder(): Promise<string> {
    await call('onboard.submit', {
      imei: IMEI,
      raw: IMEI,
      source: 'wedge',
      uid: 'PAT-1111',
      deviceType: 'blood_glucose',
    });
    await call('batch.import', {
      csv: 'uid,device_type,order_ref\nB-0601,blood_glucose,SO-90\nB-0602,blood_glucose,SO-91\n',
      fileName: 'o.csv',
    });
    const order = { raw: IMEI, source: 'wedge', uid: 'B-0601', deviceType: 'blood_glucose', orderRef: 'SO-90' };
    const blocked = await call('onboard.submit', { ...order, imei: IMEI });
    expect(blocked.value).toMatchObject({ outcome: 'blocked', job: { uid: 'B-0601', cancellable: true } });
    const jobId = (blocked.value as { job: { id: string } }).job.id;
    const cancelled = await call('jobs.cancel', { jobId, reason: 'Wrong device for this order' });
    expect(cancelled.value).toMatchObject({ id: jobId, state: 'cancelled', cancellable: false });
    return jobId;
  }

  it('gives its order back: the order barcode takes another device, and the batch counts it open', async () => {
    await cancelBlockedOrder();
    expect((await call('batch.status', {})).value).toMatchObject({ total: 2, assigned: 0, remaining: 2 });
    const again = await call('onboard.submit', {
      imei: SAME_MODEL,
      raw: SAME_MODEL,
      source: 'wedge',
      uid: 'B-0601',
      deviceType: 'blood_glucose',
      orderRef: 'SO-90',
    });
    expect(again.error).toBeUndefined();
    expect(again.value).toMatchObject({ outcome: 'connected', job: { uid: 'B-0601', orderRef: 'SO-90' } });
    expect((await call('batch.status', {})).value).toMatchObject({ assigned: 1, remaining: 1 });
  });

  it('is passed over when the batch names its next order', async () => {
    await cancelBlockedOrder();
    expect((await call('batch.status', {})).value).toMatchObject({
      next: { uid: 'B-0601', deviceType: 'blood_glucose', orderRef: 'SO-90' },
    });
  });
});
