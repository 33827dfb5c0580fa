/**
 * The first-reading rules, pure: which window of days to ask Validic for, and which reading proves
 * that this device works for this patient (source.type smart_meter, source.device.id = the IMEI,
 * taken after the device was connected).
 */
import type { FirstReading } from '../ledger/job-index.js';
import type { Reading } from '../validic/schemas.js';

export interface FirstReadingResult {
  readonly confirmed: boolean;
  /** When the kiosk saw it (journal time). */
  readonly confirmedAt?: string;
  readonly reading?: FirstReading;
  /** Validic calls this answer cost. */
  readonly calls: number;
}

/** Validic answers at most 30 days per request. */
export const MAX_WINDOW_DAYS = 30;
/** Readings a little older than the connect still count (the device's clock, the station's clock). */
const CLOCK_SLACK_MS = 10 * 60_000;

const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * YYYY-MM-DD bounds from the day before the connect (time zones: Validic files readings by the
 * device's day) to the day after today, at most 30 days; without a connect time, the last 7 days.
 */
export function firstReadingWindow(connectedAt: string | undefined, now: Date): { startDate: string; endDate: string } {
  const end = new Date(now.getTime() + 86_400_000);
  const earliest = end.getTime() - MAX_WINDOW_DAYS * 86_400_000;
  const from = connectedAt !== undefined ? Date.parse(connectedAt) - 86_400_000 : now.getTime() - 7 * 86_400_000;
  return { startDate: day(new Date(Math.max(earliest, from))), endDate: day(end) };
}

/** The earliest reading of this IMEI from a smart_meter source, taken after the connect (when known). */
export function matchFirstReading(
  readings: readonly Reading[],
  imei: string,
  connectedAt?: string,
): Reading | undefined {
  const after = connectedAt !== undefined ? Date.parse(connectedAt) - CLOCK_SLACK_MS : Number.NEGATIVE_INFINITY;
  return readings
    .filter((r) => r.source.type === 'smart_meter' && r.source.device?.id === imei && Date.parse(r.start_time) >= after)
    .sort((a, b) => Date.parse(a.start_time) - Date.parse(b.start_time))[0];
}
