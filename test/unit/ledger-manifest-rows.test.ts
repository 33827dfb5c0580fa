/**
 * The connection manifest's rows: which jobs it lists (connected inside the range: from inclusive,
 * to exclusive), in time order, with what state and blanks. Written against the survivors of the
 * ledger's mutation run (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import type { JobView } from '../../src/ledger/job-index.js';
import { connectionManifest } from '../../src/ledger/manifest.js';
import { dayRange, inRange } from '../../src/ledger/time-range.js';
import { testImei } from '../support/imei.js';

const job = (n: number, connectedAt: string | undefined, extra: Partial<JobView> = {}): JobView =>
  ({
    jobId: `job-${n}`,
    station: 'st',
    operator: 'op',
    uid: `man-000${n}`,
    imei: testImei(n),
    deviceType: 'blood_glucose',
    state: 'connected',
    mode: 'production',
    ...(connectedAt !== undefined ? { connectedAt } : {}),
    ...extra,
  }) as JobView;

describe('connectionManifest', () => {
  it('lists the jobs connected in the range, oldest first, the range from inclusive and to exclusive', () => {
    const jobs = [
      job(1, '2026-12-03T10:00:00.000Z'),
      job(2, '2026-12-03T09:00:00.000Z'),
      job(3, '2026-12-04T00:00:00.000Z'),
      job(4, '2026-12-03T00:00:00.000Z'),
      job(5, undefined),
      job(6, '2026-12-03T09:00:00.000Z'),
    ];
    const rows = connectionManifest(jobs, dayRange('2026-12-03', '2026-12-03'));
    expect(rows.map((r) => r.uid)).toEqual(['man-0004', 'man-0002', 'man-0006', 'man-0001']);
  });

  it('says disconnected once a person disconnected the device, and leaves an unknown order or reading blank', () => {
    const [bound, gone, ordered] = connectionManifest(
      [
        job(1, '2026-12-03T08:00:00.000Z', { state: 'verified' }),
        job(2, '2026-12-03T09:00:00.000Z', { disconnectedAt: '2026-12-03T09:30:00.000Z' }),
        job(3, '2026-12-03T10:00:00.000Z', { orderRef: 'SO-3', confirmedAt: '2026-12-03T10:05:00.000Z' }),
      ],
      {},
    );
    expect([bound?.final_state, bound?.order_ref, bound?.confirmed_at]).toEqual(['verified', '', '']);
    expect(gone?.final_state).toBe('disconnected');
    expect([ordered?.final_state, ordered?.order_ref, ordered?.confirmed_at]).toEqual([
      'connected',
      'SO-3',
      '2026-12-03T10:05:00.000Z',
    ]);
  });
});

describe('time ranges', () => {
  it('a range includes its start and excludes its end', () => {
    const range = { from: '2026-12-03T00:00:00.000Z', to: '2026-12-04T00:00:00.000Z' };
    expect(inRange('2026-12-03T00:00:00.000Z', range)).toBe(true);
    expect(inRange('2026-12-02T23:59:59.999Z', range)).toBe(false);
    expect(inRange('2026-12-04T00:00:00.000Z', range)).toBe(false);
    expect(inRange('2026-12-03T23:59:59.999Z', range)).toBe(true);
  });

  it('days from and to are both whole UTC days; one day is allowed, a to before the from is refused', () => {
    expect(dayRange('2026-12-03', '2026-12-03')).toEqual({
      from: '2026-12-03T00:00:00.000Z',
      to: '2026-12-04T00:00:00.000Z',
    });
    expect(() => dayRange('2026-12-03', '2026-12-02')).toThrow('--to 2026-12-02 is before --from 2026-12-03');
  });
});
