/**
 * The finer rules of disconnects and of the first-reading check, over real HTTP against the
 * simulator on real temp folders: which journaled jobs a disconnect is written on (only the
 * patient's bound ones), what a lost answer is described as, which devices a disconnect-all
 * answers with and journals; and which job a first reading belongs to, how a spent budget or a refusal ends the
 * wait, and what Validic's over-long values become in the journal.
 */
import { getEventListeners } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Ledger } from '../../src/ledger/index.js';
import type { OnboardingService } from '../../src/onboarding/index.js';
import { startSimulator } from '../../src/simulator/index.js';
import type { StationOptions } from '../support/onboarding-station.js';
import { testImei } from '../support/imei.js';
import { lossyProxy } from '../support/lossy-proxy.js';
import { onboardingHarness, seedJob } from '../support/onboarding-station.js';
import { tamperingProxy } from '../support/tampering-proxy.js';
import { recordsOf } from '../support/ledger-records.js';
import { connectOutside } from '../support/validic-user.js';

const h = onboardingHarness('onboarding-disconnects-first-reading');
const TAC = '35870000';

async function connected(service: OnboardingService, imei: string, uid: string, deviceType = 'blood_glucose') {
  const result = await service.onboard({ imei, uid, deviceType });
  if (result.outcome !== 'connected') throw new Error(`expected connected, got ${result.outcome}`);
  return result.job.jobId;
}

/** Connects a device to a patient at Validic without this journal (another kiosk, Validic's own tools). */
const connectOutsideHere = (uid: string, imei: string, deviceType?: string) =>
  connectOutside(h.client(), uid, imei, deviceType);

async function disconnectsIn(ledger: Ledger): Promise<string[]> {
  const out: string[] = [];
  for await (const r of ledger.records({}))
    if (r.type === 'operator_action' && r.action === 'disconnect')
      out.push(`${r.imei} ${r.uid} job=${r.jobId ?? '-'} ${r.reason ?? ''}`.trim());
  return out.sort();
}

const firstReadings = async (ledger: Ledger) => (await recordsOf(ledger, 'first_reading')).map((r) => r.jobId);

describe('disconnect one IMEI', () => {
  it("is journaled only on this patient's bound jobs: not a cancelled one, not another patient's", async () => {
    const { service, ledger } = await h.station();
    const imei = testImei(1, TAC);
    await connectOutsideHere('dfr-0001', imei);
    // Jobs that never bound the device to this patient: a cancelled one of his, and another
    // patient's (an older journal's view), both for the same IMEI.
    await seedJob(ledger, { jobId: 'cancelled-own', uid: 'dfr-0001', imei, state: 'cancelled' });
    await seedJob(ledger, { jobId: 'bound-other', uid: 'dfr-0001b', imei, state: 'connected' });
    await service.disconnect('dfr-0001', imei, 'op', 'returned');
    expect(await disconnectsIn(ledger)).toEqual([`${imei} dfr-0001 job=- returned`]);
    expect(service.job('bound-other')?.disconnectedAt).toBeUndefined();
  });

  it('a lost answer for a device no job bound is described as unknown type, created and deleted now, with the reason', async () => {
    const proxy = await lossyProxy(h.sim.baseUrl, {
      matches: (u) => u.includes('/disconnect/'),
      forward: true,
      times: 1,
    });
    h.later(proxy.close);
    const { service, ledger } = await h.station({ base: proxy.url });
    const imei = testImei(2, TAC);
    await connectOutsideHere('dfr-0002', imei, 'weight_scale');
    const result = await service.disconnect('dfr-0002', imei);
    expect(result).toEqual({
      credentials: { device_id: imei, device_type: 'unknown', device_name: null },
      type: 'smart_meter',
      created_at: result.deleted_at,
      deleted_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) as unknown,
      deleted_reason: 'Disconnected: the first answer was lost and Validic no longer has the device on this patient.',
    });
    expect(await disconnectsIn(ledger)).toEqual([`${imei} dfr-0002 job=-`]);
  });

  it('a re-send whose answer is lost too is not read as done: the error stands and nothing is journaled', async () => {
    // Every answer to a disconnect is lost (the request lands): only a 404 to the re-send proves the first went through.
    const proxy = await lossyProxy(h.sim.baseUrl, { matches: (u) => u.includes('/disconnect/'), forward: true });
    h.later(proxy.close);
    const { service, ledger } = await h.station({ base: proxy.url });
    const imei = testImei(3, TAC);
    const jobId = await connected(service, imei, 'dfr-0003');
    await expect(service.disconnect('dfr-0003', imei)).rejects.toMatchObject({ kind: 'network', outcomeUnknown: true });
    expect(proxy.lost()).toBe(2);
    expect(await disconnectsIn(ledger)).toEqual([]);
    expect(service.binding(imei)?.jobId).toBe(jobId);
  });
});

