/** Records for ledger tests that need many of one kind, told apart by a number. */
import type { LedgerRecordInput } from '../../src/ledger/index.js';
import { KNOWN_IMEI } from './imei.js';

/** An api_attempt whose duration is `i`: the simplest record the ledger takes, in any number. */
export const attempt = (i: number): LedgerRecordInput => ({
  type: 'api_attempt',
  call: 'connect',
  outcome: 'ok',
  httpStatus: 202,
  durationMs: i,
});

/** A job_intent of a bpm at one station; the IMEI, patient or any other field as the test needs. */
export const jobIntent = (jobId: string, fields: object = {}): LedgerRecordInput =>
  ({
    type: 'job_intent',
    jobId,
    imei: KNOWN_IMEI,
    uid: 'pat-0001',
    deviceType: 'bpm',
    operator: 'ann',
    station: 'pack-2',
    ...fields,
  }) as LedgerRecordInput;
