/**
 * The engine's IMEI errors in the operator's language, by kind. English keeps the engine's own
 * message (one source of truth); Spanish is composed here from the error's fields.
 */
import { describeChar, type ImeiError } from '../../../src/imei/errors';
import type { Language } from './messages';

const es: Record<ImeiError['kind'], (error: ImeiError, raw: string) => string> = {
  empty: () => 'No se escaneó ni escribió nada. Escanee el código de barras IMEI de la etiqueta del dispositivo.',
  non_digit: (error) => {
    const offending = error.offending ?? [];
    const shown = offending.slice(0, 5).map((o) => `"${describeChar(o.char)}" en la posición ${o.position}`);
    const more = offending.length > 5 ? ` y ${offending.length - 5} más` : '';
    return `Un IMEI solo tiene dígitos. Se encontró ${shown.join(', ')}${more}. Escanee el código IMEI otra vez o escríbalo con dígitos 0-9.`;
  },
  too_short: (error) => `Solo ${error.length} dígito${error.length === 1 ? '' : 's'}: un IMEI tiene 15. Probablemente faltó un dígito: escanee el código IMEI otra vez.`,
  too_long: (error) => `${error.length} dígitos: un IMEI tiene exactamente 15. Puede ser un número de serie o dos códigos leídos juntos: escanee solo el código marcado IMEI.`,
  bad_check_digit: (error, raw) => {
    const found = raw.replace(/\D/g, '').slice(-1);
    return `El último dígito debería ser ${error.expectedCheckDigit ?? '?'}, no ${found}. Probablemente se escribió o leyó mal un dígito: escanee el código IMEI otra vez.`;
  },
  imeisv: (error) =>
    `16 dígitos: es un IMEISV (versión de software), sin dígito de control. El IMEI sería ${error.derivedImei ?? '?'}. Confirme que coincide con la etiqueta antes de usarlo.`,
  meid: () => 'Es un MEID/ESN de CDMA, no un IMEI. Busque el número de 15 dígitos marcado IMEI en la etiqueta.',
  placeholder: () => 'Es un número ficticio (todos los dígitos iguales o un patrón de prueba), no el IMEI de un dispositivo. Escanee el IMEI de la etiqueta.',
};

export function imeiErrorText(language: Language, error: ImeiError, raw: string): string {
  return language === 'en' ? error.message : es[error.kind](error, raw);
}
