/**
 * The batch's finer rules on a real journal against the simulator over loopback HTTP: what an
 * import journals and when it counts as resumed; the exact words and values of every refusal;
 * which of several orders a reference or a scan picks; when the queue counts as settled; and the
 * progress a resumed batch reports. The worker is not started unless a test needs the queue to run.
 */
import { describe, expect, it } from 'vitest';
import { Imei } from '../../src/imei/schema.js';
import type { JobView } from '../../src/ledger/job-index.js';
import type { Ledger } from '../../src/ledger/index.js';
import type { OrdersImportRecord } from '../../src/ledger/records.js';
import { BatchRun, batchIdFor, importOrders, type OnboardingService } from '../../src/onboarding/index.js';
import type { z } from 'zod';
import { testImei } from '../support/imei.js';
import { onboardingHarness } from '../support/onboarding-station.js';

const h = onboardingHarness('onboarding-batch-rules');
const TYPES = ['blood_glucose', 'blood_pressure'];
const TAC = '35840000';
const station = (startWorker = false) => h.station({ startWorker });
const imei = (k: number) => testImei(k, TAC);
const last4 = (text: string) => text.slice(-4);

/** An orders file: one line per order, `uid,device_type,order_ref,expected_imei`. */
const file = (...rows: string[]) => ['uid,device_type,order_ref,expected_imei', ...rows, ''].join('\n');

async function imported(service: OnboardingService, text: string): Promise<BatchRun> {
  const result = await importOrders(service, { text, source: 'orders.csv', deviceTypes: TYPES });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return new BatchRun(service, result.batchId, result.orders);
}

async function importRecords(ledger: Ledger): Promise<Array<z.infer<typeof OrdersImportRecord>>> {
  const out: Array<z.infer<typeof OrdersImportRecord>> = [];
  for await (const r of ledger.records({})) if (r.type === 'orders_import') out.push(r);
  return out;
}

describe('importOrders', () => {
  it("journals each order's reference and expected IMEI, and a source name cut to 2000 characters", async () => {
    const { service, ledger } = await station();
    const expected = imei(1);
    const text = file(`bri-j-1,blood_glucose,ORD-1,`, `bri-j-2,blood_pressure,,${expected}`, `bri-j-3,blood_glucose,,`);
    const source = `C:\\orders\\${'s'.repeat(2500)}.csv`;
    expect(await importOrders(service, { text, source, deviceTypes: TYPES })).toMatchObject({ ok: true });
    // The journal alone must bring the batch back after a restart: every order whole.
    const [record, ...others] = await importRecords(ledger);
    expect(others).toEqual([]);
    expect(record?.source).toBe(source.slice(0, 2000));
    expect(record?.orders).toEqual([
      { row: 2, uid: 'bri-j-1', deviceType: 'blood_glucose', orderRef: 'ORD-1' },
      { row: 3, uid: 'bri-j-2', deviceType: 'blood_pressure', expectedImei: expected },
      { row: 4, uid: 'bri-j-3', deviceType: 'blood_glucose' },
    ]);
  });

  it("is resumed only by this file's own import: another file's import does not count", async () => {
    const { service, ledger } = await station();
    const a = file('bri-a-1,blood_glucose,,');
    const b = file('bri-b-1,blood_glucose,,');
    expect(await importOrders(service, { text: a, source: 'a.csv', deviceTypes: TYPES })).toMatchObject({
      ok: true,
      resumed: false,
    });
    expect(await importOrders(service, { text: b, source: 'b.csv', deviceTypes: TYPES })).toMatchObject({
      ok: true,
      batchId: batchIdFor(b),
      resumed: false,
    });
    expect((await importRecords(ledger)).map((r) => r.batchId)).toEqual([batchIdFor(a), batchIdFor(b)]);
  });

  it('is resumed only by an import record: a job already naming the batch is not its import', async () => {
    const { service, ledger } = await station();
    const text = file('bri-n-1,blood_glucose,,');
    // A job journaled under this batch id with no import before it (by hand here): the orders are
    // not in the journal yet, so calling it resumed would leave a restart nothing to resume from.
    await service.onboard({
      imei: imei(2),
      uid: 'bri-n-1',
      deviceType: 'blood_glucose',
      batchId: batchIdFor(text),
      enqueueOnly: true,
    });
    expect(await importOrders(service, { text, source: 'n.csv', deviceTypes: TYPES })).toMatchObject({
      ok: true,
      resumed: false,
    });
    expect((await importRecords(ledger)).map((r) => r.batchId)).toEqual([batchIdFor(text)]);
  });
});

