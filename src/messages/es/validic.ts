/** Validic's error kinds (src/validic/errors.ts): a refused or failed call to Validic. */
import type { validic as english } from '../en/validic.js';
import type { Translation } from '../translation.js';

export const validic: Translation<typeof english> = {
  invalid_request: {
    message: 'Validic rechazó la solicitud por no ser válida.',
    nextAction: 'Revise el IMEI, el ID del paciente y el tipo de dispositivo, y vuelva a intentarlo.',
  },
  unauthorized: {
    message: 'Validic rechazó las credenciales de la organización.',
    nextAction: 'Pida a un administrador que revise el ID de organización y el token de Validic en los ajustes.',
  },
  not_found: {
    message: 'Validic no conoce a este paciente.',
    nextAction: 'Revise el ID del paciente; puede que el usuario aún no esté dado de alta.',
  },
  conflict: {
    message: 'Validic dice que este IMEI está conectado a otro paciente, del que este quiosco no tiene registro.',
    nextAction:
      'Revise el IMEI de la etiqueta. Si es correcto, un supervisor puede autorizar el cambio indicando el paciente en el que está: se desconecta allí y luego se conecta aquí.',
  },
  rate_limited: {
    message: 'Se agotó el cupo horario de llamadas a Validic.',
    nextAction: 'Espere a que se renueve el cupo horario; el trabajo en cola sigue solo.',
  },
  server_error: {
    message: 'Validic respondió con un error del servidor.',
    nextAction: 'La llamada se reintenta sola. Si sigue fallando, inténtelo más tarde.',
  },
  timeout: {
    message: 'Validic no respondió a tiempo.',
    nextAction: 'Revise la red. La llamada se reintenta sola.',
  },
  network: {
    message: 'No se pudo llegar a Validic: la red no responde.',
    nextAction: 'Revise el cable o el Wi-Fi. La llamada se reintenta sola.',
  },
  malformed_response: {
    message: 'Validic respondió de una forma inesperada.',
    nextAction: 'Avise a soporte indicando la hora de la llamada.',
  },
  configuration: {
    message: 'Los ajustes de Validic están incompletos o son incorrectos.',
    nextAction: 'Pida a un administrador que corrija los ajustes de Validic (URL base, ID de organización, token).',
  },
};
