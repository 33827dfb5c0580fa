/** Refusals of sign-in, PINs and the operator register. */
import type { session as english } from '../en/session.js';
import type { Translation } from '../translation.js';

export const session: Translation<typeof english> = {
  not_signed_in: {
    message: 'No hay nadie con sesión iniciada en esta estación.',
    nextAction: 'Primero inicie sesión con su ID de operador.',
  },
  access_unchecked: {
    message: 'Esta estación no puede comprobar quién llama.',
    nextAction: 'Reinicie el quiosco; si vuelve a pasar, llame a TI.',
  },
  pins_locked: {
    message: 'Demasiados PIN incorrectos: los PIN quedan bloqueados {seconds} s.',
    nextAction: 'Espere y vuelva a intentarlo. Si olvidó el PIN, avise a un supervisor.',
  },
  wrong_admin_pin: {
    message: 'PIN de administrador incorrecto.',
    nextAction: 'Inténtelo de nuevo o avise a un supervisor.',
  },
  wrong_supervisor_pin: {
    message: 'PIN de supervisor incorrecto.',
    nextAction: 'Inténtelo de nuevo o avise a un supervisor.',
  },
  operator_unknown: {
    message: 'El operador "{operator}" no está registrado en esta estación.',
    nextAction: 'Escanee su propia credencial, o pida a un administrador que le añada en Ajustes → Operadores.',
  },
  operator_pin_needed: {
    message: 'El operador {operator} entra con un PIN.',
    nextAction: 'Escriba su PIN y pulse Intro.',
  },
  operator_pin_wrong: {
    message: 'PIN incorrecto para el operador {operator}.',
    nextAction: 'Escríbalo otra vez, o pida a un administrador uno nuevo en Ajustes → Operadores.',
  },
  operator_id_invalid: {
    message:
      '"{operator}" no puede ser un ID de operador: un ID tiene de 1 a 64 caracteres, sin caracteres de control.',
    nextAction: 'Escanee la credencial, o escriba el ID tal como está impreso.',
  },
  operator_register_full: {
    message: 'Esta estación ya tiene 1000 operadores registrados.',
    nextAction: 'Primero quite a los operadores que ya no trabajan aquí.',
  },
  operator_not_registered: {
    message: 'El operador "{operator}" no está registrado.',
    nextAction: 'Compruebe el ID en la lista.',
  },
  operator_signed_in: {
    message: 'El operador {operator} tiene la sesión iniciada ahora.',
    nextAction: 'Cierre la sesión primero y quítelo con otro operador en sesión.',
  },
  uid_is_operator: {
    message: '"{uid}" es el ID del operador {operator}, no un paciente.',
    nextAction: 'Escanee el código del paciente o escriba su ID.',
  },
};
