/** Refusals of a settings save: the station name, a setting's value, the base URLs. */
import type { settings as english } from '../en/settings.js';
import type { Translation } from '../translation.js';

export const settings: Translation<typeof english> = {
  station_name_invalid: {
    message: 'El nombre de la estación tiene de 1 a 254 caracteres, en una sola línea.',
    nextAction: 'Escriba un nombre más corto en una sola línea, p. ej. "Empaque 3".',
  },
  setting_invalid: {
    message: 'El ajuste "{setting}" no se puede guardar: {reason}.',
    nextAction: 'Corríjalo y guarde de nuevo.',
  },
  base_url_not_https: {
    message:
      '{origin} no es HTTPS: el token de la organización viaja en la URL, así que solo se admite HTTPS (o http en este equipo, para un simulador).',
    nextAction: 'Use la dirección https:// que le dio Validic, o http://127.0.0.1 para un simulador en este equipo.',
  },
  base_url_has_credentials: {
    message:
      'La dirección de {origin} lleva un usuario o una contraseña: quedaría escrita en el diario y en los registros.',
    nextAction: 'Quite la parte "usuario:contraseña@"; el token de la organización va en su propio campo.',
  },
  base_url_invalid: {
    message: '"{url}" no es una URL.',
    nextAction: 'Escriba la dirección completa, empezando por https://.',
  },
};
