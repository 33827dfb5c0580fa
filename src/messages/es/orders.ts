/** Refusals of a batch scan or an order barcode (src/onboarding/batch.ts). */
import type { orders as english } from '../en/orders.js';
import type { Translation } from '../translation.js';

export const orders: Translation<typeof english> = {
  no_batch_open: {
    message: 'No hay ningún lote abierto.',
    nextAction: 'Primero importe un archivo de pedidos.',
  },
  order_already_assigned: {
    message: 'El IMEI …{imeiLast4} lo esperaba un pedido que ya está asignado.',
    nextAction: 'Aparte este dispositivo y avise a un supervisor.',
  },
  no_open_order: {
    message: 'No queda ningún pedido abierto para el IMEI …{imeiLast4}.',
    nextAction: 'Aparte este dispositivo y avise a un supervisor.',
  },
  busy_outside_batch: {
    message: 'El IMEI …{imeiLast4} ya se está conectando fuera de este lote.',
    nextAction: 'Aparte este dispositivo y avise a un supervisor.',
  },
  order_expects_other_device: {
    message: 'Este pedido espera el dispositivo con IMEI …{expectedLast4}, no …{imeiLast4}.',
    nextAction: 'Aparte este dispositivo y busque el que indica el pedido.',
  },
  device_expected_by_other_order: {
    message: 'El IMEI …{imeiLast4} corresponde a otro pedido de este lote (fila {row}).',
    nextAction: 'Aparte este dispositivo para ese pedido y escanee el que espera este.',
  },
  batch_type_mismatch: {
    message:
      'El siguiente pedido (paciente {uid}) es de tipo {orderType}, pero este modelo (TAC {tac}) se conectó aquí como {modelType} {seen|una vez|# veces}.',
    nextAction: 'Compruebe el dispositivo: si es el correcto para este pedido, confírmelo; si no, apártelo.',
  },
  order_filled: {
    message: 'El pedido {orderRef} ya tiene su dispositivo (IMEI …{imeiLast4}).',
    nextAction: 'Escanee el siguiente pedido. Cola e historial muestra el trabajo de este.',
  },
  order_mismatch: {
    message: 'El pedido {orderRef} es para el paciente {uid} y un {deviceType}, no para lo que hay en pantalla.',
    nextAction: 'Vuelva a escanear el pedido, o borre la pantalla (Esc) y empiece de nuevo.',
  },
  order_device_in_batch: {
    message: 'Este dispositivo ya está asignado a otro pedido de este lote.',
    nextAction: 'Apártelo y escanee el dispositivo que corresponde a este pedido.',
  },
};
