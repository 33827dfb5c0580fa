/**
 * The queue worker's own rules, against the real service, simulator and journal: what idle() waits
 * for (due jobs, due checks, not checks the budget defers), how many type-level checks run at once
 * (half the slots, never past the budget's room above the reserve), that stop() drains the runs in
 * flight, and what it does with a job it does not know. A second QueueWorker over the same service
 * (whose own worker is not started) lets a test choose the slots and the reserve.
 */
import { describe, expect, it } from 'vitest';
import { QueueWorker, type OnboardingService } from '../../src/onboarding/index.js';
import { testImei } from '../support/imei.js';
import { onboardingHarness, seedJob } from '../support/onboarding-station.js';

const h = onboardingHarness('onboarding-worker-rules');
const TAC = '35900001';

/** A station whose own worker never runs: the test drives a worker of its own. */
const idleStation = () => h.station({ startWorker: false });

/** A station whose own worker never runs, with a budget of 20 calls per `windowMs` and no reserve of its own. */
const budgetStation = (windowMs: number) =>
  h.station({ startWorker: false, clientOptions: { rateLimit: { limit: 20, windowMs, reserve: 0 } } });

/** Connects patient wr-<k>'s device now; the job is then owed a type-level check (a new patient). */
async function connectedOwed(service: OnboardingService, k: number): Promise<string> {
  const result = await service.onboard({
    imei: testImei(k, TAC),
    uid: `wr-${String(k).padStart(4, '0')}`,
    deviceType: 'blood_glucose',
  });
  if (result.outcome !== 'connected') throw new Error(result.outcome);
  expect(service.verificationsOwed().has(result.job.jobId)).toBe(true);
  return result.job.jobId;
}

/** A worker over the service's journal and budget; stopped after the test by the returned stop. */
function ownWorker(service: OnboardingService, concurrency: number, verifyReserve: number): QueueWorker {
  const worker = new QueueWorker(service, { concurrency, verifyReserve });
  h.later(() => worker.stop());
  return worker;
}

/** The most runs the worker had in flight at once, seen at every journaled record, until it is idle. */
async function mostInFlightUntilIdle(service: OnboardingService, worker: QueueWorker): Promise<number> {
  let most = 0;
  const stop = service.subscribe(() => {
    most = Math.max(most, worker.status().inFlight);
  });
  worker.start();
  await worker.idle();
  stop();
  return most;
}

describe('the worker is idle only when nothing is due', () => {
  it('idle() waits for a ready job the worker has not run yet', async () => {
    const { service, ledger } = await idleStation();
    await seedJob(ledger, { jobId: 'job-1', uid: 'wr-0001', imei: testImei(1, TAC), state: 'ready' });
    // Asked before the worker starts: nothing is in flight, but the job is due, so it must wait for it.
    const connectedWhenIdle = service.worker.idle().then(() => service.job('job-1')?.connectedAt !== undefined);
    service.worker.start();
    expect(await connectedWhenIdle).toBe(true);
  });

  it('idle() waits for a queued job whose retry time has passed', async () => {
    const { service, ledger } = await idleStation();
    const past = new Date(Date.now() - 60_000).toISOString();
    await seedJob(ledger, {
      jobId: 'job-2',
      uid: 'wr-0002',
      imei: testImei(2, TAC),
      state: 'queued',
      nextAttemptAt: past,
    });
    const connectedWhenIdle = service.worker.idle().then(() => service.job('job-2')?.connectedAt !== undefined);
    service.worker.start();
    expect(await connectedWhenIdle).toBe(true);
  });

  it('idle() waits for a type-level check that is due and the budget allows', async () => {
    const { service } = await idleStation();
    const jobId = await connectedOwed(service, 3);
    const worker = ownWorker(service, 4, 0);
    const owedWhenIdle = worker.idle().then(() => service.verificationsOwed().has(jobId));
    worker.start();
    expect(await owedWhenIdle).toBe(false);
    expect(service.job(jobId)?.state).toBe('verified');
  });

  it('a check waits, and idle() does not wait for it, while the budget has no room above the reserve', async () => {
    const { service } = await idleStation();
    const jobId = await connectedOwed(service, 4);
    // The reserve is exactly what remains: no room (0 is not room), so connects keep the rest.
    const worker = ownWorker(service, 4, service.client.budgetSnapshot().remaining);
    expect(worker.verificationDeferred()).toBe(true);
    worker.start();
    await worker.idle();
    expect(service.verificationsOwed().has(jobId)).toBe(true);
    expect(service.job(jobId)?.state).toBe('connected');
  });

  it('a check due later runs when it falls due, by the worker waking itself', async () => {
    const { service } = await h.station({ verifyDelayMs: 150 });
    const started = Date.now();
    const jobId = await connectedOwed(service, 5);
    // Nothing else would wake the worker: only its own timer for the check's due time.
    await service.worker.until(() => service.job(jobId)?.state === 'verified');
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });
});

