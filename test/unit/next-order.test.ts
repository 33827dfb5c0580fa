/**
 * A batch's next order: the first by row with no live job. Cancelled jobs give their order back,
 * and two orders with the same patient, type and reference are told apart by row.
 */
import { describe, expect, it } from 'vitest';
import type { JobState } from '../../src/ledger/records.js';
import { nextOrder } from '../../src/onboarding/next-order.js';
import type { Order } from '../../src/onboarding/orders-csv.js';
import { jobView } from '../support/test-host.js';

const BATCH = 'batch-0123456789abcdef';
const orders: Order[] = [
  { row: 2, uid: 'PAT-1', deviceType: 'blood_glucose', orderRef: 'SO-1' },
  { row: 3, uid: 'PAT-1', deviceType: 'blood_glucose', orderRef: 'SO-1' },
  { row: 4, uid: 'PAT-2', deviceType: 'weight_scale' },
];

function job(jobId: string, state: JobState) {
  return jobView(state, { jobId, uid: 'PAT-1', orderRef: 'SO-1', batchId: BATCH });
}

describe('nextOrder', () => {
  it('is the first order when no job has started', () => {
    expect(nextOrder(BATCH, orders, [])?.row).toBe(2);
  });

  it('passes over an order with a live job, not one whose jobs were all cancelled', () => {
    expect(nextOrder(BATCH, orders, [job(`${BATCH}.r2`, 'queued')])?.row).toBe(3);
    expect(nextOrder(BATCH, orders, [job(`${BATCH}.r2`, 'cancelled')])?.row).toBe(2);
    expect(nextOrder(BATCH, orders, [job(`${BATCH}.r2`, 'cancelled'), job(`${BATCH}.r2.2`, 'connected')])?.row).toBe(3);
  });

  it('tells orders of one patient, type and reference apart by row, and is undefined when all are taken', () => {
    const taken = [job(`${BATCH}.r2`, 'connected'), job(`${BATCH}.r3`, 'ready'), job(`${BATCH}.r4`, 'needs_attention')];
    expect(nextOrder(BATCH, orders, taken.slice(0, 1))?.row).toBe(3);
    expect(nextOrder(BATCH, orders, taken)).toBeUndefined();
  });
});
