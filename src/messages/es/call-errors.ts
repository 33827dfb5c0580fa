/** A window.kiosk call that failed other than by a refusal (IpcErrorCode in src/ipc/wire.ts). */
import type { callErrors as english } from '../en/call-errors.js';
import type { Translation } from '../translation.js';

export const callErrors: Translation<typeof english> = {
  unknown_channel: {
    message: 'Esta pantalla pidió al motor del quiosco algo que no conoce ({detail}).',
    nextAction:
      'Reinicie el quiosco; si vuelve a pasar, llame a TI (la pantalla y el motor pueden ser de versiones distintas).',
  },
  invalid_request: {
    message: 'El quiosco no aceptó lo escrito: {detail}.',
    nextAction: 'Revise los campos e inténtelo de nuevo.',
  },
  handler_failed: {
    message: 'El motor del quiosco no pudo completar esto.',
    nextAction: 'Inténtelo de nuevo; si vuelve a pasar, llame a TI y diga a qué hora ocurrió.',
  },
  invalid_response: {
    message: 'El motor del quiosco dio una respuesta que esta pantalla no puede leer ({detail}).',
    nextAction: 'Reinicie el quiosco; si vuelve a pasar, llame a TI.',
  },
  untrusted_sender: {
    message: 'El motor del quiosco no responde a esta página ({detail}).',
    nextAction: 'Reinicie el quiosco; si vuelve a pasar, llame a TI.',
  },
};
