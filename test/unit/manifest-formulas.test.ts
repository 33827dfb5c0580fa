/**
 * The manifest CSV never hands a spreadsheet a formula: a field that starts with = + - @, a tab or a
 * carriage return is prefixed with ' (OWASP's CSV injection advice), in every column; anything else,
 * including those characters later in a field, is written as it is.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { MANIFEST_COLUMNS, manifestCsv, type ManifestRow } from '../../src/ledger/manifest.js';

const row = (value: string): ManifestRow =>
  Object.fromEntries(MANIFEST_COLUMNS.map((c) => [c, value])) as unknown as ManifestRow;
const cells = (csv: string): string[] => (parse(csv, { relax_quotes: true }) as string[][])[1]!;

describe('manifest formula neutralizing', () => {
  it.each(['=', '+', '-', '@', '\t', '\r'])(
    'a field starting with %j is prefixed with a quote, in every column',
    (lead) => {
      const value = `${lead}HYPERLINK("http://x")`;
      const out = cells(manifestCsv([row(value)]));
      expect(out).toHaveLength(MANIFEST_COLUMNS.length);
      for (const cell of out) expect(cell).toBe(`'${value}`);
    },
  );
  it.each(['A=1', 'P-1001', '1+1', 'x@y', "'=already", ' =spaced', '0', ''])('%j is written as it is', (value) => {
    for (const cell of cells(manifestCsv([row(value)]))) expect(cell).toBe(value);
  });
});
