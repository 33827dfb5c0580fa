/** The durable journal: records, open/append/replay, queries, checks and exports. */
export * from './records.js';
export {
  openLedger,
  Ledger,
  LedgerDamagedError,
  LedgerRecordError,
  LedgerWriteError,
  DEFAULT_MAX_SEGMENT_BYTES,
  inRange,
  type OpenLedgerOptions,
  type OpenReport,
  type MovedTail,
  type TimeRange,
  type LedgerListener,
} from './ledger.js';
export { LedgerLockedError } from './lock.js';
export type { JobView } from './job-index.js';
export { replaySegments, type LedgerIssue, type LedgerIssueKind, type ReplayResult } from './replay.js';
export { encodeLine, decodeLine, checksum } from './line-codec.js';
export { ledgerDir, damagedDir, listSegments, segmentName } from './segments.js';
