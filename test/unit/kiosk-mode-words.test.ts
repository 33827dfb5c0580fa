/** Reasons as the counter reads them: Node's network codes in words, no internal job ids; the manifest's mode column and filter. */
import { describe, expect, it } from 'vitest';
import { withoutJobIds } from '../../src/app/views/job-summary.js';
import { reachCause, reachInWords } from '../../src/app/views/reach-cause.js';
import { connectionManifest, manifestCsv } from '../../src/ledger/manifest.js';
import type { JobView } from '../../src/ledger/job-index.js';
import { dayRange } from '../../src/ledger/time-range.js';

const DNS =
  'Validic could not be reached while connecting the device: ENOTFOUND (getaddrinfo ENOTFOUND api.v2.validic.com).';

describe('reasons in words', () => {
  it('says a DNS failure, a refused connection and a timeout in words, never the raw getaddrinfo', () => {
    expect(reachInWords(DNS)).toBe(
      'Validic could not be reached while connecting the device: the name api.v2.validic.com cannot be found (DNS).',
    );
    expect(reachInWords('…: ECONNREFUSED (connect ECONNREFUSED 127.0.0.1:9).')).toBe(
      '…: the server refused the connection.',
    );
    expect(reachInWords('…: ENETUNREACH (connect ENETUNREACH 10.0.0.1:443).')).toBe('…: the network is unreachable.');
    expect(reachCause('network', DNS)).toBe('dns');
    expect(reachCause('network', 'ECONNREFUSED (connect ECONNREFUSED 127.0.0.1:9)')).toBe('refused');
    expect(reachCause('timeout', 'no answer within 10 s')).toBe('timeout');
    expect(reachCause('server_error', DNS)).toBeUndefined();
  });

  it('drops internal job ids from reasons', () => {
    expect(withoutJobIds('Superseded by override of job 01JD3Q7ZK6')).toBe('Superseded by override');
    expect(withoutJobIds('IMEI ***********3809 is connected to patient …1111 (job 01JD3Q7ZK6).')).toBe(
      'IMEI ***********3809 is connected to patient …1111.',
    );
    expect(withoutJobIds('Override by sup for job abc-12 done')).toBe('Override by sup done');
  });
});

describe('the manifest and modes', () => {
  const job = (jobId: string, mode: JobView['mode']): JobView =>
    ({
      jobId,
      imei: '356938035643809',
      uid: `PAT-${jobId}`,
      deviceType: 'blood_glucose',
      state: 'connected',
      operator: 'ann',
      station: 'st',
      connectedAt: '2026-03-01T10:00:00.000Z',
      ...(mode ? { mode } : {}),
    }) as unknown as JobView;
  const jobs = [job('1', 'training'), job('2', 'production'), job('3', undefined)];
  const range = dayRange('2026-03-01', '2026-03-01');

  it('lists only the mode asked for, with a mode column; an older journal’s job is "unknown" in either', () => {
    expect(connectionManifest(jobs, range, { mode: 'production' }).map((r) => [r.uid, r.mode])).toEqual([
      ['PAT-2', 'production'],
      ['PAT-3', 'unknown'],
    ]);
    expect(connectionManifest(jobs, range, { mode: 'training' }).map((r) => r.uid)).toEqual(['PAT-1', 'PAT-3']);
    expect(manifestCsv(connectionManifest(jobs, range, { mode: 'production' })).split('\n')[0]).toMatch(/,mode$/);
  });
});
