/** The ledger on real files: crashes (real SIGKILL), torn and corrupt tails, a corrupt middle, rotation, concurrency. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { acquireLock } from '../../src/ledger/lock.js';
import { jobIntent } from '../support/ledger-fixtures.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  damagedDir,
  decodeLine,
  LedgerDamagedError,
  LedgerLockedError,
  LedgerRecordError,
  listSegments,
  openLedger,
} from '../../src/ledger/index.js';
import { attempt } from '../support/ledger-fixtures.js';

const CHILD = fileURLToPath(new URL('../fixtures/ledger/append-child.ts', import.meta.url));
const LOCK_CHILD = fileURLToPath(new URL('../fixtures/ledger/lock-child.ts', import.meta.url));
const IMEI = '490154203237518';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ledger-test-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function segmentLines(dir: string): Promise<Array<{ file: string; text: string }>> {
  const lines: Array<{ file: string; text: string }> = [];
  for (const segment of await listSegments(dir)) {
    const text = await readFile(segment.path, 'utf8');
    for (const line of text.split('\n').filter((l) => l !== '')) lines.push({ file: segment.name, text: line });
  }
  return lines;
}

async function writeRecords(count: number, maxSegmentBytes?: number): Promise<void> {
  const ledger = await openLedger({ dataDir, ...(maxSegmentBytes ? { maxSegmentBytes } : {}) });
  for (let i = 0; i < count; i++) await ledger.append(attempt(i));
  await ledger.close();
}

/** Replaces one character inside line `lineNo` (1-based) of the first segment. */
async function corruptLine(lineNo: number): Promise<string> {
  const [segment] = await listSegments(dataDir);
  const lines = (await readFile(segment!.path, 'utf8')).split('\n');
  lines[lineNo - 1] = lines[lineNo - 1]!.replace('"durationMs":', '"durationMs":9');
  const text = lines.join('\n');
  await writeFile(segment!.path, text);
  return text;
}

function startChild(args: string[]): {
  child: ChildProcess;
  lines: AsyncIterableIterator<string>;
  exited: Promise<NodeJS.Signals | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.on('exit', (code) => {
    if (code !== null && code !== 0) console.error(`append-child exited ${code}: ${stderr}`);
  });
  return { child, lines: createInterface({ input: child.stdout! })[Symbol.asyncIterator](), exited };
}