describe('batch scans', () => {
  it('refuse a device when no order is left, in the words and values of the catalogue', async () => {
    const { service } = await station();
    const [a, b] = [imei(3), imei(4)];
    const batch = await imported(service, file('bri-s-1,blood_glucose,,'));
    expect(await batch.scan(a, a)).toMatchObject({ kind: 'assigned', order: { row: 2 } });
    expect(await batch.scan(b, b)).toEqual({
      kind: 'rejected',
      reasonKind: 'no_open_order',
      reason: `No open order is left for IMEI …${last4(b)}.`,
      nextAction: 'Put this device aside and tell a supervisor.',
      params: { imeiLast4: last4(b) },
    });
  });

  it('refuse the expected device while the Onboard screen is filling its order, as already assigned', async () => {
    const { service } = await station();
    const expected = imei(5);
    const batch = await imported(service, file('bri-c-1,blood_glucose,,', `bri-c-2,blood_glucose,,${expected}`));
    // The screen's assign takes row 3 at once; the scanner's scan of the same device, meanwhile,
    // must not fall through to row 2 (another patient): its own order is taken.
    const [assigned, scanned] = await Promise.all([
      batch.assign(batch.orders[1]!, { imei: expected, raw: expected, source: 'typed' }),
      batch.scan(expected, expected),
    ]);
    expect(assigned).toMatchObject({ kind: 'assigned', order: { row: 3 }, result: { outcome: 'connected' } });
    expect(scanned).toEqual({
      kind: 'rejected',
      reasonKind: 'order_already_assigned',
      reason: `IMEI …${last4(expected)} was expected by an order that is already assigned.`,
      nextAction: 'Put this device aside and tell a supervisor.',
      params: { imeiLast4: last4(expected) },
    });
    expect(batch.progress()).toMatchObject({ assigned: 1, open: 1 });
  });

  it('refuse a device busy outside the batch with its last 4 digits', async () => {
    const { service } = await station();
    const busy = imei(6);
    const batch = await imported(service, file('bri-o-1,blood_glucose,,'));
    await service.onboard({ imei: busy, uid: 'bri-o-1', deviceType: 'blood_glucose', enqueueOnly: true });
    expect(await batch.scan(busy, busy)).toEqual({
      kind: 'rejected',
      reasonKind: 'busy_outside_batch',
      reason: `IMEI …${last4(busy)} is already being connected outside this batch.`,
      nextAction: 'Put this device aside and tell a supervisor.',
      params: { imeiLast4: last4(busy) },
    });
  });

  it('connect a second device of the same type to a patient: the order file is the confirmation', async () => {
    const { service } = await station();
    const [first, second] = [imei(7), imei(8)];
    const outside = { imei: first, uid: 'bri-2nd-1', deviceType: 'blood_glucose' };
    expect((await service.onboard(outside)).outcome).toBe('connected');
    const batch = await imported(service, file('bri-2nd-1,blood_glucose,,'));
    // Outside a batch this would wait for the operator's confirmation and journal no job.
    expect(await batch.scan(second, second)).toMatchObject({
      kind: 'assigned',
      order: { row: 2 },
      job: { jobId: `${batch.batchId}.r2`, uid: 'bri-2nd-1', imei: second },
    });
  });

  it("give each job its order's reference, and none to a job whose order has none", async () => {
    const { service } = await station();
    const [a, b] = [imei(9), imei(10)];
    const batch = await imported(service, file('bri-r-1,blood_glucose,ORD-77,', 'bri-r-2,blood_glucose,,'));
    const withRef = await batch.scan(a, a);
    const without = await batch.scan(b, b);
    expect(withRef.kind === 'assigned' && withRef.job.orderRef).toBe('ORD-77');
    expect(without).toMatchObject({ kind: 'assigned', order: { row: 3 } });
    expect(without.kind === 'assigned' && 'orderRef' in without.order).toBe(false);
    expect(without.kind === 'assigned' && without.job.orderRef).toBeUndefined();
  });
});

