/** The Disconnect screen. */
import type { disconnect as english } from '../en/disconnect';

export const disconnect: typeof english = {
  disconnect: {
    title: 'Desconectar dispositivos',
    uidLabel: 'ID del paciente',
    imeiLabel: 'IMEI del dispositivo (vacío para listar todos los del paciente)',
    preview: 'Mostrar qué se desconectará',
    willDisconnect: 'Se desconectará exactamente:',
    nothing: 'Este paciente no tiene dispositivos conectados.',
    one: 'Desconectar este dispositivo',
    all: 'Desconectar los {n} dispositivos',
    done: '{n|Se desconectó # dispositivo|Se desconectaron # dispositivos} del paciente {uid}: {list}.',
    doneLine: 'IMEI {imei} ({type})',
    uidHint:
      'Un dispositivo devuelto: deje vacío el ID del paciente y escanee su IMEI; el quiosco encuentra su paciente.',
    needOne: 'Escriba un ID de paciente o escanee el IMEI del dispositivo.',
    confirmTitle: '¿Desconectar?',
    confirm: 'Sí, desconectar',
    cancel: 'Mantener conectado',
  },
};
