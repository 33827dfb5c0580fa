/**
 * The onboarding service: turns "this IMEI for this patient" into a journaled job and drives it
 * through the state machine with the Validic client. Every transition is appended (fsynced) to the
 * ledger before it takes effect, so a restart finds each job where it was and the worker finishes it.
 *
 * It composes the rooms that do the work, each in its own file: admission (onboard-request.ts),
 * patient resolution (patients.ts), the connect with its one deliberate re-send (connect.ts), the
 * type-level check (verification.ts), the first reading (first-reading-check.ts), disconnects
 * (disconnects.ts), a person's retry, cancel and override (operator-actions.ts), all over one
 * mode's view of the journal (job-journal.ts), with the queue worker (worker.ts) driving them.
 */
import type { JobView } from '../ledger/job-index.js';
import type { Ledger } from '../ledger/ledger.js';
import type { JobState, LedgerRecord } from '../ledger/records.js';
import type { ValidicClient } from '../validic/client.js';
import type { DisconnectAll, DisconnectedConnection, User } from '../validic/schemas.js';
import { Connector } from './connect.js';
import { Disconnects } from './disconnects.js';
import type { FirstReadingResult } from './first-reading.js';
import { FirstReadings, type ConfirmOptions } from './first-reading-check.js';
import { selectJobs, type JobFilter } from './job-filter.js';
import { JobJournal, type TransitionExtra } from './job-journal.js';
import type { JobMode } from './job-modes.js';
import { admit, type OnboardRequest } from './onboard-request.js';
import { resultOf, type OnboardResult } from './onboard-result.js';
import { OperatorActions } from './operator-actions.js';
import { Patients } from './patients.js';
import type { ProblemKind, ProblemParams } from './problems.js';
import { Verifications, type OwedCheck } from './verification.js';
import { QueueWorker, type QueueStatus } from './worker.js';

export type { OnboardRequest } from './onboard-request.js';
export type { OnboardResult } from './onboard-result.js';
export type { JobMode } from './job-modes.js';
export type { JobFilter };

export interface OnboardingOptions {
  readonly ledger: Ledger;
  readonly client: ValidicClient;
  readonly station: string;
  readonly operator: string;
  /**
   * The mode this service sends in (default production). Every job is journaled with it, and only
   * jobs of this mode are sent: a production job is never sent to the training simulator, nor the reverse.
   */
  readonly mode?: JobMode;
  /** Worker slots (jobs in flight), default 16. */
  readonly concurrency?: number;
  /** First retry delay of a queued job, doubled per failure up to retryMaxMs. */
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  /** Verification waits while fewer calls than this remain in the budget. */
  readonly verifyReserve?: number;
  /** The type-level check runs this long after the 202 (sources may lag), default 0. */
  readonly verifyDelayMs?: number;
  /** First-reading polls are at least this far apart (Validic's budget is shared), default 15 s. */
  readonly minReadingPollMs?: number;
  /** Start the worker (default true). */
  readonly startWorker?: boolean;
  readonly random?: () => number;
}

export class OnboardingService {
  readonly ledger: Ledger;
  readonly client: ValidicClient;
  readonly worker: QueueWorker;
  readonly mode: JobMode;
  private readonly operator: string;
  private readonly journal: JobJournal;
  private readonly patients: Patients;
  private readonly verifications: Verifications;
  private readonly connector: Connector;
  private readonly disconnects: Disconnects;
  private readonly actions: OperatorActions;
  private readonly firstReadings: FirstReadings;

  constructor(options: OnboardingOptions) {
    this.ledger = options.ledger;
    this.client = options.client;
    this.mode = options.mode ?? 'production';
    this.operator = options.operator;
    this.journal = new JobJournal(options.ledger, options.client, this.mode, options.station, options.operator);
    this.worker = new QueueWorker(this, {
      concurrency: options.concurrency ?? 16,
      verifyReserve: options.verifyReserve ?? Math.max(16, Math.floor(options.client.budget.limit / 20)),
    });
    this.patients = new Patients(this.journal);
    this.verifications = new Verifications(
      this.journal,
      this.patients,
      () => this.worker.kick(),
      options.verifyDelayMs ?? 0,
    );
    this.connector = new Connector(this.journal, this.patients, this.verifications, this.worker, options);
    this.disconnects = new Disconnects(this.journal, this.patients);
    this.actions = new OperatorActions(this.journal, this.disconnects, this.worker, (jobId) =>
      this.connector.forgetFailures(jobId),
    );
    this.firstReadings = new FirstReadings(this.journal, options.minReadingPollMs ?? 15_000);
    if (options.startWorker ?? true) this.worker.start();
  }

