/**
 * What a person does to a job: retry it, cancel it, or (a supervisor) override a block by
 * disconnecting the IMEI from the other patient first. Each action is journaled before it acts.
 */
import type { JobView } from '../ledger/job-index.js';
import { englishProblem, englishText } from '../messages/index.js';
import type { Disconnects } from './disconnects.js';
import { reasonOf, type JobJournal } from './job-journal.js';
import { otherModeResult } from './job-modes.js';
import { heldParams, resultOf, type OnboardResult } from './onboard-result.js';
import type { ProblemKind, ProblemParams } from './problems.js';
import { assertTransition, holdsImei, isSending } from './transitions.js';

/** What an action may ask of the queue. */
export interface QueueRunner {
  resume(): void;
  runNow(jobId: string): Promise<OnboardResult>;
  /** No attempt starts on the jobs of `imei` until the release is called. */
  hold(imei: string): () => void;
  isRunning(jobId: string): boolean;
}

export class OperatorActions {
  constructor(
    private readonly journal: JobJournal,
    private readonly disconnects: Disconnects,
    private readonly queue: QueueRunner,
    /** A person's retry starts the job's backoff again. */
    private readonly forgetFailures: (jobId: string) => void,
  ) {}

  /** needs_attention or queued → back to the worker now. */
  async retry(jobId: string, by: string): Promise<OnboardResult> {
    const journal = this.journal;
    let job = journal.requireJob(jobId);
    if (job.state !== 'needs_attention' && job.state !== 'queued') return resultOf(job);
    if (job.mode !== undefined && job.mode !== journal.mode) return otherModeResult(job, journal.mode);
    if (job.mode === undefined) {
      // An older journal's job: the person who retries it decides it belongs to the mode of now.
      await journal.ledger.append({
        type: 'operator_action',
        action: 'adopt_mode',
        by,
        jobId,
        imei: job.imei,
        uid: job.uid,
        mode: journal.mode,
      });
      job = journal.requireJob(jobId);
    }
    const holder = journal.jobsByImei(job.imei).find((j) => j.uid !== job.uid && holdsImei(j));
    if (holder) {
      // Still held by another patient per the journal: a retry would only earn a 409. Only an override helps.
      return {
        outcome: 'needs_attention',
        job,
        problem: englishProblem('held_by_other_patient', heldParams(job.imei, holder.uid)),
      };
    }
    await journal.ledger.append({ type: 'operator_action', action: 'retry', by, jobId, imei: job.imei, uid: job.uid });
    if (job.state === 'needs_attention')
      await journal.transition(jobId, 'ready', reasonOf(englishProblem('retried', { by })));
    this.forgetFailures(jobId);
    this.queue.resume();
    return this.queue.runNow(jobId);
  }

  /** `why` is the kind of an engine-written reason; a person's own words have none. */
  async cancel(
    jobId: string,
    by: string,
    reason?: string,
    why?: { kind: ProblemKind; params?: ProblemParams },
  ): Promise<JobView> {
    const journal = this.journal;
    const job = journal.requireJob(jobId);
    // Refuse before journaling: a cancel the state machine forbids must leave no trace of having happened.
    assertTransition(job.state, 'cancelled', jobId);
    await journal.ledger.append({
      type: 'operator_action',
      action: 'cancel',
      by,
      jobId,
      imei: job.imei,
      uid: job.uid,
      ...(reason ? { reason } : {}),
    });
    const kind = reason ? why : { kind: 'cancelled_by' as const, params: { by } };
    return journal.transition(jobId, 'cancelled', {
      reason: reason ?? englishText('cancelled_by', { by }).message,
      ...(kind ? { reasonKind: kind.kind, ...(kind.params ? { reasonParams: kind.params } : {}) } : {}),
    });
  }

  /**
   * A supervisor lets a blocked job through: the IMEI is first disconnected from the other patient
   * (journaled), then connected here. `fromUid` names that patient when only Validic knew (a 409).
   */
  async override(jobId: string, supervisor: string, by: string, fromUid?: string): Promise<OnboardResult> {
    const journal = this.journal;
    const job = journal.requireJob(jobId);
    if (job.state !== 'needs_attention') return resultOf(job);
    if (!journal.sendsInThisMode(job)) return otherModeResult(job, journal.mode);
    // From here until the job is ready, no attempt starts on another job of this IMEI: a queued holder
    // that turned `connecting` after the check below could no longer be cancelled.
    const release = this.queue.hold(job.imei);
    let refused: OnboardResult | undefined;
    try {
      refused = await this.moveDevice(job, supervisor, by, fromUid);
    } finally {
      release();
    }
    return refused ?? this.queue.runNow(jobId);
  }

  /** The override's journaled steps; a refusal (a holder's connect in flight) before any of them. */
  private async moveDevice(
    job: JobView,
    supervisor: string,
    by: string,
    fromUid: string | undefined,
  ): Promise<OnboardResult | undefined> {
    const journal = this.journal;
    const { jobId } = job;
    const inFlight = journal
      .jobsByImei(job.imei)
      .find(
        (j) =>
          j.jobId !== jobId &&
          j.uid !== job.uid &&
          (j.state === 'connecting' || (isSending(j.state) && this.queue.isRunning(j.jobId))),
      );
    if (inFlight) {
      // A connect in flight cannot be cancelled (its answer decides where the device is): nothing is journaled yet.
      return {
        outcome: 'needs_attention',
        job,
        problem: englishProblem('holder_connecting', heldParams(job.imei, inFlight.uid)),
      };
    }
    await journal.ledger.append({
      type: 'operator_action',
      action: 'override',
      by,
      supervisor,
      jobId,
      imei: job.imei,
      uid: job.uid,
    });
    const holders = journal.jobsByImei(job.imei).filter((j) => j.jobId !== jobId && j.uid !== job.uid && holdsImei(j));
    for (const holder of holders) {
      if (isSending(holder.state)) {
        await this.cancel(holder.jobId, by, englishText('superseded', { jobId }).message, {
          kind: 'superseded',
          params: { jobId },
        });
      } else {
        await this.disconnects.one(holder.uid, holder.imei, by, `Override by ${supervisor} for job ${jobId}`);
      }
    }
    // A 409 for an IMEI this journal never bound: only the supervisor knows the other patient.
    if (holders.length === 0 && fromUid !== undefined && fromUid !== job.uid) {
      await this.disconnects.one(fromUid, job.imei, by, `Override by ${supervisor} for job ${jobId}`);
    }
    await journal.transition(jobId, 'ready', {
      reason: englishText('override', { by: supervisor }).message,
      reasonKind: 'override',
      reasonParams: { by: supervisor },
    });
    return undefined;
  }
}
