/** The frame around every screen: names, the training banner, navigation, sign-in, PIN prompts, idle sign-out. */
import type { app as english } from '../en/app';

export const app: typeof english = {
  appName: 'Quiosco IMEI',
  training: 'ENTRENAMIENTO — no se envía nada a Validic: las conexiones van al simulador.',
  trainingPins: 'PIN: {pins}',
  trainingPin: {
    admin: 'administrador 1234',
    supervisor: 'supervisor 5678',
  },
  engineDown: 'El motor del quiosco no responde. Reinicie el quiosco; si vuelve a pasar, llame a TI.',
  nav: {
    onboard: 'Alta',
    batch: 'Lote',
    queue: 'Cola',
    disconnect: 'Desconectar',
    settings: 'Ajustes',
    signOut: 'Cerrar sesión',
    main: 'Principal',
  },
  station: {
    title: 'Iniciar sesión',
    stationName: 'Estación',
    operatorLabel: 'ID de operador',
    operatorHint: 'Escanee su credencial o escriba su ID de operador.',
    signIn: 'Entrar',
    signedInAs: 'Sesión de',
    missingOperator: 'Primero escriba o escanee su ID de operador.',
    deviceNotBadge:
      'Eso era el IMEI de un dispositivo. Escanee su credencial (o escriba su ID de operador) para entrar primero.',
    pinLabel: 'PIN de {operator}',
    otherOperator: 'Otro operador (Esc)',
  },
  serialScanner: {
    problem: 'Dispositivo serie:',
  },
  pin: {
    supervisorTitle: 'PIN de supervisor',
    adminTitle: 'PIN de administrador',
    label: 'PIN',
    ok: 'Aceptar',
    cancel: 'Cancelar',
    wrong: 'PIN incorrecto. Inténtelo de nuevo o avise a un supervisor.',
  },
  idle: {
    signedOut: 'Sesión cerrada tras {minutes} min sin actividad. Inicie sesión para seguir.',
  },
  errors: {
    generic: 'No se pudo hacer: {message}',
  },
};
