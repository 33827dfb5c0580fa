/**
 * The ledger's lock, its open and its read-only readers, in-process: the CLI tests and the lock
 * race test spawn processes, which mutation testing cannot see. Real folders under os.tmpdir().
 * Written against the survivors of the ledger's mutation run (docs/mutation.md).
 */
import {
  appendFile,
  chmod,
  link,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  stat,
  symlink,
  truncate,
  utimes,
  writeFile,
} from 'node:fs/promises';
import type * as FsPromises from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  encodeLine,
  LedgerDamagedError,
  LedgerLockedError,
  listSegments,
  openLedger,
  rawJournalLines,
  readLedger,
  resolveDataDir,
  type LedgerRecord,
  type LedgerRecordInput,
} from '../../src/ledger/index.js';
import { highWaterPath, readHighWater } from '../../src/ledger/high-water.js';
import { snapshotPath } from '../../src/ledger/index-snapshot.js';
import { acquireLock } from '../../src/ledger/lock.js';
import { attempt } from '../support/ledger-fixtures.js';

// Only `link` is wrapped (it calls the real one unless a test says otherwise): a filesystem without
// hard links cannot be made in a temp folder.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  return { ...actual, link: vi.fn(actual.link) };
});

/** A pid above Linux's pid_max (2^22): no process can have it. */
const DEAD_PID = 2 ** 22 + 12_345;

let dataDir: string;
const extraDirs: string[] = [];
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ledger-lock-open-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dataDir, { recursive: true, force: true });
  for (const dir of extraDirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ledger-lock-open-other-'));
  extraDirs.push(dir);
  return dir;
}

async function writeRecords(dir: string, count: number, options: { snapshotEveryRecords?: number } = {}, from = 0) {
  const ledger = await openLedger({ dataDir: dir, ...options });
  for (let i = from; i < from + count; i++) await ledger.append(attempt(i));
  await ledger.close();
}

async function firstSegment(dir: string): Promise<string> {
  const [segment] = await listSegments(dir);
  return segment!.path;
}

async function lines(file: string): Promise<string[]> {
  return (await readFile(file, 'utf8')).split('\n').filter((l) => l !== '');
}

/** Changes one byte of line `lineNo` (1-based) so its checksum fails. */
async function corruptLine(file: string, lineNo: number): Promise<void> {
  const all = (await readFile(file, 'utf8')).split('\n');
  all[lineNo - 1] = all[lineNo - 1]!.replace('"durationMs":', '"durationMs":9');
  await writeFile(file, all.join('\n'));
}

/** One good intent, then an intent whose checksum holds but whose IMEI no kiosk writes (seq 2). */
async function journalWithBadField(): Promise<string> {
  const intent = { type: 'job_intent', uid: 'pat-0001', deviceType: 'bpm', operator: 'ann', station: 'pack-2' };
  const ledger = await openLedger({ dataDir });
  await ledger.append({ ...intent, jobId: 'job-1', imei: '490154203237518' } as LedgerRecordInput);
  await ledger.close();
  const bad = { ...intent, jobId: 'job-2', imei: 'abc', seq: 2, ts: new Date().toISOString() } as LedgerRecord;
  const file = await firstSegment(dataDir);
  await appendFile(file, encodeLine(bad));
  return file;
}

/** Seven records whose last line (the mark's seq) is replaced by seq 7 of another journal. */
async function journalWithRewrittenLast(): Promise<void> {
  await writeRecords(dataDir, 7);
  const other = await tempDir();
  // Another journal's seq 7: a well-formed line, another record.
  await writeRecords(other, 7, {}, 100);
  const file = await firstSegment(dataDir);
  const mine = await lines(file);
  mine[6] = (await lines(await firstSegment(other)))[6]!;
  await writeFile(file, mine.join('\n') + '\n');
}

