/** A bad row of an orders file, by kind (src/onboarding/orders-csv.ts). */
import type { orderRows as english } from '../en/order-rows.js';
import type { Translation } from '../translation.js';

export const orderRows: Translation<typeof english> = {
  unreadable_csv: 'el archivo no es un CSV legible ({detail})',
  empty_file: 'el archivo está vacío; necesita una fila de encabezado (uid,device_type,…) y al menos un pedido',
  unknown_column: 'columna desconocida "{column}"; las columnas son {columns}',
  duplicate_column: 'la columna "{column}" aparece dos veces',
  missing_column: 'el encabezado no tiene la columna "{column}"',
  no_orders: 'el archivo tiene encabezado pero ningún pedido',
  too_many_orders: 'más de {max} pedidos en un archivo; divídalo',
  field_count: '{found|# campo|# campos}, pero el encabezado tiene {expected}',
  bad_uid:
    'el ID de paciente no es válido: use de 4 a 254 letras, dígitos o guiones simples, sin guion al principio ni al final',
  empty_device_type: 'el tipo de dispositivo está vacío',
  unknown_device_type: 'tipo de dispositivo desconocido "{deviceType}"; se espera uno de: {allowed}',
  order_ref_too_long: 'la referencia del pedido tiene {length} caracteres; puede tener como máximo 254',
  order_ref_control_character: 'la referencia del pedido contiene un carácter de control o un salto de línea',
  duplicate_order_ref: 'la referencia del pedido "{orderRef}" ya se usa en la fila {firstRow}',
  bad_expected_imei: 'el IMEI esperado no es un IMEI válido',
  duplicate_expected_imei: 'el IMEI que termina en {imeiLast4} ya se espera en la fila {firstRow}',
};
