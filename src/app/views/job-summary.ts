/** Engine views → the contract's shapes. */
import type { JobView } from '../../ledger/job-index.js';
import type { JobSummary, OnboardOutcome, QueueStatus as ContractQueueStatus } from '../../ipc/schemas.js';
import type { OnboardResult } from '../../onboarding/service.js';
import type { QueueStatus } from '../../onboarding/worker.js';
import type { Imei } from '../../imei/schema.js';
import { isCancellable } from '../../onboarding/transitions.js';
import { isOpenState } from '../../ledger/records.js';
import { englishProblem } from '../../messages/render.js';
import { reachCause, reachInWords } from './reach-cause.js';

/**
 * The journal's reasons name the other patient in full ("connected to patient PAT-1111"); the
 * person at this counter sees only its last 4, as on the result screen.
 */
function maskOtherPatients(reason: string, ownUid: string): string {
  return reason.replace(/\bpatient ([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)/g, (whole, uid: string) =>
    uid === ownUid ? whole : `patient …${uid.slice(-4)}`,
  );
}

/**
 * The journal's reasons name other jobs by id ("(job 0193…)", "of job 0193…"): an internal key
 * that means nothing at the counter. The person sees the reason without it.
 */
export function withoutJobIds(reason: string): string {
  return reason.replace(/\s*\(job [^)\s]+\)/g, '').replace(/\s+(?:of|for) job [A-Za-z0-9_-]+/g, '');
}

/** The job's reason values, with `cause` (dns, refused, timeout, network) when Validic could not be reached. */
function reasonParamsOf(job: JobView): { reasonParams?: JobSummary['reasonParams'] } {
  const cause = reachCause(job.reasonKind, job.reason ?? '');
  if (job.reasonParams === undefined && cause === undefined) return {};
  return { reasonParams: { ...job.reasonParams, ...(cause ? { cause } : {}) } };
}

export function jobSummary(job: JobView): JobSummary {
  return {
    id: job.jobId,
    imei: job.imei as Imei,
    uid: job.uid,
    deviceType: job.deviceType,
    state: job.state,
    operator: job.operator,
    station: job.station,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    ...(job.orderRef !== undefined ? { orderRef: job.orderRef } : {}),
    ...(job.nextAttemptAt !== undefined ? { nextAttemptAt: job.nextAttemptAt } : {}),
    ...(job.reason !== undefined
      ? { reason: reachInWords(withoutJobIds(maskOtherPatients(job.reason, job.uid))) }
      : {}),
    ...(job.reasonKind !== undefined ? { reasonKind: job.reasonKind } : {}),
    ...reasonParamsOf(job),
    ...(job.nextAction !== undefined ? { nextAction: job.nextAction } : {}),
    ...(job.confirmedAt !== undefined ? { confirmedAt: job.confirmedAt } : {}),
    ...(job.mode !== undefined ? { mode: job.mode } : {}),
    cancellable: isCancellable(job.state),
    open: isOpenState(job.state),
  };
}

export function queueSummary(status: QueueStatus, needsAttention: number): ContractQueueStatus {
  const resetsAt = status.budget.nextSlotAt;
  return {
    depth: status.depth,
    oldestAgeMs: status.oldestAgeMs,
    inFlight: status.inFlight,
    paused: status.paused !== null,
    ...(status.paused !== null ? { pauseReason: status.paused } : {}),
    ...(status.pausedKind !== null ? { pauseReasonKind: status.pausedKind } : {}),
    unverified: status.unverified,
    needsAttention,
    otherMode: status.otherMode,
    budget: {
      limit: status.budget.limit,
      remaining: status.budget.remaining,
      resetsAt: resetsAt === null ? null : new Date(resetsAt).toISOString(),
    },
  };
}

/** The IMEI is on another patient, as Validic said (409) or as this kiosk's journal says. */
function isConflict(kind: string): boolean {
  return kind === 'conflict' || kind === 'held_by_other_patient';
}

/**
 * The operator-facing outcome. A conflict (the IMEI is on another patient) becomes `blocked`, with
 * only the last 4 characters of the other patient's id: the person at this counter has no need to
 * see another patient's identifier.
 */
export function onboardOutcome(
  result: OnboardResult,
  queue: ContractQueueStatus,
  holderUid: string | undefined,
): OnboardOutcome {
  switch (result.outcome) {
    case 'connected':
      return { outcome: 'connected', job: jobSummary(result.job), queue };
    case 'already_connected':
      return { outcome: 'already_connected', job: jobSummary(result.job), at: result.at, by: result.by, queue };
    case 'in_progress':
      return {
        outcome: 'queued',
        job: jobSummary(result.job),
        problem: englishProblem('in_progress', {}),
        queue,
      };
    case 'queued':
      return {
        outcome: 'queued',
        job: jobSummary(result.job),
        problem: { ...result.problem, message: reachInWords(result.problem.message) },
        queue,
      };
    case 'needs_attention':
      // Blocked (with an override) only when this kiosk knows who holds the IMEI: an override has to
      // disconnect it there first. A conflict Validic reports about a patient this kiosk never saw
      // cannot be overridden from here, so it needs a person, not a PIN.
      if (isConflict(result.problem.kind) && holderUid !== undefined) {
        return {
          outcome: 'blocked',
          job: jobSummary(result.job),
          problem: englishProblem('held_by_other_patient', {
            imeiLast4: result.job.imei.slice(-4),
            otherLast4: holderUid.slice(-4),
          }),
          otherUidLast4: holderUid.slice(-4),
          queue,
        };
      }
      if (isConflict(result.problem.kind)) {
        return {
          outcome: 'needs_attention',
          job: jobSummary(result.job),
          problem: englishProblem('conflict', {}),
          queue,
        };
      }
      return { outcome: 'needs_attention', job: jobSummary(result.job), problem: { ...result.problem }, queue };
    case 'needs_confirmation':
      // Worded for the dialog the screen shows (the engine's words ask to scan again).
      return {
        outcome: 'needs_confirmation',
        existing: jobSummary(result.existing),
        problem: englishProblem('second_device', {
          uid: result.existing.uid,
          imeiLast4: result.existing.imei.slice(-4),
        }),
      };
    default: {
      const never: never = result;
      throw new Error(`unknown outcome ${JSON.stringify(never)}`);
    }
  }
}
