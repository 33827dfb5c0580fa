/**
 * The shape every language's catalogue has: English's keys, any words. Its own file so that a
 * language's index can name it without importing the catalogue that imports that language.
 */
import type { en } from './en/index.js';
import type { Translation } from './translation.js';

export type Catalogue = Translation<typeof en>;
