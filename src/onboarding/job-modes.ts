/**
 * Training and production jobs kept apart: a job is sent only in the mode it was journaled in, and
 * a job of the other mode (or of an older journal with none) waits, saying why.
 */
import type { JobView } from '../ledger/job-index.js';
import { englishProblem } from '../messages/index.js';
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
  const problem: ProblemInfo =
    job.mode === undefined
      ? englishProblem('waiting_without_mode', {})
      : englishProblem('waiting_for_mode', { mode: job.mode, now: mode });
  return { outcome: 'queued', job, problem };
}
