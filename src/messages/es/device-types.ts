/** Refused device type edits (src/config/device-type-rules.ts). */
import type { deviceTypes as english } from '../en/device-types.js';
import type { Translation } from '../translation.js';

export const deviceTypes: Translation<typeof english> = {
  device_type_id_missing: {
    message: 'Un tipo de dispositivo nuevo necesita un id.',
    nextAction: 'Escriba el valor device_type que espera Validic, p. ej. blood_glucose.',
  },
  device_type_id_too_long: {
    message: 'El id "{id}…" tiene {length} caracteres; se permiten {max} como máximo.',
    nextAction: 'Use un id más corto.',
  },
  device_type_id_format: {
    message:
      '"{id}" no es un id de tipo de dispositivo: los ids van en lower_snake_case (minúsculas, dígitos y guiones bajos, empezando por una letra).',
    nextAction: 'Escríbalo como lo escribe Validic, p. ej. blood_glucose.',
  },
  device_type_label_missing: {
    message: 'El tipo de dispositivo "{id}" no tiene nombre.',
    nextAction: 'Póngale el nombre que verán los operadores en su botón, p. ej. Glucómetro.',
  },
  device_type_label_too_long: {
    message: 'El nombre de "{id}" tiene {length} caracteres; en un botón caben {max} como máximo.',
    nextAction: 'Acorte el nombre.',
  },
  device_type_spanish_label_too_long: {
    message: 'El nombre en español de "{id}" tiene {length} caracteres; en un botón caben {max} como máximo.',
    nextAction: 'Acorte el nombre en español.',
  },
  device_types_none_left: {
    message:
      'Debe quedar al menos un tipo de dispositivo: la pantalla Alta necesita un tipo para conectar un dispositivo.',
    nextAction: 'Deje un tipo, o añada el nuevo antes de quitar el último.',
  },
  device_type_listed_twice: {
    message: 'El id de tipo de dispositivo "{id}" aparece dos veces.',
    nextAction: 'Dé a cada tipo su propio id, o quite la copia.',
  },
  device_type_label_twice: {
    message: '"{first}" y "{id}" tienen el mismo nombre, "{label}": los operadores no podrían distinguir sus botones.',
    nextAction: 'Dé a cada tipo su propio nombre.',
  },
  device_type_in_use: {
    message:
      '"{label}" ({id}) no se puede quitar: lo usan todavía {openJobs|# trabajo abierto|# trabajos abiertos} y {batchOrders|# pedido|# pedidos} del lote abierto.',
    nextAction: 'Termine o cancele esos trabajos (pantalla Cola) y cierre el lote (pantalla Lote); después quítelo.',
  },
  device_type_used_by_jobs: {
    message: '"{label}" ({id}) no se puede quitar: lo usan todavía {openJobs|# trabajo abierto|# trabajos abiertos}.',
    nextAction: 'Termine o cancele esos trabajos (pantalla Cola); después quítelo.',
  },
  device_type_used_by_batch: {
    message: '"{label}" ({id}) no se puede quitar: lo usan todavía {batchOrders|# pedido|# pedidos} del lote abierto.',
    nextAction: 'Cierre el lote (pantalla Lote); después quítelo.',
  },
};
