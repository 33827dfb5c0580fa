/**
 * One writer per ledger folder: a LOCK file holding the writer's pid. A lock left by a process
 * that no longer exists (killed, power cut) is taken over; a live one refuses the open.
 *
 * A pid alone can outlive its process: after a power cut the number may belong to some other
 * program, and in a container the kiosk may get the same number every start. So a lock written
 * before the machine last booted is stale, and one naming this very process is stale unless this
 * process took it (it is the lock of an earlier run).
 *
 * Two rules keep two processes from both winning:
 * - LOCK appears whole: the pid is written to a private file first, then hard-linked as LOCK
 *   (link fails if LOCK exists), so nobody ever reads an empty LOCK from a live writer.
 * - Only the holder of LOCK.takeover may delete a stale LOCK, and it looks again once it holds it,
 *   so one process cannot delete a lock another has just taken over.
 */
import { link, open, readFile, rm, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

/** Lock files this process holds now (a second open in the same process is refused, not taken over). */
const heldHere = new Set<string>();

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

/** The live process holding a lock file, or undefined when the file is gone or its writer is. */
async function holderOf(file: string): Promise<number | undefined> {
  let text: string;
  let writtenAt: number;
  try {
    [text, writtenAt] = await Promise.all([readFile(file, 'utf8'), stat(file).then((s) => s.mtimeMs)]);
  } catch (error) {
    if (errno(error) === 'ENOENT') return undefined;
    throw error;
  }
  const pid = Number.parseInt(text, 10);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  // Written before this boot: its writer died with the last one, whatever now has that number.
  const bootedAt = Date.now() - os.uptime() * 1000;
  if (writtenAt < bootedAt - BOOT_TIME_SLACK_MS) return undefined;
  if (pid === process.pid) return heldHere.has(file) ? pid : undefined;
  return isAlive(pid) ? pid : undefined;
}

/** os.uptime() has whole-second precision on some systems. */
const BOOT_TIME_SLACK_MS = 2_000;

/** Runs `work` holding LOCK.takeover; false when another process holds it right now. */
async function withTakeoverLock(lockPath: string, work: () => Promise<void>): Promise<boolean> {
  const takeoverPath = `${lockPath}.takeover`;
  if (!(await linkPidFile(takeoverPath))) {
    const age = await stat(takeoverPath).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if ((await holderOf(takeoverPath)) === undefined && age > STALE_TAKEOVER_MS)
      await rm(takeoverPath, { force: true });
    return false;
  }
  try {
    await work();
  } finally {
    await rm(takeoverPath, { force: true });
  }
  return true;
}

/** Acquisitions in this process, one after another, so heldHere is always current when a lock is read. */
let acquiring: Promise<unknown> = Promise.resolve();

export function acquireLock(dir: string): Promise<LedgerLock> {
  const next = acquiring.then(() => acquireLockNow(dir));
  acquiring = next.catch(() => undefined);
  return next;
}

async function acquireLockNow(dir: string): Promise<LedgerLock> {
  const lockPath = path.join(dir, 'LOCK');
  const taken = (): LedgerLock => {
    heldHere.add(lockPath);
    return {
      release: async () => {
        heldHere.delete(lockPath);
        await rm(lockPath, { force: true });
      },
    };
  };
  for (let tries = 0; tries < 50; tries++) {
    if (await linkPidFile(lockPath)) return taken();
    const holder = await holderOf(lockPath);
    if (holder !== undefined) throw new LedgerLockedError(lockPath, holder);
    let tookOver = false;
    await withTakeoverLock(lockPath, async () => {
      // Look again: another process may have taken the stale lock over since we read it.
      const now = await holderOf(lockPath);
      if (now !== undefined) throw new LedgerLockedError(lockPath, now);
      await rm(lockPath, { force: true });
      tookOver = await linkPidFile(lockPath);
    });
    if (tookOver) return taken();
    // Someone else is taking it over: give them a moment, then look again.
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
  }
  throw new Error(`could not take the ledger lock ${lockPath}: another process keeps taking it`);
}