describe('ledger durability', () => {
  it('keeps every acknowledged append when the writer is killed with SIGKILL mid-stream', async () => {
    const { child, lines, exited } = startChild(['stream', dataDir, '4096']);
    const acked: number[] = [];
    for await (const line of { [Symbol.asyncIterator]: () => lines }) {
      acked.push(Number(line.split(' ')[1]));
      if (acked.length >= 300) break;
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // The dead writer's lock is taken over; a torn tail, if the kill cut a write short, is moved aside.
    const ledger = await openLedger({ dataDir, maxSegmentBytes: 4096 });
    expect(ledger.report.damaged).toBe(false);
    expect(ledger.report.segments).toBeGreaterThan(1);
    const seqs: number[] = [];
    for await (const record of ledger.records()) seqs.push(record.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(seqs.length).toBeGreaterThanOrEqual(Math.max(...acked));
    const next = await ledger.append(attempt(0));
    expect(next.seq).toBe(seqs.length + 1);
    await ledger.close();
  });

  it('moves a torn tail left by a process killed mid-write into a file of its own', async () => {
    const { child, lines, exited } = startChild(['torn', dataDir, '12']);
    expect((await lines.next()).value).toBe('torn');
    child.kill('SIGKILL');
    await exited;
    const [segment] = await listSegments(dataDir);
    const before = await readFile(segment!.path, 'utf8');
    const tornText = before.slice(before.lastIndexOf('\n') + 1);
    expect(tornText).toMatch(/^\{"seq":999/);

    const ledger = await openLedger({ dataDir });
    expect(ledger.report.records).toBe(12);
    expect(ledger.report.damaged).toBe(false);
    const moved = ledger.report.movedTail!;
    expect(moved).toMatchObject({ segment: 'segment-000001.jsonl', line: 13, bytes: Buffer.byteLength(tornText) });
    expect(moved.reasons[0]).toMatch(/torn write/);
    expect(await readFile(moved.movedTo, 'utf8')).toBe(tornText);
    expect(await readFile(segment!.path, 'utf8')).toBe(before.slice(0, before.length - tornText.length));
    expect((await ledger.append(attempt(1))).seq).toBe(13);
    await ledger.close();
  });

  it('moves a corrupt last line aside and keeps the rest; it was acknowledged, so it is reported as loss', async () => {
    await writeRecords(5);
    const corrupted = await corruptLine(5);
    const badLine = corrupted.split('\n')[4]!;
    const ledger = await openLedger({ dataDir });
    expect(ledger.report.records).toBe(4);
    expect(ledger.report).toMatchObject({ damaged: true, lost: { fromSeq: 5, count: 1 } });
    expect(ledger.report.movedTail).toMatchObject({ line: 5, acknowledged: true });
    expect(ledger.report.movedTail!.reasons[0]).toMatch(/checksum mismatch/);
    expect(await readFile(ledger.report.movedTail!.movedTo, 'utf8')).toBe(`${badLine}\n`);
    expect(await readdir(damagedDir(dataDir))).toHaveLength(1);
    await ledger.close();
  });

  it('reports a corrupt record in the middle with its file and line, and leaves the file untouched', async () => {
    await writeRecords(10);
    const corrupted = await corruptLine(3);
    const ledger = await openLedger({ dataDir });
    expect(ledger.report.damaged).toBe(true);
    expect(ledger.report.records).toBe(9);
    expect(ledger.report.movedTail).toBeUndefined();
    expect(ledger.report.issues).toEqual([
      expect.objectContaining({ severity: 'damage', kind: 'checksum', file: 'segment-000001.jsonl', line: 3 }),
      expect.objectContaining({
        severity: 'damage',
        kind: 'sequence_gap',
        file: 'segment-000001.jsonl',
        line: 4,
        seq: 4,
      }),
    ]);
    expect((await ledger.append(attempt(11))).seq).toBe(11);
    await ledger.close();
    const [segment] = await listSegments(dataDir);
    expect((await readFile(segment!.path, 'utf8')).startsWith(corrupted)).toBe(true);

    await expect(openLedger({ dataDir, onMiddleDamage: 'refuse' })).rejects.toBeInstanceOf(LedgerDamagedError);
  });

  it('rotates by size, replays every segment in order and continues the sequence', async () => {
    await writeRecords(40, 1500);
    const segments = await listSegments(dataDir);
    expect(segments.length).toBeGreaterThan(3);
    for (const segment of segments) expect(readFileSync(segment.path).length).toBeLessThanOrEqual(1500);

    const ledger = await openLedger({ dataDir, maxSegmentBytes: 1500 });
    expect(ledger.report).toMatchObject({ records: 40, lastSeq: 40, segments: segments.length, damaged: false });
    for (let i = 0; i < 20; i++) await ledger.append(attempt(i));
    await ledger.close();

    const lines = await segmentLines(dataDir);
    const seqs = lines.map(({ text }) => {
      const decoded = decodeLine(text);
      if (!decoded.ok) throw new Error(decoded.message);
      return decoded.record.seq;
    });
    expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(new Set(lines.map((l) => l.file)).size).toBe((await listSegments(dataDir)).length);
  });

  it('serializes concurrent appends: unique sequence, whole lines, each on disk before it resolves', async () => {
    const ledger = await openLedger({ dataDir });
    const [segment] = await listSegments(dataDir);
    const onDiskAtResolve: boolean[] = [];
    const records = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        ledger.append(attempt(i)).then((record) => {
          onDiskAtResolve.push(readFileSync(segment!.path, 'utf8').includes(`{"seq":${record.seq},`));
          return record;
        }),
      ),
    );
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(records.map((r) => (r as { durationMs: number }).durationMs)).toEqual(
      Array.from({ length: 200 }, (_, i) => i),
    );
    expect(onDiskAtResolve.every(Boolean)).toBe(true);
    await ledger.close();
    const lines = await segmentLines(dataDir);
    expect(lines.map((l) => decodeLine(l.text).ok)).toEqual(Array(200).fill(true));
  });

  it('refuses a second writer on the same folder', async () => {
    const ledger = await openLedger({ dataDir });
    await expect(openLedger({ dataDir })).rejects.toBeInstanceOf(LedgerLockedError);
    await ledger.close();
    const again = await openLedger({ dataDir });
    await again.close();
  });

  it('takes over a lock left before the last boot or by an earlier run with this same pid, never one this process holds', async () => {
    const lockFile = path.join(dataDir, 'LOCK');
    // The parent process is alive, but the lock was written before the machine last booted.
    await writeFile(lockFile, `${process.ppid}\n`);
    await utimes(lockFile, new Date(0), new Date(0));
    const afterReboot = await acquireLock(dataDir);
    // A second take in this process is refused: this process holds it now.
    await expect(acquireLock(dataDir)).rejects.toMatchObject({ name: 'LedgerLockedError', pid: process.pid });
    await afterReboot.release();
    // An earlier run that had this very pid (a container restarts with the same numbers).
    await writeFile(lockFile, `${process.pid}\n`);
    const sameNumber = await acquireLock(dataDir);
    await sameNumber.release();
    // A live process that wrote its lock during this boot still refuses.
    await writeFile(lockFile, `${process.ppid}\n`);
    await expect(acquireLock(dataDir)).rejects.toMatchObject({ name: 'LedgerLockedError', pid: process.ppid });
    await rm(lockFile);
  });

  it('lets exactly one of several processes take over a stale lock at the same instant', async () => {
    // A lock left by a process that is gone: a pid that cannot be alive.
    const deadPid = 2 ** 22 + 12_345;
    await writeFile(path.join(dataDir, 'LOCK'), `${deadPid}\n`);
    const startAt = Date.now() + 1_500;
    const children = Array.from({ length: 6 }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', LOCK_CHILD, dataDir, String(startAt)], {
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      const answered = new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      return { child, answered, exited };
    });
    // The winner holds the lock until every child has answered, however slowly they started.
    const answers = await Promise.all(children.map((c) => c.answered));
    for (const { child } of children) child.stdin.end();
    await Promise.all(children.map((c) => c.exited));
    const results = answers.map((out, i) => ({ out, pid: children[i]!.child.pid! }));
    const winners = results.filter((r) => r.out === 'won');
    expect(winners).toHaveLength(1);
    // Every other child was refused by the winner's live lock, never by the dead pid's.
    for (const loser of results.filter((r) => r.out !== 'won')) expect(loser.out).toBe(`locked ${winners[0]!.pid}`);
    // The winner released it, and no lock or temporary file is left behind.
    expect((await readdir(dataDir)).filter((f) => f.startsWith('LOCK'))).toEqual([]);
  });

  it('refuses a transition from the wrong state and writes nothing for it', async () => {
    const ledger = await openLedger({ dataDir });
    await ledger.append(jobIntent('job-1', { imei: IMEI }));
    await expect(
      ledger.append({ type: 'job_transition', jobId: 'job-1', from: 'connecting', to: 'connected' }),
    ).rejects.toThrow(/job job-1 is ready, not connecting/);
    await expect(
      ledger.append({ type: 'job_transition', jobId: 'job-2', from: 'ready', to: 'connecting' }),
    ).rejects.toBeInstanceOf(LedgerRecordError);
    expect(ledger.lastSeq).toBe(1);
    await ledger.close();
    expect(await segmentLines(dataDir)).toHaveLength(1);
  });

  it('refuses a move the state machine does not have, from the right state, and writes nothing for it', async () => {
    const ledger = await openLedger({ dataDir });
    await ledger.append(jobIntent('job-1', { imei: IMEI }));
    // ready → connected skips the send; the engine never writes it, and the journal would not take it from anyone.
    await expect(
      ledger.append({ type: 'job_transition', jobId: 'job-1', from: 'ready', to: 'connected' }),
    ).rejects.toThrow(new LedgerRecordError('job job-1: ready → connected is not a move a job makes, refused'));
    await ledger.append({ type: 'job_transition', jobId: 'job-1', from: 'ready', to: 'cancelled' });
    // Nothing leaves a final state: a cancelled job is not brought back.
    await expect(
      ledger.append({ type: 'job_transition', jobId: 'job-1', from: 'cancelled', to: 'ready' }),
    ).rejects.toThrow(/cancelled → ready is not a move a job makes/);
    expect(ledger.lastSeq).toBe(2);
    await ledger.close();
    expect(await segmentLines(dataDir)).toHaveLength(2);
    const reopened = await openLedger({ dataDir });
    expect(reopened.job('job-1')?.state).toBe('cancelled');
    await reopened.close();
  });
});

