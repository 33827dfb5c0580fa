/**
 * Which jobs a list filter selects, from the journal's jobs: one rule for the engine's service and
 * the read-only CLI. `unverified` reads every job, since `connected` is final (not open).
 */
import type { JobView } from '../ledger/job-index.js';

export type JobFilter = 'open' | 'queued' | 'needs_attention' | 'unverified' | 'all';

export interface JobSource {
  /** Every job, in intent order. */
  jobs(): JobView[];
  /** Jobs not in a final state, in intent order. */
  openJobs(): JobView[];
}

export function selectJobs(source: JobSource, filter: JobFilter): JobView[] {
  switch (filter) {
    case 'all':
      return source.jobs();
    case 'open':
      return source.openJobs();
    case 'queued':
    case 'needs_attention':
      return source.openJobs().filter((j) => j.state === filter);
    case 'unverified':
      return source.jobs().filter((j) => j.state === 'connected');
    default: {
      const never: never = filter;
      throw new Error(`unknown filter ${String(never)}`);
    }
  }
}