describe('readLedger and rawJournalLines (no lock, nothing moved)', () => {
  it('rawJournalLines gives every line verbatim whose time is in range (from inclusive, to exclusive), across segments', async () => {
    const times = [0, 1, 2, 3, 4].map((m) => new Date(Date.UTC(2026, 2, 1, 10, m)));
    let next = 0;
    const ledger = await openLedger({ dataDir, maxSegmentBytes: 400, clock: () => times[next++]! });
    for (let i = 0; i < 5; i++) await ledger.append(attempt(i));
    await ledger.close();
    const segments = await listSegments(dataDir);
    expect(segments.length).toBeGreaterThan(1);
    const onDisk = (await Promise.all(segments.map((s) => lines(s.path)))).flat();

    const got: Array<{ line: string; seq: number }> = [];
    for await (const { line, record } of rawJournalLines(dataDir, {
      from: times[1]!.toISOString(),
      to: times[4]!.toISOString(),
    })) {
      got.push({ line, seq: record.seq });
    }
    expect(got).toEqual([2, 3, 4].map((seq) => ({ line: onDisk[seq - 1]!, seq })));

    const all: string[] = [];
    for await (const { line } of rawJournalLines(dataDir)) all.push(line);
    expect(all).toEqual(onDisk);
  });

  it('rawJournalLines exports a line whose checksum holds even if its record fails the schema (no validation)', async () => {
    const file = await journalWithBadField();
    const exported: string[] = [];
    for await (const { line } of rawJournalLines(dataDir)) exported.push(line);
    expect(exported).toEqual(await lines(file));
    expect(exported[1]).toContain('"imei":"abc"');
  });

  it('readLedger skips the schema check by default and runs it when asked, reporting the bad field as damage', async () => {
    await journalWithBadField();
    const quick = await readLedger(dataDir);
    expect(quick.replay.records).toBe(2);
    expect(quick.replay.issues.filter((i) => i.kind === 'invalid_field')).toEqual([]);
    expect(quick.index.job('job-2')?.imei).toBe('abc');

    const full = await readLedger(dataDir, { validate: true });
    expect(full.replay.issues).toContainEqual(
      expect.objectContaining({ severity: 'damage', kind: 'invalid_field', line: 2 }),
    );
    expect(full.index.job('job-2')).toBeUndefined();
  });

  it('readLedger catches the acknowledged record rewritten in place (its checksum is not the mark’s)', async () => {
    await journalWithRewrittenLast();
    const snapshot = await readLedger(dataDir);
    expect(snapshot.highWater).toMatchObject({ state: 'ok', mark: { seq: 7 } });
    expect(snapshot.replay.issues).toContainEqual(
      expect.objectContaining({ severity: 'damage', kind: 'high_water', seq: 7 }),
    );
  });
});

