/**
 * Training and production jobs kept apart: a job is sent only in the mode it was journaled in, and
 * a job of the other mode (or of an older journal with none) waits, saying why.
 */
import type { JobView } from '../ledger/job-index.js';
import type { OnboardResult } from './onboard-result.js';
import type { ProblemInfo } from './problems.js';

export type JobMode = 'training' | 'production';

/** The job may be sent in this mode: it was journaled in it. */
export function sendsInMode(job: JobView, mode: JobMode): boolean {
  return job.mode === mode;
}

/** The job counts in this mode (holds its IMEI, belongs to the patient): its own, and older journals' with no mode. */
export function countsInMode(job: JobView, mode: JobMode): boolean {
  return job.mode === mode || job.mode === undefined;
}

/** A job of the other mode (or of none) is never sent: it waits, saying why. */
export function otherModeResult(job: JobView, mode: JobMode): OnboardResult {
  const problem: ProblemInfo = {
    kind: 'waiting_for_mode',
    message:
      job.mode === undefined
        ? 'This job comes from an older journal that does not say whether it was training or production: it is not sent on its own.'
        : `This job was made in ${job.mode} mode and the kiosk is in ${mode} mode: it waits until the kiosk is back in ${job.mode} mode.`,
    nextAction:
      job.mode === undefined
        ? 'Retry it to send it in the mode of now, or cancel it.'
        : `Switch back to ${job.mode} mode to finish it, or cancel it.`,
    params: { mode: job.mode ?? 'unknown', now: mode },
  };
  return { outcome: 'queued', job, problem };
}
