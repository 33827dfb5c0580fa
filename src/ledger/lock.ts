/**
 * One writer per ledger folder: a LOCK file holding the writer's pid. A lock left by a process
 * that no longer exists (killed, power cut) is taken over; a live one refuses the open.
 */
import { open, readFile, rm } from 'node:fs/promises';
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface LedgerLock {
  release(): Promise<void>;
}

export async function acquireLock(dir: string): Promise<LedgerLock> {
  const lockPath = path.join(dir, 'LOCK');
  for (let tries = 0; tries < 3; tries++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.sync();
      await handle.close();
      return { release: () => rm(lockPath, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
    // An unreadable or empty lock is a writer killed between creating and filling it.
    if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) throw new LedgerLockedError(lockPath, holder);
    await rm(lockPath, { force: true });
  }
  throw new Error(`could not take the ledger lock ${lockPath}: another process keeps taking it`);
}
