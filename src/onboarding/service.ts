/**
 * The onboarding service: turns "this IMEI for this patient" into a journaled job and drives it
 * through the state machine with the Validic client. Every transition is appended (fsynced) to the
 * ledger before it takes effect, so a restart finds each job where it was and recover() finishes it.
 *
 * Idempotency comes from the ledger, not from guessing: an IMEI bound to the same uid is answered
 * "already connected" and not sent again; bound to another uid it is blocked until a supervisor
 * override.
 */
import { maskImei } from '../imei/format.js';
import type { Ledger } from '../ledger/ledger.js';
import type { JobView } from '../ledger/job-index.js';
import type { CaptureSource, JobState, LedgerRecord } from '../ledger/records.js';
import type { ValidicClient } from '../validic/client.js';
import { ValidicError } from '../validic/errors.js';
import type { Connection, DisconnectAll, DisconnectedConnection, User } from '../validic/schemas.js';
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
  /** Worker slots (jobs in flight), default 16. */
  readonly concurrency?: number;
  /** First retry delay of a queued job, doubled per failure up to retryMaxMs. */
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  /** Verification waits while fewer calls than this remain in the budget. */
  readonly verifyReserve?: number;
  /** Start the worker (default true). */
  readonly startWorker?: boolean;
  readonly random?: () => number;
}

export type JobFilter = 'open' | 'queued' | 'needs_attention' | 'unverified' | 'all';

const BOUND_STATES: readonly JobState[] = ['connected', 'verified'];
const ACTIVE_STATES: readonly JobState[] = ['ready', 'connecting', 'queued'];

function isBound(job: JobView): boolean {
  return BOUND_STATES.includes(job.state) && job.disconnectedAt === undefined;
}

export class OnboardingService {
  readonly ledger: Ledger;
  readonly client: ValidicClient;
  readonly worker: QueueWorker;
  private readonly options: OnboardingOptions;
  private readonly tokens = new Map<string, string>();
  private readonly tokenFlights = new Map<string, Promise<string>>();
  private readonly failures = new Map<string, number>();
  /** Jobs whose last connect ended without a clear answer: re-read the user before sending again. */
  private readonly uncertain = new Set<string>();
  private sequence = 0;

  constructor(options: OnboardingOptions) {
    this.options = options;
    this.ledger = options.ledger;
    this.client = options.client;
    this.worker = new QueueWorker(this, {
      concurrency: options.concurrency ?? 16,
      verifyReserve: options.verifyReserve ?? Math.max(16, Math.floor(options.client.budget.limit / 20)),
    });
    // Jobs left mid-connect by a crash: the answer is unknown, so re-read before connecting again.
    for (const job of this.ledger.openJobs()) if (job.state === 'connecting') this.uncertain.add(job.jobId);
    if (options.startWorker ?? true) this.worker.start();
  }

  // ---- Queries ---------------------------------------------------------------------------------

