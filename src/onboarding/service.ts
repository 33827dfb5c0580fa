/**
 * The onboarding service: turns "this IMEI for this patient" into a journaled job and drives it
 * through the state machine with the Validic client. Every transition is appended (fsynced) to the
 * ledger before it takes effect, so a restart finds each job where it was and the worker finishes it.
 *
 * Idempotency comes from the ledger, not from guessing: an IMEI bound to the same uid is answered
 * "already connected" and not sent again; bound to another uid it is blocked until a supervisor
 * override. This service alone decides to re-send a connect or a disconnect: when Validic's answer
 * was lost (the client reports `outcomeUnknown`), it re-sends once, deliberately and journaled
 * (api_attempt `attempt: 2`), and never a third time on its own.
 *
 * Validic's 202 is the answer: the job is connected. A user's sources[] name source types, never
 * IMEIs, and may lag, so a read of them is only a type-level check, made at most twice per device
 * within the budget's verification share, and it never sends the job back to the queue. The proof
 * that a device works is its first reading (source.device.id = the IMEI): confirmFirstReading().
 */
import { maskImei } from '../imei/format.js';
import type { Ledger } from '../ledger/ledger.js';
import type { JobView } from '../ledger/job-index.js';
import type { CaptureSource, JobState, LedgerRecord } from '../ledger/records.js';
import { isTakenAnswer, type ValidicClient } from '../validic/client.js';
import { ValidicError } from '../validic/errors.js';
import type { Connection, DisconnectAll, DisconnectedConnection, Reading, User } from '../validic/schemas.js';
import { firstReadingWindow, matchFirstReading, type FirstReadingResult } from './first-reading.js';
import { selectJobs, type JobFilter } from './job-filter.js';
import type { ProblemInfo, ProblemKind, ProblemParams } from './problems.js';
import { assertTransition } from './transitions.js';
import { QueueWorker, type QueueStatus } from './worker.js';

export interface OnboardRequest {
  readonly imei: string;
  readonly uid: string;
  readonly deviceType: string;
  readonly operator?: string;
  readonly orderRef?: string;
  readonly batchId?: string;
  /** A fixed job id (batch orders use one per order row); else one is made. */
  readonly jobId?: string;
  readonly source?: CaptureSource;
  /** Exactly what was scanned or typed. */
  readonly raw?: string;
  /** The operator confirmed a second device of the same type for this uid. */
  readonly confirmSecondDevice?: boolean;
  /** Journal the job and leave it to the worker instead of attempting it now. */
  readonly enqueueOnly?: boolean;
}

export type OnboardResult =
  | { readonly outcome: 'connected'; readonly job: JobView; readonly connection: Connection | null }
  | { readonly outcome: 'already_connected'; readonly job: JobView; readonly at: string; readonly by: string }
  | { readonly outcome: 'in_progress'; readonly job: JobView }
  | { readonly outcome: 'queued'; readonly job: JobView; readonly problem: ProblemInfo }
  | { readonly outcome: 'needs_attention'; readonly job: JobView; readonly problem: ProblemInfo }
  | { readonly outcome: 'needs_confirmation'; readonly existing: JobView; readonly problem: ProblemInfo };

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

export type JobMode = 'training' | 'production';

export type { JobFilter };

const BOUND_STATES: readonly JobState[] = ['connected', 'verified'];
const ACTIVE_STATES: readonly JobState[] = ['ready', 'connecting', 'queued'];
/** Connect requests one job may send without a person: the first, and one deliberate re-send. */
const MAX_CONNECT_SENDS = 2;
/** Type-level verification reads per job (a failed read is tried once more). */
const MAX_VERIFICATION_READS = 2;

function isBound(job: JobView): boolean {
  return BOUND_STATES.includes(job.state) && job.disconnectedAt === undefined;
}

/** What the service knows of a patient in memory: never journaled (the token is a secret). */
interface Patient {
  readonly token: string;
  /** A smart_meter source showed before this station's latest connect for the patient. */
  hadSmartMeter: boolean;
}

/** A direct call refused for this device (401/403/3xx) while the organization token works. */
class DeviceRefused extends Error {
  constructor(readonly error: ValidicError) {
    super(error.message);
  }
}

export class OnboardingService {
  readonly ledger: Ledger;
  readonly client: ValidicClient;
  readonly worker: QueueWorker;
  private readonly options: OnboardingOptions;
  private readonly patients = new Map<string, Patient>();
  private readonly patientFlights = new Map<string, Promise<Patient>>();
  private readonly failures = new Map<string, number>();
  /** Connected jobs owed a type-level check (this process only: the check is never owed after a restart). */
  private readonly toVerify = new Map<string, { dueAt: number; reads: number }>();
  private sequence = 0;
  readonly mode: JobMode;

  constructor(options: OnboardingOptions) {
    this.options = options;
    this.ledger = options.ledger;
    this.client = options.client;
    this.mode = options.mode ?? 'production';
    this.worker = new QueueWorker(this, {
      concurrency: options.concurrency ?? 16,
      verifyReserve: options.verifyReserve ?? Math.max(16, Math.floor(options.client.budget.limit / 20)),
    });
    if (options.startWorker ?? true) this.worker.start();
  }

  // ---- Queries ---------------------------------------------------------------------------------

