/**
 * The job state machine: which transitions exist (the table is the journal's, src/ledger/job-moves.ts),
 * and what each state means to the person at the station. The engine asks `canTransition` before it
 * journals a transition; the journal is the only place a job's state changes, and refuses any other move.
 */
import { canTransition } from '../ledger/job-moves.js';
import type { JobState } from '../ledger/records.js';

export { canTransition, transitionTable } from '../ledger/job-moves.js';

/**
 * What a state means for the rules built on the table: one home for "bound", "sending",
 * "holds the IMEI" and "cancellable", so no screen or handler keeps its own list.
 */
export const BOUND_STATES: readonly JobState[] = ['connected', 'verified'];
/** The worker is sending it, or will: the IMEI is spoken for though not yet connected. */
export const SENDING_STATES: readonly JobState[] = ['ready', 'connecting', 'queued'];

interface JobStateView {
  readonly state: JobState;
  readonly disconnectedAt?: string | undefined;
}

/** A bound device: connected (or verified) and not disconnected since. */
export function isBound(job: JobStateView): boolean {
  return BOUND_STATES.includes(job.state) && job.disconnectedAt === undefined;
}

export function isSending(state: JobState): boolean {
  return SENDING_STATES.includes(state);
}

/** The job holds its IMEI for its patient: bound, or on its way to Validic. */
export function holdsImei(job: JobStateView): boolean {
  return isBound(job) || isSending(job.state);
}

/** A person may cancel it: the table has an edge to `cancelled` (never from connecting or a final state). */
export function isCancellable(state: JobState): boolean {
  return canTransition(state, 'cancelled');
}

export class TransitionError extends Error {
  override name = 'TransitionError';
}

export function assertTransition(from: JobState, to: JobState, jobId: string): void {
  if (!canTransition(from, to)) throw new TransitionError(`Job ${jobId} cannot go from ${from} to ${to}.`);
}

/** Who acts next on a job in this state: the worker, a person, or nobody (it is final). */
export function describeState(state: JobState): { next: 'worker' | 'person' | 'nobody' } {
  switch (state) {
    case 'ready':
    case 'connecting':
    case 'queued':
      return { next: 'worker' };
    case 'captured':
    case 'needs_attention':
      return { next: 'person' };
    case 'connected':
    case 'verified':
    case 'cancelled':
      return { next: 'nobody' };
    default: {
      const never: never = state;
      throw new Error(`unknown state ${String(never)}`);
    }
  }
}
