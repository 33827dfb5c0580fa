/**
 * The type-level check a connected job may be owed: one read of the patient's sources, within the
 * budget's verification share, at most twice per job. Owed in this process only (never after a
 * restart), owed only when it can mean something, and it never sends a job back to the queue.
 */
import type { JobView } from '../ledger/job-index.js';
import { ValidicError } from '../validic/errors.js';
import type { User } from '../validic/schemas.js';
import type { JobJournal } from './job-journal.js';
import type { Patients } from './patients.js';
import { holdsImei } from './transitions.js';

/** Type-level verification reads per job (a failed read is tried once more). */
const MAX_VERIFICATION_READS = 2;

export interface OwedCheck {
  readonly dueAt: number;
  readonly reads: number;
}

export class Verifications {
  private readonly owed = new Map<string, { dueAt: number; reads: number }>();

  constructor(
    private readonly journal: JobJournal,
    private readonly patients: Patients,
    /** Tells the worker a check is owed. */
    private readonly kick: () => void,
    /** The check runs this long after the 202 (sources may lag). */
    private readonly delayMs: number,
  ) {}

  /** Another device of this patient is bound or in flight: a smart_meter source could be that one's. */
  hasOtherDevice(job: JobView): boolean {
    return this.journal.jobsByUid(job.uid).some((j) => j.jobId !== job.jobId && j.imei !== job.imei && holdsImei(j));
  }

  /**
   * Owes a connected job a type-level check only when it can mean something: the patient had no
   * smart_meter source before this connect and no other device of theirs is bound or in flight.
   */
  async schedule(job: JobView, hadSmartMeter: boolean): Promise<void> {
    const others = this.hasOtherDevice(job);
    if (hadSmartMeter || others) {
      const why = hadSmartMeter
        ? 'the patient already has a smart_meter source'
        : 'another device of the patient is bound or in flight';
      await this.journal.ledger.append({
        type: 'verification',
        jobId: job.jobId,
        uid: job.uid,
        imei: job.imei,
        outcome: 'skipped',
        detail: `${why}: a type-level read cannot tell devices apart`,
      });
      return;
    }
    this.owed.set(job.jobId, { dueAt: Date.now() + this.delayMs, reads: 0 });
    this.kick();
  }

  /** Connected jobs owed a type-level check, due now or later (for the worker). */
  owedChecks(): ReadonlyMap<string, OwedCheck> {
    return this.owed;
  }

  /**
   * The type-level check: one read of the patient's sources (verification share of the budget).
   * A smart_meter source → verified; none → stays connected (sources lag or only show with data);
   * a failed read is tried once more; a spent share skips it. Never re-sends a connect.
   */
  async verify(jobId: string): Promise<JobView> {
    const journal = this.journal;
    const owed = this.owed.get(jobId);
    const job = journal.requireJob(jobId);
    if (!owed || job.state !== 'connected') {
      this.owed.delete(jobId);
      return job;
    }
    owed.reads++;
    let user: User;
    try {
      user = await journal.call(job, 'get_user', () => journal.client.getUser(job.uid, 'verification'));
    } catch (error) {
      if (!(error instanceof ValidicError)) throw error;
      const spent = error.kind === 'rate_limited' && error.status === undefined;
      const last = spent || owed.reads >= MAX_VERIFICATION_READS || error.kind === 'unauthorized';
      await journal.ledger.append({
        type: 'verification',
        jobId,
        uid: job.uid,
        imei: job.imei,
        outcome: spent ? 'skipped' : 'failed',
        detail: error.message.slice(0, 2000),
      });
      if (last) this.owed.delete(jobId);
      else owed.dueAt = error.retryAt ?? Date.now() + 5_000;
      return journal.requireJob(jobId);
    }
    this.owed.delete(jobId);
    this.patients.remember(user);
    if (user.sources.some((s) => s.type === 'smart_meter')) {
      await journal.ledger.append({ type: 'verification', jobId, uid: job.uid, imei: job.imei, outcome: 'confirmed' });
      return journal.transition(jobId, 'verified');
    }
    await journal.ledger.append({
      type: 'verification',
      jobId,
      uid: job.uid,
      imei: job.imei,
      outcome: 'absent',
      detail: 'no smart_meter source yet: Validic shows sources late, or once data flows',
    });
    return journal.requireJob(jobId);
  }
}