describe('the Onboard screen assigning one order', () => {
  it('refuses with the values each refusal names, and takes the expected device on its own order', async () => {
    const { service } = await station();
    const [expected, a, b] = [imei(11), imei(12), imei(13)];
    const batch = await imported(service, file('bri-as-1,blood_glucose,,', `bri-as-2,blood_glucose,,${expected}`));
    const [open, expecting] = [batch.orders[0]!, batch.orders[1]!];
    const typed = (device: string) => ({ imei: device, raw: device, source: 'typed' as const });

    expect(await batch.assign(expecting, typed(a))).toEqual({
      kind: 'rejected',
      reasonKind: 'order_expects_other_device',
      reason: `This order expects the device with IMEI …${last4(expected)}, not …${last4(a)}.`,
      nextAction: 'Put this device aside and find the device the order names.',
      params: { imeiLast4: last4(a), expectedLast4: last4(expected) },
    });
    expect(await batch.assign(open, typed(expected))).toMatchObject({
      reasonKind: 'device_expected_by_other_order',
      params: { imeiLast4: last4(expected), row: '3' },
    });
    // The device the order names is neither another order's device nor the wrong one.
    expect(await batch.assign(expecting, typed(expected))).toMatchObject({
      kind: 'assigned',
      order: { row: 3 },
      result: { outcome: 'connected' },
    });
    expect(await batch.assign(expecting, typed(b))).toEqual({
      kind: 'rejected',
      reasonKind: 'order_already_assigned',
      reason: `IMEI …${last4(b)} was expected by an order that is already assigned.`,
      nextAction: 'Put this device aside and tell a supervisor.',
      params: { imeiLast4: last4(b) },
    });
  });

  it('finds by reference the open one of several orders under one reference, once the first is filled', async () => {
    const { service } = await station();
    // Only an older journal has such a batch (the file refuses references differing only in case).
    const orders = [
      { row: 2, uid: 'bri-f-1', deviceType: 'blood_glucose', orderRef: 'BOX' },
      { row: 3, uid: 'bri-f-1', deviceType: 'blood_glucose', orderRef: 'box' },
    ];
    const batch = new BatchRun(service, 'batch-bri-find', orders);
    const [a, b] = [imei(14), imei(15)];
    expect(await batch.scan(a, a)).toMatchObject({ kind: 'assigned', order: { row: 2 } });
    expect(batch.findOrder('Box')).toBe(orders[1]);
    // All filled: the first by row.
    expect(await batch.scan(b, b)).toMatchObject({ kind: 'assigned', order: { row: 3 } });
    expect(batch.findOrder('Box')).toBe(orders[0]);
  });

  it('of several open orders under one reference, prefers one expecting no device to one expecting another', async () => {
    const { service } = await station();
    const [x, y] = [imei(16), imei(17)].map((k) => Imei.parse(k)) as [Imei, Imei];
    const orders = [
      { row: 2, uid: 'bri-p-1', deviceType: 'blood_glucose', orderRef: 'BOX', expectedImei: x },
      { row: 3, uid: 'bri-p-1', deviceType: 'blood_glucose', orderRef: 'box' },
    ];
    const batch = new BatchRun(service, 'batch-bri-prefer', orders);
    // Row 2 would refuse y (it expects x): the screen must offer row 3.
    expect(batch.orderFor('box', 'bri-p-1', 'blood_glucose', y)).toEqual({ open: orders[1] });
    expect(batch.orderFor('box', 'bri-p-1', 'blood_glucose')).toEqual({ open: orders[1] });
    expect(batch.orderFor('box', 'bri-p-1', 'blood_glucose', x)).toEqual({ open: orders[0] });
  });
});

describe('a settled batch', () => {
  /** The job as it was when `settled` resolved. */
  function jobWhenSettled(batch: BatchRun, service: OnboardingService, jobId: string, patienceMs?: number) {
    return batch.settled(patienceMs).then(() => service.job(jobId));
  }

  it('waits, while the queue is paused, for a job not yet sent: it is sent once the queue resumes', async () => {
    const { service } = await station(true);
    const batch = await imported(service, file('bri-w-1,blood_glucose,,'));
    service.worker.pause('credentials refused', 'unauthorized');
    const a = imei(18);
    expect(await batch.scan(a, a)).toMatchObject({ kind: 'assigned', job: { state: 'ready' } });
    const settled = jobWhenSettled(batch, service, `${batch.batchId}.r2`);
    service.worker.resume();
    // Only a queued job waits out a pause as settled; this one was never sent.
    const job: JobView | undefined = await settled;
    expect(job?.connectedAt).toEqual(expect.any(String));
  });

  it('waits for a queued job due within its patience, until it connects', async () => {
    const { service } = await h.station({ retryBaseMs: 400, retryMaxMs: 400, random: () => 0 });
    const batch = await imported(service, file('bri-q-1,blood_glucose,,'));
    h.sim.setFaults({ serverErrorShare: 1 });
    const a = imei(19);
    const started = await batch.assign(batch.orders[0]!, { imei: a, raw: a, source: 'typed' });
    expect(started).toMatchObject({ kind: 'assigned', result: { outcome: 'queued' } });
    h.sim.setFaults({});
    // Due in 200 ms, well within a minute: not settled until the retry connects it.
    const job = await jobWhenSettled(batch, service, `${batch.batchId}.r2`, 60_000);
    expect(job?.connectedAt).toEqual(expect.any(String));
  });

  it('waits for a queued job due exactly at the end of its patience (only one due beyond it is settled)', async () => {
    const { service } = await h.station({ retryBaseMs: 600_000, retryMaxMs: 600_000, random: () => 0 });
    const batch = await imported(service, file('bri-e-1,blood_glucose,,'));
    h.sim.setFaults({ serverErrorShare: 1 });
    const a = imei(20);
    const started = await batch.assign(batch.orders[0]!, { imei: a, raw: a, source: 'typed' });
    const jobId = `${batch.batchId}.r2`;
    expect(started).toMatchObject({ kind: 'assigned', result: { outcome: 'queued' } });
    const dueAt = Date.parse(service.job(jobId)!.nextAttemptAt!);
    // The patience ends when the job is due (the clock may tick once more before `settled` looks,
    // which only brings the job closer): it is not beyond, so the batch waits, here for the cancel.
    const settled = jobWhenSettled(batch, service, jobId, dueAt - Date.now());
    await service.cancel(jobId);
    expect((await settled)?.state).toBe('cancelled');
  });
});

