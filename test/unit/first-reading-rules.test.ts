/**
 * The first-reading rules: the window of days asked of Validic (the day before the connect to the
 * day after today, at most 30 days; the last 7 days without a connect time) and the reading that
 * proves the device (smart_meter, this IMEI, the earliest taken no more than 10 minutes before the connect).
 */
import { describe, expect, it } from 'vitest';
import { firstReadingWindow, matchFirstReading, MAX_WINDOW_DAYS } from '../../src/onboarding/first-reading.js';
import type { Reading } from '../../src/validic/schemas.js';

const IMEI = '490154203237518';
const NOW = new Date('2026-12-03T12:00:00.000Z');

function reading(id: string, startTime: string, fields: { type?: string; device?: string | null } = {}): Reading {
  return {
    id,
    type: 'measurement',
    start_time: startTime,
    source: {
      type: fields.type ?? 'smart_meter',
      device: fields.device === null ? null : { id: fields.device ?? IMEI },
    },
    metrics: [{ type: 'blood_glucose', unit: 'mg/dL', value: 98 }],
  };
}

describe('firstReadingWindow', () => {
  it('runs from the day before the connect to the day after today', () => {
    expect(firstReadingWindow('2026-12-01T08:00:00.000Z', NOW)).toEqual({
      startDate: '2026-11-30',
      endDate: '2026-12-04',
    });
  });

  it('is 30 days at most, however long ago the connect was', () => {
    expect(MAX_WINDOW_DAYS).toBe(30);
    // 30 days back from the end (Dec 4) is Nov 4; a connect on Nov 6 is inside, one on Nov 5 just outside.
    expect(firstReadingWindow('2026-11-06T12:00:00.000Z', NOW).startDate).toBe('2026-11-05');
    expect(firstReadingWindow('2026-11-05T12:00:00.000Z', NOW).startDate).toBe('2026-11-04');
    expect(firstReadingWindow('2026-11-05T11:59:59.000Z', NOW).startDate).toBe('2026-11-04');
    expect(firstReadingWindow('2025-01-01T00:00:00.000Z', NOW)).toEqual({
      startDate: '2026-11-04',
      endDate: '2026-12-04',
    });
  });

  it('without a connect time, covers the last 7 days', () => {
    expect(firstReadingWindow(undefined, NOW)).toEqual({ startDate: '2026-11-26', endDate: '2026-12-04' });
  });
});

describe('matchFirstReading', () => {
  const connectedAt = '2026-12-03T10:00:00.000Z';

  it('is the earliest reading of this IMEI from a smart_meter source', () => {
    const readings = [
      reading('later', '2026-12-03T11:00:00Z'),
      reading('first', '2026-12-03T10:30:00Z'),
      reading('other-device', '2026-12-03T10:10:00Z', { device: '356938035643809' }),
      reading('app', '2026-12-03T10:05:00Z', { type: 'mobile_app' }),
      reading('no-device', '2026-12-03T10:06:00Z', { device: null }),
    ];
    expect(matchFirstReading(readings, IMEI, connectedAt)?.id).toBe('first');
    expect(matchFirstReading(readings.slice(2), IMEI, connectedAt)).toBeUndefined();
  });

  it('counts a reading up to 10 minutes older than the connect (clocks differ), not one older still', () => {
    const edge = reading('edge', '2026-12-03T09:50:00.000Z');
    const before = reading('before', '2026-12-03T09:49:59.999Z');
    expect(matchFirstReading([edge], IMEI, connectedAt)?.id).toBe('edge');
    expect(matchFirstReading([before], IMEI, connectedAt)).toBeUndefined();
    expect(matchFirstReading([before, edge], IMEI, connectedAt)?.id).toBe('edge');
  });

  it('without a connect time, any reading of the device counts', () => {
    expect(matchFirstReading([reading('old', '2020-01-01T00:00:00Z')], IMEI)?.id).toBe('old');
  });
});
