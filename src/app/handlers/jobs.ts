/**
 * The `jobs` namespace: the Queue and history screen's list, and what a person may do to a job
 * there (retry it, cancel it, override a conflict with the supervisor PIN).
 */
import type { Handlers } from '../../ipc/channel-types.js';
import type { KioskContract } from '../../ipc/contract.js';
import { IpcRefusal } from '../../ipc/wire.js';
import { inRange, localDayOf } from '../../ledger/time-range.js';
import { isCancellable } from '../../onboarding/transitions.js';
import { refuseOnApiError } from '../api-refusal.js';
import type { HostState } from '../host-state.js';
import { outcomeOf } from '../outcomes.js';
import { jobSummary } from '../views/job-summary.js';

export function jobsHandlers(state: HostState): Handlers<KioskContract>['jobs'] {
  return {
    list: ({ filter, search, limit }) => {
      const engine = state.engine();
      // "Today" is the station's own day (its time zone), not UTC's: evenings are the same day there.
      const today = localDayOf(new Date());
      // A search looks in every job, whatever the tab: the device looked for may be in any state.
      let jobs = search
        ? engine.ledger
            .jobs()
            .filter((j) => j.imei.includes(search) || j.uid.toLowerCase().includes(search.toLowerCase()))
        : filter === 'today'
          ? engine.ledger.jobs().filter((j) => inRange(j.updatedAt, today))
          : engine.onboarding.jobs(filter === 'open' ? 'open' : filter);
      jobs = [...jobs].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, limit ?? 200);
      return { jobs: jobs.map(jobSummary) };
    },
    retry: async ({ jobId }, caller) => {
      const { onboarding } = state.engine();
      if (!onboarding.job(jobId)) throw IpcRefusal.of('no_such_job', {});
      const result = await onboarding.retry(jobId, caller.operator);
      const job = 'job' in result ? result.job : onboarding.job(jobId);
      if (!job) throw IpcRefusal.of('job_disappeared', {});
      return jobSummary(job);
    },
    cancel: async ({ jobId, reason }, caller) => {
      const { onboarding } = state.engine();
      const job = onboarding.job(jobId);
      if (!job) throw IpcRefusal.of('no_such_job', {});
      if (!isCancellable(job.state)) throw IpcRefusal.of('job_not_cancellable', { state: job.state });
      const cancelled = await onboarding.cancel(jobId, caller.operator, reason);
      // A job of the open batch gives its order back: the running batch sees the cancel in the journal.
      return jobSummary(cancelled);
    },
    override: async ({ jobId, fromUid }, caller) => {
      const engine = state.engine();
      const job = engine.onboarding.job(jobId);
      // Asked from the Onboard screen's result (a blocked device), not from a list.
      if (!job) throw IpcRefusal.of('shown_job_missing', {});
      const result = await refuseOnApiError(() =>
        engine.onboarding.override(jobId, 'supervisor', caller.operator, fromUid),
      );
      return outcomeOf(engine, result, job.imei, job.uid);
    },
  };
}
