/** The message catalogue's public face: languages, the tables, and texts from kinds. */
export { catalogues, type Catalogue, type MessageKind, type OrderRowKind, type StateName } from './catalogue.js';
export { fill, fillAll, fillPlurals, placeholderNames, type FillValues, type Placeholders } from './fill.js';
export { LANGUAGE_NAMES, LANGUAGES, type Language } from './language.js';
export {
  englishOrderRow,
  englishProblem,
  englishText,
  renderMessage,
  renderOrderRow,
  shownValues,
  type MessageParams,
  type OrderRowParams,
} from './render.js';
export type { MessageText, Translation } from './translation.js';
