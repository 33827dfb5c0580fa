/**
 * The message catalogue: the engine emits a kind and its params, and every text for it, in every
 * language, comes from here (engine logs, the CLI and the renderer alike).
 */
import { en } from './en/index.js';
import { es } from './es/index.js';
import type { Catalogue } from './catalogue-shape.js';
import type { Language } from './language.js';

export type { Catalogue };

export const catalogues: Readonly<Record<Language, Catalogue>> = { en, es };

/** A problem, refusal or job reason kind the catalogue has a text for. */
export type MessageKind = keyof typeof en.problems;
/** A bad row of an orders file, by kind. */
export type OrderRowKind = keyof typeof en.orderRows;
/** A job state, as the catalogue names it. */
export type StateName = keyof typeof en.states;

/** The English texts, with their exact words as types (for englishText's params). */
export const english = en;
