/**
 * Batch orders on a real journal against the simulator over loopback HTTP: the import is journaled
 * once per file content; each scan goes to the order expecting that IMEI, else to the next open
 * order; every refusal names its kind; a restart resumes the batch without filling an order twice.
 * The worker is not started unless a test needs the queue to run, so jobs stay where scans put them.
 */
import { describe, expect, it } from 'vitest';
import { Imei } from '../../src/imei/schema.js';
import type { Ledger } from '../../src/ledger/index.js';
import { BatchRun, batchIdFor, importOrders, type OnboardingService } from '../../src/onboarding/index.js';
import { testImei } from '../support/imei.js';
import { onboardingHarness } from '../support/onboarding-station.js';

const h = onboardingHarness('onboarding-batch');
const TYPES = ['blood_glucose', 'blood_pressure'];
const TAC = '35830000';
const station = (dir?: string, startWorker = false) => h.station({ startWorker, ...(dir ? { dir } : {}) });
const closeAll = () => h.closeStations();

/** A file of three orders for patients `<p>-1..3`: row 3 expects `expected`. */
function ordersFile(p: string, expected: string): string {
  return [
    'uid,device_type,order_ref,expected_imei',
    `${p}-1,blood_glucose,ORD-1,`,
    `${p}-2,blood_pressure,ORD-2,${expected}`,
    `${p}-3,blood_glucose,Ord-3,`,
    '',
  ].join('\n');
}

async function imported(service: OnboardingService, text: string, by?: string) {
  const result = await importOrders(service, { text, source: 'orders.csv', deviceTypes: TYPES, ...(by ? { by } : {}) });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return new BatchRun(service, result.batchId, result.orders, by);
}

async function importsOf(ledger: Ledger): Promise<Array<{ batchId: string; by?: string; rows: number }>> {
  const out: Array<{ batchId: string; by?: string; rows: number }> = [];
  for await (const r of ledger.records({}))
    if (r.type === 'orders_import')
      out.push({ batchId: r.batchId, rows: r.orders.length, ...(r.by !== undefined ? { by: r.by } : {}) });
  return out;
}

describe('importOrders', () => {
  it('journals a file once: the same content again resumes it; a bad file journals nothing', async () => {
    const { service, ledger } = await station();
    const text = ordersFile('bat-imp', testImei(1, TAC));
    const first = await importOrders(service, { text, source: 'a.csv', deviceTypes: TYPES, by: 'op-imp' });
    expect(first).toMatchObject({ ok: true, batchId: batchIdFor(text), resumed: false });
    if (!first.ok) return;
    expect(first.orders.map((o) => o.row)).toEqual([2, 3, 4]);
    const again = await importOrders(service, { text, source: 'b.csv', deviceTypes: TYPES });
    expect(again).toMatchObject({ ok: true, batchId: first.batchId, resumed: true });
    expect(await importsOf(ledger)).toEqual([{ batchId: first.batchId, by: 'op-imp', rows: 3 }]);

    const bad = await importOrders(service, {
      text: 'uid,device_type\nbat-imp-9,toaster\n',
      source: 'c.csv',
      deviceTypes: TYPES,
    });
    expect(bad).toMatchObject({ ok: false, errors: [{ row: 2, kind: 'unknown_device_type' }] });
    expect(await importsOf(ledger)).toHaveLength(1);
    // A different file is a different batch.
    expect(batchIdFor(`${text} `)).not.toBe(first.batchId);
    expect(first.batchId).toMatch(/^batch-[0-9a-f]{16}$/);
  });
});