describe('disconnect all', () => {
  it("answers with Validic's list when it came back the first time; journals every device the journal bound, on its own job only", async () => {
    const { service, ledger } = await h.station();
    const uid = 'dfr-0010';
    const [a, b, c] = [10, 11, 12].map((k) => testImei(k, TAC)) as [string, string, string];
    const ja = await connected(service, a, uid);
    const jb = await connected(service, b, uid, 'weight_scale');
    // a was disconnected at Validic behind the journal's back: Validic no longer lists it.
    await h.client().disconnect((await h.client().getUser(uid)).marketplace.token, a);
    // Jobs that bound nothing to this patient: a cancelled one for b, one for c (never at Validic),
    // and another patient's stale binding of b.
    await seedJob(ledger, { jobId: 'cancelled-b', uid, imei: b, state: 'cancelled' });
    await seedJob(ledger, { jobId: 'cancelled-c', uid, imei: c, state: 'cancelled' });
    await seedJob(ledger, { jobId: 'other-b', uid: 'dfr-0011', imei: b, state: 'connected' });

    const result = await service.disconnectAll(uid, 'op-ann');
    expect(result.connections.map((x) => x.credentials.device_id)).toEqual([b]);
    expect(result.meta.total).toBe(1);
    expect(await disconnectsIn(ledger)).toEqual(
      [`${a} ${uid} job=${ja} disconnect all`, `${b} ${uid} job=${jb} disconnect all`].sort(),
    );
    expect(service.binding(a)).toBeUndefined();
  });

  it('a first request lost unsent: the re-send lists the devices, and they are not counted twice', async () => {
    const proxy = await lossyProxy(h.sim.baseUrl, {
      matches: (u) => u.includes('/disconnect_all'),
      forward: false,
      times: 1,
    });
    h.later(proxy.close);
    const { service, ledger } = await h.station({ base: proxy.url });
    const uid = 'dfr-0020';
    const [a, b, d] = [20, 21, 22].map((k) => testImei(k, TAC)) as [string, string, string];
    await connected(service, a, uid);
    await connected(service, b, uid, 'weight_scale');
    await seedJob(ledger, { jobId: 'cancelled-d', uid, imei: d, state: 'cancelled' });
    const result = await service.disconnectAll(uid);
    expect(proxy.lost()).toBe(1);
    expect(result.connections.map((x) => x.credentials.device_id).sort()).toEqual([a, b].sort());
    expect(result.meta.total).toBe(2);
    // Both described by Validic itself, not from the journal.
    expect(result.connections.map((x) => x.deleted_reason)).not.toContain(
      'Disconnected: the first answer was lost; the re-send found nothing left.',
    );
  });

  it("a lost answer applied: the journal's bound devices are added with the reason, its other jobs are not", async () => {
    const proxy = await lossyProxy(h.sim.baseUrl, {
      matches: (u) => u.includes('/disconnect_all'),
      forward: true,
      times: 1,
    });
    h.later(proxy.close);
    const { service, ledger } = await h.station({ base: proxy.url });
    const uid = 'dfr-0030';
    const [a, d] = [30, 31].map((k) => testImei(k, TAC)) as [string, string];
    const ja = await connected(service, a, uid, 'blood_pressure');
    await seedJob(ledger, { jobId: 'cancelled-d2', uid, imei: d, state: 'cancelled' });
    const result = await service.disconnectAll(uid);
    expect(result.meta.total).toBe(1);
    expect(result.connections).toEqual([
      {
        credentials: { device_id: a, device_type: 'blood_pressure', device_name: null },
        type: 'smart_meter',
        created_at: service.job(ja)?.connectedAt,
        deleted_at: expect.stringMatching(/Z$/) as unknown,
        deleted_reason: 'Disconnected: the first answer was lost; the re-send found nothing left.',
      },
    ]);
    expect(await disconnectsIn(ledger)).toEqual([`${a} ${uid} job=${ja} disconnect all`]);
  });
});

/** A station on its own simulator, whose devices send their first reading `firstReadingDelayMs` after the connect. */
async function readingStation(firstReadingDelayMs: number | null, options: StationOptions = {}) {
  const sim = await startSimulator({ rateLimit: { limit: 1_000_000, windowMs: 3_600_000 }, firstReadingDelayMs });
  h.later(() => sim.close());
  const outside = h.client(sim.baseUrl, { orgId: sim.orgId, orgToken: sim.token });
  const station = await h.station({
    base: sim.baseUrl,
    minReadingPollMs: 50,
    ...options,
    clientOptions: { orgId: sim.orgId, orgToken: sim.token, ...options.clientOptions },
  });
  return {
    ...station,
    sim,
    outside,
    connectOutside: (uid: string, imei: string) => connectOutside(outside, uid, imei),
  };
}

