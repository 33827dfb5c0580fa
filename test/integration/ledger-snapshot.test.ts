/**
 * The index snapshot: opening from it gives exactly the state a full replay gives; a damaged,
 * foreign or stale one is ignored (full replay), and `ledger check` never depends on it.
 */
import { mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeImei } from '../support/imei.js';
import {
  checkLedger,
  listSegments,
  openLedger,
  readLedger,
  type Ledger,
  type LedgerRecordInput,
} from '../../src/ledger/index.js';
import { snapshotPath } from '../../src/ledger/index-snapshot.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ledger-snapshot-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const imeiFor = (n: number) => makeImei('35000000', n);

/** A seeded mix of jobs in every state, captures and attempts, across several small segments. */
async function writeJournal(seed: number, jobs: number, options: { snapshotEveryRecords: number }): Promise<void> {
  const ledger = await openLedger({ dataDir, maxSegmentBytes: 8_000, ...options });
  let random = seed;
  const next = () => (random = (random * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  for (let job = 0; job < jobs; job++) {
    const jobId = `job-${seed}-${job}`;
    const imei = imeiFor(job % 7);
    const records: LedgerRecordInput[] = [
      { type: 'capture', source: 'wedge', raw: imei, imei },
      {
        type: 'job_intent',
        jobId,
        imei,
        uid: `pat-${job % 5}`,
        deviceType: 'bpm',
        operator: 'ann',
        station: 'pack-1',
        ...(next() < 0.5 ? { orderRef: `R${job}` } : {}),
      },
    ];
    const roll = next();
    if (roll > 0.2) records.push({ type: 'job_transition', jobId, from: 'ready', to: 'connecting' });
    if (roll > 0.4)
      records.push({ type: 'api_attempt', jobId, call: 'connect', outcome: 'ok', httpStatus: 202, durationMs: 5 });
    if (roll > 0.4)
      records.push({
        type: 'job_transition',
        jobId,
        from: 'connecting',
        to: roll > 0.7 ? 'connected' : 'queued',
        ...(roll <= 0.7 ? { reason: 'server_error', nextAttemptAt: '2026-03-01T00:00:00.000Z' } : {}),
      });
    if (roll > 0.85) records.push({ type: 'job_transition', jobId, from: 'connected', to: 'verified' });
    for (const record of records) await ledger.append(record);
  }
  await ledger.close();
}

/** Everything a ledger answers from its index. */
function state(ledger: Pick<Ledger, 'jobs' | 'openJobs' | 'jobsByImei' | 'jobsByUid' | 'captureSeqs' | 'lastSeq'>) {
  return {
    lastSeq: ledger.lastSeq,
    jobs: ledger.jobs(),
    open: ledger.openJobs().map((j) => j.jobId),
    byImei: Array.from({ length: 7 }, (_, i) => ledger.jobsByImei(imeiFor(i)).map((j) => j.jobId)),
    byUid: Array.from({ length: 5 }, (_, i) => ledger.jobsByUid(`pat-${i}`).map((j) => j.jobId)),
    captures: Array.from({ length: 7 }, (_, i) => ledger.captureSeqs(imeiFor(i))),
  };
}

async function openedState(): Promise<{ snapshot: string; state: ReturnType<typeof state>; issues: unknown[] }> {
  const ledger = await openLedger({ dataDir, maxSegmentBytes: 8_000, snapshotEveryRecords: 1_000_000 });
  try {
    return { snapshot: ledger.report.snapshot, state: state(ledger), issues: [...ledger.report.issues] };
  } finally {
    await ledger.close();
  }
}

async function replayedState(): Promise<ReturnType<typeof state>> {
  await rm(snapshotPath(dataDir), { force: true });
  const { snapshot, state: s } = await openedState();
  expect(snapshot).toBe('none');
  return s;
}

describe('index snapshot', () => {
  it('opening from the snapshot gives the state a full replay gives (seeded journals)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000 }),
        fc.integer({ min: 20, max: 60 }),
        fc.integer({ min: 1, max: 6 }),
        async (seed, jobs, more) => {
          await rm(dataDir, { recursive: true, force: true });
          await writeJournal(seed, jobs, { snapshotEveryRecords: 40 });
          // A few more records after the last snapshot, often in the segment it points into.
          const ledger = await openLedger({ dataDir, maxSegmentBytes: 8_000, snapshotEveryRecords: 1_000_000 });
          for (let i = 0; i < more; i++)
            await ledger.append({ type: 'capture', source: 'typed', raw: imeiFor(i), imei: imeiFor(i) });
          await ledger.close();
          const fromSnapshot = await openedState();
          expect(fromSnapshot.snapshot).toBe('used');
          expect(fromSnapshot.issues).toEqual([]);
          expect(fromSnapshot.state).toEqual(await replayedState());
        },
      ),
      { numRuns: 8, seed: 12 },
    );
  });

  it('is written at rotation and at close, private (0600), and appends after it continue the sequence', async () => {
    await writeJournal(3, 40, { snapshotEveryRecords: 30 });
    // A snapshot write cut short by a crash leaves its temporary file: the next open removes it.
    await writeFile(`${snapshotPath(dataDir)}.4242.tmp`, 'half');
    expect(((await stat(snapshotPath(dataDir))).mode & 0o777).toString(8)).toBe('600');
    const ledger = await openLedger({ dataDir, maxSegmentBytes: 8_000 });
    expect(ledger.report.snapshot).toBe('used');
    const before = ledger.lastSeq;
    await expect(stat(`${snapshotPath(dataDir)}.4242.tmp`)).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await ledger.append({ type: 'capture', source: 'typed', raw: imeiFor(1), imei: imeiFor(1) })).seq).toBe(
      before + 1,
    );
    await ledger.close();
    expect((await openedState()).state.captures[1]!.at(-1)).toBe(before + 1);
    expect((await checkLedger(dataDir)).ok).toBe(true);
  });

  it('a damaged snapshot (one changed byte) is ignored and the journal replayed in full', async () => {
    await writeJournal(5, 30, { snapshotEveryRecords: 20 });
    const expected = await openedState();
    const bytes = await readFile(snapshotPath(dataDir));
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0x01;
    await writeFile(snapshotPath(dataDir), bytes);
    const opened = await openedState();
    expect(opened.snapshot).toBe('ignored: damaged (hash mismatch)');
    expect(opened.state).toEqual(expected.state);
  });

  it('a snapshot of another version, or one whose last record is gone, is ignored; the loss is still reported', async () => {
    await writeJournal(7, 30, { snapshotEveryRecords: 20 });
    const expected = await openedState();
    const bytes = await readFile(snapshotPath(dataDir));
    const text = bytes.toString('latin1');
    await writeFile(
      snapshotPath(dataDir),
      Buffer.from(text.replace(/"fingerprint":"[0-9a-f]/, '"fingerprint":"x'), 'latin1'),
    );
    expect(await openedState()).toMatchObject({
      snapshot: 'ignored: written by another version',
      state: expected.state,
    });

    await writeFile(snapshotPath(dataDir), bytes);
    const segments = await listSegments(dataDir);
    const last = segments.at(-1)!;
    await truncate(last.path, 0);
    await rm(segments.at(-2)!.path);
    const ledger = await openLedger({ dataDir, maxSegmentBytes: 8_000 });
    expect(ledger.report.snapshot).toMatch(/^ignored: /);
    expect(ledger.report.lost).toBeDefined();
    expect(ledger.report.damaged).toBe(true);
    await ledger.close();
  });

  it('ledger check does not read the snapshot: a journal changed under it is still caught', async () => {
    await writeJournal(9, 30, { snapshotEveryRecords: 20 });
    const [first] = await listSegments(dataDir);
    const text = await readFile(first!.path, 'utf8');
    await writeFile(first!.path, text.replace('"pat-1"', '"pat-9"'));
    expect((await checkLedger(dataDir)).ok).toBe(false);
    const { replay } = await readLedger(dataDir);
    expect(replay.issues.some((i) => i.kind === 'checksum')).toBe(true);
  });
});
