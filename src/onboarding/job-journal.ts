/**
 * One mode's jobs in the journal, as the onboarding rooms read and write them: the jobs that count
 * in this mode, transitions checked against the state table before they are appended (fsynced),
 * and every Validic call journaled as an api_attempt with its outcome (never the token or the URL).
 */
import type { JobView } from '../ledger/job-index.js';
import type { Ledger } from '../ledger/ledger.js';
import type { JobState } from '../ledger/records.js';
import type { ValidicClient } from '../validic/client.js';
import { ValidicError } from '../validic/errors.js';
import { countsInMode, sendsInMode, type JobMode } from './job-modes.js';
import type { OnboardResult } from './onboard-result.js';
import type { ProblemInfo, ProblemKind, ProblemParams } from './problems.js';
import { assertTransition, isBound } from './transitions.js';

export interface TransitionExtra {
  reason?: string;
  reasonKind?: ProblemKind;
  reasonParams?: ProblemParams;
  nextAction?: string;
  nextAttemptAt?: string;
}

/** A problem as a transition's reason fields: its English words, and the kind and values a screen translates. */
export function reasonOf(problem: Pick<ProblemInfo, 'kind' | 'message' | 'params'>): TransitionExtra {
  const { params } = problem;
  return {
    reason: problem.message,
    reasonKind: problem.kind,
    ...(params && Object.keys(params).length > 0 ? { reasonParams: params } : {}),
  };
}

export class JobJournal {
  private sequence = 0;

  constructor(
    readonly ledger: Ledger,
    readonly client: ValidicClient,
    readonly mode: JobMode,
    readonly station: string,
    readonly operator: string,
  ) {}

  /** True when this service may send the job: it was journaled in this mode. */
  sendsInThisMode(job: JobView): boolean {
    return sendsInMode(job, this.mode);
  }

  /** The journal's jobs for an IMEI that count in this mode (older journals' with no mode still hold their IMEI). */
  jobsByImei(imei: string): JobView[] {
    return this.ledger.jobsByImei(imei).filter((j) => countsInMode(j, this.mode));
  }

  jobsByUid(uid: string): JobView[] {
    return this.ledger.jobsByUid(uid).filter((j) => countsInMode(j, this.mode));
  }

  /** The device bound to this IMEI now, per the journal. */
  binding(imei: string): JobView | undefined {
    return this.jobsByImei(imei)
      .filter(isBound)
      .sort((a, b) => b.intentSeq - a.intentSeq)[0];
  }

  requireJob(jobId: string): JobView {
    const job = this.ledger.job(jobId);
    if (!job) throw new Error(`No job ${jobId} in the ledger.`);
    return job;
  }

  newJobId(): string {
    const stamp = Date.now().toString(36);
    return `job-${stamp}-${process.pid.toString(36)}-${(this.sequence++).toString(36)}`;
  }

  async transition(jobId: string, to: JobState, extra: TransitionExtra = {}): Promise<JobView> {
    const job = this.requireJob(jobId);
    assertTransition(job.state, to, jobId);
    await this.ledger.append({ type: 'job_transition', jobId, from: job.state, to, ...extra });
    return this.requireJob(jobId);
  }

  /** Journals the job into needs_attention with the problem's words, kind and params, and answers with it. */
  async needsAttention(jobId: string, problem: ProblemInfo): Promise<OnboardResult> {
    const job = await this.transition(jobId, 'needs_attention', {
      reason: problem.message.slice(0, 2000),
      nextAction: problem.nextAction,
      reasonKind: problem.kind,
      ...(problem.params ? { reasonParams: problem.params } : {}),
    });
    return { outcome: 'needs_attention', job, problem };
  }

  /** One client call, journaled as an api_attempt with its outcome (never the token or the URL). */
  async call<T>(
    job: JobView | undefined,
    call: string,
    run: () => Promise<T>,
    uid?: string,
    attempt?: number,
  ): Promise<T> {
    const started = performance.now();
    try {
      const value = await run();
      await this.ledger.append({
        type: 'api_attempt',
        call,
        outcome: 'ok',
        durationMs: Math.round(performance.now() - started),
        ...(attempt !== undefined ? { attempt } : {}),
        ...(job ? { jobId: job.jobId, uid: job.uid } : uid ? { uid } : {}),
      });
      return value;
    } catch (error) {
      if (error instanceof ValidicError) {
        await this.ledger.append({
          type: 'api_attempt',
          call,
          outcome: error.kind,
          durationMs: Math.round(performance.now() - started),
          detail: `${error.outcomeUnknown ? '[outcome unknown] ' : ''}${error.message}`.slice(0, 2000),
          ...(attempt !== undefined ? { attempt } : {}),
          ...(error.status !== undefined && error.status >= 100 && error.status <= 599
            ? { httpStatus: error.status }
            : {}),
          ...(job ? { jobId: job.jobId, uid: job.uid } : uid ? { uid } : {}),
        });
      }
      throw error;
    }
  }

  /**
   * A call that may have reached Validic without an answer is re-sent once, deliberately and
   * journaled (attempt 2); `settle` may turn that re-send's refusal into an answer (a 404: already gone).
   */
  async callResendingOnce<T>(
    job: JobView | undefined,
    call: 'disconnect' | 'disconnect_all',
    run: () => Promise<T>,
    uid: string,
    settle?: (again: ValidicError) => T | undefined,
  ): Promise<{ value: T; resent: boolean }> {
    try {
      return { value: await this.call(job, call, run, uid, 1), resent: false };
    } catch (error) {
      if (!(error instanceof ValidicError) || !error.outcomeUnknown) throw error;
    }
    try {
      return { value: await this.call(job, call, run, uid, 2), resent: true };
    } catch (again) {
      const settled = again instanceof ValidicError ? settle?.(again) : undefined;
      if (settled === undefined) throw again;
      return { value: settled, resent: true };
    }
  }
}
