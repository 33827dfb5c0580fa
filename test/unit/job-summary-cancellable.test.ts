/**
 * The job summary says whether a person may cancel the job, so the Queue screen offers Cancel
 * from it and keeps no list of states of its own. Pinned per state against a hand-written table,
 * and checked against the contract's schema.
 */
import { describe, expect, it } from 'vitest';
import { jobSummary } from '../../src/app/views/job-summary.js';
import { JobSummarySchema } from '../../src/ipc/schemas.js';
import type { JobView } from '../../src/ledger/job-index.js';
import type { JobState } from '../../src/ledger/records.js';

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

function job(state: JobState): JobView {
  return {
    jobId: `job-${state}`,
    imei: '490154203237518',
    uid: 'PAT-0001',
    deviceType: 'blood_glucose',
    operator: 'op-1',
    station: 'Test bench',
    state,
    createdAt: '2026-12-02T10:00:00.000Z',
    updatedAt: '2026-12-02T10:00:00.000Z',
    intentSeq: 1,
    lastSeq: 2,
    apiAttempts: 0,
    connectSends: 0,
    connectStarts: 0,
    transitions: 1,
  };
}

describe('jobSummary().cancellable', () => {
  it.each(Object.entries(CANCELLABLE))('%s → %s', (state, cancellable) => {
    const summary = jobSummary(job(state as JobState));
    expect(summary.cancellable).toBe(cancellable);
    expect(JobSummarySchema.parse(summary)).toMatchObject({ cancellable });
  });
});
