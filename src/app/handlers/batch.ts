/**
 * The `batch` namespace: an orders file imported as the open batch, devices scanned into its
 * orders (the worker connects them), its progress and next order, and an order found by reference.
 */
import type { Handlers } from '../../ipc/channel-types.js';
import type { KioskContract } from '../../ipc/contract.js';
import type { BatchStatus } from '../../ipc/schemas.js';
import { IpcRefusal } from '../../ipc/wire.js';
import { englishProblem } from '../../messages/render.js';
import { importOrders } from '../../onboarding/batch.js';
import { modelTypeHint } from '../../onboarding/model-type-hint.js';
import { nextOrder } from '../../onboarding/next-order.js';
import type { HostState } from '../host-state.js';
import { alreadyConnectedOutcome, outcomeOf, queueNow, rejectedScanRefusal } from '../outcomes.js';
import { jobSummary } from '../views/job-summary.js';

export function batchStatus(state: HostState): BatchStatus {
  const batch = state.batch();
  if (!batch) return { active: false, total: 0, assigned: 0, connected: 0, remaining: 0, etaMs: null };
  const progress = batch.run.progress();
  const next = nextOrder(batch.run.batchId, batch.run.orders, batch.run.jobs());
  return {
    active: true,
    ...(batch.fileName ? { fileName: batch.fileName } : {}),
    total: progress.orders,
    assigned: progress.assigned,
    connected: progress.connected,
    remaining: progress.open,
    etaMs: progress.etaMs,
    ...(next
      ? { next: { uid: next.uid, deviceType: next.deviceType, ...(next.orderRef ? { orderRef: next.orderRef } : {}) } }
      : {}),
  };
}

export function batchHandlers(state: HostState): Handlers<KioskContract>['batch'] {
  return {
    import: async ({ csv, fileName }, caller) => {
      const engine = state.engine();
      const result = await importOrders(engine.onboarding, {
        text: csv,
        source: fileName ?? 'orders.csv',
        deviceTypes: engine.deviceTypes.map((d) => d.id),
        by: caller.operator,
      });
      if (!result.ok) {
        const errors = result.errors.map((e) => ({
          row: e.row,
          column: e.column ?? '(whole row)',
          reason: e.reason,
          kind: e.kind,
          ...(e.params ? { params: { ...e.params } } : {}),
        }));
        return { ok: false, errors };
      }
      state.openBatch(result.batchId, result.orders, caller.operator, fileName);
      return { ok: true, status: batchStatus(state) };
    },
    status: () => batchStatus(state),
    scan: async ({ imei, raw, source, typeConfirmed }) => {
      const engine = state.engine();
      const batch = state.batch();
      if (!batch) throw IpcRefusal.of('no_batch_open', {});
      // The order's type against what this kiosk knows of the model: a mismatch is asked, never assumed.
      const order = batch.run.orderForScan(imei);
      // Walks the journal: only when a confirmation has not already answered the question.
      const model =
        order && typeConfirmed !== order.deviceType
          ? modelTypeHint(
              imei,
              engine.ledger.jobs(),
              engine.deviceTypes.map((d) => d.id),
            )
          : undefined;
      if (order && model?.deviceType !== undefined && model.deviceType !== order.deviceType) {
        throw IpcRefusal.of('batch_type_mismatch', {
          imeiLast4: imei.slice(-4),
          uid: order.uid,
          orderType: order.deviceType,
          modelType: model.deviceType,
          seen: model.seen,
          tac: model.tac,
        });
      }
      const outcome = await batch.run.scan(imei, raw, source);
      switch (outcome.kind) {
        case 'assigned':
          // Batch jobs go to the worker: "in progress" here means assigned and connecting, not a repeat.
          if (outcome.result.outcome === 'in_progress') {
            return {
              outcome: 'queued',
              job: jobSummary(outcome.result.job),
              problem: englishProblem('assigned', { uid: outcome.order.uid }),
              queue: queueNow(engine),
            };
          }
          return outcomeOf(engine, outcome.result, imei, outcome.order.uid);
        case 'already_connected':
          return alreadyConnectedOutcome(engine, outcome.job);
        case 'in_batch':
          return {
            outcome: 'queued',
            job: jobSummary(outcome.job),
            problem: englishProblem('in_batch', {}),
            queue: queueNow(engine),
          };
        case 'rejected':
          throw rejectedScanRefusal(outcome);
        default: {
          const never: never = outcome;
          throw new Error(`unknown scan outcome ${JSON.stringify(never)}`);
        }
      }
    },
    close: () => {
      state.closeBatch();
      return batchStatus(state);
    },
    findOrder: ({ orderRef }) => {
      const order = state.batch()?.run.findOrder(orderRef);
      return order?.orderRef !== undefined
        ? { found: true, uid: order.uid, deviceType: order.deviceType, orderRef: order.orderRef }
        : { found: false };
    },
  };
}
