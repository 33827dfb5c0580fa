/** The Batch screen. */
import type { batch as english } from '../en/batch';

export const batch: typeof english = {
  batch: {
    title: 'Pedidos por lote',
    fileLabel: 'Archivo CSV de pedidos',
    fileHint: 'Columnas: uid, device_type, order_ref opcional, expected_imei opcional.',
    import: 'Importar',
    badRows: 'El archivo no se importó. Corrija estas filas e impórtelo de nuevo:',
    row: 'Fila',
    column: 'Columna',
    reason: 'Problema',
    progress: '{assigned} de {total} asignados · {connected} conectados · faltan {remaining}',
    eta: 'Faltan unos {minutes} min',
    next: 'Siguiente pedido: paciente {uid}, {type}',
    scanHint: 'Escanee cada IMEI: se asigna solo a su pedido.',
    none: 'No hay lote abierto. Importe un archivo de pedidos para empezar.',
    close: 'Cerrar lote',
    assigned: 'ASIGNADO — conectando',
    lastScan: 'Último escaneo: IMEI …{last4} → paciente {uid}',
    refused: 'NO ASIGNADO — aparte este dispositivo',
    complete: 'LOTE COMPLETO — {total} dispositivos conectados',
    completeWaiting:
      'Todos los pedidos tienen su dispositivo · {waiting|# dispositivo no está conectado todavía|# dispositivos no están conectados todavía}: vea Cola',
    typeTitle: '¿Es el dispositivo correcto para este pedido?',
    typeMismatch:
      'El siguiente pedido (paciente {uid}) es de tipo {orderType}, pero los dispositivos de este modelo se conectaron aquí como {modelType} {times} (IMEI {imei}).',
    times: '{n|una vez|# veces}',
    typeConfirm: 'Sí, es de tipo {type}',
    typeAside: 'No, apartarlo',
    typeSetAside: 'El IMEI {imei} no se asignó: apártelo y compruebe qué dispositivo es.',
    closeTitle: '¿Cerrar este lote?',
    closeOpen:
      '{remaining} de {total} pedidos no tienen dispositivo todavía. Al cerrar se deja de asignar por escaneo; las conexiones hechas se mantienen.',
    closeDone:
      'Los {total} pedidos tienen su dispositivo. Al cerrar se limpia esta pantalla; las conexiones se mantienen.',
    keepOpen: 'Mantenerlo abierto',
  },
};
