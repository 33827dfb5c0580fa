/**
 * A real pseudo-terminal pair made by socat, for serial tests without hardware: bytes written to
 * one end come out of the other, and killing socat is what unplugging a USB device looks like.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { requireProgram } from './programs.js';

export interface PtyPair {
  /** One end (give it to the emulator or the writer). */
  readonly deviceEnd: string;
  /** The other end (give it to the code under test). */
  readonly hostEnd: string;
  readonly socat: ChildProcess;
  /** Kills socat (an unplug) and waits for it to exit. Safe to call twice. */
  unplug(): Promise<void>;
  /** Kills socat and removes the temporary folder. */
  close(): Promise<void>;
}

const LINK_WAIT_MS = 5_000;

/** `socatPath`: the program to run; by default socat found on PATH (a clear error if it is not there). */
export async function createPtyPair(socatPath = requireProgram('socat', 'socat')): Promise<PtyPair> {
  const dir = mkdtempSync(path.join(tmpdir(), 'imei-kiosk-pty-'));
  const deviceEnd = path.join(dir, 'ttyDEVICE');
  const hostEnd = path.join(dir, 'ttyHOST');
  const socat = spawn(socatPath, [`pty,raw,echo=0,link=${deviceEnd}`, `pty,raw,echo=0,link=${hostEnd}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  socat.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // A spawn that fails (not executable, no such file) emits 'error' and never 'exit'.
  let spawnError: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    if (socat.exitCode !== null || socat.signalCode !== null) resolve();
    else socat.once('exit', () => resolve());
    socat.once('error', (error) => {
      spawnError = error;
      resolve();
    });
  });
  const running = () => spawnError === undefined && socat.exitCode === null && socat.signalCode === null;
  const unplug = async () => {
    if (running()) socat.kill('SIGTERM');
    await exited;
  };
  const close = async () => {
    await unplug();
    rmSync(dir, { recursive: true, force: true });
  };

  // socat creates the links once both PTYs exist; poll for them, with a bound.
  const giveUpAt = Date.now() + LINK_WAIT_MS;
  while (!(existsSync(deviceEnd) && existsSync(hostEnd))) {
    if (!running() || Date.now() > giveUpAt) {
      await close();
      if (spawnError) throw new Error(`socat could not be started (${socatPath}): ${spawnError.message}`);
      throw new Error(`socat did not create the PTY pair within ${LINK_WAIT_MS} ms: ${stderr.trim() || 'no output'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { deviceEnd, hostEnd, socat, unplug, close };
}
