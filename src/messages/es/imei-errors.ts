/** Why text is not an IMEI, by kind (src/imei/errors.ts), with the pieces a list of wrong characters is said in. */
import type { imeiErrors as english } from '../en/imei-errors.js';
import type { Translation } from '../translation.js';

export const imeiErrors: Translation<typeof english> = {
  empty: 'No se escaneó ni escribió nada. Escanee el código de barras IMEI de la etiqueta del dispositivo.',
  non_digit:
    'Un IMEI solo tiene dígitos. Se encontró {found}. Escanee el código IMEI otra vez o escríbalo con dígitos 0-9.',
  nonDigitAt: '"{char}" en la posición {position}',
  nonDigitMore: '{list} y {n} más',
  too_short:
    'Solo {length|# dígito|# dígitos}: un IMEI tiene 15. Probablemente faltó un dígito: escanee el código IMEI otra vez.',
  too_long:
    '{length} dígitos: un IMEI tiene exactamente 15. Puede ser un número de serie o dos códigos leídos juntos: escanee solo el código marcado IMEI.',
  bad_check_digit:
    'El último dígito debería ser {expected}, no {found}. Probablemente se escribió o leyó mal un dígito: escanee el código IMEI otra vez.',
  imeisv:
    '16 dígitos: es un IMEISV (versión de software), sin dígito de control. El IMEI sería {imei}. Confirme que coincide con la etiqueta antes de usarlo.',
  meid: 'Es un MEID/ESN de CDMA, no un IMEI. Busque el número de 15 dígitos marcado IMEI en la etiqueta.',
  placeholder:
    'Es un número ficticio (todos los dígitos iguales o un patrón de prueba), no el IMEI de un dispositivo. Escanee el IMEI de la etiqueta.',
};