describe('ledger queries', () => {
  it('rebuilds the job indexes on reopen and reads records by time range, IMEI and uid', async () => {
    let now = new Date('2026-03-01T10:00:00.000Z');
    const ledger = await openLedger({ dataDir, clock: () => now });
    await ledger.append({ type: 'capture', source: 'wedge', raw: IMEI, imei: IMEI });
    await ledger.append({
      type: 'job_intent',
      jobId: 'job-1',
      imei: IMEI,
      uid: 'pat-0001',
      deviceType: 'bpm',
      operator: 'ann',
      station: 'st-1',
    });
    now = new Date('2026-03-02T10:00:00.000Z');
    await ledger.append({
      type: 'job_intent',
      jobId: 'job-2',
      imei: '356938035643809',
      uid: 'pat-0001',
      deviceType: 'scale',
      operator: 'ann',
      station: 'st-1',
    });
    await ledger.append({ type: 'job_transition', jobId: 'job-1', from: 'ready', to: 'connecting' });
    await ledger.append({
      type: 'api_attempt',
      jobId: 'job-1',
      call: 'connect',
      outcome: 'ok',
      httpStatus: 202,
      durationMs: 90,
    });
    await ledger.append({ type: 'job_transition', jobId: 'job-1', from: 'connecting', to: 'connected' });
    now = new Date('2026-03-03T10:00:00.000Z');
    await ledger.append({
      type: 'job_transition',
      jobId: 'job-2',
      from: 'ready',
      to: 'cancelled',
      reason: 'wrong box',
    });
    await ledger.close();

    const reopened = await openLedger({ dataDir });
    expect(reopened.jobsByUid('pat-0001').map((j) => [j.jobId, j.state])).toEqual([
      ['job-1', 'connected'],
      ['job-2', 'cancelled'],
    ]);
    expect(reopened.jobsByImei(IMEI)).toEqual([
      expect.objectContaining({
        jobId: 'job-1',
        apiAttempts: 1,
        connectSends: 1,
        connectedAt: '2026-03-02T10:00:00.000Z',
      }),
    ]);
    // A 202 is the answer: connected is final, so nothing is open.
    expect(reopened.openJobs().map((j) => j.jobId)).toEqual([]);
    expect(reopened.captureSeqs(IMEI)).toEqual([1]);

    const seqs = async (filter: Parameters<typeof reopened.records>[0]) => {
      const found: number[] = [];
      for await (const r of reopened.records(filter)) found.push(r.seq);
      return found;
    };
    expect(await seqs({ from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' })).toEqual([3, 4, 5, 6]);
    expect(await seqs({ imei: IMEI })).toEqual([1, 2, 4, 5, 6]);
    expect(await seqs({ uid: 'pat-0001', from: '2026-03-03T00:00:00.000Z' })).toEqual([7]);
    await reopened.close();
  });
});