  jobs(filter: JobFilter = 'all'): JobView[] {
    const all = filter === 'all' ? this.ledger.jobs() : this.ledger.openJobs();
    switch (filter) {
      case 'all':
      case 'open':
        return all;
      case 'queued':
        return all.filter((j) => j.state === 'queued');
      case 'needs_attention':
        return all.filter((j) => j.state === 'needs_attention');
      case 'unverified':
        return all.filter((j) => j.state === 'connected');
      default: {
        const never: never = filter;
        throw new Error(`unknown filter ${String(never)}`);
      }
    }
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
    return this.ledger
      .jobsByImei(imei)
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

    const jobs = this.ledger.jobsByImei(request.imei);
    const bound = this.binding(request.imei);
    if (bound && bound.uid === request.uid) {
      return { outcome: 'already_connected', job: bound, at: bound.connectedAt ?? bound.updatedAt, by: bound.operator };
    }
    const active = jobs.find((j) => ACTIVE_STATES.includes(j.state));
    if (active && active.uid === request.uid) return { outcome: 'in_progress', job: active };

    const sameType = bound || active
      ? undefined
      : this.ledger
          .jobsByUid(request.uid)
          .find((j) => j.deviceType === request.deviceType && j.imei !== request.imei && (isBound(j) || ACTIVE_STATES.includes(j.state)));
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
      ...(request.orderRef !== undefined ? { orderRef: request.orderRef } : {}),
      ...(request.batchId !== undefined ? { batchId: request.batchId } : {}),
    });
    if (sameType) {
      await this.ledger.append({ type: 'operator_action', action: 'confirm_second_device', by: operator, jobId, imei: request.imei, uid: request.uid });
    }

    const holder = bound ?? active;
    if (holder) {
      const job = await this.transition(jobId, 'needs_attention', {
        reason: `IMEI ${maskImei(request.imei)} is ${holder.state === 'verified' || holder.state === 'connected' ? 'connected' : 'being connected'} to patient ${holder.uid} (job ${holder.jobId}).`,
        nextAction: 'A supervisor can override: the device is disconnected from the other patient first, then connected here.',
        reasonKind: 'held_by_other_patient',
        reasonParams: heldParams(request.imei, holder.uid),
      });
      return {
        outcome: 'needs_attention',
        job,
        problem: { kind: 'conflict', message: job.reason ?? '', nextAction: job.nextAction ?? '', params: heldParams(request.imei, holder.uid) },
      };
    }

    if (request.enqueueOnly) {
      this.worker.kick();
      return { outcome: 'in_progress', job: this.ledger.job(jobId)! };
    }
    return this.worker.runNow(jobId);
  }

  /**
   * One attempt at a job (ready, queued, or connecting after a crash): journal `connecting`,
   * make sure of the user's marketplace token, connect, journal the result.
   */
  async attempt(jobId: string): Promise<OnboardResult> {
    let job = this.requireJob(jobId);
    if (job.state === 'ready' || job.state === 'queued') job = await this.transition(jobId, 'connecting');
    if (job.state !== 'connecting') return this.resultOf(job);
    try {
      if (this.uncertain.has(jobId)) {
        const found = await this.reconcile(job);
        this.uncertain.delete(jobId);
        if (found) return this.resultOf(this.requireJob(jobId));
      }
      const connection = await this.connectWithToken(job);
      this.failures.delete(jobId);
      const connected = await this.transition(jobId, 'connected');
      this.worker.kick();
      return { outcome: 'connected', job: connected, connection };
    } catch (error) {
      if (!(error instanceof ValidicError)) throw error;
      return this.failed(jobId, error);
    }
  }

  /** Re-reads the user's sources; marks the job connected when the device is evidently there. */
  private async reconcile(job: JobView): Promise<boolean> {
    let user: User;
    try {
      user = await this.call(job, 'get_user', () => this.client.getUser(job.uid));
    } catch (error) {
      if (error instanceof ValidicError && error.kind === 'not_found') return false;
      throw error;
    }
    this.rememberToken(user);
    // sources[] names the source type, not the IMEI: it proves this device only when no other
    // device of the patient is connected or in flight (otherwise connect again: it is idempotent).
    const others = this.ledger.jobsByUid(job.uid).some((j) => j.jobId !== job.jobId && j.imei !== job.imei && (isBound(j) || ACTIVE_STATES.includes(j.state)));
    const seen = user.sources.some((s) => s.type === 'smart_meter');
    if (!seen || others) return false;
    await this.transition(job.jobId, 'connected', { reason: "Found on the patient's sources after an interrupted connect.", reasonKind: 'found_after_interruption' });
    await this.ledger.append({ type: 'verification', jobId: job.jobId, uid: job.uid, imei: job.imei, outcome: 'confirmed', detail: 'recovery read' });
    await this.transition(job.jobId, 'verified');
    return true;
  }

  private async connectWithToken(job: JobView): Promise<Connection> {
    const hadToken = this.tokens.has(job.uid);
    const token = await this.tokenFor(job.uid, job);
    try {
      return await this.call(job, 'connect', () => this.client.connect(token, job.imei, job.deviceType));
    } catch (error) {
      // A stored marketplace token may have been rotated: fetch it again once.
      if (hadToken && error instanceof ValidicError && error.kind === 'unauthorized') {
        this.tokens.delete(job.uid);
        const fresh = await this.tokenFor(job.uid, job);
        return this.call(job, 'connect', () => this.client.connect(fresh, job.imei, job.deviceType));
      }
      throw error;
    }
  }

  /** Verification: re-read the user's sources after a 202. Spends budget; the worker defers it when low. */
  async verify(jobId: string): Promise<JobView> {
    const job = this.requireJob(jobId);
    if (job.state !== 'connected') return job;
    let user: User;
    try {
      user = await this.call(job, 'get_user', () => this.client.getUser(job.uid));
    } catch (error) {
      if (!(error instanceof ValidicError)) throw error;
      await this.ledger.append({ type: 'verification', jobId, uid: job.uid, imei: job.imei, outcome: 'failed', detail: error.message });
      if (error.kind === 'unauthorized') this.worker.pause(error.message, error.kind);
      this.worker.deferVerification(jobId, error.retryAt);
      return this.requireJob(jobId);
    }
    this.rememberToken(user);
    if (user.sources.some((s) => s.type === 'smart_meter')) {
      await this.ledger.append({ type: 'verification', jobId, uid: job.uid, imei: job.imei, outcome: 'confirmed' });
      return this.transition(jobId, 'verified');
    }
    await this.ledger.append({ type: 'verification', jobId, uid: job.uid, imei: job.imei, outcome: 'absent' });
    return this.transition(jobId, 'queued', {
      reason: "Not on the patient's sources after the 202: connecting again.",
      reasonKind: 'not_on_sources',
      nextAttemptAt: new Date(Date.now() + this.backoffMs(jobId)).toISOString(),
    });
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
        const job = await this.transition(jobId, 'needs_attention', { reason: error.message, nextAction, reasonKind: error.kind });
        return { outcome: 'needs_attention', job, problem: { ...problem, nextAction } };
      }
      case 'unauthorized': {
        this.worker.pause(error.message, error.kind);
        const job = await this.transition(jobId, 'queued', { reason: `Paused: ${error.message}`, reasonKind: error.kind });
        return { outcome: 'queued', job, problem };
      }
      case 'rate_limited':
      case 'server_error':
      case 'timeout':
      case 'network':
      case 'malformed_response': {
        if (error.kind !== 'rate_limited') this.uncertain.add(jobId);
        const at = error.retryAt ?? Date.now() + this.backoffMs(jobId);
        const job = await this.transition(jobId, 'queued', { reason: error.message, reasonKind: error.kind, nextAttemptAt: new Date(at).toISOString() });
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
    const job = this.requireJob(jobId);
    if (job.state !== 'needs_attention' && job.state !== 'queued') return this.resultOf(job);
    const holder = this.ledger.jobsByImei(job.imei).find((j) => j.uid !== job.uid && (isBound(j) || ACTIVE_STATES.includes(j.state)));
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
    if (job.state === 'needs_attention') await this.transition(jobId, 'ready', { reason: `Retried by ${by}`, reasonKind: 'retried', reasonParams: { by } });
    this.failures.delete(jobId);
    this.worker.resume();
    return this.worker.runNow(jobId);
  }

  /** `why` is the kind of an engine-written reason; a person's own words have none. */
  async cancel(jobId: string, by: string = this.options.operator, reason?: string, why?: { kind: ProblemKind; params?: ProblemParams }): Promise<JobView> {
    const job = this.requireJob(jobId);
    await this.ledger.append({ type: 'operator_action', action: 'cancel', by, jobId, imei: job.imei, uid: job.uid, ...(reason ? { reason } : {}) });
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
  async override(jobId: string, supervisor: string, by: string = this.options.operator, fromUid?: string): Promise<OnboardResult> {
    const job = this.requireJob(jobId);
    if (job.state !== 'needs_attention') return this.resultOf(job);
    await this.ledger.append({ type: 'operator_action', action: 'override', by, supervisor, jobId, imei: job.imei, uid: job.uid });
    const holders = this.ledger.jobsByImei(job.imei).filter((j) => j.jobId !== jobId && j.uid !== job.uid && (isBound(j) || ACTIVE_STATES.includes(j.state)));
    for (const holder of holders) {
      if (ACTIVE_STATES.includes(holder.state)) {
        await this.cancel(holder.jobId, by, `Superseded by override of job ${jobId}`, { kind: 'superseded', params: { jobId } });
      } else {
        await this.disconnect(holder.uid, holder.imei, by, `Override by ${supervisor} for job ${jobId}`);
      }
    }
    // A 409 for an IMEI this journal never bound: only the supervisor knows the other patient.
    if (holders.length === 0 && fromUid !== undefined && fromUid !== job.uid) {
      await this.disconnect(fromUid, job.imei, by, `Override by ${supervisor} for job ${jobId}`);
    }
    await this.transition(jobId, 'ready', { reason: `Override by ${supervisor}`, reasonKind: 'override', reasonParams: { by: supervisor } });
    return this.worker.runNow(jobId);
  }

  /** Disconnects one IMEI from a patient; journaled on the job that bound it. */
  async disconnect(uid: string, imei: string, by: string = this.options.operator, reason?: string): Promise<DisconnectedConnection> {
    const token = await this.tokenFor(uid);
    const bound = this.ledger.jobsByImei(imei).filter((j) => j.uid === uid && isBound(j));
    const result = await this.call(bound[0], 'disconnect', () => this.client.disconnect(token, imei));
    const targets = bound.length > 0 ? bound.map((j) => j.jobId) : [undefined];
    for (const jobId of targets) {
      await this.ledger.append({ type: 'operator_action', action: 'disconnect', by, imei, uid, ...(jobId ? { jobId } : {}), ...(reason ? { reason } : {}) });
    }
    return result;
  }

  async disconnectAll(uid: string, by: string = this.options.operator): Promise<DisconnectAll> {
    const token = await this.tokenFor(uid);
    const result = await this.call(undefined, 'disconnect_all', () => this.client.disconnectAll(token), uid);
    const imeis = new Set(result.connections.map((c) => c.credentials.device_id));
    for (const job of this.ledger.jobsByUid(uid)) if (isBound(job)) imeis.add(job.imei);
    for (const imei of imeis) {
      const bound = this.ledger.jobsByImei(imei).filter((j) => j.uid === uid && isBound(j));
      if (bound.length === 0 && !/^\d{15}$/.test(imei)) continue;
      const targets = bound.length > 0 ? bound.map((j) => j.jobId) : [undefined];
      for (const jobId of targets) {
        await this.ledger.append({ type: 'operator_action', action: 'disconnect', by, uid, imei, reason: 'disconnect all', ...(jobId ? { jobId } : {}) });
      }
    }
    return result;
  }

  async getUser(uid: string): Promise<User> {
    const user = await this.call(undefined, 'get_user', () => this.client.getUser(uid), uid);
    return this.rememberToken(user);
  }

  // ---- Plumbing --------------------------------------------------------------------------------

  /** The patient's marketplace token: remembered in memory only (never journaled), else provisioned or read back. */
  async tokenFor(uid: string, job?: JobView): Promise<string> {
    const known = this.tokens.get(uid);
    if (known) return known;
    let flight = this.tokenFlights.get(uid);
    if (!flight) {
      flight = (async () => {
        try {
          const user = await this.call(job, 'provision', () => this.client.provisionUser(uid), uid);
          return this.rememberToken(user).marketplace.token;
        } catch (error) {
          if (!(error instanceof ValidicError) || error.kind !== 'conflict') throw error;
          const user = await this.call(job, 'get_user', () => this.client.getUser(uid), uid);
          return this.rememberToken(user).marketplace.token;
        }
      })().finally(() => this.tokenFlights.delete(uid));
      this.tokenFlights.set(uid, flight);
    }
    return flight;
  }

  private rememberToken(user: User): User {
    this.tokens.set(user.uid, user.marketplace.token);
    return user;
  }

  /** One client call, journaled as an api_attempt with its outcome (never the token or the URL). */
  private async call<T>(job: JobView | undefined, call: string, run: () => Promise<T>, uid?: string): Promise<T> {
    const started = performance.now();
    try {
      const value = await run();
      await this.ledger.append({
        type: 'api_attempt',
        call,
        outcome: 'ok',
        durationMs: Math.round(performance.now() - started),
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
          detail: error.message.slice(0, 2000),
          ...(error.status !== undefined ? { httpStatus: error.status } : {}),
          ...(job ? { jobId: job.jobId, uid: job.uid } : uid ? { uid } : {}),
        });
      }
      throw error;
    }
  }

  async transition(
    jobId: string,
    to: JobState,
    extra: { reason?: string; reasonKind?: ProblemKind; reasonParams?: ProblemParams; nextAction?: string; nextAttemptAt?: string } = {},
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
        return { outcome: 'needs_attention', job, problem: { kind: 'cancelled', message: job.reason ?? 'The job was cancelled.', nextAction: 'Scan the device again to start a new job.' } };
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

/** Params for "this IMEI is on another patient": the other patient only as its last 4. */
function heldParams(imei: string, otherUid: string): ProblemParams {
  return { imeiLast4: imei.slice(-4), otherLast4: otherUid.slice(-4) };
}
