/**
 * The queue worker as the screens see it: what status() counts (this mode's work, the other mode's
 * waiting jobs, the oldest, the next attempt), pausing and resuming, and running jobs due now while
 * leaving the ones due later — each waited for through the worker's own events, never a sleep.
 */
import { describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../src/ledger/index.js';
import type { JobState } from '../../src/ledger/records.js';
import { testImei } from '../support/imei.js';
import { onboardingHarness, seedJob } from '../support/onboarding-station.js';

const h = onboardingHarness('onboarding-queue-status');
const TAC = '35900000';
const HOUR = 3_600_000;
const station = (dir: string, startWorker: boolean) => h.station({ dir, startWorker });

/** Journals job-<k> for patient qs-<k> in `state`; with no mode given, an older journal's job with none. */
async function seed(
  ledger: Ledger,
  k: number,
  state: JobState,
  fields: { mode?: 'training' | 'production'; nextAttemptAt?: string } = {},
) {
  const jobId = `job-${k}`;
  await seedJob(ledger, {
    jobId,
    uid: `qs-${String(k).padStart(4, '0')}`,
    imei: testImei(k, TAC),
    state,
    mode: fields.mode ?? null,
    ...(fields.nextAttemptAt ? { nextAttemptAt: fields.nextAttemptAt } : {}),
  });
  return jobId;
}

describe('the queue', () => {
  it("counts this mode's work and the other mode's waiting jobs, the oldest and the next attempt", async () => {
    const dir = h.dir();
    const { service, ledger } = await station(dir, false);
    const soon = new Date(Date.now() + HOUR).toISOString();
    const later = new Date(Date.now() + 2 * HOUR).toISOString();
    await seed(ledger, 1, 'ready', { mode: 'production' });
    await seed(ledger, 2, 'queued', { mode: 'production', nextAttemptAt: later });
    await seed(ledger, 3, 'queued', { mode: 'production', nextAttemptAt: soon });
    await seed(ledger, 4, 'queued', { mode: 'training' });
    await seed(ledger, 5, 'ready');
    await seed(ledger, 6, 'needs_attention', { mode: 'production' });
    const status = service.queueStatus();
    expect(status).toMatchObject({
      depth: 3,
      otherMode: 2,
      inFlight: 0,
      paused: null,
      pausedKind: null,
      nextAttemptAt: soon,
      unverified: 0,
      lastError: null,
    });
    expect(status.oldestAgeMs).toBeGreaterThanOrEqual(0);
    expect(status.oldestAgeMs).toBeLessThan(HOUR);
    expect(status.budget.remaining).toBeGreaterThan(0);
  });

  it('an empty queue has no oldest job and no next attempt', async () => {
    const { service } = await station(h.dir(), false);
    expect(service.queueStatus()).toMatchObject({ depth: 0, otherMode: 0, oldestAgeMs: null, nextAttemptAt: null });
  });

  it('runs the jobs due now and leaves the one due in an hour; idle then', async () => {
    const dir = h.dir();
    const seeded = await openLedger({ dataDir: dir });
    const now1 = await seed(seeded, 10, 'ready', { mode: 'production' });
    const now2 = await seed(seeded, 11, 'queued', {
      mode: 'production',
      nextAttemptAt: new Date(Date.now() - 1_000).toISOString(),
    });
    const now3 = await seed(seeded, 12, 'queued', { mode: 'production' });
    const waits = await seed(seeded, 13, 'queued', {
      mode: 'production',
      nextAttemptAt: new Date(Date.now() + HOUR).toISOString(),
    });
    const other = await seed(seeded, 14, 'ready', { mode: 'training' });
    await seeded.close();
    const { service } = await station(dir, true);
    await service.worker.idle();
    for (const jobId of [now1, now2, now3]) expect(service.job(jobId)?.connectedAt, jobId).toBeDefined();
    expect(service.job(waits)?.state).toBe('queued');
    expect(service.job(other)?.state).toBe('ready');
    expect(service.queueStatus()).toMatchObject({ depth: 1, otherMode: 1, inFlight: 0 });
  });

  it('paused, it sends nothing and says why; resumed, it runs the queue', async () => {
    const dir = h.dir();
    const { service } = await station(dir, true);
    service.worker.pause('test pause', 'unauthorized');
    expect(service.queueStatus()).toMatchObject({ paused: 'test pause', pausedKind: 'unauthorized' });
    const queued = await service.onboard({
      imei: testImei(20, TAC),
      uid: 'qs-0020',
      deviceType: 'blood_glucose',
      enqueueOnly: true,
    });
    const requests = h.sim.requestCount();
    await service.worker.idle();
    expect(h.sim.requestCount()).toBe(requests);
    expect(service.job(queued.outcome === 'in_progress' ? queued.job.jobId : '')?.state).toBe('ready');
    service.worker.resume();
    expect(service.queueStatus()).toMatchObject({ paused: null, pausedKind: null });
    await service.worker.idle();
    expect(service.job(queued.outcome === 'in_progress' ? queued.job.jobId : '')?.connectedAt).toBeDefined();
  });

  it('never has more connects in flight than its slots, and fills them', async () => {
    const dir = h.dir();
    const seeded = await openLedger({ dataDir: dir });
    for (let k = 30; k < 35; k++) await seed(seeded, k, 'ready', { mode: 'production' });
    await seeded.close();
    const { service } = await h.station({ dir, concurrency: 2 });
    let most = 0;
    const stop = service.subscribe(() => {
      most = Math.max(most, service.queueStatus().inFlight);
    });
    await service.worker.idle();
    stop();
    expect(most).toBe(2);
    expect(service.jobs('all').every((j) => j.connectedAt !== undefined)).toBe(true);
  });
});
