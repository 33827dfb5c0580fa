/**
 * Switching between training and production with jobs still to send: the admin is asked first, and
 * chooses to leave them waiting for their mode or to cancel them. This module decides; the host
 * journals (it owns the engine).
 */
import type { OpenJobsChoice } from '../../ipc/schemas.js';
import { IpcRefusal } from '../../ipc/wire.js';
import { englishProblem } from '../../messages/render.js';
import type { JobView } from '../../ledger/job-index.js';
import { isCancellable, isSending } from '../../onboarding/transitions.js';

export type Mode = 'training' | 'production';

/**
 * A job that still has a connect to send: one the worker is sending, or one a person may still
 * cancel (captured, needs attention). A `connected` job is answered; it only awaits a check.
 */
function isUnsent(job: JobView): boolean {
  return isSending(job.state) || isCancellable(job.state);
}

export interface ModeSwitchPlan {
  /** Jobs of the mode of now to cancel before switching (empty when kept). */
  readonly cancel: readonly JobView[];
  /** How many stay, waiting for their mode. */
  readonly kept: number;
}

/** Open jobs of `mode` that still have something to send. */
export function unsentJobsOf(openJobs: readonly JobView[], mode: Mode): JobView[] {
  return openJobs.filter((job) => job.mode === mode && isUnsent(job));
}

/**
 * What a switch from `from` to `to` does with the open jobs of `from`. No switch (same mode) or no
 * such jobs: nothing. Otherwise the admin must have chosen, else `open_jobs_in_mode` is refused with
 * the count, so the screen can ask.
 */
export function planModeSwitch(
  openJobs: readonly JobView[],
  from: Mode,
  to: Mode,
  choice: OpenJobsChoice | undefined,
): ModeSwitchPlan {
  if (from === to) return { cancel: [], kept: 0 };
  const unsent = unsentJobsOf(openJobs, from);
  if (unsent.length === 0) return { cancel: [], kept: 0 };
  if (choice === undefined) throw IpcRefusal.of('open_jobs_in_mode', { count: unsent.length, mode: from, to });
  if (choice === 'keep') return { cancel: [], kept: unsent.length };
  const cancel = unsent.filter((job) => isCancellable(job.state));
  return { cancel, kept: unsent.length - cancel.length };
}

/** Why the switch cancelled a job, as the journal keeps it: the kind, its values and the English words. */
export function switchCancelReason(from: Mode, to: Mode) {
  return englishProblem('mode_switch_cancelled', { mode: from, to });
}
