/**
 * The order a batch shows as "next": the first (by row) with no live job. A cancelled job gives
 * its order back, so it never counts; jobs are matched to orders by the row in their id
 * (`<batchId>.r<row>[.<attempt>]`, see batch.ts), since two orders may share patient, type and reference.
 */
import type { JobView } from '../ledger/job-index.js';
import type { Order } from './orders-csv.js';

export function nextOrder(batchId: string, orders: readonly Order[], jobs: readonly JobView[]): Order | undefined {
  const prefix = `${batchId}.r`;
  const taken = new Set<number>();
  for (const job of jobs) {
    if (job.state === 'cancelled' || !job.jobId.startsWith(prefix)) continue;
    const row = Number.parseInt(job.jobId.slice(prefix.length), 10);
    if (Number.isInteger(row)) taken.add(row);
  }
  return orders.find((order) => !taken.has(order.row));
}
