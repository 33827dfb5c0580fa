/**
 * The Queue and history screen against the real host (dispatcher, journal on disk, embedded
 * simulator over HTTP): a batch job cancelled there gives its order back, the batch's "next order"
 * passes over cancelled jobs, and "today" is the station's own day. The station's time zone is
 * UTC+14 here (process.env.TZ, see support/time-zone.ts), so its day and the UTC day always differ by 14 hours whatever the hour of the run.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskHost } from '../../src/app/kiosk-host.js';
import { openLedger } from '../../src/ledger/ledger.js';
import { KNOWN_IMEI as IMEI, makeImei } from '../support/imei.js';
import { kioskClient, type KioskClient } from '../support/kiosk-client.js';
import { openTestHost, testDataDir } from '../support/test-host.js';
import { useTimeZone } from '../support/time-zone.js';

/** Another device of the same model (TAC) as IMEI. */
const SAME_MODEL = makeImei(IMEI.slice(0, 8), 1);
/** POSIX names count the other way: Etc/GMT-14 is UTC+14 (Kiribati's day), with no DST. */
const STATION_ZONE = 'Etc/GMT-14';
const STATION_OFFSET_MS = 14 * 3_600_000;
let data: ReturnType<typeof testDataDir>;
let host: KioskHost;
let kiosk: KioskClient;

async function openHost(): Promise<void> {
  host = await openTestHost(data.dir);
  kiosk = kioskClient(host);
  await kiosk.session.signIn({ operatorId: 'op-1' });
}

useTimeZone(STATION_ZONE);
beforeEach(async () => {
  data = testDataDir('kiosk-host-queue-');
  await openHost();
});
afterEach(async () => {
  await host.close();
  data.remove();
});

describe('a batch job cancelled from Queue', () => {
  /** IMEI connected to PAT-1111 outside the batch, then a batch of two orders (SO-90, SO-91) imported. */
  async function heldDeviceAndBatch(): Promise<void> {
    await kiosk.onboard.submit({
      imei: IMEI,
      raw: IMEI,
      source: 'wedge',
      uid: 'PAT-1111',
      deviceType: 'blood_glucose',
    });
    await kiosk.batch.import({
      csv: 'uid,device_type,order_ref\nB-0601,blood_glucose,SO-90\nB-0602,blood_glucose,SO-91\n',
      fileName: 'o.csv',
    });
  }

  /** A device submitted for an order through its barcode (the Onboard screen). */
  const submitForOrder = (imei: string, uid: string, orderRef: string) =>
    kiosk.onboard.submit({ imei, raw: imei, source: 'wedge', uid, deviceType: 'blood_glucose', orderRef });

  /** Order SO-90's job, blocked: its device is on PAT-1111. */
  async function blockedOrderJob(): Promise<string> {
    const blocked = await submitForOrder(IMEI, 'B-0601', 'SO-90');
    expect(blocked).toMatchObject({ outcome: 'blocked', job: { uid: 'B-0601', cancellable: true, open: true } });
    if (!('job' in blocked) || !blocked.job) throw new Error('a blocked outcome names its job');
    return blocked.job.id;
  }

  /** Order SO-90's job blocked, then cancelled from the Queue screen. */
  async function cancelBlockedOrder(): Promise<string> {
    await heldDeviceAndBatch();
    const jobId = await blockedOrderJob();
    const cancelled = await kiosk.jobs.cancel({ jobId, reason: 'Wrong device for this order' });
    expect(cancelled).toMatchObject({ id: jobId, state: 'cancelled', cancellable: false, open: false });
    return jobId;
  }

  it('gives its order back: the order barcode takes another device, and the batch counts it open', async () => {
    await cancelBlockedOrder();
    expect(await kiosk.batch.status({})).toMatchObject({ total: 2, assigned: 0, remaining: 2 });
    const again = await submitForOrder(SAME_MODEL, 'B-0601', 'SO-90');
    expect(again).toMatchObject({ outcome: 'connected', job: { uid: 'B-0601', orderRef: 'SO-90' } });
    expect(await kiosk.batch.status({})).toMatchObject({ assigned: 1, remaining: 1 });
  });

  it("keeps the batch's pace: a cancel does not forget the devices connected before it", async () => {
    await heldDeviceAndBatch();
    expect(await submitForOrder(SAME_MODEL, 'B-0602', 'SO-91')).toMatchObject({ outcome: 'connected' });
    await kiosk.jobs.cancel({ jobId: await blockedOrderJob(), reason: 'Wrong device for this order' });
    const status = await kiosk.batch.status({});
    expect(status).toMatchObject({ assigned: 1, connected: 1, remaining: 1 });
    // A run read again from the journal at the cancel would count no device connected since it began: no ETA (null).
    expect(status.etaMs).not.toBeNull();
  });

  it('gives its order back whichever way it was cancelled (the engine itself, as the CLI does)', async () => {
    await heldDeviceAndBatch();
    const jobId = await blockedOrderJob();
    expect(await kiosk.batch.status({})).toMatchObject({ assigned: 1, remaining: 1 });
    await host.engine().onboarding.cancel(jobId, 'op-cli', 'Cancelled at the terminal');
    expect(await kiosk.batch.status({})).toMatchObject({ assigned: 0, remaining: 2, next: { orderRef: 'SO-90' } });
  });

  it('is passed over when the batch names its next order', async () => {
    await cancelBlockedOrder();
    expect(await kiosk.batch.status({})).toMatchObject({
      next: { uid: 'B-0601', deviceType: 'blood_glucose', orderRef: 'SO-90' },
    });
  });
});

describe('the Today tab', () => {
  it("lists the jobs of the station's own day, not of the UTC day", async () => {
    await host.close();
    // The station's midnight today, computed from the offset (not from the code under test).
    const stationDate = new Date(Date.now() + STATION_OFFSET_MS).toISOString().slice(0, 10);
    const midnight = Date.parse(`${stationDate}T00:00:00.000Z`) - STATION_OFFSET_MS;
    let stamp = new Date(midnight);
    const ledger = await openLedger({ dataDir: data.dir, clock: () => stamp });
    const cancelledJob = async (jobId: string, imei: string, at: number) => {
      stamp = new Date(at);
      const job = { jobId, imei, uid: `PAT-${jobId}`, deviceType: 'blood_glucose', operator: 'op-1' };
      await ledger.append({ type: 'job_intent', ...job, station: 'Test bench', initialState: 'captured' });
      await ledger.append({ type: 'job_transition', jobId, from: 'captured', to: 'cancelled' });
    };
    // A minute into the station's day, and a minute before it: one of them is on the UTC day of now.
    await cancelledJob('EARLY', IMEI, midnight + 60_000);
    await cancelledJob('LATE', SAME_MODEL, midnight - 60_000);
    await ledger.close();
    await openHost();
    const today = await kiosk.jobs.list({ filter: 'today' });
    expect(today.jobs.map((j) => j.id)).toEqual(['EARLY']);
  });
});
