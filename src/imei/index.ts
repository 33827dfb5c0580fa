export { normalize, type Normalized } from './normalize.js';
export { validate, isPlaceholderImei, type ImeiValidation, type ValidImei, type InvalidImei } from './validate.js';
export { luhnCheckDigit, passesLuhn } from './luhn.js';
export { formatImei, maskImei } from './format.js';
export { Imei } from './schema.js';
export { describeChar, type ImeiError, type ImeiErrorKind, type OffendingCharacter } from './errors.js';
