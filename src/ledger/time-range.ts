/** Time ranges over record timestamps (ISO 8601 UTC): whole UTC days for the CLI, the station's local day for "today". */
import { z } from 'zod';

export interface TimeRange {
  /** Inclusive, ISO 8601 UTC. */
  readonly from?: string;
  /** Exclusive, ISO 8601 UTC. */
  readonly to?: string;
}

export function inRange(ts: string, range: TimeRange): boolean {
  // ISO 8601 UTC strings of one format (toISOString) compare correctly as text.
  return (range.from === undefined || ts >= range.from) && (range.to === undefined || ts < range.to);
}

export const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00.000Z`)) && new Date(`${d}T00:00:00.000Z`).toISOString().startsWith(d),
    'not a calendar date',
  );

/** From the start of `fromDay` to the end of `toDay`, both inclusive, in UTC. */
export function dayRange(fromDay: string, toDay: string): Required<TimeRange> {
  const from = new Date(`${Day.parse(fromDay)}T00:00:00.000Z`);
  const to = new Date(`${Day.parse(toDay)}T00:00:00.000Z`);
  if (to < from) throw new RangeError(`--to ${toDay} is before --from ${fromDay}`);
  to.setUTCDate(to.getUTCDate() + 1);
  return { from: from.toISOString(), to: to.toISOString() };
}

/**
 * The local day (the process's time zone, i.e. the station's) that `now` falls in, as a UTC range:
 * "today" at a station is its own calendar day, not UTC's. A DST change day is 23 or 25 hours long.
 */
export function localDayOf(now: Date): Required<TimeRange> {
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const to = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return { from: from.toISOString(), to: to.toISOString() };
}