  /** True when this service may send the job: it was journaled in this service's mode. */
  sendsInThisMode(job: JobView): boolean {
    return job.mode === this.mode;
  }

  /**
   * The journal's jobs for an IMEI or a patient that count in this mode: its own, and those of older
   * journals that have no mode (they may be either, so they still hold their IMEI).
   */
  private jobsByImei(imei: string): JobView[] {
    return this.ledger.jobsByImei(imei).filter((j) => j.mode === this.mode || j.mode === undefined);
  }

  private jobsByUid(uid: string): JobView[] {
    return this.ledger.jobsByUid(uid).filter((j) => j.mode === this.mode || j.mode === undefined);
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

  /** Lifts a pause (after `unauthorized`, once the credentials are fixed) and resumes the queue. */
  resume(): void {
    this.worker.resume();
  }

  /** The device bound to this IMEI now, per the journal. */
  binding(imei: string): JobView | undefined {
    return this.jobsByImei(imei)
      .filter(isBound)
      .sort((a, b) => b.intentSeq - a.intentSeq)[0];
  }

  // ---- Onboarding ------------------------------------------------------------------------------

  async onboard(request: OnboardRequest): Promise<OnboardResult> {
    const operator = request.operator ?? this.options.operator;
    await this.ledger.append({
      type: 'capture',
      source: request.source ?? 'typed',
      raw: request.raw ?? request.imei,
      imei: request.imei,
      station: this.options.station,
      operator,
    });

    const jobs = this.jobsByImei(request.imei);
    const bound = this.binding(request.imei);
    if (bound && bound.uid === request.uid) {
      return { outcome: 'already_connected', job: bound, at: bound.connectedAt ?? bound.updatedAt, by: bound.operator };
    }
    const active = jobs.find((j) => ACTIVE_STATES.includes(j.state));
    if (active && active.uid === request.uid) return { outcome: 'in_progress', job: active };

    const sameType =
      bound || active
        ? undefined
        : this.jobsByUid(request.uid).find(
            (j) =>
              j.deviceType === request.deviceType &&
              j.imei !== request.imei &&
              (isBound(j) || ACTIVE_STATES.includes(j.state)),
          );
    if (sameType && !request.confirmSecondDevice) {
      return {
        outcome: 'needs_confirmation',
        existing: sameType,
        problem: {
          kind: 'second_device',
          message: `Patient ${request.uid} already has a ${request.deviceType} device (IMEI ${maskImei(sameType.imei)}).`,
          nextAction: 'Confirm that this patient gets a second device of the same type, then scan again.',
          params: { uid: request.uid, imeiLast4: sameType.imei.slice(-4) },
        },
      };
    }

    const jobId = request.jobId ?? this.newJobId();
    await this.ledger.append({
      type: 'job_intent',
      jobId,
      imei: request.imei,
      uid: request.uid,
      deviceType: request.deviceType,
      operator,
      station: this.options.station,
      mode: this.mode,
      ...(request.orderRef !== undefined ? { orderRef: request.orderRef } : {}),
      ...(request.batchId !== undefined ? { batchId: request.batchId } : {}),
    });
    if (sameType) {
      await this.ledger.append({
        type: 'operator_action',
        action: 'confirm_second_device',
        by: operator,
        jobId,
        imei: request.imei,
        uid: request.uid,
      });
    }

    const holder = bound ?? active;
    if (holder) {
      const job = await this.transition(jobId, 'needs_attention', {
        reason: `IMEI ${maskImei(request.imei)} is ${holder.state === 'verified' || holder.state === 'connected' ? 'connected' : 'being connected'} to patient ${holder.uid} (job ${holder.jobId}).`,
        nextAction:
          'A supervisor can override: the device is disconnected from the other patient first, then connected here.',
        reasonKind: 'held_by_other_patient',
        reasonParams: heldParams(request.imei, holder.uid),
      });
      return {
        outcome: 'needs_attention',
        job,
        problem: {
          kind: 'conflict',
          message: job.reason ?? '',
          nextAction: job.nextAction ?? '',
          params: heldParams(request.imei, holder.uid),
        },
      };
    }

    if (request.enqueueOnly) {
      this.worker.kick();
      return { outcome: 'in_progress', job: this.ledger.job(jobId)! };
    }
    return this.worker.runNow(jobId);
  }

  /**
   * One attempt at a job (ready, queued, or connecting after a crash): journal `connecting`, make
   * sure of the user's marketplace token, connect, journal the result. After a lost answer (a queued
   * job whose reason is `outcome_unknown`, or a crash mid-connect) this attempt is the one deliberate
   * re-send; after a second lost answer no third request goes: a person decides.
   */
  async attempt(jobId: string): Promise<OnboardResult> {
    let job = this.requireJob(jobId);
    if (!this.sendsInThisMode(job)) return this.otherMode(job);
    if (job.state === 'connecting') {
      // The station stopped mid-connect: a request may have gone out. Journal that before deciding, so a
      // second crash still counts it (each start into `connecting` may have sent one).
      job = await this.transition(jobId, 'queued', {
        reason: 'The station stopped while connecting: the answer is unknown.',
        reasonKind: 'outcome_unknown',
      });
    }
    const afterLostAnswer = job.state === 'queued' && job.reasonKind === 'outcome_unknown';
    const sent = Math.max(job.connectSends, job.connectStarts);
    if (afterLostAnswer && sent >= MAX_CONNECT_SENDS) return this.unconfirmed(job, sent);
    if (job.state === 'ready' || job.state === 'queued') {
      job = await this.transition(
        jobId,
        'connecting',
        afterLostAnswer
          ? {
              reason: "Re-sending the connect once: Validic's answer to the first was lost.",
              reasonKind: 'resend_after_unknown',
            }
          : {},
      );
    }
    if (job.state !== 'connecting') return this.resultOf(job);
    try {
      const { connection, patient } = await this.connectWithToken(job, sent + 1);
      const hadSmartMeter = patient.hadSmartMeter;
      patient.hadSmartMeter = true;
      this.failures.delete(jobId);
      const connected = await this.transition(
        jobId,
        'connected',
        connection === null
          ? {
              reason: 'Validic accepted the connect (its answer had no usable body).',
              reasonKind: 'accepted_without_body',
            }
          : {},
      );
      await this.scheduleVerification(connected, hadSmartMeter);
      return { outcome: 'connected', job: connected, connection };
    } catch (error) {
      if (error instanceof DeviceRefused) return this.deviceRefused(jobId, error.error);
      if (
        afterLostAnswer &&
        error instanceof ValidicError &&
        (error.kind === 'invalid_request' || error.kind === 'conflict')
      ) {
        return this.resendRefused(jobId, error);
      }
      if (!(error instanceof ValidicError)) throw error;
      if (afterLostAnswer && error.outcomeUnknown)
        return this.afterSecondLostAnswer(this.requireJob(jobId), sent + 1, error);
      const result = await this.failed(jobId, error);
      // The first answer was lost: the deliberate re-send goes now, while the operator is still waiting.
      if (error.outcomeUnknown) return this.attempt(jobId);
      return result;
    }
  }

  /**
   * A second lost answer. One type-level read can still settle it when it means something (this
   * process read the patient just before and saw no smart_meter source, and no other device of theirs
   * is bound or in flight): a source now is this device. Otherwise a person decides.
   */
  private async afterSecondLostAnswer(job: JobView, sent: number, error: ValidicError): Promise<OnboardResult> {
    const patient = this.patients.get(job.uid);
    const others = this.hasOtherDevice(job);
    if (patient && !patient.hadSmartMeter && !others) {
      try {
        const user = await this.call(job, 'get_user', () => this.client.getUser(job.uid, 'verification'));
        if (user.sources.some((s) => s.type === 'smart_meter')) {
          this.rememberPatient(user);
          const connected = await this.transition(job.jobId, 'connected', {
            reason: "Found on the patient's sources after the connect's answers were lost.",
            reasonKind: 'found_after_interruption',
          });
          await this.ledger.append({
            type: 'verification',
            jobId: job.jobId,
            uid: job.uid,
            imei: job.imei,
            outcome: 'confirmed',
            detail: 'read after two lost answers',
          });
          await this.transition(job.jobId, 'verified');
          return { outcome: 'connected', job: this.requireJob(connected.jobId), connection: null };
        }
      } catch (readError) {
        if (!(readError instanceof ValidicError)) throw readError;
      }
    }
    return this.unconfirmed(this.requireJob(job.jobId), sent, error);
  }

  /** A job of the other mode (or of none) is never sent: it waits, saying why. */
  private otherMode(job: JobView): OnboardResult {
    const problem: ProblemInfo = {
      kind: 'waiting_for_mode',
      message:
        job.mode === undefined
          ? 'This job comes from an older journal that does not say whether it was training or production: it is not sent on its own.'
          : `This job was made in ${job.mode} mode and the kiosk is in ${this.mode} mode: it waits until the kiosk is back in ${job.mode} mode.`,
      nextAction:
        job.mode === undefined
          ? 'Retry it to send it in the mode of now, or cancel it.'
          : `Switch back to ${job.mode} mode to finish it, or cancel it.`,
      params: { mode: job.mode ?? 'unknown', now: this.mode },
    };
    return { outcome: 'queued', job, problem };
  }

  /** Two lost answers: the device may well be connected. No third request; a person decides. */
  private async unconfirmed(job: JobView, sent: number, error?: ValidicError): Promise<OnboardResult> {
    const problem: ProblemInfo = {
      kind: 'connect_unconfirmed',
      message: `Validic's answers to ${sent} connect requests were lost${error ? ` (last: ${error.message})` : ''}; the device may be connected.`,
      nextAction:
        'Ask the patient for a reading to confirm it, or retry once Validic answers again (Retry sends one more connect).',
      params: { sent },
    };
    return this.needsAttention(job.jobId, problem);
  }

  /** Journals the job into needs_attention with the problem's words, kind and params, and answers with it. */
  private async needsAttention(jobId: string, problem: ProblemInfo): Promise<OnboardResult> {
    const job = await this.transition(jobId, 'needs_attention', {
      reason: problem.message.slice(0, 2000),
      nextAction: problem.nextAction,
      reasonKind: problem.kind,
      ...(problem.params ? { reasonParams: problem.params } : {}),
    });
    return { outcome: 'needs_attention', job, problem };
  }

  private async resendRefused(jobId: string, error: ValidicError): Promise<OnboardResult> {
    const said = error.serverMessage ?? error.message;
    const problem: ProblemInfo = {
      kind: 'resend_refused',
      message: `The first connect's answer was lost and Validic refused the re-send (${error.status ?? error.kind}: ${said}); most likely the first one went through.`,
      nextAction:
        'Ask the patient for a reading to confirm it; if none comes, a supervisor checks the device with Validic.',
      params: { said },
    };
    return this.needsAttention(jobId, problem);
  }

  /** One device refused on the direct host while the organization token works: this job waits for a person, the queue goes on. */
  private async deviceRefused(jobId: string, error: ValidicError): Promise<OnboardResult> {
    const problem: ProblemInfo = {
      kind: 'device_refused',
      message: `Validic refused this device for this patient: ${error.message}`,
      nextAction: 'Check the IMEI and the device type; if they are right, contact Validic support with the IMEI.',
      params: { status: error.status ?? 0 },
    };
    return this.needsAttention(jobId, problem);
  }

  /**
   * Connects with the patient's marketplace token. A refused token (401/403, or a redirect to the
   * web app's sign-in page) costs one cheap org-token read: if that read is refused too, the org
   * token is bad (the queue pauses); else a changed token is tried once, and an unchanged one means
   * Validic refuses this device (DeviceRefused).
   */
  private async connectWithToken(
    job: JobView,
    attempt: number,
  ): Promise<{ connection: Connection | null; patient: Patient }> {
    const patient = await this.patientFor(job.uid, job);
    try {
      const connection = await this.call(
        job,
        'connect',
        () => this.client.connect(patient.token, job.imei, job.deviceType),
        undefined,
        attempt,
      );
      return { connection, patient };
    } catch (error) {
      if (!(error instanceof ValidicError) || error.kind !== 'unauthorized' || error.credential !== 'marketplace')
        throw error;
      this.patients.delete(job.uid);
      const fresh = await this.readPatient(job.uid, job);
      if (fresh.token === patient.token) throw new DeviceRefused(error);
      try {
        const connection = await this.call(
          job,
          'connect',
          () => this.client.connect(fresh.token, job.imei, job.deviceType),
          undefined,
          attempt + 1,
        );
        return { connection, patient: fresh };
      } catch (again) {
        if (again instanceof ValidicError && again.kind === 'unauthorized' && again.credential === 'marketplace')
          throw new DeviceRefused(again);
        throw again;
      }
    }
  }

  /**
   * Owes a connected job a type-level check only when it can mean something: the patient had no
   * smart_meter source before this connect and no other device of theirs is bound or in flight.
   */
  private async scheduleVerification(job: JobView, hadSmartMeter: boolean): Promise<void> {
    const others = this.hasOtherDevice(job);
    if (hadSmartMeter || others) {
      const why = hadSmartMeter
        ? 'the patient already has a smart_meter source'
        : 'another device of the patient is bound or in flight';
      await this.ledger.append({
        type: 'verification',
        jobId: job.jobId,
        uid: job.uid,
        imei: job.imei,
        outcome: 'skipped',
        detail: `${why}: a type-level read cannot tell devices apart`,
      });
      return;
    }
    this.toVerify.set(job.jobId, { dueAt: Date.now() + (this.options.verifyDelayMs ?? 0), reads: 0 });
    this.worker.kick();
  }

  /** Another device of this patient is bound or in flight: a smart_meter source could be that one's. */
  private hasOtherDevice(job: JobView): boolean {
    return this.jobsByUid(job.uid).some(
      (j) => j.jobId !== job.jobId && j.imei !== job.imei && (isBound(j) || ACTIVE_STATES.includes(j.state)),
    );
  }

  /** Connected jobs owed a type-level check, due now or later (for the worker). */
  verificationsOwed(): ReadonlyMap<string, { readonly dueAt: number; readonly reads: number }> {
    return this.toVerify;
  }

  /**
   * The type-level check: one read of the patient's sources (verification share of the budget).
   * A smart_meter source → verified; none → stays connected (sources lag or only show with data);
   * a failed read is tried once more; a spent share skips it. Never re-sends a connect.
   */
  async verify(jobId: string): Promise<JobView> {
    const owed = this.toVerify.get(jobId);
    const job = this.requireJob(jobId);
    if (!owed || job.state !== 'connected') {
      this.toVerify.delete(jobId);
      return job;
    }
    owed.reads++;
    let user: User;
    try {
      user = await this.call(job, 'get_user', () => this.client.getUser(job.uid, 'verification'));
    } catch (error) {
      if (!(error instanceof ValidicError)) throw error;
      const spent = error.kind === 'rate_limited' && error.status === undefined;
      const last = spent || owed.reads >= MAX_VERIFICATION_READS || error.kind === 'unauthorized';
      await this.ledger.append({
        type: 'verification',
        jobId,
        uid: job.uid,
        imei: job.imei,
        outcome: spent ? 'skipped' : 'failed',
        detail: error.message.slice(0, 2000),
      });
      if (last) this.toVerify.delete(jobId);
      else owed.dueAt = error.retryAt ?? Date.now() + 5_000;
      return this.requireJob(jobId);
    }
    this.toVerify.delete(jobId);
    this.rememberPatient(user);
    if (user.sources.some((s) => s.type === 'smart_meter')) {
      await this.ledger.append({ type: 'verification', jobId, uid: job.uid, imei: job.imei, outcome: 'confirmed' });
      return this.transition(jobId, 'verified');
    }
    await this.ledger.append({
      type: 'verification',
      jobId,
      uid: job.uid,
      imei: job.imei,
      outcome: 'absent',
      detail: 'no smart_meter source yet: Validic shows sources late, or once data flows',
    });
    return this.requireJob(jobId);
  }

  // ---- First reading ---------------------------------------------------------------------------

  /**
   * Looks once for the device's first reading on Validic (source.type smart_meter, source.device.id
   * = the IMEI) and journals it when found. A job that already has one answers without a call.
   */
  async checkFirstReading(uid: string, imei: string): Promise<FirstReadingResult> {
    const unconfirmed = this.unconfirmedJob(uid, imei);
    const job = this.boundJob(uid, imei) ?? unconfirmed;
    if (job?.confirmedAt !== undefined && job.firstReading)
      return { confirmed: true, confirmedAt: job.confirmedAt, reading: job.firstReading, calls: 0 };
    const window = firstReadingWindow(job?.connectedAt, new Date());
    const page = await this.call(
      job,
      'get_readings',
      () => this.client.getReadings(uid, window.startDate, window.endDate),
      uid,
    );
    const found: Reading | undefined = matchFirstReading(page.data, imei, job?.connectedAt);
    if (!found) return { confirmed: false, calls: 1 };
    const reading = {
      readingId: found.id.slice(0, 254),
      takenAt: found.start_time,
      metrics: found.metrics
        .slice(0, 32)
        .map((m) => ({ type: m.type.slice(0, 64), unit: m.unit.slice(0, 32), value: m.value })),
    };
    const record = await this.ledger.append({
      type: 'first_reading',
      uid,
      imei,
      ...reading,
      ...(job ? { jobId: job.jobId } : {}),
    });
    if (unconfirmed && job === unconfirmed) {
      // The reading proves what the lost answers could not: the device is connected to this patient.
      await this.transition(unconfirmed.jobId, 'connected', {
        reason: "The device's first reading arrived: the connect had gone through.",
        reasonKind: 'confirmed_by_reading',
      });
    }
    return { confirmed: true, confirmedAt: record.ts, reading, calls: 1 };
  }

  /** A job for this IMEI and patient left for a person because its connect's answers were lost (a reading settles it). */
  private unconfirmedJob(uid: string, imei: string): JobView | undefined {
    return this.jobsByImei(imei).find(
      (j) =>
        j.uid === uid &&
        j.state === 'needs_attention' &&
        (j.reasonKind === 'connect_unconfirmed' || j.reasonKind === 'resend_refused'),
    );
  }

  /**
   * Waits up to `waitMs` for the device's first reading, polling at most every `minReadingPollMs`
   * (15 s by default) within the verification share of the budget. Stops early on `signal`.
   */
  async confirmFirstReading(
    uid: string,
    imei: string,
    options: { waitMs: number; signal?: AbortSignal; onPoll?: (polls: number) => void },
  ): Promise<FirstReadingResult> {
    const pollMs = Math.max(1, this.options.minReadingPollMs ?? 15_000);
    const giveUpAt = Date.now() + Math.max(0, options.waitMs);
    let calls = 0;
    for (let polls = 1; ; polls++) {
      let nextAt = Date.now() + pollMs;
      try {
        const result = await this.checkFirstReading(uid, imei);
        calls += result.calls;
        if (result.confirmed) return { ...result, calls };
      } catch (error) {
        if (!(error instanceof ValidicError) || !error.retryable) throw error;
        calls++;
        if (error.retryAt !== undefined) nextAt = Math.max(nextAt, error.retryAt);
      }
      options.onPoll?.(polls);
      if (nextAt >= giveUpAt || options.signal?.aborted) return { confirmed: false, calls };
      await sleepUntil(nextAt, options.signal);
      if (options.signal?.aborted) return { confirmed: false, calls };
    }
  }

  /** The job that bound this IMEI to this patient (the latest), if this journal has one. */
  private boundJob(uid: string, imei: string): JobView | undefined {
    return this.jobsByImei(imei)
      .filter((j) => j.uid === uid && j.connectedAt !== undefined)
      .sort((a, b) => b.intentSeq - a.intentSeq)[0];
  }

  private async failed(jobId: string, error: ValidicError): Promise<OnboardResult> {
    const problem: ProblemInfo = { kind: error.kind, message: error.message, nextAction: error.nextAction };
    switch (error.kind) {
      case 'conflict':
      case 'invalid_request':
      case 'not_found':
      case 'configuration': {
        const nextAction =
          error.kind === 'conflict'
            ? 'Validic says this IMEI is connected to another patient: a supervisor can override (disconnect it there first), or check the label.'
            : error.nextAction;
        const job = await this.transition(jobId, 'needs_attention', {
          reason: error.message,
          nextAction,
          reasonKind: error.kind,
        });
        return { outcome: 'needs_attention', job, problem: { ...problem, nextAction } };
      }
      case 'unauthorized': {
        this.worker.pause(error.message, error.kind);
        const job = await this.transition(jobId, 'queued', {
          reason: `Paused: ${error.message}`,
          reasonKind: error.kind,
        });
        return { outcome: 'queued', job, problem };
      }
      case 'rate_limited':
      case 'server_error':
      case 'timeout':
      case 'network':
      case 'malformed_response': {
        const at = error.retryAt ?? Date.now() + this.backoffMs(jobId);
        // A lost answer is journaled as such: the next attempt is then a deliberate re-send (see attempt()).
        const reasonKind: ProblemKind = error.outcomeUnknown ? 'outcome_unknown' : error.kind;
        const job = await this.transition(jobId, 'queued', {
          reason: error.message,
          reasonKind,
          nextAttemptAt: new Date(at).toISOString(),
        });
        this.worker.kick();
        return { outcome: 'queued', job, problem };
      }
      default: {
        const never: never = error.kind;
        throw new Error(`unhandled error kind ${String(never)}`);
      }
    }
  }

  private backoffMs(jobId: string): number {
    const n = (this.failures.get(jobId) ?? 0) + 1;
    this.failures.set(jobId, n);
    const base = this.options.retryBaseMs ?? 2_000;
    const ceiling = Math.min(this.options.retryMaxMs ?? 300_000, base * 2 ** (n - 1));
    return ceiling / 2 + (this.options.random ?? Math.random)() * (ceiling / 2);
  }

  // ---- Operator actions ------------------------------------------------------------------------

  /** needs_attention or queued → back to the worker now. */
  async retry(jobId: string, by: string = this.options.operator): Promise<OnboardResult> {
    let job = this.requireJob(jobId);
    if (job.state !== 'needs_attention' && job.state !== 'queued') return this.resultOf(job);
    if (job.mode !== undefined && job.mode !== this.mode) return this.otherMode(job);
    if (job.mode === undefined) {
      // An older journal's job: the person who retries it decides it belongs to the mode of now.
      await this.ledger.append({
        type: 'operator_action',
        action: 'adopt_mode',
        by,
        jobId,
        imei: job.imei,
        uid: job.uid,
        mode: this.mode,
      });
      job = this.requireJob(jobId);
    }
    const holder = this.jobsByImei(job.imei).find(
      (j) => j.uid !== job.uid && (isBound(j) || ACTIVE_STATES.includes(j.state)),
    );
    if (holder) {
      // Still held by another patient per the journal: a retry would only earn a 409. Only an override helps.
      return {
        outcome: 'needs_attention',
        job,
        problem: {
          kind: 'conflict',
          message: `IMEI ${maskImei(job.imei)} is still held by patient ${holder.uid} (job ${holder.jobId}).`,
          nextAction: 'A supervisor can override, or cancel this job.',
          params: heldParams(job.imei, holder.uid),
        },
      };
    }
    await this.ledger.append({ type: 'operator_action', action: 'retry', by, jobId, imei: job.imei, uid: job.uid });
    if (job.state === 'needs_attention')
      await this.transition(jobId, 'ready', {
        reason: `Retried by ${by}`,
        reasonKind: 'retried',
        reasonParams: { by },
      });
    this.failures.delete(jobId);
    this.worker.resume();
    return this.worker.runNow(jobId);
  }

  /** `why` is the kind of an engine-written reason; a person's own words have none. */
  async cancel(
    jobId: string,
    by: string = this.options.operator,
    reason?: string,
    why?: { kind: ProblemKind; params?: ProblemParams },
  ): Promise<JobView> {
    const job = this.requireJob(jobId);
    // Refuse before journaling: a cancel the state machine forbids must leave no trace of having happened.
    assertTransition(job.state, 'cancelled', jobId);
    await this.ledger.append({
      type: 'operator_action',
      action: 'cancel',
      by,
      jobId,
      imei: job.imei,
      uid: job.uid,
      ...(reason ? { reason } : {}),
    });
    const kind = reason ? why : { kind: 'cancelled' as const, params: { by } };
    return this.transition(jobId, 'cancelled', {
      reason: reason ?? `Cancelled by ${by}`,
      ...(kind ? { reasonKind: kind.kind, ...(kind.params ? { reasonParams: kind.params } : {}) } : {}),
    });
  }

  /**
   * A supervisor lets a blocked job through: the IMEI is first disconnected from the other patient
   * (journaled), then connected here. `fromUid` names that patient when only Validic knew (a 409).
   */
  async override(
    jobId: string,
    supervisor: string,
    by: string = this.options.operator,
    fromUid?: string,
  ): Promise<OnboardResult> {
    const job = this.requireJob(jobId);
    if (job.state !== 'needs_attention') return this.resultOf(job);
    if (!this.sendsInThisMode(job)) return this.otherMode(job);
    const inFlight = this.jobsByImei(job.imei).find(
      (j) => j.jobId !== jobId && j.uid !== job.uid && j.state === 'connecting',
    );
    if (inFlight) {
      // A connect in flight cannot be cancelled (its answer decides where the device is): nothing is journaled yet.
      return {
        outcome: 'needs_attention',
        job,
        problem: {
          kind: 'holder_connecting',
          message: `IMEI ${maskImei(job.imei)} is being connected to another patient right now; an override must wait for that answer.`,
          nextAction: 'Wait a moment, then override again.',
          params: heldParams(job.imei, inFlight.uid),
        },
      };
    }
    await this.ledger.append({
      type: 'operator_action',
      action: 'override',
      by,
      supervisor,
      jobId,
      imei: job.imei,
      uid: job.uid,
    });
    const holders = this.jobsByImei(job.imei).filter(
      (j) => j.jobId !== jobId && j.uid !== job.uid && (isBound(j) || ACTIVE_STATES.includes(j.state)),
    );
    for (const holder of holders) {
      if (ACTIVE_STATES.includes(holder.state)) {
        await this.cancel(holder.jobId, by, `Superseded by override of job ${jobId}`, {
          kind: 'superseded',
          params: { jobId },
        });
      } else {
        await this.disconnect(holder.uid, holder.imei, by, `Override by ${supervisor} for job ${jobId}`);
      }
    }
    // A 409 for an IMEI this journal never bound: only the supervisor knows the other patient.
    if (holders.length === 0 && fromUid !== undefined && fromUid !== job.uid) {
      await this.disconnect(fromUid, job.imei, by, `Override by ${supervisor} for job ${jobId}`);
    }
    await this.transition(jobId, 'ready', {
      reason: `Override by ${supervisor}`,
      reasonKind: 'override',
      reasonParams: { by: supervisor },
    });
    return this.worker.runNow(jobId);
  }

  /**
   * Disconnects one IMEI from a patient; journaled on the job that bound it. Never provisions: a uid
   * Validic does not know is refused. A lost answer is re-sent once; a 404 to that re-send means the
   * first one went through.
   */
  async disconnect(
    uid: string,
    imei: string,
    by: string = this.options.operator,
    reason?: string,
  ): Promise<DisconnectedConnection> {
    const patient = await this.existingPatient(uid);
    const bound = this.jobsByImei(imei).filter((j) => j.uid === uid && isBound(j));
    const { value: result } = await this.callResendingOnce(
      bound[0],
      'disconnect',
      () => this.client.disconnect(patient.token, imei),
      uid,
      (again) =>
        again.kind === 'not_found'
          ? disconnectedFromJournal(
              imei,
              bound[0],
              'Disconnected: the first answer was lost and Validic no longer has the device on this patient.',
            )
          : undefined,
    );
    const targets = bound.length > 0 ? bound.map((j) => j.jobId) : [undefined];
    for (const jobId of targets) {
      await this.ledger.append({
        type: 'operator_action',
        action: 'disconnect',
        by,
        imei,
        uid,
        ...(jobId ? { jobId } : {}),
        ...(reason ? { reason } : {}),
      });
    }
    return result;
  }

  /**
   * Disconnects all of a patient's Smart Meter devices. Never provisions: a uid Validic does not know
   * is refused. A lost answer is re-sent once; the devices this journal bound count as disconnected then.
   */
  async disconnectAll(uid: string, by: string = this.options.operator): Promise<DisconnectAll> {
    const patient = await this.existingPatient(uid);
    const sent = await this.callResendingOnce(
      undefined,
      'disconnect_all',
      () => this.client.disconnectAll(patient.token),
      uid,
    );
    let result = sent.value;
    if (sent.resent) {
      // The first may have disconnected them already (the re-send then lists none): add what the journal bound.
      const listed = new Set(result.connections.map((c) => c.credentials.device_id));
      const fromJournal = this.jobsByUid(uid)
        .filter((j) => isBound(j) && !listed.has(j.imei))
        .map((j) =>
          disconnectedFromJournal(
            j.imei,
            j,
            'Disconnected: the first answer was lost; the re-send found nothing left.',
          ),
        );
      const connections = [...result.connections, ...fromJournal];
      result = { ...result, meta: { ...result.meta, total: connections.length }, connections };
    }
    const imeis = new Set(result.connections.map((c) => c.credentials.device_id));
    for (const job of this.jobsByUid(uid)) if (isBound(job)) imeis.add(job.imei);
    for (const imei of imeis) {
      const bound = this.jobsByImei(imei).filter((j) => j.uid === uid && isBound(j));
      if (bound.length === 0 && !/^\d{15}$/.test(imei)) continue;
      const targets = bound.length > 0 ? bound.map((j) => j.jobId) : [undefined];
      for (const jobId of targets) {
        await this.ledger.append({
          type: 'operator_action',
          action: 'disconnect',
          by,
          uid,
          imei,
          reason: 'disconnect all',
          ...(jobId ? { jobId } : {}),
        });
      }
    }
    return result;
  }

  async getUser(uid: string): Promise<User> {
    const user = await this.call(undefined, 'get_user', () => this.client.getUser(uid), uid);
    this.rememberPatient(user);
    return user;
  }

  // ---- Plumbing --------------------------------------------------------------------------------

  /**
   * The patient for a connect, with the fewest calls: in memory (0 calls); known to Validic per this
   * journal (a job of theirs was connected) → read it (1 call; provision on 404); otherwise provision
   * (1 call) and, when the uid is taken (409, or 422 in Validic's v2 reference), read it back (2 calls).
   */
  private patientFor(uid: string, job?: JobView): Promise<Patient> {
    const known = this.patients.get(uid);
    if (known) return Promise.resolve(known);
    let flight = this.patientFlights.get(uid);
    if (!flight) {
      flight = (async () => {
        const returning = this.jobsByUid(uid).some((j) => j.connectedAt !== undefined);
        if (returning) {
          try {
            return await this.readPatient(uid, job);
          } catch (error) {
            if (!(error instanceof ValidicError) || error.kind !== 'not_found') throw error;
          }
        }
        try {
          const user = await this.call(job, 'provision', () => this.client.provisionUser(uid), uid);
          return this.rememberPatient(user);
        } catch (error) {
          if (!(error instanceof ValidicError) || !isTakenAnswer(error)) throw error;
          try {
            return await this.readPatient(uid, job);
          } catch (readError) {
            // A 422 for a uid Validic does not have was a real refusal of the request: report that one.
            if (readError instanceof ValidicError && readError.kind === 'not_found') throw error;
            throw readError;
          }
        }
      })().finally(() => this.patientFlights.delete(uid));
      this.patientFlights.set(uid, flight);
    }
    return flight;
  }

  /** Reads the patient (the org token's cheap check too). */
  private async readPatient(uid: string, job?: JobView): Promise<Patient> {
    const user = await this.call(job, 'get_user', () => this.client.getUser(uid), uid);
    return this.rememberPatient(user);
  }

  /** The patient for a disconnect: never provisioned; an unknown uid is refused with the reason. */
  private async existingPatient(uid: string): Promise<Patient> {
    const known = this.patients.get(uid);
    if (known) return known;
    try {
      return await this.readPatient(uid);
    } catch (error) {
      if (error instanceof ValidicError && error.kind === 'not_found') {
        throw new ValidicError({
          kind: 'not_found',
          status: 404,
          message: `Validic has no patient "${uid}": nothing was disconnected, and no patient was created.`,
        });
      }
      throw error;
    }
  }

  private rememberPatient(user: User): Patient {
    const patient: Patient = {
      token: user.marketplace.token,
      hadSmartMeter: user.sources.some((s) => s.type === 'smart_meter'),
    };
    this.patients.set(user.uid, patient);
    return patient;
  }

  /**
   * A disconnect that may have reached Validic without an answer is re-sent once, deliberately and
   * journaled (attempt 2); `settle` may turn that re-send's refusal into an answer (a 404: already gone).
   */
  private async callResendingOnce<T>(
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

  /** One client call, journaled as an api_attempt with its outcome (never the token or the URL). */
  private async call<T>(
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

  async transition(
    jobId: string,
    to: JobState,
    extra: {
      reason?: string;
      reasonKind?: ProblemKind;
      reasonParams?: ProblemParams;
      nextAction?: string;
      nextAttemptAt?: string;
    } = {},
  ): Promise<JobView> {
    const job = this.requireJob(jobId);
    assertTransition(job.state, to, jobId);
    await this.ledger.append({ type: 'job_transition', jobId, from: job.state, to, ...extra });
    return this.requireJob(jobId);
  }

  resultOf(job: JobView): OnboardResult {
    // The journal's reason kind when it has one (translatable); else the state itself.
    const problem = (fallback: ProblemKind): ProblemInfo => ({
      kind: (job.reasonKind as ProblemKind | undefined) ?? fallback,
      message: job.reason ?? '',
      nextAction: job.nextAction ?? '',
      ...(job.reasonParams ? { params: job.reasonParams } : {}),
    });
    switch (job.state) {
      case 'connected':
      case 'verified':
        return { outcome: 'connected', job, connection: null };
      case 'queued':
        return { outcome: 'queued', job, problem: problem('queued') };
      case 'needs_attention':
        return { outcome: 'needs_attention', job, problem: problem('needs_attention') };
      case 'cancelled':
        return {
          outcome: 'needs_attention',
          job,
          problem: {
            kind: 'cancelled',
            message: job.reason ?? 'The job was cancelled.',
            nextAction: 'Scan the device again to start a new job.',
          },
        };
      case 'captured':
      case 'ready':
      case 'connecting':
        return { outcome: 'in_progress', job };
      default: {
        const never: never = job.state;
        throw new Error(`unknown state ${String(never)}`);
      }
    }
  }

  private requireJob(jobId: string): JobView {
    const job = this.ledger.job(jobId);
    if (!job) throw new Error(`No job ${jobId} in the ledger.`);
    return job;
  }

  private newJobId(): string {
    const stamp = Date.now().toString(36);
    return `job-${stamp}-${process.pid.toString(36)}-${(this.sequence++).toString(36)}`;
  }

  async close(): Promise<void> {
    await this.worker.stop();
  }
}

/** A disconnect Validic applied without an answer we could read, described from the journal. */
function disconnectedFromJournal(imei: string, job: JobView | undefined, reason: string): DisconnectedConnection {
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    credentials: { device_id: imei, device_type: job?.deviceType ?? 'unknown', device_name: null },
    type: 'smart_meter',
    created_at: job?.connectedAt ?? now,
    deleted_at: now,
    deleted_reason: reason,
  };
}

function sleepUntil(at: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, Math.max(0, at - Date.now()));
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Params for "this IMEI is on another patient": the other patient only as its last 4. */
function heldParams(imei: string, otherUid: string): ProblemParams {
  return { imeiLast4: imei.slice(-4), otherLast4: otherUid.slice(-4) };
}
