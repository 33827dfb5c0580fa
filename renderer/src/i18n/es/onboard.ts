/** The Onboard screen and its safety rules. */
import type { onboard as english } from '../en/onboard';

export const onboard: typeof english = {
  onboard: {
    ready: 'LISTO',
    readyHint: 'Escanee el código de barras IMEI de la etiqueta del dispositivo.',
    imeiLabel: 'IMEI del dispositivo',
    imeiPlaceholder: 'Escanee o escriba el IMEI de 15 dígitos',
    uidLabel: 'ID del paciente',
    uidPlaceholder: 'Escanee o escriba el ID del paciente',
    uidHint: 'Letras, dígitos y guiones simples; de 4 a 254 caracteres.',
    typeLabel: 'Tipo de dispositivo',
    typeFromOrder: 'del pedido',
    typeFromModel:
      'Elegido porque este modelo (TAC {tac}) se conectó {n|una vez|# veces} aquí con este tipo. Cámbielo si este dispositivo es distinto.',
    confirm: 'Conectar (Intro)',
    clear: 'Borrar (Esc)',
    camera: 'Cámara',
    closeCamera: 'Cerrar cámara',
    modemOffer: 'Dispositivo conectado en {port}: IMEI {imei}',
    useModem: 'Usar este IMEI',
    needImei: 'Primero escanee el IMEI del dispositivo.',
    busyScan: 'Todavía se está conectando el dispositivo anterior: vuelva a escanear este en un momento.',
    unknownScan: 'No es un IMEI ni un ID de paciente: "{text}". Escanee el código IMEI o el código del paciente.',
    needUid: 'Escanee o escriba el ID del paciente.',
    needType: 'Elija el tipo de dispositivo.',
    badUid:
      'Este ID de paciente no es válido: use de 4 a 254 letras, dígitos o guiones simples, sin guion al principio ni al final.',
    chooseImei: 'Esta etiqueta tiene dos IMEI. ¿Cuál es el de este dispositivo?',
    imeiSv: 'Esto es un IMEISV. ¿Usar el IMEI {imei}?',
    connecting: 'Conectando…',
    connected: 'CONECTADO',
    alreadyConnected: 'YA CONECTADO',
    alreadyConnectedDetail: 'Ya conectado el {at} por {by}. No se envió de nuevo.',
    queued: 'EN COLA',
    queuedDetail: 'Se reintentará solo. En cola: {depth}.',
    needsAttention: 'REQUIERE ATENCIÓN',
    nextAction: 'Siguiente paso:',
    blocked: 'EN OTRO PACIENTE',
    blockedDetail: 'Este IMEI está conectado al paciente …{other}. Solo un supervisor puede moverlo.',
    override: 'Autorización de supervisor',
    otherPatient: 'ID del paciente en el que está ahora',
    overrideMoveKnown:
      'Mover el IMEI {imei} del paciente {other} al paciente {uid}: primero se desconecta de {other} y luego se conecta a {uid}.',
    overrideMoveUnknown:
      'El IMEI {imei} está en un paciente del que este quiosco no tiene registro. Indique ese paciente: el dispositivo se desconecta allí y luego se conecta al paciente {uid}.',
    mismatch: '¿DISPOSITIVO EQUIVOCADO?',
    confirmSecond: '¿SEGUNDO DISPOSITIVO DE ESTE TIPO?',
    confirmSecondYes: 'Sí, conectarlo',
    confirmSecondNo: 'No, solo uno (Esc)',
    nextDevice: 'Siguiente dispositivo (Intro)',
    returning: 'Listo para el siguiente dispositivo en {seconds} s',
    summary: 'IMEI …{last4} · paciente {uid} · {type}',
    imeiWord: 'IMEI',
    imeiFrom: '· TAC {tac} · leído por {source}',
    orderOrPatient: '"{text}" es un pedido del lote abierto y también podría ser un ID de paciente. ¿Qué es?',
    useOrder: 'El pedido: paciente {uid}, {type}',
    usePatient: 'Paciente {uid}',
    orderFilled: 'Pedido {order}: el paciente y el tipo de dispositivo vienen del pedido.',
    orderFilledNoRef: 'El paciente y el tipo de dispositivo vienen del código del pedido.',
    orderUnknownType:
      'Este pedido es para el tipo de dispositivo "{type}", que esta estación no tiene. No se rellenó nada: pida a un administrador que añada el tipo (Ajustes → Tipos de dispositivo) y vuelva a escanear el pedido.',
    orderNotFound:
      'No hay ningún pedido "{order}" en el lote abierto. Revise el código del pedido o importe su archivo de pedidos en la pantalla Lote.',
    orderBadUid: 'El ID de paciente de este código no es válido: "{uid}". Escriba el ID del paciente a mano.',
  },
  onboardSafe: {
    acknowledgeHint: 'Pulse Intro o escanee el código CONFIRMAR para seguir.',
    acknowledge: 'Confirmar visto',
    ackFirst:
      'Escaneo rechazado: primero hay que atender este resultado. Aparte el dispositivo y pulse Intro o escanee el código CONFIRMAR.',
    anotherDevice: 'Otro dispositivo para {uid}',
    typeSuggested:
      'Los dispositivos de este modelo (TAC {tac}) se conectaron antes como {type} ({n}). Elija usted el tipo.',
    typeRefused:
      'El código de tipo "{type}" no es un tipo de dispositivo de esta estación: no hay tipo elegido. Escanee otro código de tipo o elija el tipo.',
    badge:
      'Es la tarjeta del operador {operator}, no un ID de paciente. Escanee el código del paciente o escriba su ID.',
    imeisv: 'Es un IMEISV (16 dígitos, con la versión de software). Su IMEI sería {imei}. Compruébelo con la etiqueta.',
    useImei: 'Usar el IMEI {imei}',
    notImei: 'No, escanear de nuevo',
    printBarcodes: 'Imprimir códigos',
    sheetTitle: 'Códigos de barras de esta estación',
    sheetIntro: 'Imprima esta página y téngala en la estación: escanee un código en vez de usar el teclado.',
    sheetAck: 'CONFIRMAR: se ha visto un resultado en rojo',
    sheetTypes: 'Tipos de dispositivo',
    print: 'Imprimir',
    close: 'Cerrar',
    idleWarning:
      'Sin actividad: la sesión se cierra en {seconds} s. El dispositivo a medio rellenar, aún sin conectar, se descartará. Pulse cualquier tecla para seguir.',
  },
};
