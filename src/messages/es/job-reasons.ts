/** A job's reasons (src/onboarding/problems.ts) and the label/modem cross-check (src/capture/cross-check.ts). */
import type { jobReasons as english } from '../en/job-reasons.js';
import type { Translation } from '../translation.js';

export const jobReasons: Translation<typeof english> = {
  second_device: {
    message: 'El paciente {uid} ya tiene un dispositivo de este tipo (IMEI …{imeiLast4}).',
    nextAction:
      'Conecte también este solo si el paciente debe tener dos; si no, quédese con uno y aparte este dispositivo.',
  },
  held_by_other_patient: {
    message: 'El IMEI …{imeiLast4} está conectado a otro paciente (…{otherLast4}).',
    nextAction:
      'Un supervisor puede autorizar el cambio: primero se desconecta del otro paciente y luego se conecta aquí.',
  },
  in_progress: {
    message: 'Este dispositivo ya se está conectando para este paciente.',
    nextAction: 'No hay que hacer nada: termina solo (vea Cola).',
  },
  queued: {
    message: 'El trabajo está esperando en la cola.',
    nextAction: 'No hay que hacer nada: se reintenta solo (vea Cola).',
  },
  needs_attention: {
    message: 'El trabajo necesita a una persona.',
    nextAction: 'Abra Cola: reintente el trabajo o cancélelo.',
  },
  cancelled: {
    message: 'El trabajo se canceló.',
    nextAction: 'Vuelva a escanear el dispositivo para empezar un trabajo nuevo.',
  },
  cancelled_by: {
    message: 'Cancelado por {by}.',
    nextAction: 'Vuelva a escanear el dispositivo para empezar un trabajo nuevo.',
  },
  not_on_sources: {
    message: 'No aparece en las fuentes del paciente después del 202: se conecta de nuevo.',
    nextAction: 'No hay que hacer nada: se reintenta solo.',
  },
  outcome_unknown: {
    message:
      'Se perdió la respuesta de Validic a la conexión (no respondió a tiempo, dio un error de servidor o el quiosco se detuvo mientras esperaba): puede que se haya aplicado.',
    nextAction: 'No hay que hacer nada: el quiosco la envía una vez más por sí solo, y nunca una tercera (vea Cola).',
  },
  resend_after_unknown: {
    message: 'Se envía la conexión una vez más: se perdió la respuesta de Validic a la primera.',
    nextAction: 'No hay que hacer nada: termina sola.',
  },
  connect_unconfirmed: {
    message:
      'Se perdieron las respuestas de Validic a {sent} solicitudes de conexión; puede que el dispositivo esté conectado.',
    nextAction:
      'Pida al paciente una medición para confirmarlo, o reintente cuando Validic vuelva a responder (Reintentar envía una conexión más).',
  },
  resend_refused: {
    message:
      'Se perdió la respuesta a la primera conexión y Validic rechazó el reenvío ({said}); lo más probable es que la primera se aplicara.',
    nextAction:
      'Pida al paciente una medición para confirmarlo; si no llega ninguna, un supervisor revisa el dispositivo con Validic.',
  },
  device_refused: {
    message: 'Validic rechazó este dispositivo para este paciente (HTTP {status}).',
    nextAction:
      'Compruebe el IMEI y el tipo de dispositivo; si son correctos, contacte con el soporte de Validic indicando el IMEI.',
  },
  accepted_without_body: {
    message: 'Validic aceptó la conexión (su respuesta no traía un contenido utilizable).',
    nextAction: 'No hay que hacer nada.',
  },
  holder_connecting: {
    message:
      'Este dispositivo se está conectando ahora a otro paciente (…{otherLast4}); la anulación debe esperar esa respuesta.',
    nextAction: 'Espere un momento y vuelva a anular.',
  },
  confirmed_by_reading: {
    message: 'Llegó la primera lectura del dispositivo: la conexión se había hecho.',
    nextAction: 'No hay que hacer nada.',
  },
  waiting_for_mode: {
    message: 'Este trabajo se hizo en modo {mode} y el quiosco está en modo {now}: espera a su propio modo.',
    nextAction: 'Vuelva al modo {mode} para terminarlo, o cancélelo.',
  },
  waiting_without_mode: {
    message:
      'Este trabajo viene de un diario antiguo que no dice si era de entrenamiento o de producción: no se envía por sí solo.',
    nextAction: 'Reinténtelo para enviarlo en el modo actual, o cancélelo.',
  },
  found_after_interruption: {
    message: 'Encontrado en las fuentes del paciente tras una conexión interrumpida.',
    nextAction: 'No hay que hacer nada.',
  },
  retried: {
    message: 'Reintentado por {by}.',
    nextAction: 'No hay que hacer nada: se está conectando de nuevo.',
  },
  override: {
    message: 'Autorizado por {by}.',
    nextAction: 'No hay que hacer nada: se está conectando de nuevo.',
  },
  superseded: {
    message: 'Reemplazado por una autorización de supervisor (trabajo {jobId}) que movió este dispositivo.',
    nextAction: 'No hay que hacer nada.',
  },
  mode_switch_cancelled: {
    message: 'Cancelado al cambiar el quiosco del modo {mode} al modo {to}.',
    nextAction: 'No hay que hacer nada; escanee el dispositivo de nuevo en el modo que le corresponde.',
  },
  assigned: {
    message: 'Asignado al paciente {uid}; conectando ahora.',
    nextAction: 'Escanee el siguiente dispositivo.',
  },
  in_batch: {
    message: 'Este dispositivo ya está asignado a un pedido de este lote.',
    nextAction: 'Escanee el siguiente dispositivo.',
  },
  mismatch: {
    message:
      'La etiqueta dice IMEI {label} pero el módem del dispositivo indica {modem}. Puede que la caja tenga el dispositivo equivocado: compruebe que este dispositivo corresponde a esta etiqueta antes de seguir.',
    nextAction:
      'Aparte este dispositivo: compruebe que la etiqueta y el dispositivo de la caja van juntos y escanee ambos de nuevo.',
  },
  invalid_label: {
    message: 'El IMEI escaneado de la etiqueta no es válido.',
    nextAction:
      'Aparte este dispositivo: compruebe que la etiqueta y el dispositivo de la caja van juntos y escanee ambos de nuevo.',
  },
  invalid_modem: {
    message: 'El IMEI que indicó el módem del dispositivo no es válido.',
    nextAction:
      'Aparte este dispositivo: compruebe que la etiqueta y el dispositivo de la caja van juntos y escanee ambos de nuevo.',
  },
};
