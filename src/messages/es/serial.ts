/**
 * Serial reads (src/serial/errors.ts), scans a serial-mode scanner sent that were refused
 * (src/app/serial/serial-scanners.ts), and the serial settings (src/serial/serial-profile.ts).
 */
import type { serial as english } from '../en/serial.js';
import type { Translation } from '../translation.js';

export const serial: Translation<typeof english> = {
  port_not_found: {
    message: 'No hay ningún puerto serie ahí.',
    nextAction: 'Compruebe que el dispositivo está conectado y encendido.',
  },
  permission_denied: {
    message: 'Este usuario no puede abrir el puerto serie (permiso denegado). El dispositivo está ahí.',
    nextAction:
      'Pida a TI que dé al usuario del quiosco acceso a los puertos serie (en Linux: "sudo usermod -aG dialout $USER" y volver a iniciar sesión).',
  },
  port_busy: {
    message: 'Otro programa ya tiene abierto el puerto serie.',
    nextAction: 'Cierre el otro programa (o pida a TI que detenga ModemManager) y vuelva a intentarlo.',
  },
  not_a_serial_port: {
    message: 'Ese puerto existe pero no es un puerto serie.',
    nextAction: 'Elija el puerto serie del dispositivo (pregunte a TI).',
  },
  open_failed: {
    message: 'No se pudo abrir el puerto serie.',
    nextAction: 'Desconecte y vuelva a conectar el dispositivo e inténtelo de nuevo; si sigue pasando, llame a TI.',
  },
  no_response: {
    message: 'El dispositivo no respondió en su puerto serie.',
    nextAction: 'Desconecte y vuelva a conectar el dispositivo, espere a que arranque y lea de nuevo.',
  },
  modem_error: {
    message: 'El módem no dio su IMEI.',
    nextAction:
      'Desconecte y vuelva a conectar el dispositivo, espere a que arranque y lea de nuevo; si sigue pasando, lea el IMEI de la etiqueta.',
  },
  no_imei: {
    message: 'El módem responde, pero no tiene IMEI que indicar.',
    nextAction: 'Lea el IMEI de la etiqueta del dispositivo y aparte el dispositivo para revisar su firmware.',
  },
  invalid_imei: {
    message: 'El dispositivo indicó un número que no es un IMEI válido.',
    nextAction: 'Lea el IMEI de la etiqueta del dispositivo y aparte el dispositivo para revisar su firmware.',
  },
  no_scan: {
    message: 'No llegó ningún código de barras del escáner serie.',
    nextAction: 'Escanee el código IMEI; si el escáner pita pero no llega nada, llame a TI.',
  },
  disconnected: {
    message: 'El dispositivo se fue en medio de la lectura (desconectado, apagado o reiniciado).',
    nextAction: 'Vuelva a conectar el dispositivo (revise el cable USB), espere a que arranque y lea de nuevo.',
  },
  udevadm_missing: {
    message: 'No se pueden listar los puertos serie: falta el programa "udevadm".',
    nextAction: 'Pida a TI que instale udev.',
  },
  list_failed: {
    message: 'No se pueden listar los puertos serie.',
    nextAction: 'Dé este mensaje a TI.',
  },
  garbled_scan: {
    message: 'El escáner de {port} envió bytes que no son un código de barras (velocidad incorrecta o cable flojo).',
    nextAction:
      'Configure el escáner a {baud} baudios, 8 bits de datos, sin paridad (su manual tiene códigos de configuración) y vuelva a escanear.',
  },
  overlong_scan: {
    message:
      'El escáner de {port} envió {length} caracteres en un solo escaneo, más de lo que cabe en un código de etiqueta.',
    nextAction:
      'Compruebe que el escáner termina cada escaneo como indica Ajustes → Dispositivos serie (fin de línea o pausa) y vuelva a escanear.',
  },
  usb_vendor_id_format: {
    message: 'Dispositivo USB {row}: el id de fabricante "{vendorId}" no son 4 dígitos hexadecimales.',
    nextAction: 'Cópielo de la lista de dispositivos (lsusb muestra fabricante:producto, p. ej. 2c7c:0125).',
  },
  usb_product_id_format: {
    message: 'Dispositivo USB {row}: el id de producto "{productId}" no son 4 dígitos hexadecimales.',
    nextAction: 'Déjelo vacío para aceptar todos los productos del fabricante, o cópielo de lsusb.',
  },
  usb_device_unnamed: {
    message: 'El dispositivo USB {row} no tiene nombre.',
    nextAction: 'Indique su fabricante o modelo, para que la lista de puertos diga qué está conectado.',
  },
  usb_devices_too_many: {
    message: 'Hay {count} dispositivos USB adicionales; se guardan {max} como máximo.',
    nextAction: 'Quite los que esta estación no usa.',
  },
  usb_device_listed_twice: {
    message: 'Los dispositivos USB {earlier} y {row} tienen los mismos ids ({ids}).',
    nextAction: 'Deje solo uno.',
  },
  baud_rate_unsupported: {
    message: '{baud} no es una velocidad serie que use un dispositivo.',
    nextAction:
      'Elija una de {rates} (el manual del dispositivo la indica; 115200 para la mayoría de los módems, 9600 para la mayoría de los escáneres).',
  },
};