describe('a check the budget deferred runs later by itself', () => {
  it('with the budget spent, the worker wakes when the next slot frees and runs the check', async () => {
    const { service } = await budgetStation(1_000);
    const jobId = await connectedOwed(service, 6);
    // Spend the rest of this window: the next slot is when the first call leaves the window.
    const budget = service.client.budget;
    for (let left = budget.snapshot().remaining; left > 0; left--) await budget.acquire();
    expect(budget.snapshot()).toMatchObject({ remaining: 0, nextSlotAt: expect.any(Number) });
    const worker = ownWorker(service, 4, 0);
    expect(worker.verificationDeferred()).toBe(true);
    worker.start();
    // Nothing else would wake the worker: only its timer for the budget's next slot.
    await worker.until(() => service.job(jobId)?.state === 'verified');
  });

  it('with slots free but none above the reserve, the worker looks again each second and runs the check once calls leave the window', async () => {
    const { service } = await budgetStation(1_200);
    const jobId = await connectedOwed(service, 7);
    const budget = service.client.budget;
    // The reserve is exactly what remains, and a slot is free, so the budget names no next slot to wake for.
    const worker = ownWorker(service, 4, budget.snapshot().remaining);
    expect(budget.snapshot().nextSlotAt).toBeNull();
    expect(worker.verificationDeferred()).toBe(true);
    worker.start();
    await worker.until(() => service.job(jobId)?.state === 'verified');
  });

  it('a run in flight counts against the room for checks', async () => {
    const { service, ledger } = await idleStation();
    await seedJob(ledger, { jobId: 'job-8', uid: 'wr-0008', imei: testImei(8, TAC), state: 'ready' });
    const remaining = service.client.budgetSnapshot().remaining;
    const worker = ownWorker(service, 4, remaining - 1);
    expect(worker.verificationDeferred()).toBe(false);
    const run = worker.runNow('job-8');
    // Nothing sent yet: only the run in flight takes the one call of room.
    expect(service.client.budgetSnapshot().remaining).toBe(remaining);
    expect(worker.verificationDeferred()).toBe(true);
    expect((await run).outcome).toBe('connected');
  });
});

describe('type-level checks share the slots and the budget', () => {
  it('runs at most half the slots of checks at once, and fills that half', async () => {
    const { service } = await idleStation();
    const jobs = [await connectedOwed(service, 10), await connectedOwed(service, 11), await connectedOwed(service, 12)];
    const worker = ownWorker(service, 4, 0);
    expect(await mostInFlightUntilIdle(service, worker)).toBe(2);
    for (const jobId of jobs) expect(service.job(jobId)?.state).toBe('verified');
  });

  it('one slot still runs one check at a time', async () => {
    const { service } = await idleStation();
    const jobs = [await connectedOwed(service, 13), await connectedOwed(service, 14)];
    const worker = ownWorker(service, 1, 0);
    expect(await mostInFlightUntilIdle(service, worker)).toBe(1);
    for (const jobId of jobs) expect(service.job(jobId)?.state).toBe('verified');
  });

  it('never runs more checks than the room above the reserve', async () => {
    const { service } = await idleStation();
    const jobs = [await connectedOwed(service, 15), await connectedOwed(service, 16), await connectedOwed(service, 17)];
    // Room for two reads: each takes one call, so the third waits once they are spent.
    const worker = ownWorker(service, 8, service.client.budgetSnapshot().remaining - 2);
    expect(await mostInFlightUntilIdle(service, worker)).toBe(2);
    expect(jobs.filter((jobId) => service.verificationsOwed().has(jobId))).toHaveLength(1);
  });
});

