/** The in-memory job view: states, open and final jobs, lookups by IMEI and uid. */
import { describe, expect, it } from 'vitest';
import { JobIndex } from '../../src/ledger/job-index.js';
import { FINAL_STATES, isOpenState, JOB_STATES, LedgerRecordBody, type LedgerRecord } from '../../src/ledger/index.js';

const IMEI = '490154203237518';
let seq = 0;
const at = (body: object, ts = '2026-03-01T09:00:00.000Z'): LedgerRecord =>
  ({ ...LedgerRecordBody.parse(body), seq: ++seq, ts }) as LedgerRecord;
const intent = (jobId: string, uid: string, imei = IMEI) =>
  at({
    type: 'job_intent',
    jobId,
    imei,
    uid,
    deviceType: 'bpm',
    operator: 'ann',
    station: 'st-1',
    orderRef: `ord-${jobId}`,
  });
const move = (jobId: string, from: string, to: string, extra: object = {}, ts?: string) =>
  at({ type: 'job_transition', jobId, from, to, ...extra }, ts);

describe('job index', () => {
  it('defines final as connected (a 202 is the answer), verified or cancelled; every other state is open', () => {
    expect(FINAL_STATES).toEqual(['connected', 'verified', 'cancelled']);
    expect(JOB_STATES.filter(isOpenState)).toEqual(['captured', 'ready', 'connecting', 'queued', 'needs_attention']);
  });

  it('follows a job to verified and keeps when it connected', () => {
    const index = new JobIndex();
    index.apply(intent('j1', 'pat-0001'));
    index.apply(move('j1', 'ready', 'connecting'));
    index.apply(move('j1', 'connecting', 'queued', { reason: '503', nextAttemptAt: '2026-03-01T09:01:00.000Z' }));
    expect(index.job('j1')).toMatchObject({
      state: 'queued',
      reason: '503',
      nextAttemptAt: '2026-03-01T09:01:00.000Z',
    });
    index.apply(move('j1', 'queued', 'connecting'));
    expect(index.job('j1')?.nextAttemptAt).toBeUndefined();
    index.apply(move('j1', 'connecting', 'connected', {}, '2026-03-01T09:02:00.000Z'));
    expect(index.openJobs().map((j) => j.jobId)).toEqual([]);
    index.apply(move('j1', 'connected', 'verified', {}, '2026-03-01T09:03:00.000Z'));
    expect(index.job('j1')).toMatchObject({
      state: 'verified',
      connectedAt: '2026-03-01T09:02:00.000Z',
      verifiedAt: '2026-03-01T09:03:00.000Z',
      transitions: 5,
    });
    expect(index.openJobs()).toEqual([]);
  });

  it('keeps needs_attention open, and finds jobs by IMEI and by uid', () => {
    const index = new JobIndex();
    index.apply(intent('j1', 'pat-0001'));
    index.apply(intent('j2', 'pat-0002'));
    index.apply(intent('j3', 'pat-0002', '356938035643809'));
    index.apply(move('j1', 'ready', 'cancelled'));
    index.apply(move('j2', 'ready', 'needs_attention', { nextAction: 'disconnect it from pat-0001 first' }));
    expect(index.jobsByImei(IMEI).map((j) => j.jobId)).toEqual(['j1', 'j2']);
    expect(index.jobsByUid('pat-0002').map((j) => j.jobId)).toEqual(['j2', 'j3']);
    expect(
      index
        .openJobs()
        .map((j) => j.jobId)
        .sort(),
    ).toEqual(['j2', 'j3']);
    expect(index.job('j2')?.nextAction).toBe('disconnect it from pat-0001 first');
  });

  it('marks a job disconnected by an operator action, and reports records that do not add up', () => {
    const index = new JobIndex();
    index.apply(intent('j1', 'pat-0001'));
    index.apply(
      at(
        { type: 'operator_action', action: 'disconnect', by: 'sue', supervisor: 'max', jobId: 'j1' },
        '2026-03-02T00:00:00.000Z',
      ),
    );
    expect(index.job('j1')).toMatchObject({ disconnectedAt: '2026-03-02T00:00:00.000Z', disconnectedBy: 'sue' });
    index.apply(move('j9', 'ready', 'connecting'));
    index.apply(move('j1', 'connecting', 'connected'));
    expect(index.issues.map((i) => i.kind)).toEqual(['unknown_job', 'transition_mismatch']);
  });
});