describe('openLedger: what it replays and reports', () => {
  it('skips the schema check on replay by default, and reports a bad field when validateOnReplay is set', async () => {
    await journalWithBadField();
    const quick = await openLedger({ dataDir });
    expect(quick.report).toMatchObject({ records: 2, damaged: false, issues: [] });
    await quick.close();

    const full = await openLedger({ dataDir, validateOnReplay: true });
    expect(full.report.damaged).toBe(true);
    expect(full.report.issues).toContainEqual(
      expect.objectContaining({ severity: 'damage', kind: 'invalid_field', line: 2 }),
    );
    await full.close();
  });

  it('reports the acknowledged record rewritten in place as damage', async () => {
    await journalWithRewrittenLast();
    const ledger = await openLedger({ dataDir });
    expect(ledger.report.damaged).toBe(true);
    expect(ledger.report.issues).toContainEqual(
      expect.objectContaining({ severity: 'damage', kind: 'high_water', seq: 7 }),
    );
    await ledger.close();
  });

  it('refusing damage names only the damage, not the warnings, and releases the lock', async () => {
    await writeRecords(dataDir, 4);
    await corruptLine(await firstSegment(dataDir), 2);
    // No mark: a warning of its own, which the refusal must leave out.
    await rm(highWaterPath(dataDir));
    const refusal = await openLedger({ dataDir, onMiddleDamage: 'refuse' }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(LedgerDamagedError);
    expect((refusal as LedgerDamagedError).issues.map((i) => [i.severity, i.kind, i.line])).toEqual([
      ['damage', 'checksum', 2],
      ['damage', 'sequence_gap', 3],
    ]);
    // The same open reporting instead shows the warning was there.
    const ledger = await openLedger({ dataDir });
    expect(ledger.report.issues.map((i) => i.kind)).toEqual(['checksum', 'sequence_gap', 'high_water']);
    await ledger.close();
  });

  it('a clean reopen reports no loss and leaves the high-water mark as it was', async () => {
    await writeRecords(dataDir, 3);
    const before = await readFile(highWaterPath(dataDir));
    const ledger = await openLedger({ dataDir });
    expect(ledger.report).toMatchObject({ records: 3, lastSeq: 3, damaged: false, issues: [] });
    expect(ledger.report.lost).toBeUndefined();
    await ledger.close();
    expect(await readFile(highWaterPath(dataDir))).toEqual(before);
  });

  it('marks records that were fsynced but not yet marked (a crash between the two)', async () => {
    const ledger = await openLedger({ dataDir });
    await ledger.append(attempt(0));
    await ledger.append(attempt(1));
    const markAtTwo = await readFile(highWaterPath(dataDir));
    await ledger.append(attempt(2));
    await ledger.close();
    await writeFile(highWaterPath(dataDir), markAtTwo);

    const reopened = await openLedger({ dataDir });
    expect(reopened.report).toMatchObject({ lastSeq: 3, damaged: false, issues: [] });
    expect(reopened.report.lost).toBeUndefined();
    await reopened.close();
    expect(await readHighWater(dataDir)).toMatchObject({ state: 'ok', mark: { seq: 3 } });
  });

  it('writes a mark for a journal that has none', async () => {
    await writeRecords(dataDir, 3);
    await rm(highWaterPath(dataDir));
    const ledger = await openLedger({ dataDir });
    expect(ledger.report.issues).toEqual([expect.objectContaining({ severity: 'warning', kind: 'high_water' })]);
    await ledger.close();
    expect(await readHighWater(dataDir)).toMatchObject({
      state: 'ok',
      mark: { seq: 3, segment: 'segment-000001.jsonl' },
    });
  });

  it('after a loss the mark keeps naming the lost records, so the next open reports them again', async () => {
    await writeRecords(dataDir, 5);
    const file = await firstSegment(dataDir);
    const kept = (await lines(file)).slice(0, 3);
    await truncate(file, Buffer.byteLength(kept.join('\n') + '\n'));
    const ledger = await openLedger({ dataDir });
    expect(ledger.report.lost).toEqual({ fromSeq: 4, count: 2 });
    await ledger.close();
    expect(await readHighWater(dataDir)).toMatchObject({ state: 'ok', mark: { seq: 5 } });
    const again = await openLedger({ dataDir });
    expect(again.report.lost).toEqual({ fromSeq: 4, count: 2 });
    await again.close();
  });

  it('makes segments of an older journal private (0600)', async () => {
    await writeRecords(dataDir, 2);
    const file = await firstSegment(dataDir);
    await chmod(file, 0o644);
    const ledger = await openLedger({ dataDir });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await ledger.close();
  });

  it('a snapshot written as a new journal is opened is usable at the next open', async () => {
    // snapshotEveryRecords 0: a snapshot at open already, before any record.
    const ledger = await openLedger({ dataDir, snapshotEveryRecords: 0 });
    expect(ledger.report.snapshot).toBe('none');
    await ledger.close();
    const again = await openLedger({ dataDir });
    expect(again.report.snapshot).toBe('used');
    await again.close();
  });

  it('a snapshot written at open keeps the line count, so later damage is reported on its true line', async () => {
    await writeRecords(dataDir, 3);
    // Three records past no snapshot: one is written at this open, at the end of line 3.
    await (await openLedger({ dataDir, snapshotEveryRecords: 1 })).close();
    await writeRecords(dataDir, 2);
    await corruptLine(await firstSegment(dataDir), 4);
    const ledger = await openLedger({ dataDir });
    expect(ledger.report.snapshot).toBe('used');
    expect(ledger.report.issues).toContainEqual(expect.objectContaining({ kind: 'checksum', line: 4 }));
    await ledger.close();
  });

  it('counts only the records past the snapshot towards the next one', async () => {
    await writeRecords(dataDir, 2, { snapshotEveryRecords: 2 });
    await writeRecords(dataDir, 1);
    const snapshotAtTwo = await readFile(snapshotPath(dataDir));
    // One record is past the snapshot; one more makes two, fewer than six: close writes none.
    await writeRecords(dataDir, 1, { snapshotEveryRecords: 6 });
    expect(await readFile(snapshotPath(dataDir))).toEqual(snapshotAtTwo);
  });
});

describe('the ledger lock', () => {
  const lockFile = () => path.join(dataDir, 'LOCK');

  it('holds this process’s pid while taken, refuses a second take naming the folder and pid, and is gone once released', async () => {
    const lock = await acquireLock(dataDir);
    expect(await readFile(lockFile(), 'utf8')).toBe(`${process.pid}\n`);
    const refusal = await acquireLock(dataDir).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(LedgerLockedError);
    expect(refusal).toMatchObject({ name: 'LedgerLockedError', lockPath: lockFile(), pid: process.pid });
    expect((refusal as Error).message).toBe(
      `the ledger in ${dataDir} is already open by process ${process.pid}; close that kiosk or CLI first`,
    );
    await lock.release();
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('releasing a lock whose file is already gone succeeds', async () => {
    const lock = await acquireLock(dataDir);
    await rm(lockFile());
    await expect(lock.release()).resolves.toBeUndefined();
    // And the folder can be locked again.
    await (await acquireLock(dataDir)).release();
  });

  it('treats a process it may not signal (EPERM, another user’s) as alive', async () => {
    // Tests may run as root, which may signal any process: the spy plays another user's live process.
    const kill = process.kill.bind(process);
    vi.spyOn(process, 'kill').mockImplementation((pid: number, signal?: string | number) => {
      if (pid === DEAD_PID) throw Object.assign(new Error(`kill EPERM`), { code: 'EPERM', syscall: 'kill' });
      return kill(pid, signal);
    });
    await writeFile(lockFile(), `${DEAD_PID}\n`);
    await expect(acquireLock(dataDir)).rejects.toMatchObject({ name: 'LedgerLockedError', pid: DEAD_PID });
    expect(await readFile(lockFile(), 'utf8')).toBe(`${DEAD_PID}\n`);
  });

  it('takes over a lock naming a pid that is not a process (0, a process group to kill())', async () => {
    // kill(0, 0) signals this process group and succeeds: only the pid check keeps 0 from looking alive.
    await writeFile(lockFile(), '0\n');
    const lock = await acquireLock(dataDir);
    expect(await readFile(lockFile(), 'utf8')).toBe(`${process.pid}\n`);
    await lock.release();
  });

  it('refuses a live process’s lock written after boot, even minutes ago', async () => {
    await writeFile(lockFile(), `${process.ppid}\n`);
    const written = new Date(Date.now() - Math.min(120_000, (os.uptime() * 1000) / 2));
    await utimes(lockFile(), written, written);
    await expect(acquireLock(dataDir)).rejects.toMatchObject({ name: 'LedgerLockedError', pid: process.ppid });
  });

  it('refuses a live process’s lock written at the moment of boot (uptime is in whole seconds: a slack)', async () => {
    await writeFile(lockFile(), `${process.ppid}\n`);
    const bootedAt = new Date(Date.now() - os.uptime() * 1000);
    await utimes(lockFile(), bootedAt, bootedAt);
    await expect(acquireLock(dataDir)).rejects.toMatchObject({ name: 'LedgerLockedError', pid: process.ppid });
  });

  it('takes over a LOCK that vanished while it was read (a dangling link reads as gone)', async () => {
    // Linking over it fails as "exists", reading it fails as ENOENT: the lock seen gone mid-read.
    await symlink(path.join(dataDir, 'nowhere'), lockFile());
    const lock = await acquireLock(dataDir);
    expect(await readFile(lockFile(), 'utf8')).toBe(`${process.pid}\n`);
    await lock.release();
  });

  it('fails, taking nothing over, when the LOCK cannot be read for any other reason', async () => {
    // A LOCK linking to itself: linking over it fails as "exists", reading it fails with ELOOP.
    await symlink('LOCK', lockFile());
    await expect(acquireLock(dataDir)).rejects.toMatchObject({ code: 'ELOOP' });
    expect(await readdir(dataDir)).toEqual(['LOCK']);
  });

  it('fails with the filesystem’s error when it cannot hard-link (no retrying), leaving no file behind', async () => {
    vi.mocked(link).mockRejectedValueOnce(Object.assign(new Error('link EPERM'), { code: 'EPERM', syscall: 'link' }));
    await expect(acquireLock(dataDir)).rejects.toMatchObject({ code: 'EPERM', syscall: 'link' });
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('closes every file it opens to take and release the lock', async () => {
    const fdDir = '/proc/self/fd';
    // Linux only; elsewhere there is no cheap way to list a process's open files.
    if (!(await stat(fdDir).catch(() => undefined))) return;
    /** What this process has open in the lock's folder (a deleted file still shows, marked so). */
    const openHere = async () => {
      const targets = await Promise.all(
        (await readdir(fdDir)).map((fd) => readlink(path.join(fdDir, fd)).catch(() => '')),
      );
      return targets.filter((t) => t.startsWith(dataDir));
    };
    for (let i = 0; i < 3; i++) await (await acquireLock(dataDir)).release();
    expect(await openHere()).toEqual([]);
  });

  describe('a stale lock and someone else’s takeover', () => {
    const takeoverFile = () => path.join(dataDir, 'LOCK.takeover');
    const keepsTaking = () => `could not take the ledger lock ${lockFile()}: another process keeps taking it`;

    beforeEach(async () => {
      await writeFile(lockFile(), `${DEAD_PID}\n`);
    });

    it('removes a takeover left over 10 s ago by a dead process, then takes the lock over', async () => {
      await writeFile(takeoverFile(), `${DEAD_PID}\n`);
      const old = new Date(Date.now() - 20_000);
      await utimes(takeoverFile(), old, old);
      const lock = await acquireLock(dataDir);
      expect(await readFile(lockFile(), 'utf8')).toBe(`${process.pid}\n`);
      expect(await readdir(dataDir)).toEqual(['LOCK']);
      await lock.release();
    });

    it('waits for a fresh takeover, even a dead process’s, and gives up without touching it', async () => {
      await writeFile(takeoverFile(), `${DEAD_PID}\n`);
      await expect(acquireLock(dataDir)).rejects.toThrow(keepsTaking());
      expect((await readdir(dataDir)).sort()).toEqual(['LOCK', 'LOCK.takeover']);
      expect(await readFile(lockFile(), 'utf8')).toBe(`${DEAD_PID}\n`);
    });

    it('never removes the takeover of a live process, however old', async () => {
      await writeFile(takeoverFile(), `${process.ppid}\n`);
      const old = new Date(Date.now() - 20_000);
      await utimes(takeoverFile(), old, old);
      await expect(acquireLock(dataDir)).rejects.toThrow(keepsTaking());
      expect(await readFile(takeoverFile(), 'utf8')).toBe(`${process.ppid}\n`);
      expect(await readFile(lockFile(), 'utf8')).toBe(`${DEAD_PID}\n`);
    });
  });
});

describe('resolveDataDir on Windows', () => {
  it('uses %APPDATA%, else <home>\\AppData\\Roaming, for the imei-kiosk folder', () => {
    expect(resolveDataDir({ env: { APPDATA: '/roam' }, platform: 'win32', home: '/home/a' })).toBe(
      path.join('/roam', 'imei-kiosk'),
    );
    expect(resolveDataDir({ env: {}, platform: 'win32', home: '/home/a' })).toBe(
      path.join('/home/a', 'AppData', 'Roaming', 'imei-kiosk'),
    );
  });
});
