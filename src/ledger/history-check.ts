/**
 * The job histories the ledger keeps whole: a job id is used once, a transition starts from the
 * state the job will be in once every queued append is written and is a move of the state machine
 * (job-moves.ts), and records naming a job need its intent. Checked at append time, before anything is written.
 */
import { maskImei } from '../imei/format.js';
import type { JobIndex } from './job-index.js';
import { canTransition } from './job-moves.js';
import type { JobState, LedgerRecordBody } from './records.js';

export class HistoryCheck {
  /** The state each job will be in once everything queued is written. */
  private readonly states: StatesAfterQueue;

  constructor(index: JobIndex) {
    this.states = new StatesAfterQueue(index);
  }

  /** Why this record would break its job's history, or undefined; an accepted intent or transition is counted as queued. */
  refusal(body: LedgerRecordBody): string | undefined {
    switch (body.type) {
      case 'job_intent':
        if (this.states.has(body.jobId)) return `job ${body.jobId} already exists (IMEI ${maskImei(body.imei)})`;
        this.states.set(body.jobId, body.initialState ?? 'ready');
        return undefined;
      case 'job_transition': {
        const state = this.states.get(body.jobId);
        if (state === undefined) return `job ${body.jobId} has no intent in the ledger`;
        if (state !== body.from)
          return `job ${body.jobId} is ${state}, not ${body.from}: transition to ${body.to} refused`;
        if (!canTransition(body.from, body.to))
          return `job ${body.jobId}: ${body.from} → ${body.to} is not a move a job makes, refused`;
        this.states.set(body.jobId, body.to);
        return undefined;
      }
      case 'verification':
        return this.states.has(body.jobId) ? undefined : `job ${body.jobId} has no intent in the ledger`;
      case 'api_attempt':
      case 'operator_action':
        return body.jobId === undefined || this.states.has(body.jobId)
          ? undefined
          : `job ${body.jobId} has no intent in the ledger`;
      case 'capture':
      case 'config_change':
      case 'orders_import':
      case 'pin_failed':
        return undefined;
    }
  }
}

/**
 * Each job's state once the queued appends are written: the appends of this session on top of the
 * index, which answers for every other job (so opening does not copy 150,000 states).
 */
class StatesAfterQueue extends Map<string, JobState> {
  constructor(private readonly index: JobIndex) {
    super();
  }
  override get(jobId: string): JobState | undefined {
    return super.get(jobId) ?? this.index.job(jobId)?.state;
  }
  override has(jobId: string): boolean {
    return super.has(jobId) || this.index.job(jobId) !== undefined;
  }
}
