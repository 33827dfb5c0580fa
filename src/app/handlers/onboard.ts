/**
 * The `onboard` namespace: one device for one patient from the Onboard screen (an order barcode
 * scanned first makes it that order's job in the open batch), and the type hint from the model.
 */
import { crossCheckImei } from '../../capture/cross-check.js';
import { formatImei } from '../../imei/format.js';
import type { Handlers } from '../../ipc/channel-types.js';
import type { KioskContract } from '../../ipc/contract.js';
import type { OnboardOutcome } from '../../ipc/schemas.js';
import { IpcRefusal } from '../../ipc/wire.js';
import { englishProblem } from '../../messages/render.js';
import type { CaptureSource } from '../../ledger/records.js';
import type { Order } from '../../onboarding/orders-csv.js';
import { modelTypeHint } from '../../onboarding/model-type-hint.js';
import type { HostState, OpenBatch } from '../host-state.js';
import { alreadyConnectedOutcome, outcomeOf, rejectedScanRefusal } from '../outcomes.js';

export function onboardHandlers(state: HostState): Handlers<KioskContract>['onboard'] {
  /** Connects the device to an open order of the batch now, as that order's job. */
  async function assignOrder(
    batch: OpenBatch,
    order: Order,
    input: { imei: string; raw: string; source: CaptureSource; operator: string },
  ): Promise<OnboardOutcome> {
    const engine = state.engine();
    const { imei } = input;
    const assigned = await batch.run.assign(order, input);
    switch (assigned.kind) {
      case 'assigned':
        return outcomeOf(engine, assigned.result, imei, order.uid);
      case 'already_connected':
        return alreadyConnectedOutcome(engine, assigned.job);
      case 'in_batch':
        throw IpcRefusal.of('order_device_in_batch', {});
      case 'rejected':
        throw rejectedScanRefusal(assigned);
      default: {
        const never: never = assigned;
        throw new Error(`unknown assign outcome ${JSON.stringify(never)}`);
      }
    }
  }

  return {
    submit: async ({ imei, raw, source, uid, deviceType, orderRef, modemImei, confirmSecondDevice }, caller) => {
      const by = caller.operator;
      const engine = state.engine();
      const batch = state.batch();
      // A registered operator's badge scanned into the patient field is never a patient (issue 15).
      const badge = state.station().operators.find((o) => o.id.toLowerCase() === uid.toLowerCase());
      if (badge) throw IpcRefusal.of('uid_is_operator', { uid, operator: badge.id });
      if (modemImei) {
        const check = crossCheckImei(imei, modemImei);
        if (!check.ok) {
          const params = { label: formatImei(check.labelImei), modem: formatImei(check.modemImei) };
          return { outcome: 'mismatch', problem: englishProblem(check.kind, params) };
        }
      }
      if (!engine.deviceTypes.some((d) => d.id === deviceType))
        throw IpcRefusal.of('unknown_device_type', { deviceType });
      // An order of the open batch (its barcode was scanned): the job is that order's, so the
      // batch counts it filled and never assigns the order again.
      const batchOrder = orderRef && batch ? batch.run.orderFor(orderRef, uid, deviceType, imei) : undefined;
      if (batchOrder && 'filled' in batchOrder && batchOrder.filled.imei !== imei) {
        throw IpcRefusal.of('order_filled', { orderRef: orderRef ?? '', imeiLast4: batchOrder.filled.imei.slice(-4) });
      }
      // The open batch has this order, but for another patient or type: the screen no longer matches it.
      const namedOrder = orderRef && batch && !batchOrder ? batch.run.findOrder(orderRef) : undefined;
      if (namedOrder) {
        throw IpcRefusal.of('order_mismatch', {
          orderRef: orderRef ?? '',
          uid: namedOrder.uid,
          deviceType: namedOrder.deviceType,
        });
      }
      if (batch && batchOrder && 'open' in batchOrder)
        return assignOrder(batch, batchOrder.open, { imei, raw, source, operator: by });
      const result = await engine.onboarding.onboard({
        imei,
        uid,
        deviceType,
        operator: by,
        source,
        raw,
        ...(orderRef ? { orderRef } : {}),
        ...(confirmSecondDevice ? { confirmSecondDevice } : {}),
      });
      return outcomeOf(engine, result, imei, uid);
    },
    typeHint: ({ imei }) => {
      const engine = state.engine();
      return modelTypeHint(
        imei,
        engine.ledger.jobs(),
        engine.deviceTypes.map((d) => d.id),
      );
    },
  };
}
