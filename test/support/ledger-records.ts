/** A journal's committed records, read back in order: of one type, typed as that record, or the settings keys changed. */
import type { Ledger, LedgerRecord } from '../../src/ledger/index.js';
import { rawJournalLines } from '../../src/ledger/read-only.js';

export type RecordOfType<T extends LedgerRecord['type']> = Extract<LedgerRecord, { type: T }>;

export async function recordsOf<T extends LedgerRecord['type']>(ledger: Ledger, type: T): Promise<RecordOfType<T>[]> {
  const out: RecordOfType<T>[] = [];
  for await (const r of ledger.records({})) if (r.type === type) out.push(r as RecordOfType<T>);
  return out;
}

/** Every config_change key in a data folder's journal, in order, read from the files (the host may hold the ledger open). */
export async function configChangeKeys(dataDir: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const { record } of rawJournalLines(dataDir)) if (record.type === 'config_change') keys.push(record.key);
  return keys;
}
