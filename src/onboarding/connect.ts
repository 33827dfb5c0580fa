/**
 * One attempt at a job's connect, with the one deliberate re-send. This room alone decides to
 * re-send: when Validic's answer was lost (the client reports `outcomeUnknown`), it re-sends once,
 * journaled (api_attempt `attempt: 2`), and never a third time on its own. Validic's 202 is the
 * answer: the job is connected, and may be owed a type-level check (verification.ts).
 */
import type { JobView } from '../ledger/job-index.js';
import { englishProblem } from '../messages/index.js';
import { backoffMs } from '../validic/backoff.js';
import { ValidicError } from '../validic/errors.js';
import type { Connection } from '../validic/schemas.js';
import { reasonOf, type JobJournal } from './job-journal.js';
import { otherModeResult } from './job-modes.js';
import { resultOf, type OnboardResult } from './onboard-result.js';
import type { Patient, Patients } from './patients.js';
import type { ProblemInfo, ProblemKind } from './problems.js';
import type { Verifications } from './verification.js';

/** Connect requests one job may send without a person: the first, and one deliberate re-send. */
const MAX_CONNECT_SENDS = 2;

/** What the connect room may ask of the queue. */
export interface QueueControl {
  pause(reason: string, kind: ProblemKind): void;
  kick(): void;
}

export interface RetryTiming {
  /** First retry delay of a queued job, doubled per failure up to retryMaxMs. */
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  readonly random?: () => number;
}

/** A direct call refused for this device (401/403/3xx) while the organization token works. */
class DeviceRefused extends Error {
  constructor(readonly error: ValidicError) {
    super(error.message);
  }
}

