/** The kiosk's modes (training, production; unknown for an older journal's job) inside a text's {mode}, {to} and {now}. */
import type { modeNames as english } from '../en/mode-names.js';
import type { Translation } from '../translation.js';

export const modeNames: Translation<typeof english> = {
  training: 'entrenamiento',
  production: 'producción',
  unknown: 'desconocido',
};