describe('scan-to-assign', () => {
  it('the expected IMEI goes to its order, others to the next open order; each refusal has its kind', async () => {
    const { service } = await station();
    const [expected, a, b, c] = [2, 3, 4, 5].map((k) => testImei(k, TAC)) as [string, string, string, string];
    const batch = await imported(service, ordersFile('bat-scan', expected), 'op-imp');

    const first = await batch.scan(a, a);
    expect(first).toMatchObject({ kind: 'assigned', order: { row: 2 }, job: { jobId: `${batch.batchId}.r2` } });
    if (first.kind === 'assigned') expect(first.job).toMatchObject({ operator: 'op-imp', batchId: batch.batchId });
    expect(await batch.scan(expected, expected)).toMatchObject({ kind: 'assigned', order: { row: 3 } });
    expect(await batch.scan(a, a)).toMatchObject({ kind: 'in_batch', job: { jobId: `${batch.batchId}.r2` } });
    expect(batch.orderForScan(b)?.row).toBe(4);
    expect(await batch.scan(b, b)).toMatchObject({ kind: 'assigned', order: { row: 4 } });
    expect(batch.orderForScan(c)).toBeUndefined();
    expect(await batch.scan(c, c)).toMatchObject({ kind: 'rejected', reasonKind: 'no_open_order' });
    expect(batch.progress()).toEqual({ orders: 3, assigned: 3, connected: 0, open: 0, etaMs: null });
  });

  it('two scans of one device at once fill one order: the second answers as a scan after the first', async () => {
    const { service } = await station();
    const [expected, other] = [25, 26].map((k) => testImei(k, TAC)) as [string, string];
    const batch = await imported(service, ordersFile('bat-twice', expected));
    const [first, second] = await Promise.all([batch.scan(expected, expected), batch.scan(expected, expected)]);
    expect(first).toMatchObject({ kind: 'assigned', order: { row: 3 } });
    expect(second).toMatchObject({ kind: 'in_batch', job: { jobId: `${batch.batchId}.r3` } });
    // A device no order expects, twice at once: one order, not two patients.
    const [a, b] = await Promise.all([batch.scan(other, other), batch.scan(other, other)]);
    expect(a).toMatchObject({ kind: 'assigned', order: { row: 2 } });
    expect(b).toMatchObject({ kind: 'in_batch', job: { jobId: `${batch.batchId}.r2` } });
    expect(
      batch
        .jobs()
        .map((j) => j.jobId)
        .sort(),
    ).toEqual([`${batch.batchId}.r2`, `${batch.batchId}.r3`]);
  });

  it("a device the file expects never goes to another patient's order, even once its own job is cancelled", async () => {
    const { service } = await station();
    const expected = testImei(27, TAC);
    const batch = await imported(service, ordersFile('bat-expected', expected));
    expect(await batch.scan(expected, expected)).toMatchObject({ kind: 'assigned', order: { row: 3 } });
    await service.cancel(`${batch.batchId}.r3`);
    // Its own order is open again: the device goes back to it, as a new attempt; rows 2 and 4 stay open.
    expect(batch.orderForScan(expected)?.row).toBe(3);
    expect(await batch.scan(expected, expected)).toMatchObject({
      kind: 'assigned',
      order: { row: 3 },
      job: { jobId: `${batch.batchId}.r3.2` },
    });
    expect(batch.progress()).toMatchObject({ assigned: 1, open: 2 });
  });

  it('a restart resumes the batch: filled orders stay filled, a cancelled order takes a new job (.2)', async () => {
    const first = await station();
    const [expected, a, b] = [6, 7, 8].map((k) => testImei(k, TAC)) as [string, string, string];
    const text = ordersFile('bat-resume', expected);
    const batch = await imported(first.service, text);
    await batch.scan(a, a);
    await batch.scan(b, b);
    await first.service.cancel(`${batch.batchId}.r2`);
    await closeAll();

    const again = await station(first.dir);
    const resumed = await imported(again.service, text);
    expect(resumed.progress()).toMatchObject({ orders: 3, assigned: 1, open: 2 });
    // Row 2 is open again (its job was cancelled); row 3 waits for the expected device.
    expect(await resumed.scan(a, a)).toMatchObject({ kind: 'assigned', job: { jobId: `${batch.batchId}.r2.2` } });
    expect(await resumed.scan(expected, expected)).toMatchObject({ kind: 'assigned', order: { row: 3 } });
    expect(await resumed.scan(b, b)).toMatchObject({ kind: 'in_batch', job: { jobId: `${batch.batchId}.r4` } });
  });

  it('an IMEI busy or bound outside the batch leaves the order open', async () => {
    const { service } = await station();
    const [busy, bound] = [9, 10].map((k) => testImei(k, TAC)) as [string, string];
    const batch = await imported(service, ordersFile('bat-out', testImei(11, TAC)));
    // Being sent for the same patient by a job outside the batch.
    await service.onboard({ imei: busy, uid: 'bat-out-1', deviceType: 'blood_glucose', enqueueOnly: true });
    expect(await batch.scan(busy, busy)).toMatchObject({ kind: 'rejected', reasonKind: 'busy_outside_batch' });
    // Connected to the next order's patient outside the batch.
    const outside = { imei: bound, uid: 'bat-out-1', deviceType: 'blood_glucose', confirmSecondDevice: true };
    expect((await service.onboard(outside)).outcome).toBe('connected');
    expect(await batch.scan(bound, bound)).toMatchObject({ kind: 'already_connected', job: { uid: 'bat-out-1' } });
    expect(batch.progress()).toMatchObject({ assigned: 0, open: 3 });
  });
});

