/** Refusals of a batch scan or an order barcode (src/onboarding/batch.ts). */
export const orders = {
  no_batch_open: {
    message: 'No batch is open.',
    nextAction: 'Import an orders file first.',
  },
  order_already_assigned: {
    message: 'IMEI …{imeiLast4} was expected by an order that is already assigned.',
    nextAction: 'Put this device aside and tell a supervisor.',
  },
  no_open_order: {
    message: 'No open order is left for IMEI …{imeiLast4}.',
    nextAction: 'Put this device aside and tell a supervisor.',
  },
  busy_outside_batch: {
    message: 'IMEI …{imeiLast4} is already being connected outside this batch.',
    nextAction: 'Put this device aside and tell a supervisor.',
  },
  order_expects_other_device: {
    message: 'This order expects the device with IMEI …{expectedLast4}, not …{imeiLast4}.',
    nextAction: 'Put this device aside and find the device the order names.',
  },
  device_expected_by_other_order: {
    message: 'IMEI …{imeiLast4} is meant for another order of this batch (row {row}).',
    nextAction: 'Put this device aside for that order, and scan the device this order expects.',
  },
  batch_type_mismatch: {
    message:
      'The next order (patient {uid}) is for {orderType}, but this model (TAC {tac}) was connected as {modelType} {seen|once|# times} here.',
    nextAction: 'Check the device: if it is right for this order, confirm it; otherwise put it aside.',
  },
  order_filled: {
    message: 'Order {orderRef} already has its device (IMEI …{imeiLast4}).',
    nextAction: 'Scan the next order. Queue and history shows the job of this one.',
  },
  order_mismatch: {
    message: 'Order {orderRef} is for patient {uid} and a {deviceType}, not for what is on the screen.',
    nextAction: 'Scan the order again, or clear the screen (Esc) and start over.',
  },
  order_device_in_batch: {
    message: 'This device is already assigned to another order of this batch.',
    nextAction: 'Put it aside and scan the device that belongs to this order.',
  },
} as const;
