/**
 * The device's first reading over real HTTP against the simulator (which sends one a set time after
 * each connect): looked for once, or polled for a while no faster than the minimum interval;
 * journaled once found, and answered from the journal afterwards without a call.
 */
import { describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/ledger/index.js';
import { startSimulator } from '../../src/simulator/index.js';
import { testImei } from '../support/imei.js';
import { onboardingHarness, seedJob } from '../support/onboarding-station.js';

const h = onboardingHarness('onboarding-first-reading');
const TAC = '35860000';

/** A station on its own simulator, whose devices send their first reading `firstReadingDelayMs` after the connect. */
async function station(firstReadingDelayMs: number | null, minReadingPollMs = 50) {
  const sim = await startSimulator({ rateLimit: { limit: 1_000_000, windowMs: 3_600_000 }, firstReadingDelayMs });
  h.later(() => sim.close());
  const outside = h.client(sim.baseUrl, { orgId: sim.orgId, orgToken: sim.token });
  const { service, ledger } = await h.station({
    base: sim.baseUrl,
    clientOptions: { orgId: sim.orgId, orgToken: sim.token },
    minReadingPollMs,
  });
  return { service, ledger, sim, outside };
}

async function firstReadings(ledger: Ledger): Promise<Array<string | undefined>> {
  const out: Array<string | undefined> = [];
  for await (const r of ledger.records({})) if (r.type === 'first_reading') out.push(r.jobId);
  return out;
}

describe('the first reading', () => {
  it('is looked for once (one call) and, when there, journaled on the job; then answered without a call', async () => {
    const { service, ledger, sim } = await station(0);
    const imei = testImei(1, TAC);
    const result = await service.onboard({ imei, uid: 'read-0001', deviceType: 'blood_pressure' });
    if (result.outcome !== 'connected') throw new Error(result.outcome);
    const reads = sim.requestLog().byRoute.get_readings ?? 0;
    const found = await service.checkFirstReading('read-0001', imei);
    expect(found).toMatchObject({ confirmed: true, calls: 1, reading: { metrics: [{ type: 'systolic' }, {}, {}] } });
    expect(found.reading?.readingId).toBeTruthy();
    expect(service.job(result.job.jobId)?.confirmedAt).toBe(found.confirmedAt);
    expect(await firstReadings(ledger)).toEqual([result.job.jobId]);

    const again = await service.checkFirstReading('read-0001', imei);
    expect(again).toEqual({ ...found, calls: 0 });
    expect((sim.requestLog().byRoute.get_readings ?? 0) - reads).toBe(1);
  });

  it('not there yet: one call, nothing journaled', async () => {
    const { service, ledger } = await station(null);
    const imei = testImei(2, TAC);
    await service.onboard({ imei, uid: 'read-0002', deviceType: 'blood_glucose' });
    expect(await service.checkFirstReading('read-0002', imei)).toEqual({ confirmed: false, calls: 1 });
    expect(await firstReadings(ledger)).toEqual([]);
  });

  it('a reading for a device this journal never connected is journaled without a job', async () => {
    const { service, ledger, outside } = await station(0);
    const imei = testImei(3, TAC);
    await outside.connect((await outside.provisionUser('read-0003')).marketplace.token, imei, 'weight_scale');
    expect(await service.checkFirstReading('read-0003', imei)).toMatchObject({ confirmed: true, calls: 1 });
    expect(await firstReadings(ledger)).toEqual([undefined]);
  });

  it('is polled, no faster than the minimum interval, until it arrives', async () => {
    // 1.5 s after the connect (the simulator keeps whole seconds, so 0.5–1.5 s from now): several polls.
    const { service, sim } = await station(1_500, 100);
    const imei = testImei(4, TAC);
    const result = await service.onboard({ imei, uid: 'read-0004', deviceType: 'blood_glucose' });
    if (result.outcome !== 'connected') throw new Error(result.outcome);
    const reads = sim.requestLog().byRoute.get_readings ?? 0;
    const polls: number[] = [];
    const started = Date.now();
    const found = await service.confirmFirstReading('read-0004', imei, {
      waitMs: 30_000,
      onPoll: (p) => polls.push(p),
    });
    expect(found.confirmed).toBe(true);
    const calls = (sim.requestLog().byRoute.get_readings ?? 0) - reads;
    expect(found.calls).toBe(calls);
    expect(calls).toBeGreaterThanOrEqual(2);
    // onPoll is told of each poll that found nothing, numbered from 1.
    expect(polls).toEqual(Array.from({ length: calls - 1 }, (_, i) => i + 1));
    // n polls are at least (n - 1) intervals apart.
    expect(Date.now() - started).toBeGreaterThanOrEqual((calls - 1) * 100 - 5);
  });

  it('gives up after the wait, or at once when aborted, having polled within it', async () => {
    const { service } = await station(null, 100);
    const imei = testImei(5, TAC);
    await service.onboard({ imei, uid: 'read-0005', deviceType: 'blood_glucose' });
    expect(await service.confirmFirstReading('read-0005', imei, { waitMs: 0 })).toEqual({ confirmed: false, calls: 1 });
    const polls: number[] = [];
    const twice = await service.confirmFirstReading('read-0005', imei, { waitMs: 150, onPoll: (p) => polls.push(p) });
    expect(twice).toEqual({ confirmed: false, calls: 2 });
    expect(polls).toEqual([1, 2]);
    const stop = new AbortController();
    stop.abort();
    expect(await service.confirmFirstReading('read-0005', imei, { waitMs: 60_000, signal: stop.signal })).toEqual({
      confirmed: false,
      calls: 1,
    });
    const later = new AbortController();
    const pending = service.confirmFirstReading('read-0005', imei, {
      waitMs: 60_000,
      signal: later.signal,
      // Aborted while it waits for the next poll: it stops then, not a minute later.
      onPoll: () => setImmediate(() => later.abort()),
    });
    expect(await pending).toEqual({ confirmed: false, calls: 1 });
  });

  it.each([
    { reasonKind: 'connect_unconfirmed' as const, settles: true },
    { reasonKind: 'resend_refused' as const, settles: true },
    { reasonKind: 'conflict' as const, settles: false },
  ])('settles a job left to a person after lost answers ($reasonKind): $settles', async ({ reasonKind, settles }) => {
    const { service, ledger, outside } = await station(0);
    const k = { connect_unconfirmed: 6, resend_refused: 7, conflict: 8 }[reasonKind];
    const imei = testImei(k, TAC);
    const uid = `read-000${k}`;
    await seedJob(ledger, { jobId: 'lost', uid, imei, state: 'needs_attention', reasonKind });
    // The connect had landed: the device is on the patient at Validic and has sent its reading.
    await outside.connect((await outside.provisionUser(uid)).marketplace.token, imei, 'blood_glucose');
    expect(await service.checkFirstReading(uid, imei)).toMatchObject({ confirmed: true, calls: 1 });
    // Journaled on the job it settles; a job waiting for another reason is not this device's binding.
    expect(await firstReadings(ledger)).toEqual([settles ? 'lost' : undefined]);
    expect(service.job('lost')).toMatchObject(
      settles ? { state: 'connected', reasonKind: 'confirmed_by_reading' } : { state: 'needs_attention', reasonKind },
    );
  });
});
