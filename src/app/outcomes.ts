/**
 * Engine results as the contract's outcomes, with the queue as it is now: the one place the
 * Onboard screen's answer (connected, queued, blocked, …) is made for submit, batch and override,
 * and the refusal of a device no order of the batch takes.
 */
import type { OnboardOutcome, QueueStatus } from '../ipc/schemas.js';
import { IpcRefusal } from '../ipc/wire.js';
import type { JobView } from '../ledger/job-index.js';
import type { ScanOutcome } from '../onboarding/batch.js';
import { otherHolder } from '../onboarding/device-holder.js';
import type { KioskEngine } from '../onboarding/engine.js';
import { jobSummary, onboardOutcome, queueSummary } from './views/job-summary.js';

export function queueNow(engine: KioskEngine): QueueStatus {
  return queueSummary(engine.onboarding.queueStatus(), engine.onboarding.jobs('needs_attention').length);
}

/** The outcome of onboarding `imei` for `uid`; a conflict names (by last 4) the other patient holding it. */
export function outcomeOf(
  engine: KioskEngine,
  result: Parameters<typeof onboardOutcome>[0],
  imei: string,
  uid: string,
): OnboardOutcome {
  return onboardOutcome(result, queueNow(engine), otherHolder(engine.ledger.jobsByImei(imei), uid));
}

export function alreadyConnectedOutcome(engine: KioskEngine, job: JobView): OnboardOutcome {
  return {
    outcome: 'already_connected',
    job: jobSummary(job),
    at: job.connectedAt ?? job.updatedAt,
    by: job.operator,
    queue: queueNow(engine),
  };
}

/** A device no order of the batch takes (a batch scan, or an order barcode's device), in the catalogue's words. */
export function rejectedScanRefusal(rejected: Extract<ScanOutcome, { kind: 'rejected' }>): IpcRefusal {
  return new IpcRefusal(rejected.reasonKind, rejected.reason, rejected.nextAction, rejected.params);
}
