/**
 * `imei-kiosk ledger check` on a journal line whose checksum holds but whose record has a field no
 * kiosk writes (an IMEI that is not digits): damage on its own line, never a crash.
 */
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkLedger, encodeLine, listSegments, openLedger, type LedgerRecord } from '../../src/ledger/index.js';
import { runCliCaptured } from '../support/cli.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ledger-bad-field-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const intent = (jobId: string, imei: string) =>
  ({
    type: 'job_intent',
    jobId,
    imei,
    uid: 'pat-0001',
    deviceType: 'bpm',
    operator: 'ann',
    station: 'pack-2',
  }) as const;

/** A journal of one good intent, then `imei` in a hand-written intent with a valid checksum (seq 2). */
async function journalWith(imei: string, thenGood: boolean): Promise<void> {
  const ledger = await openLedger({ dataDir });
  await ledger.append(intent('job-1', '490154203237518'));
  await ledger.close();
  const [segment] = await listSegments(dataDir);
  const ts = new Date().toISOString();
  // Another program's line: encodeLine takes the record as given (it is the writer's job to validate).
  const bad = { ...intent('job-2', imei), seq: 2, ts } as unknown as LedgerRecord;
  const good = { type: 'job_transition', jobId: 'job-1', from: 'ready', to: 'connecting', seq: 3, ts } as LedgerRecord;
  await appendFile(segment!.path, encodeLine(bad) + (thenGood ? encodeLine(good) : ''));
}

describe('ledger check on a record with a field no kiosk writes', () => {
  it.each([
    ['not digits', 'abc', 'an IMEI is exactly 15 digits'],
    ['a wrong check digit', '490154203237519', 'check digit'],
  ])('reports an IMEI of %s as damage naming the line and the field', async (_what, imei, says) => {
    await journalWith(imei, true);
    const result = await checkLedger(dataDir);
    expect(result.ok).toBe(false);
    expect(result.issues[0]).toMatchObject({ severity: 'damage', kind: 'invalid_field', line: 2 });
    expect(result.issues[0]!.message).toContain(`a job_intent record that no kiosk writes: imei: `);
    expect(result.issues[0]!.message).toContain(says);
    // The records around it are still read.
    expect(result.records).toBe(2);
  });

  it('fails the CLI check with one DAMAGE line, also when the record is the last line', async () => {
    await journalWith('abc', false);
    const run = await runCliCaptured(['ledger', 'check', '--data-dir', dataDir]);
    expect(run.code).toBe(1);
    expect(run.stdout[0]).toMatch(
      /^DAMAGE segment-000001\.jsonl line 2: a job_intent record that no kiosk writes: imei: an IMEI is exactly 15 digits \(its checksum holds/,
    );
    expect(run.stdout.at(-1)).toMatch(/^DAMAGED: .*1 damaged line\(s\)/);
  });

  it('keeps a record of a type this version does not know a warning (a newer version wrote it)', async () => {
    await journalWith('490154203237518', false);
    const [segment] = await listSegments(dataDir);
    const later = { type: 'future_record', seq: 3, ts: new Date().toISOString() } as unknown as LedgerRecord;
    await appendFile(segment!.path, encodeLine(later));
    const result = await checkLedger(dataDir);
    expect(result.issues.find((i) => i.line === 3)).toMatchObject({ severity: 'warning', kind: 'invalid_record' });
  });
});
