/** Refusals of the secret store, of a mode switch and of going live. */
import type { credentials as english } from '../en/credentials.js';
import type { Translation } from '../translation.js';

export const credentials: Translation<typeof english> = {
  plaintext_backend: {
    message:
      'Este equipo no tiene llavero para el usuario del quiosco, así que el token se guardaría como texto sin cifrar. No se guardó.',
    nextAction:
      'Pida a TI que instale y desbloquee un llavero para el usuario del quiosco y vuelva a escribir el token.',
  },
  encryption_unavailable: {
    message:
      'El almacenamiento seguro del sistema operativo no está disponible, así que el token no se puede guardar cifrado.',
    nextAction:
      'Inicie sesión normalmente en la cuenta del quiosco (para desbloquear su llavero), reinicie la aplicación y vuelva a escribir el token.',
  },
  decrypt_failed: {
    message:
      'No se pudo descifrar el token guardado: el almacenamiento seguro de este equipo cambió desde que se guardó.',
    nextAction: 'Vuelva a escribir el token de la organización en Ajustes (administrador).',
  },
  invalid_value: {
    message: 'El token no se guardó: no es un token válido.',
    nextAction: 'Pegue el token de nuevo, tal como lo emitió Validic.',
  },
  corrupt_file: {
    message: 'El archivo de credenciales guardado está dañado y no se puede leer.',
    nextAction: 'Pida a TI que lo borre y vuelva a escribir el token de la organización en Ajustes (administrador).',
  },
  open_jobs_in_mode: {
    message: 'Trabajos hechos en modo {mode} sin terminar: {count}. Al cambiar al modo {to} nunca se envían allí.',
    nextAction: 'Elija: dejarlos esperando al modo {mode}, o cancelarlos.',
  },
  training_pins_in_production: {
    message: 'Los PIN de entrenamiento (administrador 1234, supervisor 5678) no se pueden usar en producción.',
    nextAction: 'Ponga un PIN de administrador y uno de supervisor nuevos en PIN, y vuelva a guardar las credenciales.',
  },
};