  // ---- Queries ---------------------------------------------------------------------------------

  /** True when this service may send the job: it was journaled in this service's mode. */
  sendsInThisMode(job: JobView): boolean {
    return this.journal.sendsInThisMode(job);
  }

  jobs(filter: JobFilter = 'all'): JobView[] {
    return selectJobs(this.ledger, filter);
  }

  job(jobId: string): JobView | undefined {
    return this.ledger.job(jobId);
  }

  /** Called with the job after every committed record about it. */
  subscribe(listener: (job: JobView, record: LedgerRecord) => void): () => void {
    return this.ledger.subscribe((record) => {
      const jobId = 'jobId' in record ? record.jobId : undefined;
      if (jobId === undefined) return;
      const job = this.ledger.job(jobId);
      if (job) listener(job, record);
    });
  }

  queueStatus(): QueueStatus {
    return this.worker.status();
  }

  /** The device bound to this IMEI now, per the journal. */
  binding(imei: string): JobView | undefined {
    return this.journal.binding(imei);
  }

  resultOf(job: JobView): OnboardResult {
    return resultOf(job);
  }

  // ---- Onboarding ------------------------------------------------------------------------------

  onboard(request: OnboardRequest): Promise<OnboardResult> {
    return admit(this.journal, this.worker, request);
  }

  /** One attempt at a job, with the one deliberate re-send after a lost answer (see connect.ts). */
  attempt(jobId: string): Promise<OnboardResult> {
    return this.connector.attempt(jobId);
  }

  /** Connected jobs owed a type-level check, due now or later (for the worker). */
  verificationsOwed(): ReadonlyMap<string, OwedCheck> {
    return this.verifications.owedChecks();
  }

  /** The type-level check a connected job is owed (see verification.ts). */
  verify(jobId: string): Promise<JobView> {
    return this.verifications.verify(jobId);
  }

  /** Looks once for the device's first reading and journals it when found (see first-reading-check.ts). */
  checkFirstReading(uid: string, imei: string): Promise<FirstReadingResult> {
    return this.firstReadings.check(uid, imei);
  }

  /** Waits up to `waitMs` for the device's first reading, polling at most every `minReadingPollMs`. */
  confirmFirstReading(uid: string, imei: string, options: ConfirmOptions): Promise<FirstReadingResult> {
    return this.firstReadings.confirm(uid, imei, options);
  }

  // ---- Operator actions ------------------------------------------------------------------------

  /** needs_attention or queued → back to the worker now. */
  retry(jobId: string, by: string = this.operator): Promise<OnboardResult> {
    return this.actions.retry(jobId, by);
  }

  /** `why` is the kind of an engine-written reason; a person's own words have none. */
  cancel(
    jobId: string,
    by: string = this.operator,
    reason?: string,
    why?: { kind: ProblemKind; params?: ProblemParams },
  ): Promise<JobView> {
    return this.actions.cancel(jobId, by, reason, why);
  }

  /** A supervisor lets a blocked job through (see operator-actions.ts). */
  override(jobId: string, supervisor: string, by: string = this.operator, fromUid?: string): Promise<OnboardResult> {
    return this.actions.override(jobId, supervisor, by, fromUid);
  }

  /** Disconnects one IMEI from a patient (see disconnects.ts). */
  disconnect(uid: string, imei: string, by: string = this.operator, reason?: string): Promise<DisconnectedConnection> {
    return this.disconnects.one(uid, imei, by, reason);
  }

  /** Disconnects all of a patient's Smart Meter devices (see disconnects.ts). */
  disconnectAll(uid: string, by: string = this.operator): Promise<DisconnectAll> {
    return this.disconnects.all(uid, by);
  }

  async getUser(uid: string): Promise<User> {
    const user = await this.patients.getUser(uid);
    this.patients.remember(user);
    return user;
  }

  transition(jobId: string, to: JobState, extra: TransitionExtra = {}): Promise<JobView> {
    return this.journal.transition(jobId, to, extra);
  }

  async close(): Promise<void> {
    await this.worker.stop();
  }
}