describe('batch progress', () => {
  it('after a restart, estimates only from connections made since, not those the journal already had', async () => {
    const { service } = await station();
    const [a, b, c, d] = [imei(21), imei(22), imei(23), imei(24)];
    const text = file(
      'bri-g-1,blood_glucose,,',
      'bri-g-2,blood_glucose,,',
      'bri-g-3,blood_glucose,,',
      'bri-g-4,blood_glucose,,',
    );
    const batch = await imported(service, text);
    await batch.assign(batch.orders[0]!, { imei: a, raw: a, source: 'typed' });
    await batch.scan(b, b);
    await batch.scan(c, c);
    // A new run of the same batch, as after a restart: one connected, two waiting, one open.
    const resumedAt = Date.now();
    const resumed = new BatchRun(service, batch.batchId, batch.orders);
    expect(resumed.progress()).toEqual({ orders: 4, assigned: 3, connected: 1, open: 1, etaMs: null });
    await resumed.assign(resumed.orders[3]!, { imei: d, raw: d, source: 'typed' });
    // One connection since the restart, two jobs still waiting: twice the time it took.
    const { etaMs, ...counts } = resumed.progress();
    expect(counts).toEqual({ orders: 4, assigned: 4, connected: 2, open: 0 });
    expect(etaMs).toBeGreaterThanOrEqual(0);
    expect(etaMs).toBeLessThanOrEqual(2 * (Date.now() - resumedAt) + 1);
  });

  it('leaves cancelled jobs out of the time left', async () => {
    const { service } = await station();
    const [a, b] = [imei(25), imei(26)];
    const batch = await imported(service, file('bri-x-1,blood_glucose,,', 'bri-x-2,blood_glucose,,'));
    await batch.scan(a, a);
    await service.cancel(`${batch.batchId}.r2`);
    await batch.assign(batch.orders[1]!, { imei: b, raw: b, source: 'typed' });
    // Every job not cancelled is connected: nothing is left to wait for.
    expect(batch.progress()).toEqual({ orders: 2, assigned: 1, connected: 1, open: 1, etaMs: 0 });
  });

  it('estimates the time left as the time per connection so far, times the jobs waiting', async () => {
    const { service } = await station();
    const [a, b, c] = [imei(27), imei(28), imei(29)];
    const text = file('bri-t-1,blood_glucose,,', 'bri-t-2,blood_glucose,,', 'bri-t-3,blood_glucose,,');
    const result = await importOrders(service, { text, source: 'orders.csv', deviceTypes: TYPES });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const begun = Date.now();
    const batch = new BatchRun(service, result.batchId, result.orders);
    await batch.assign(batch.orders[0]!, { imei: a, raw: a, source: 'typed' });
    await batch.assign(batch.orders[1]!, { imei: b, raw: b, source: 'typed' });
    await batch.scan(c, c);
    // Two connected in `elapsed`, one waiting: about half of `elapsed` left.
    const { etaMs, connected } = batch.progress();
    const elapsed = Date.now() - begun;
    expect(connected).toBe(2);
    expect(etaMs).toBeGreaterThanOrEqual(0);
    expect(etaMs).toBeLessThanOrEqual(Math.round(elapsed / 2));
  });
});
