/**
 * The `onboard` namespace: one device for one patient from the Onboard screen (an order barcode
 * scanned first makes it that order's job in the open batch), and the type hint from the model.
 */
import { crossCheckImei } from '../../capture/cross-check.js';
import { formatImei, maskImei } from '../../imei/format.js';
import type { Handlers } from '../../ipc/channel-types.js';
import type { KioskContract } from '../../ipc/contract.js';
import type { OnboardOutcome } from '../../ipc/schemas.js';
import { IpcRefusal } from '../../ipc/wire.js';
import type { CaptureSource } from '../../ledger/records.js';
import type { Order } from '../../onboarding/orders-csv.js';
import { modelTypeHint } from '../../onboarding/model-type-hint.js';
import type { HostState, OpenBatch } from '../host-state.js';
import { alreadyConnectedOutcome, outcomeOf } from '../outcomes.js';

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
        throw new IpcRefusal(
          'order_device_in_batch',
          'This device is already assigned to another order of this batch.',
          'Put it aside and scan the device that belongs to this order.',
        );
      case 'rejected':
        throw new IpcRefusal(assigned.reasonKind, assigned.reason, 'Put this device aside and tell a supervisor.', {
          imeiLast4: imei.slice(-4),
          ...assigned.params,
        });
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
      if (badge)
        throw new IpcRefusal(
          'uid_is_operator',
          `"${uid}" is the ID of operator ${badge.id}, not a patient.`,
          'Scan the patient barcode or type the patient ID.',
          { uid, operator: badge.id },
        );
      if (modemImei) {
        const check = crossCheckImei(imei, modemImei);
        if (!check.ok) {
          return {
            outcome: 'mismatch',
            problem: {
              kind: check.kind,
              message: check.message,
              nextAction:
                'Put this device aside: check that the label and the device in the box belong together, then scan both again.',
              params: { label: formatImei(check.labelImei), modem: formatImei(check.modemImei) },
            },
          };
        }
      }
      if (!engine.deviceTypes.some((d) => d.id === deviceType)) {
        throw new IpcRefusal(
          'unknown_device_type',
          `"${deviceType}" is not a device type of this kiosk.`,
          'Pick one of the device type buttons.',
          { deviceType },
        );
      }
      // An order of the open batch (its barcode was scanned): the job is that order's, so the
      // batch counts it filled and never assigns the order again.
      const batchOrder = orderRef && batch ? batch.run.orderFor(orderRef, uid, deviceType, imei) : undefined;
      if (batchOrder && 'filled' in batchOrder && batchOrder.filled.imei !== imei) {
        throw new IpcRefusal(
          'order_filled',
          `Order ${orderRef} already has its device (IMEI ${maskImei(batchOrder.filled.imei)}).`,
          'Scan the next order. Queue and history shows the job of this one.',
          { orderRef: orderRef ?? '', imeiLast4: batchOrder.filled.imei.slice(-4) },
        );
      }
      // The open batch has this order, but for another patient or type: the screen no longer matches it.
      const namedOrder = orderRef && batch && !batchOrder ? batch.run.findOrder(orderRef) : undefined;
      if (namedOrder) {
        throw new IpcRefusal(
          'order_mismatch',
          `Order ${orderRef} is for patient ${namedOrder.uid} and a ${namedOrder.deviceType}, not for what is on the screen.`,
          'Scan the order again, or clear the screen (Esc) and start over.',
          { orderRef: orderRef ?? '', uid: namedOrder.uid, deviceType: namedOrder.deviceType },
        );
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
