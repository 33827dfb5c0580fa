/**
 * "This IMEI for this patient", admitted: the scan is journaled, then the journal decides. An IMEI
 * bound to the same uid is answered "already connected" and not sent again; bound to (or being sent
 * for) another uid, the new job waits for a supervisor's override; a second device of the same type
 * for one patient waits for the operator's confirmation. Otherwise the job is journaled and run.
 */
import type { CaptureSource } from '../ledger/records.js';
import { englishProblem } from '../messages/index.js';
import { reasonOf, type JobJournal } from './job-journal.js';
import { heldParams, type OnboardResult } from './onboard-result.js';
import { holdsImei, isSending } from './transitions.js';

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

/** What admission may ask of the queue. */
export interface QueueStarter {
  kick(): void;
  runNow(jobId: string): Promise<OnboardResult>;
}

export async function admit(journal: JobJournal, queue: QueueStarter, request: OnboardRequest): Promise<OnboardResult> {
  const operator = request.operator ?? journal.operator;
  await journal.ledger.append({
    type: 'capture',
    source: request.source ?? 'typed',
    raw: request.raw ?? request.imei,
    imei: request.imei,
    station: journal.station,
    operator,
  });

  const jobs = journal.jobsByImei(request.imei);
  const bound = journal.binding(request.imei);
  if (bound && bound.uid === request.uid) {
    return { outcome: 'already_connected', job: bound, at: bound.connectedAt ?? bound.updatedAt, by: bound.operator };
  }
  const active = jobs.find((j) => isSending(j.state));
  if (active && active.uid === request.uid) return { outcome: 'in_progress', job: active };

  const sameType =
    bound || active
      ? undefined
      : journal
          .jobsByUid(request.uid)
          .find((j) => j.deviceType === request.deviceType && j.imei !== request.imei && holdsImei(j));
  if (sameType && !request.confirmSecondDevice) {
    return {
      outcome: 'needs_confirmation',
      existing: sameType,
      problem: englishProblem('second_device', { uid: request.uid, imeiLast4: sameType.imei.slice(-4) }),
    };
  }

  const jobId = request.jobId ?? journal.newJobId();
  await journal.ledger.append({
    type: 'job_intent',
    jobId,
    imei: request.imei,
    uid: request.uid,
    deviceType: request.deviceType,
    operator,
    station: journal.station,
    mode: journal.mode,
    ...(request.orderRef !== undefined ? { orderRef: request.orderRef } : {}),
    ...(request.batchId !== undefined ? { batchId: request.batchId } : {}),
  });
  if (sameType) {
    await journal.ledger.append({
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
    // The other patient only as its last 4: the journal's reason is read at this counter too.
    const held = englishProblem('held_by_other_patient', heldParams(request.imei, holder.uid));
    const job = await journal.transition(jobId, 'needs_attention', { ...reasonOf(held), nextAction: held.nextAction });
    return { outcome: 'needs_attention', job, problem: held };
  }

  if (request.enqueueOnly) {
    queue.kick();
    return { outcome: 'in_progress', job: journal.ledger.job(jobId)! };
  }
  return queue.runNow(jobId);
}
