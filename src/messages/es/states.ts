/** A job's state (src/ledger/records.ts JobState) as the operator reads it, also inside a text's {state}. */
import type { states as english } from '../en/states.js';
import type { Translation } from '../translation.js';

export const states: Translation<typeof english> = {
  captured: 'Escaneado',
  ready: 'Listo',
  connecting: 'Conectando',
  connected: 'Conectado',
  verified: 'Conectado y verificado',
  queued: 'En cola',
  needs_attention: 'Requiere atención',
  cancelled: 'Cancelado',
};
