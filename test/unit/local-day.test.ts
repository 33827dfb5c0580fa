/**
 * The station's day as a UTC range, in a zone with DST (process.env.TZ, see support/time-zone.ts):
 * midnight to midnight local, 23 or 25 hours on a change day.
 */
import { describe, expect, it } from 'vitest';
import { localDayOf } from '../../src/ledger/time-range.js';
import { useTimeZone } from '../support/time-zone.js';

useTimeZone('America/New_York');

describe('localDayOf', () => {
  it('is the local calendar day, even in the evening when UTC is already tomorrow', () => {
    // 21:30 on 2 December in New York (UTC-5) is 02:30 on 3 December UTC.
    expect(localDayOf(new Date('2026-12-03T02:30:00.000Z'))).toEqual({
      from: '2026-12-02T05:00:00.000Z',
      to: '2026-12-03T05:00:00.000Z',
    });
  });

  it('is 23 hours long when the clocks go forward and 25 when they go back', () => {
    expect(localDayOf(new Date('2026-03-08T12:00:00.000Z'))).toEqual({
      from: '2026-03-08T05:00:00.000Z',
      to: '2026-03-09T04:00:00.000Z',
    });
    expect(localDayOf(new Date('2026-11-01T12:00:00.000Z'))).toEqual({
      from: '2026-11-01T04:00:00.000Z',
      to: '2026-11-02T05:00:00.000Z',
    });
  });
});
