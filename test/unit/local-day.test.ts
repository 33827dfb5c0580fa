/**
 * The station's day as a UTC range, in a zone with DST (process.env.TZ, which Node honours at once;
 * vitest runs each file in its own process): midnight to midnight local, 23 or 25 hours on a change day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDayOf } from '../../src/ledger/time-range.js';

const zoneBefore = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/New_York';
});
afterAll(() => {
  if (zoneBefore === undefined) delete process.env.TZ;
  else process.env.TZ = zoneBefore;
});

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
