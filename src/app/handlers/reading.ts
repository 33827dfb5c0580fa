/**
 * The `reading` namespace: waiting for a connected device's first reading (one wait at a time: one
 * patient at a counter), and stopping it when the screen moves on.
 */
import type { Handlers } from '../../ipc/channel-types.js';
import type { KioskContract } from '../../ipc/contract.js';
import { IpcRefusal } from '../../ipc/wire.js';
import type { JobView } from '../../ledger/job-index.js';
import { isBound } from '../../onboarding/transitions.js';
import { refuseOnApiError } from '../api-refusal.js';
import type { HostState } from '../host-state.js';

export function readingHandlers(state: HostState): Handlers<KioskContract>['reading'] {
  return {
    wait: async ({ jobId, waitSeconds }) => {
      const engine = state.engine();
      const job = engine.onboarding.job(jobId);
      if (!job) throw IpcRefusal.of('shown_job_missing', {});
      if (!mayAskReading(job)) throw IpcRefusal.of('job_not_connected', { state: job.state });
      // The engine of now: a settings change reopening it stops this wait, and the old one answers it.
      return refuseOnApiError(() =>
        state.readingWait.wait(job, waitSeconds, (uid, imei, wait) =>
          engine.onboarding.confirmFirstReading(uid, imei, wait),
        ),
      );
    },
    stop: ({ jobId }) => ({ stopped: state.readingWait.stop(jobId) }),
  };
}

/**
 * A reading can be asked of a bound device, and of one whose connect may have gone through though
 * its answers were lost (the engine's next action for those is this very reading).
 */
function mayAskReading(job: JobView): boolean {
  return (
    isBound(job) ||
    (job.state === 'needs_attention' &&
      (job.reasonKind === 'connect_unconfirmed' || job.reasonKind === 'resend_refused'))
  );
}