export class Connector {
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly journal: JobJournal,
    private readonly patients: Patients,
    private readonly verifications: Verifications,
    private readonly queue: QueueControl,
    private readonly timing: RetryTiming,
  ) {}

  /** A person retried the job: its backoff starts again. */
  forgetFailures(jobId: string): void {
    this.failures.delete(jobId);
  }

  /**
   * One attempt at a job (ready, queued, or connecting after a crash): journal `connecting`, make
   * sure of the user's marketplace token, connect, journal the result. After a lost answer (a queued
   * job whose reason is `outcome_unknown`, or a crash mid-connect) this attempt is the one deliberate
   * re-send; after a second lost answer no third request goes: a person decides.
   */
  async attempt(jobId: string): Promise<OnboardResult> {
    const journal = this.journal;
    let job = journal.requireJob(jobId);
    if (!journal.sendsInThisMode(job)) return otherModeResult(job, journal.mode);
    if (job.state === 'connecting') {
      // The station stopped mid-connect: a request may have gone out. Journal that before deciding, so a
      // second crash still counts it (each start into `connecting` may have sent one).
      job = await journal.transition(jobId, 'queued', reasonOf(englishProblem('outcome_unknown', {})));
    }
    const afterLostAnswer = job.state === 'queued' && job.reasonKind === 'outcome_unknown';
    const sent = Math.max(job.connectSends, job.connectStarts);
    if (afterLostAnswer && sent >= MAX_CONNECT_SENDS) return this.unconfirmed(job, sent);
    if (job.state === 'ready' || job.state === 'queued') {
      job = await journal.transition(
        jobId,
        'connecting',
        afterLostAnswer ? reasonOf(englishProblem('resend_after_unknown', {})) : {},
      );
    }
    if (job.state !== 'connecting') return resultOf(job);
    try {
      const { connection, patient } = await this.connectWithToken(job, sent + 1);
      const hadSmartMeter = patient.hadSmartMeter;
      patient.hadSmartMeter = true;
      this.failures.delete(jobId);
      const connected = await journal.transition(
        jobId,
        'connected',
        connection === null ? reasonOf(englishProblem('accepted_without_body', {})) : {},
      );
      await this.verifications.schedule(connected, hadSmartMeter);
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
        return this.afterSecondLostAnswer(journal.requireJob(jobId), sent + 1);
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
  private async afterSecondLostAnswer(job: JobView, sent: number): Promise<OnboardResult> {
    const journal = this.journal;
    const patient = this.patients.remembered(job.uid);
    const others = this.verifications.hasOtherDevice(job);
    if (patient && !patient.hadSmartMeter && !others) {
      try {
        const user = await journal.call(job, 'get_user', () => journal.client.getUser(job.uid, 'verification'));
        if (user.sources.some((s) => s.type === 'smart_meter')) {
          this.patients.remember(user);
          const connected = await journal.transition(
            job.jobId,
            'connected',
            reasonOf(englishProblem('found_after_interruption', {})),
          );
          await journal.ledger.append({
            type: 'verification',
            jobId: job.jobId,
            uid: job.uid,
            imei: job.imei,
            outcome: 'confirmed',
            detail: 'read after two lost answers',
          });
          await journal.transition(job.jobId, 'verified');
          return { outcome: 'connected', job: journal.requireJob(connected.jobId), connection: null };
        }
      } catch (readError) {
        if (!(readError instanceof ValidicError)) throw readError;
      }
    }
    // The lost answers themselves are journaled (api_result); the reason says what a person decides.
    return this.unconfirmed(journal.requireJob(job.jobId), sent);
  }

  /** Two lost answers: the device may well be connected. No third request; a person decides. */
  private async unconfirmed(job: JobView, sent: number): Promise<OnboardResult> {
    return this.journal.needsAttention(job.jobId, englishProblem('connect_unconfirmed', { sent }));
  }

  private async resendRefused(jobId: string, error: ValidicError): Promise<OnboardResult> {
    // What Validic said, with its status: the one clue a supervisor has about the first connect.
    const said = `${error.status ?? error.kind}: ${error.serverMessage ?? error.message}`;
    return this.journal.needsAttention(jobId, englishProblem('resend_refused', { said }));
  }

  /** One device refused on the direct host while the organization token works: this job waits for a person, the queue goes on. */
  private async deviceRefused(jobId: string, error: ValidicError): Promise<OnboardResult> {
    return this.journal.needsAttention(jobId, englishProblem('device_refused', { status: error.status ?? 0 }));
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
    const journal = this.journal;
    const send = (token: string, n: number) =>
      journal.call(job, 'connect', () => journal.client.connect(token, job.imei, job.deviceType), undefined, n);
    const patient = await this.patients.forConnect(job.uid, job);
    try {
      return { connection: await send(patient.token, attempt), patient };
    } catch (error) {
      if (!(error instanceof ValidicError) || error.kind !== 'unauthorized' || error.credential !== 'marketplace')
        throw error;
      this.patients.forget(job.uid);
      const fresh = await this.patients.read(job.uid, job);
      if (fresh.token === patient.token) throw new DeviceRefused(error);
      try {
        return { connection: await send(fresh.token, attempt + 1), patient: fresh };
      } catch (again) {
        if (again instanceof ValidicError && again.kind === 'unauthorized' && again.credential === 'marketplace')
          throw new DeviceRefused(again);
        throw again;
      }
    }
  }

  private async failed(jobId: string, error: ValidicError): Promise<OnboardResult> {
    const problem: ProblemInfo = { kind: error.kind, message: error.message, nextAction: error.nextAction };
    switch (error.kind) {
      case 'conflict':
      case 'invalid_request':
      case 'not_found':
      case 'configuration': {
        const job = await this.journal.transition(jobId, 'needs_attention', {
          reason: error.message,
          nextAction: error.nextAction,
          reasonKind: error.kind,
        });
        return { outcome: 'needs_attention', job, problem };
      }
      case 'unauthorized': {
        this.queue.pause(error.message, error.kind);
        const job = await this.journal.transition(jobId, 'queued', {
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
        const job = await this.journal.transition(jobId, 'queued', {
          reason: error.message,
          reasonKind,
          nextAttemptAt: new Date(at).toISOString(),
        });
        this.queue.kick();
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
    return backoffMs(
      n - 1,
      this.timing.retryBaseMs ?? 2_000,
      this.timing.retryMaxMs ?? 300_000,
      this.timing.random ?? Math.random,
    );
  }
}