describe('stopping and unknown jobs', () => {
  it('stop() resolves only once the runs in flight have finished', async () => {
    const { service, ledger } = await idleStation();
    await seedJob(ledger, { jobId: 'job-20', uid: 'wr-0020', imei: testImei(20, TAC), state: 'ready' });
    const run = service.worker.runNow('job-20');
    await service.worker.stop();
    expect(service.job('job-20')?.connectedAt).toBeDefined();
    expect((await run).outcome).toBe('connected');
  });

  it('a job an operator runs while the queue is paused resumes the queue once it connects', async () => {
    const { service, ledger } = await idleStation();
    await seedJob(ledger, { jobId: 'job-21', uid: 'wr-0021', imei: testImei(21, TAC), state: 'ready' });
    service.worker.pause('The organization token was refused.', 'unauthorized');
    expect(service.queueStatus()).toMatchObject({ pausedKind: 'unauthorized' });
    expect((await service.worker.runNow('job-21')).outcome).toBe('connected');
    expect(service.queueStatus()).toMatchObject({ paused: null, pausedKind: null });
  });

  it('stop() disarms the wake-up timer: a stopped worker keeps no process alive until a retry time', async () => {
    const { service, ledger } = await idleStation();
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    await seedJob(ledger, {
      jobId: 'job-22',
      uid: 'wr-0022',
      imei: testImei(22, TAC),
      state: 'queued',
      nextAttemptAt: inAnHour,
    });
    const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
    const before = timers();
    service.worker.start();
    await service.worker.idle(); // its first pass has run, and armed a timer for the retry an hour away
    expect(timers()).toBe(before + 1);
    await service.worker.stop();
    expect(timers()).toBe(before);
  });

  it('starts no job of an IMEI held for an override, and runs it once released', async () => {
    const { service, ledger } = await idleStation();
    const held = testImei(30, TAC);
    await seedJob(ledger, { jobId: 'job-30', uid: 'wr-0030', imei: held, state: 'ready' });
    await seedJob(ledger, { jobId: 'job-31', uid: 'wr-0031', imei: testImei(31, TAC), state: 'ready' });
    const release = service.worker.hold(held);
    const started: string[] = [];
    const stop = ledger.subscribe((record) => {
      if (record.type === 'job_transition' && record.to === 'connecting') started.push(record.jobId);
    });
    // One pass looks at job-30 before job-31 (the order they were made): when job-31 has connected, job-30 was passed over.
    const other = new Promise<void>((resolve) => {
      const off = ledger.subscribe((record) => {
        if (record.type === 'job_transition' && record.jobId === 'job-31' && record.to === 'connected') {
          off();
          resolve();
        }
      });
    });
    service.worker.start();
    await other;
    expect(service.worker.isRunning('job-30')).toBe(false);
    expect(service.job('job-30')?.state).toBe('ready');
    release();
    await service.worker.idle();
    stop();
    expect(started).toEqual(['job-31', 'job-30']);
    expect(service.job('job-30')?.connectedAt).toBeDefined();
  });

  it.each([
    ['the first', 'the second'],
    ['the second', 'the first'],
  ] as const)(
    'an IMEI held by two overrides stays held when %s releases it, until %s does; runNow waits for that',
    async (earlier, _later) => {
      const { service, ledger } = await idleStation();
      const k = earlier === 'the first' ? 32 : 33;
      const imei = testImei(k, TAC);
      await seedJob(ledger, { jobId: `job-${k}`, uid: `wr-00${k}`, imei, state: 'ready' });
      const first = service.worker.hold(imei);
      const second = service.worker.hold(imei);
      const [releasedEarlier, releasedLater] = earlier === 'the first' ? [first, second] : [second, first];
      releasedEarlier();
      releasedEarlier(); // a release called twice counts once
      const run = service.worker.runNow(`job-${k}`);
      // Still held: the run has not started (it is in flight the moment it does).
      expect(service.worker.isRunning(`job-${k}`)).toBe(false);
      releasedLater();
      expect((await run).outcome).toBe('connected');
    },
  );

  it('verifyNow of a job it does not know answers undefined, sending nothing', async () => {
    const { service } = await idleStation();
    const requests = h.sim.requestCount();
    await expect(service.worker.verifyNow('no-such-job')).resolves.toBeUndefined();
    expect(h.sim.requestCount()).toBe(requests);
  });

  it('a run that fails unexpectedly is reported as the last error', async () => {
    const { service } = await idleStation();
    await expect(service.worker.runNow('no-such-job')).rejects.toThrow('No job no-such-job');
    // The worker's own handler on the run was attached first, so it has run by now.
    expect(service.queueStatus().lastError).toBe('No job no-such-job in the ledger.');
  });
});
