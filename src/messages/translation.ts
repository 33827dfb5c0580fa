/** The shapes every language's tables share. */

/** What happened, in words, and the one thing to do next. */
export interface MessageText {
  readonly message: string;
  readonly nextAction: string;
}

/**
 * Another language's version of an English table: the same keys, every one required and no other,
 * with any text in place of English's exact words (English is declared `as const` so its
 * placeholders can be read by the type system).
 */
export type Translation<T> = T extends string ? string : { readonly [K in keyof T]: Translation<T[K]> };
