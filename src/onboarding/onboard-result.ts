/**
 * What onboarding answers a person: the outcomes of a request, and the answer a job's journaled
 * state gives when nothing new happened to it. Pure: no journal, no client.
 */
import type { JobView } from '../ledger/job-index.js';
import type { Connection } from '../validic/schemas.js';
import { englishProblem, renderMessage } from '../messages/index.js';
import type { ProblemInfo, ProblemKind } from './problems.js';

export type OnboardResult =
  | { readonly outcome: 'connected'; readonly job: JobView; readonly connection: Connection | null }
  | { readonly outcome: 'already_connected'; readonly job: JobView; readonly at: string; readonly by: string }
  | { readonly outcome: 'in_progress'; readonly job: JobView }
  | { readonly outcome: 'queued'; readonly job: JobView; readonly problem: ProblemInfo }
  | { readonly outcome: 'needs_attention'; readonly job: JobView; readonly problem: ProblemInfo }
  | { readonly outcome: 'needs_confirmation'; readonly existing: JobView; readonly problem: ProblemInfo };

/** The answer a job's state gives: the journal's reason kind when it has one (translatable), else the state itself. */
export function resultOf(job: JobView): OnboardResult {
  const problem = (fallback: ProblemKind): ProblemInfo => {
    const kind = (job.reasonKind as ProblemKind | undefined) ?? fallback;
    // What the journal does not say (an older journal, a reason written without its next action) the catalogue does.
    const words = renderMessage('en', kind, job.reasonParams);
    return {
      kind,
      message: job.reason ?? words?.message ?? '',
      nextAction: job.nextAction ?? words?.nextAction ?? '',
      ...(job.reasonParams ? { params: job.reasonParams } : {}),
    };
  };
  switch (job.state) {
    case 'connected':
    case 'verified':
      return { outcome: 'connected', job, connection: null };
    case 'queued':
      return { outcome: 'queued', job, problem: problem('queued') };
    case 'needs_attention':
      return { outcome: 'needs_attention', job, problem: problem('needs_attention') };
    case 'cancelled':
      // Who cancelled it, and why, is the job's own reason; the answer to this request is the same for all.
      return { outcome: 'needs_attention', job, problem: englishProblem('cancelled', {}) };
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

/** Params for "this IMEI is on another patient": the other patient only as its last 4. */
export function heldParams(
  imei: string,
  otherUid: string,
): { readonly imeiLast4: string; readonly otherLast4: string } {
  return { imeiLast4: imei.slice(-4), otherLast4: otherUid.slice(-4) };
}
