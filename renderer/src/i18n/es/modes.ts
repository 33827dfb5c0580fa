/** Training and production: switching, going live, the offline banner. */
import type { modes as english } from '../en/modes';

export const modes: typeof english = {
  modes: {
    training: 'Entrenamiento',
    production: 'Producción',
    unknown: 'Modo desconocido',
    column: 'Modo',
    waitsFor: 'Espera al modo {mode}: nunca se envía en modo {now}.',
    otherModeWaiting: 'Esperando al otro modo: {n}',
    switchTitle: '¿Cambiar al modo {to}?',
    switchOpenJobs: 'Trabajos hechos en modo {mode} sin terminar: {count}. Nunca se envían en modo {to}.',
    switchKeep: 'Cambiar; esperan al modo {mode}',
    switchCancel: 'Cambiar y cancelarlos',
    switchStay: 'No cambiar',
    goLiveTitle: '¿Empezar producción?',
    goLiveBody:
      'A partir de ahora cada dispositivo se conecta en Validic de verdad, para la organización {orgId}. Pruebe antes la conexión si no lo ha hecho.',
    goLiveConfirm: 'Empezar producción',
    testConnection: 'Probar la conexión',
    testing: 'Probando la conexión…',
    testOk: 'Validic aceptó el ID de organización y el token ({ms} ms).',
    testFailed: 'La prueba falló: {reason}',
    orgIdMissing: 'Para guardar las credenciales falta el ID de organización.',
    tokenTooShort: 'Para guardar las credenciales falta el token: al menos 8 caracteres ({n} escritos).',
    pinsFirst:
      'Producción necesita PIN nuevos: los PIN de entrenamiento (administrador 1234, supervisor 5678) no valen allí. Cambie los dos abajo, en PIN.',
    unsavedTitle: '¿Salir sin guardar?',
    unsavedBody: 'Hay ajustes cambiados sin guardar.',
    unsavedLeave: 'Salir sin guardar',
    unsavedStay: 'Quedarse y guardar',
    idleEmpty: 'Escriba los minutos (1 a 240).',
    offline: 'No se puede llegar a Validic: {cause}',
    offlineDepth: 'Dispositivos esperando envío: {depth}. Se envían solos cuando Validic responda; siga escaneando.',
    causes: {
      dns: 'no se encuentra el nombre del servidor de Validic (DNS). ¿Está este puesto en la red?',
      refused: 'el servidor de Validic rechazó la conexión.',
      timeout: 'Validic no respondió a tiempo.',
      network: 'la red no responde. Revise el cable o el Wi-Fi.',
    },
  },
};
