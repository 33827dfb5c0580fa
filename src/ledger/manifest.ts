/**
 * The connection manifest: one row per job that reached `connected` in a period, for shipping and
 * audit. The IMEI shows only its last 4 digits unless the caller asks for the full number. Each row
 * says the mode its job was journaled in; given a mode, only that mode's jobs are listed (a
 * production manifest never holds a training job). A job of an older journal has no mode: it is
 * listed as `unknown`, so a connection made before modes were journaled is not lost from the record.
 */
import { stringify } from 'csv-stringify/sync';
import { maskImei } from '../imei/format.js';
import type { JobView } from './job-index.js';
import { inRange, type TimeRange } from './time-range.js';

export const MANIFEST_COLUMNS = [
  'time',
  'station',
  'operator',
  'uid',
  'imei',
  'device_type',
  'final_state',
  'order_ref',
  'confirmed_at',
  'mode',
] as const;

export interface ManifestRow {
  /** When the job reached connected (ISO 8601 UTC). */
  readonly time: string;
  readonly station: string;
  readonly operator: string;
  readonly uid: string;
  readonly imei: string;
  readonly device_type: string;
  /** The job's state now: connected, verified, …; `disconnected` once an operator disconnected it. */
  readonly final_state: string;
  readonly order_ref: string;
  /** When the device's first reading was seen on Validic (it works), '' until then. */
  readonly confirmed_at: string;
  /** training, production, or unknown (a job of an older journal). */
  readonly mode: string;
}

export function connectionManifest(
  jobs: Iterable<JobView>,
  range: TimeRange,
  options: { fullImei?: boolean; mode?: 'training' | 'production' } = {},
): ManifestRow[] {
  const rows: ManifestRow[] = [];
  for (const job of jobs) {
    if (job.connectedAt === undefined || !inRange(job.connectedAt, range)) continue;
    if (options.mode !== undefined && job.mode !== undefined && job.mode !== options.mode) continue;
    rows.push({
      time: job.connectedAt,
      station: job.station,
      operator: job.operator,
      uid: job.uid,
      imei: options.fullImei ? job.imei : maskImei(job.imei),
      device_type: job.deviceType,
      final_state: job.disconnectedAt !== undefined ? 'disconnected' : job.state,
      order_ref: job.orderRef ?? '',
      confirmed_at: job.confirmedAt ?? '',
      mode: job.mode ?? 'unknown',
    });
  }
  return rows.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}

/** CSV with a header row; fields that start with = + - @ are prefixed with ' so spreadsheets do not run them. */
export function manifestCsv(rows: readonly ManifestRow[]): string {
  return stringify(
    rows.map((r) => MANIFEST_COLUMNS.map((c) => neutralizeFormula(r[c]))),
    { header: true, columns: [...MANIFEST_COLUMNS], record_delimiter: 'unix' },
  );
}

function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
