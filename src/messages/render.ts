/**
 * Texts from kinds: `renderMessage` for whatever came over the wire or out of the journal (any
 * string; undefined when the kind or a value its text needs is unknown, so the caller falls back to
 * the engine's words), and `englishText` for the engine itself (a known kind, its params checked by
 * the type system against the English text's placeholders).
 */
import { catalogues, english, type Catalogue, type MessageKind, type OrderRowKind } from './catalogue.js';
import { fill, fillAll, type FillValues, type Placeholders } from './fill.js';
import type { Language } from './language.js';
import type { MessageText } from './translation.js';

type Value = string | number;

/** The values an English problem text needs, by kind (a union of kinds: the values of any one). */
export type MessageParams<K extends MessageKind> = K extends MessageKind
  ? { readonly [P in Placeholders<(typeof english.problems)[K]['message' | 'nextAction']>]: Value }
  : never;

/** The values an English order-row text needs. */
export type OrderRowParams<K extends OrderRowKind> = K extends OrderRowKind
  ? { readonly [P in Placeholders<(typeof english.orderRows)[K]>]: Value }
  : never;

/** The table's own entry for a kind; a kind such as "toString" is not one. */
function entryOf<T>(table: Readonly<Record<string, T>>, kind: string): T | undefined {
  return Object.hasOwn(table, kind) ? table[kind] : undefined;
}

/** Params that hold a code the operator reads in words: a job state, or the kiosk's mode. */
const SAID_IN_WORDS = { state: 'states', mode: 'modeNames', to: 'modeNames', now: 'modeNames' } as const;

/** Values as the operator reads them: a job state or a mode travels as a code and is said in words. */
export function shownValues(language: Language, params: FillValues | undefined): Record<string, Value> {
  const values: Record<string, Value> = { ...params };
  for (const [name, table] of Object.entries(SAID_IN_WORDS)) {
    const code = values[name];
    const words: Readonly<Record<string, string>> = catalogues[language][table];
    if (typeof code === 'string' && Object.hasOwn(words, code)) values[name] = words[code]!;
  }
  return values;
}

/** A problem, refusal or job reason in `language`, or undefined for an unknown kind or a missing value. */
export function renderMessage(language: Language, kind: string, params?: FillValues): MessageText | undefined {
  const template = entryOf<Catalogue['problems'][MessageKind]>(catalogues[language].problems, kind);
  if (!template) return undefined;
  const values = shownValues(language, params);
  const message = fillAll(template.message, values);
  const nextAction = fillAll(template.nextAction, values);
  return message !== undefined && nextAction !== undefined ? { message, nextAction } : undefined;
}

/**
 * The engine's English for a kind: what an IpcRefusal, a job reason or a log line says. Params the
 * text does not use may be passed too (they travel for other languages or the screen).
 */
export function englishText<K extends MessageKind>(kind: K, params: MessageParams<K> & FillValues): MessageText {
  const template = english.problems[kind];
  const values = shownValues('en', params);
  return { message: fill(template.message, values), nextAction: fill(template.nextAction, values) };
}

/** A bad row of an orders file in `language`, or undefined for an unknown kind or a missing value. */
export function renderOrderRow(language: Language, kind: string, params?: FillValues): string | undefined {
  const template = entryOf(catalogues[language].orderRows, kind);
  return template === undefined ? undefined : fillAll(template, { ...params });
}

/** The engine's English for a bad row of an orders file. */
export function englishOrderRow<K extends OrderRowKind>(kind: K, params: OrderRowParams<K> & FillValues): string {
  return fill(english.orderRows[kind], params);
}

/**
 * A problem as the engine hands it on (a job's reason, an IpcRefusal, an onboarding problem): its
 * kind, the English words and the params other languages need, from one call.
 */
export function englishProblem<K extends MessageKind>(
  kind: K,
  params: MessageParams<K> & FillValues,
): MessageText & { readonly kind: K; readonly params: FillValues } {
  return { kind, ...englishText(kind, params), params };
}
