/** Camera scanning (renderer/src/camera). */
import type { camera as english } from '../en/camera';

export const camera: typeof english = {
  camera: {
    panel: 'Escaneo con cámara',
    choose: 'Cámara',
    lightOn: 'Encender luz',
    lightOff: 'Apagar luz',
    tryAgain: 'Reintentar',
    starting: 'Iniciando la cámara…',
    aim: 'Sostenga el código IMEI dentro del recuadro, recto y quieto.',
    notImei: 'Ese código no es un IMEI: {reason}',
    notImeiPlain: 'Ese código no es un IMEI.',
    decoderFailed: 'Falló el lector de códigos de barras: {error}',
    scanned: 'IMEI escaneado',
    scanAnother: 'Escanear otro',
    pick: 'Esta etiqueta tiene {n} IMEI. ¿Cuál es el de este dispositivo?',
    imei: 'IMEI',
    scanAgain: 'Escanear de nuevo',
    problems: {
      permission_denied:
        'El quiosco no tiene permiso para usar la cámara. Pida a TI que permita el acceso a la cámara para el quiosco y vuelva a intentarlo. Puede seguir escaneando con el lector de mano o escribir el IMEI.',
      no_camera:
        'No se encontró ninguna cámara. Compruebe que la cámara está conectada y pulse Reintentar. Puede seguir escaneando con el lector de mano o escribir el IMEI.',
      camera_busy:
        'La cámara está ocupada: otro programa o ventana la está usando. Ciérrelo (o desconecte y vuelva a conectar la cámara) y pulse Reintentar.',
      not_supported:
        'Esta pantalla no tiene acceso a la cámara (debe abrirse desde la aplicación del quiosco). Use el lector de mano o escriba el IMEI.',
      failed: 'La cámara no pudo iniciarse ({detail}). Pulse Reintentar o use el lector de mano.',
    },
  },
};
