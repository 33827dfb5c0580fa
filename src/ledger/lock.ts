/**
 * One writer per ledger folder: a LOCK file holding the writer's pid. A lock left by a process
 * that no longer exists (killed, power cut) is taken over; a live one refuses the open.
 *
 * Two rules keep two processes from both winning:
 * - LOCK appears whole: the pid is written to a private file first, then hard-linked as LOCK
 *   (link fails if LOCK exists), so nobody ever reads an empty LOCK from a live writer.
 * - Only the holder of LOCK.takeover may delete a stale LOCK, and it looks again once it holds it,
 *   so one process cannot delete a lock another has just taken over.
 */
import { link, open, readFile, rm, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export class LedgerLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly pid: number,
  ) {
    super(`the ledger in ${path.dirname(lockPath)} is already open by process ${pid}; close that kiosk or CLI first`);
    this.name = 'LedgerLockedError';
  }
}

/** A takeover lock older than this was left by a process killed in the middle of a takeover. */
const STALE_TAKEOVER_MS = 10_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

export interface LedgerLock {
  release(): Promise<void>;
}

/** Writes `pid\n` to a fresh private file and hard-links it as `target`: true if this call created target. */
async function linkPidFile(target: string): Promise<boolean> {
  const own = `${target}.${process.pid}.${randomBytes(4).toString('hex')}`;
  const handle = await open(own, 'wx', 0o600);
  try {
    await handle.writeFile(`${process.pid}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(own, target);
    return true;
  } catch (error) {
    if (errno(error) === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(own, { force: true });
  }
}

/** The pid in a lock file; undefined when it is gone. */
async function holderOf(file: string): Promise<number | undefined> {
  try {
    return Number.parseInt(await readFile(file, 'utf8'), 10);
  } catch (error) {
    if (errno(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function holds(pid: number | undefined): pid is number {
  return pid !== undefined && Number.isInteger(pid) && pid > 0 && isAlive(pid);
}

/** Runs `work` holding LOCK.takeover; false when another process holds it right now. */
async function withTakeoverLock(lockPath: string, work: () => Promise<void>): Promise<boolean> {
  const takeoverPath = `${lockPath}.takeover`;
  if (!(await linkPidFile(takeoverPath))) {
    const age = await stat(takeoverPath).then((s) => Date.now() - s.mtimeMs, () => 0);
    if (!holds(await holderOf(takeoverPath)) && age > STALE_TAKEOVER_MS) await rm(takeoverPath, { force: true });
    return false;
  }
  try {
    await work();
  } finally {
    await rm(takeoverPath, { force: true });
  }
  return true;
}

export async function acquireLock(dir: string): Promise<LedgerLock> {
  const lockPath = path.join(dir, 'LOCK');
  const release = { release: () => rm(lockPath, { force: true }) };
  for (let tries = 0; tries < 50; tries++) {
    if (await linkPidFile(lockPath)) return release;
    const holder = await holderOf(lockPath);
    if (holds(holder)) throw new LedgerLockedError(lockPath, holder);
    let taken = false;
    await withTakeoverLock(lockPath, async () => {
      // Look again: another process may have taken the stale lock over since we read it.
      const now = await holderOf(lockPath);
      if (holds(now)) throw new LedgerLockedError(lockPath, now);
      await rm(lockPath, { force: true });
      taken = await linkPidFile(lockPath);
    });
    if (taken) return release;
    // Someone else is taking it over: give them a moment, then look again.
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
  }
  throw new Error(`could not take the ledger lock ${lockPath}: another process keeps taking it`);
}
