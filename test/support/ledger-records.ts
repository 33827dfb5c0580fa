/** A journal's committed records of one type, read back in order, typed as that record. */
import type { Ledger, LedgerRecord } from '../../src/ledger/index.js';

export type RecordOfType<T extends LedgerRecord['type']> = Extract<LedgerRecord, { type: T }>;

export async function recordsOf<T extends LedgerRecord['type']>(ledger: Ledger, type: T): Promise<RecordOfType<T>[]> {
  const out: RecordOfType<T>[] = [];
  for await (const r of ledger.records({})) if (r.type === type) out.push(r as RecordOfType<T>);
  return out;
}