describe('the Onboard screen with an order barcode', () => {
  it('finds orders by reference (case and spaces ignored) and refuses a device the file meant elsewhere', async () => {
    const { service } = await station();
    const [expected, a, b] = [12, 13, 14].map((k) => testImei(k, TAC)) as [string, string, string];
    const batch = await imported(service, ordersFile('bat-ref', expected));
    expect(batch.findOrder('  ord-3 ')?.row).toBe(4);
    expect(batch.findOrder('ORD-9')).toBeUndefined();
    expect(batch.orderFor('ord-1', 'bat-ref-1', 'blood_glucose')).toEqual({ open: batch.orders[0] });
    expect(batch.orderFor('ord-1', 'bat-ref-2', 'blood_glucose')).toBeUndefined();
    expect(batch.orderFor('ord-1', 'bat-ref-1', 'blood_pressure')).toBeUndefined();

    const expecting = batch.orders[1]!;
    expect(await batch.assign(expecting, { imei: a, raw: a, source: 'typed' })).toMatchObject({
      kind: 'rejected',
      reasonKind: 'order_expects_other_device',
      params: { expectedLast4: expected.slice(-4) },
    });
    expect(await batch.assign(batch.orders[0]!, { imei: expected, raw: expected, source: 'typed' })).toMatchObject({
      kind: 'rejected',
      reasonKind: 'device_expected_by_other_order',
      params: { row: '3' },
    });

    // Assigned now (not queued): the connect runs while the operator waits.
    const done = await batch.assign(batch.orders[0]!, { imei: a, raw: a, source: 'camera', operator: 'op-ann' });
    expect(done).toMatchObject({ kind: 'assigned', job: { operator: 'op-ann' }, result: { outcome: 'connected' } });
    expect(batch.orderFor('ORD-1', 'bat-ref-1', 'blood_glucose')).toMatchObject({ filled: { imei: a } });
    expect(batch.findOrder('ord-1')?.row).toBe(2);
    expect(await batch.assign(batch.orders[0]!, { imei: b, raw: b, source: 'typed' })).toMatchObject({
      kind: 'rejected',
      reasonKind: 'order_already_assigned',
    });
    // The same device on another order: it is already connected in this batch.
    expect(await batch.assign(batch.orders[2]!, { imei: a, raw: a, source: 'typed' })).toMatchObject({
      kind: 'already_connected',
    });
    const progress = batch.progress();
    expect(progress).toMatchObject({ orders: 3, assigned: 1, connected: 1, open: 2 });
    expect(progress.etaMs).toBe(0);
  });

  it('in a batch journaled before the file refused references differing only in case, of several open orders under one reference, picks the one expecting this device, then one expecting none', async () => {
    const { service } = await station();
    const [x, y] = [15, 16].map((k) => Imei.parse(testImei(k, TAC))) as [Imei, Imei];
    // Such a batch can only come back from an older journal now: the orders file refuses it (orders-csv-refusals).
    const orders = [
      { row: 2, uid: 'bat-many-1', deviceType: 'blood_glucose', orderRef: 'BOX' },
      { row: 3, uid: 'bat-many-1', deviceType: 'blood_glucose', orderRef: 'box', expectedImei: x },
      { row: 4, uid: 'bat-many-1', deviceType: 'blood_glucose', orderRef: 'Box' },
    ];
    const batch = new BatchRun(service, 'batch-before-case-rule', orders);
    expect(batch.orderFor('box', 'bat-many-1', 'blood_glucose', x)).toEqual({ open: orders[1] });
    expect(batch.orderFor('box', 'bat-many-1', 'blood_glucose', y)).toEqual({ open: orders[0] });
    expect(batch.orderFor('box', 'bat-many-1', 'blood_glucose')).toEqual({ open: orders[0] });
  });
});

describe('the batch queue', () => {
  it('settles once every job is connected, with progress counting them', async () => {
    const { service } = await station(undefined, true);
    const batch = await imported(service, ordersFile('bat-run', testImei(17, TAC)));
    for (const k of [17, 18, 19]) await batch.scan(testImei(k, TAC), testImei(k, TAC));
    await batch.settled();
    expect(batch.jobs().every((j) => j.connectedAt !== undefined)).toBe(true);
    expect(batch.progress()).toMatchObject({ orders: 3, assigned: 3, connected: 3, open: 0, etaMs: 0 });
  });

  it('settles with a job whose next attempt is beyond its patience, or with the queue paused', async () => {
    const { service } = await h.station({ retryBaseMs: 600_000, retryMaxMs: 600_000, random: () => 0 });
    const batch = await imported(service, ordersFile('bat-wait', testImei(20, TAC)));
    h.sim.setFaults({ serverErrorShare: 1 });
    const started = await batch.assign(batch.orders[0]!, { imei: testImei(21, TAC), raw: '', source: 'typed' });
    expect(started).toMatchObject({ kind: 'assigned', result: { outcome: 'queued' } });
    // Due in 5 minutes: beyond a minute's patience, so the batch is settled now.
    await batch.settled(60_000);
    expect(batch.jobs().map((j) => j.state)).toEqual(['queued']);

    service.worker.pause('credentials refused', 'unauthorized');
    await batch.settled(3_600_000);
    expect(batch.jobs().map((j) => j.state)).toEqual(['queued']);
  });

  it('estimates the time left from the pace so far', async () => {
    const { service } = await station();
    const batch = await imported(service, ordersFile('bat-eta', testImei(22, TAC)));
    const begun = Date.now();
    await batch.assign(batch.orders[0]!, { imei: testImei(23, TAC), raw: '', source: 'typed' });
    await batch.scan(testImei(24, TAC), testImei(24, TAC));
    // One connected, one waiting (the worker is not running): about as long again as the first took.
    const { etaMs, connected, assigned } = batch.progress();
    expect([connected, assigned]).toEqual([1, 2]);
    expect(etaMs).toBeGreaterThan(0);
    expect(etaMs).toBeLessThanOrEqual(Date.now() - begun + 50);
  });
});
