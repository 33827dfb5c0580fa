/** The durable journal: records, open/append/replay, queries, checks and exports. */
export * from './records.js';
export {
  openLedger,
  Ledger,
  LedgerDamagedError,
  LedgerRecordError,
  LedgerWriteError,
  LedgerAccessError,
  DEFAULT_MAX_SEGMENT_BYTES,
  SNAPSHOT_EVERY_RECORDS,
  type OpenLedgerOptions,
  type OpenReport,
  type MovedTail,
  type LedgerListener,
  type RecordFilter,
} from './ledger.js';
export { LedgerLockedError } from './lock.js';
export type { JobView } from './job-index.js';
export { replaySegments, type LedgerIssue, type LedgerIssueKind, type ReplayResult } from './replay.js';
export { encodeLine, decodeLine, checksum } from './line-codec.js';
export { ledgerDir, damagedDir, listSegments, segmentName } from './segments.js';
export { inRange, dayRange, Day, type TimeRange } from './time-range.js';
export { readLedger, rawJournalLines, type LedgerSnapshot } from './read-only.js';
export { checkLedger, type LedgerCheck } from './check.js';
export { readHighWater, highWaterPath, type HighWaterMark, type HighWaterRead } from './high-water.js';
export { connectionManifest, manifestCsv, MANIFEST_COLUMNS, type ManifestRow } from './manifest.js';
export { resolveDataDir } from './data-dir.js';
