/** Records for ledger tests that need many of one kind, told apart by a number. */
import type { LedgerRecordInput } from '../../src/ledger/index.js';

/** An api_attempt whose duration is `i`: the simplest record the ledger takes, in any number. */
export const attempt = (i: number): LedgerRecordInput => ({
  type: 'api_attempt',
  call: 'connect',
  outcome: 'ok',
  httpStatus: 202,
  durationMs: i,
});