/** A proxy in front of the simulator that makes every reading in its measurements answers over-long. */
async function longReadingsProxy(targetBase: string): Promise<string> {
  const proxy = await tamperingProxy(targetBase, {
    answer: (body, url) => {
      if (!url.includes('/measurements')) return body;
      const page = JSON.parse(body) as {
        data?: Array<{ id: string; metrics: Array<{ type: string; unit: string; value: number }> }>;
      };
      if (!Array.isArray(page.data)) return body; // an error answer passes unchanged
      for (const r of page.data) {
        r.id = r.id + 'i'.repeat(300);
        r.metrics = Array.from({ length: 40 }, (_, k) => ({
          type: `t${k}`.padEnd(100, 't'),
          unit: `u${k}`.padEnd(50, 'u'),
          value: k,
        }));
      }
      return JSON.stringify(page);
    },
  });
  h.later(() => proxy.close());
  return proxy.url;
}

describe('disconnect all: device ids that are not IMEIs', () => {
  it("journals the patient's real devices when Validic also lists a 15-digit id failing the check digit, which it leaves out", async () => {
    // Validic's own samples carry placeholder ids like this one. The journal holds IMEIs only: the
    // id's record would be refused after Validic had disconnected everything, and the real
    // devices' disconnects with it.
    const dir = h.dir();
    mkdirSync(dir, { recursive: true });
    const stateFile = path.join(dir, 'validic-state.json');
    const imei = testImei(40, TAC);
    const uid = 'dfr-0040';
    const first = await startSimulator({ stateFile, firstReadingDelayMs: null });
    const client = h.client(first.baseUrl, { orgId: first.orgId, orgToken: first.token });
    await client.connect((await client.provisionUser(uid)).marketplace.token, imei, 'blood_glucose');
    await first.close();
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as {
      users: Array<{ connections: Array<Record<string, unknown>> }>;
    };
    const listed = saved.users[0]!.connections;
    listed.unshift({ ...listed[0], device_id: '123456789012345' });
    writeFileSync(stateFile, JSON.stringify(saved));
    const sim = await startSimulator({ stateFile, firstReadingDelayMs: null });
    h.later(() => sim.close());
    const { service, ledger } = await h.station({
      base: sim.baseUrl,
      clientOptions: { orgId: sim.orgId, orgToken: sim.token },
    });

    const result = await service.disconnectAll(uid, 'op-ann');
    expect(result.connections.map((c) => c.credentials.device_id).sort()).toEqual(['123456789012345', imei].sort());
    expect(await disconnectsIn(ledger)).toEqual([`${imei} ${uid} job=- disconnect all`]);
  });
});

describe('the first reading: whose it is', () => {
  it("belongs to the patient's latest connect of the device, not an earlier one nor a newer job that never connected", async () => {
    const { service, ledger } = await readingStation(0);
    const uid = 'dfr-0100';
    const imei = testImei(100, TAC);
    const earlier = await connected(service, imei, uid);
    await service.disconnect(uid, imei);
    const latest = await connected(service, imei, uid);
    // A newer attempt at the same device whose answers were lost, left to a person.
    await seedJob(ledger, { jobId: 'lost', uid, imei, state: 'needs_attention', reasonKind: 'connect_unconfirmed' });
    const found = await service.checkFirstReading(uid, imei);
    expect(found).toMatchObject({ confirmed: true, calls: 1 });
    expect(await firstReadings(ledger)).toEqual([latest]);
    expect(service.job(latest)?.confirmedAt).toBe(found.confirmedAt);
    expect(service.job(earlier)?.confirmedAt).toBeUndefined();
    // The lost attempt is not settled by a reading that belongs to the bound job.
    expect(service.job('lost')).toMatchObject({ state: 'needs_attention', reasonKind: 'connect_unconfirmed' });
  });

  it("only this patient's job still waiting for a person is settled by the reading", async () => {
    const { service, ledger, connectOutside: connect } = await readingStation(0);
    const uid = 'dfr-0110';
    const imei = testImei(110, TAC);
    // Another patient's attempt at this IMEI whose answers were lost, and this patient's lost attempt
    // that a person has since cancelled: neither is this device's connect to this patient.
    await seedJob(ledger, {
      jobId: 'other-lost',
      uid: 'dfr-0111',
      imei,
      state: 'needs_attention',
      reasonKind: 'connect_unconfirmed',
    });
    await seedJob(ledger, {
      jobId: 'cancelled-lost',
      uid,
      imei,
      state: 'cancelled',
      reasonKind: 'connect_unconfirmed',
    });
    await connect(uid, imei);
    expect(await service.checkFirstReading(uid, imei)).toMatchObject({ confirmed: true, calls: 1 });
    expect(await firstReadings(ledger)).toEqual([undefined]);
    expect(service.job('other-lost')).toMatchObject({ state: 'needs_attention', reasonKind: 'connect_unconfirmed' });
    expect(service.job('cancelled-lost')?.state).toBe('cancelled');
  });

  it("Validic's over-long values are cut to what the journal holds: id 254, 32 metrics, type 64, unit 32", async () => {
    const { sim, connectOutside: connect } = await readingStation(0);
    const base = await longReadingsProxy(sim.baseUrl);
    const { service, ledger } = await h.station({ base, clientOptions: { orgId: sim.orgId, orgToken: sim.token } });
    const uid = 'dfr-0120';
    const imei = testImei(120, TAC);
    await connect(uid, imei);
    const found = await service.checkFirstReading(uid, imei);
    expect(found.confirmed).toBe(true);
    const reading = found.reading!;
    expect(reading.readingId).toHaveLength(254);
    expect(reading.readingId.endsWith('i')).toBe(true);
    expect(reading.metrics).toHaveLength(32);
    expect(reading.metrics[31]).toEqual({ type: 't31'.padEnd(64, 't'), unit: 'u31'.padEnd(32, 'u'), value: 31 });
    expect(await firstReadings(ledger)).toEqual([undefined]);
  });
});

