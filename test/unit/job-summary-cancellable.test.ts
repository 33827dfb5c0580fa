/**
 * The job summary says whether a person may cancel the job, so the Queue screen offers Cancel
 * from it and keeps no list of states of its own. Pinned per state against a hand-written table,
 * and checked against the contract's schema.
 */
import { describe, expect, it } from 'vitest';
import { jobSummary } from '../../src/app/views/job-summary.js';
import { JobSummarySchema } from '../../src/ipc/schemas.js';
import type { JobState } from '../../src/ledger/records.js';
import { jobView } from '../support/test-host.js';

const CANCELLABLE: Record<JobState, boolean> = {
  captured: true,
  ready: true,
  connecting: false, // its answer decides where the device is
  connected: false, // undone by Disconnect, not Cancel
  verified: false,
  queued: true,
  needs_attention: true,
  cancelled: false,
};

describe('jobSummary().cancellable', () => {
  it.each(Object.entries(CANCELLABLE))('%s → %s', (state, cancellable) => {
    const summary = jobSummary(jobView(state as JobState));
    expect(summary.cancellable).toBe(cancellable);
    expect(JobSummarySchema.parse(summary)).toMatchObject({ cancellable });
  });
});
