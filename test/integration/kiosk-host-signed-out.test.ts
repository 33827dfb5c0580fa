/**
 * Signed out, no patient data leaves the host in an event either: a job the worker finishes while
 * nobody is signed in is not pushed (`jobs.changed`), though the queue's counts are (`queue.changed`).
 * Real host, journal on disk, embedded simulator over HTTP with added latency so the connect ends
 * after the sign-out.
 */
import { afterEach, expect, it } from 'vitest';
import type { KioskHost } from '../../src/app/kiosk-host.js';
import { KNOWN_IMEI as IMEI } from '../support/imei.js';
import { callHost, openTestHost, testDataDir } from '../support/test-host.js';

const data = testDataDir('kiosk-host-signed-out-');
let host: KioskHost | undefined;

afterEach(async () => {
  await host?.close();
  data.remove();
});

it('pushes no job to a signed-out screen, only the queue counts', async () => {
  const kiosk = await openTestHost(data.dir);
  host = kiosk;
  const events: { event: string; payload: unknown }[] = [];
  kiosk.onEvent((event, payload) => events.push({ event, payload }));
  const call = (channel: string, payload: unknown) => callHost(kiosk, channel, payload);

  expect(await call('session.signIn', { operatorId: 'op-1' })).toMatchObject({ ok: true });
  await call('batch.import', { csv: 'uid,device_type\nB-0701,blood_glucose\n', fileName: 'o.csv' });
  // Each API call takes 300 ms: the worker's connect of the scanned device ends well after the sign-out.
  kiosk.engine().simulator!.setFaults({ latencyMs: 300 });
  const scanned = await call('batch.scan', { imei: IMEI, raw: IMEI, source: 'wedge' });
  const jobId = (scanned as { value: { job: { id: string } } }).value.job.id;
  expect(events.some((e) => e.event === 'jobs.changed')).toBe(true);
  expect(await call('session.signOut', {})).toMatchObject({ value: { signedOut: true } });
  const signedOutAt = events.length;

  // The queue's counts once the job is connected (verified or not): pushed after its records are journaled.
  const doneCounts = () =>
    events
      .slice(signedOutAt)
      .some(
        (e) =>
          e.event === 'queue.changed' &&
          (e.payload as { depth: number; inFlight: number }).depth === 0 &&
          (e.payload as { inFlight: number }).inFlight === 0,
      );
  await expect
    .poll(() => kiosk.engine().onboarding.job(jobId)?.connectedAt !== undefined && doneCounts(), { timeout: 20_000 })
    .toBe(true);
  expect(events.slice(signedOutAt).filter((e) => e.event === 'jobs.changed' || e.event === 'reading.progress')).toEqual(
    [],
  );
});