describe('the first reading: how the wait ends', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a budget spent beyond the wait ends it after that one try, which counts as a call', async () => {
    // One verification read an hour (10 calls, 10%): the first look spends it.
    const { service, connectOutside: connect } = await readingStation(null, {
      clientOptions: { rateLimit: { limit: 10, windowMs: 3_600_000 } },
    });
    const uid = 'dfr-0200';
    const imei = testImei(200, TAC);
    await connect(uid, imei);
    expect(await service.checkFirstReading(uid, imei)).toEqual({ confirmed: false, calls: 1 });
    const polls: number[] = [];
    const result = await service.confirmFirstReading(uid, imei, { waitMs: 2_000, onPoll: (p) => polls.push(p) });
    // The budget is back in an hour, after the wait: no second try within it.
    expect(result).toEqual({ confirmed: false, calls: 1 });
    expect(polls).toEqual([1]);
  });

  it('a refusal that waiting cannot cure ends the wait with that error', async () => {
    const { service } = await readingStation(null);
    await expect(
      service.confirmFirstReading('dfr-nobody', testImei(210, TAC), { waitMs: 2_000 }),
    ).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('a next poll that would fall exactly at the end of the wait is not made', async () => {
    const { service, connectOutside: connect } = await readingStation(null, { minReadingPollMs: 1_000 });
    const uid = 'dfr-0220';
    const imei = testImei(220, TAC);
    await connect(uid, imei);
    // The clock stands still, so the next poll is due exactly when the 1 s wait ends.
    vi.useFakeTimers({ toFake: ['Date'] });
    const stop = new AbortController();
    const polls: number[] = [];
    const result = await service.confirmFirstReading(uid, imei, {
      waitMs: 1_000,
      signal: stop.signal,
      // A second poll would be the error; stop it there rather than polling on.
      onPoll: (p) => (polls.push(p), p >= 2 && stop.abort()),
    });
    expect(result).toEqual({ confirmed: false, calls: 1 });
    expect(polls).toEqual([1]);
  });

  it('waits between polls leave no listener behind on the caller’s signal', async () => {
    const { service, connectOutside: connect } = await readingStation(null);
    const uid = 'dfr-0230';
    const imei = testImei(230, TAC);
    await connect(uid, imei);
    const signal = new AbortController().signal;
    const result = await service.confirmFirstReading(uid, imei, { waitMs: 150, signal });
    // At least two polls: at least one wait ended by its timer, not by the signal.
    expect(result.confirmed).toBe(false);
    expect(result.calls).toBeGreaterThanOrEqual(2);
    expect(getEventListeners(signal, 'abort')).toEqual([]);
  });

  it(
    'an abort during a long wait between polls ends the wait then, not when the next poll is due',
    { timeout: 10_000 },
    async () => {
      // Polls ten minutes apart: only the abort can end this test's wait in time.
      const { service, connectOutside: connect } = await readingStation(null, { minReadingPollMs: 600_000 });
      const uid = 'dfr-0240';
      const imei = testImei(240, TAC);
      await connect(uid, imei);
      const stop = new AbortController();
      const result = await service.confirmFirstReading(uid, imei, {
        waitMs: 3_600_000,
        signal: stop.signal,
        onPoll: () => setImmediate(() => stop.abort()),
      });
      expect(result).toEqual({ confirmed: false, calls: 1 });
    },
  );
});
