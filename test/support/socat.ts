/**
 * A real pseudo-terminal pair made by socat, for serial tests without hardware: bytes written to
 * one end come out of the other, and killing socat is what unplugging a USB device looks like.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

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

export async function createPtyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(path.join(tmpdir(), 'imei-kiosk-pty-'));
  const deviceEnd = path.join(dir, 'ttyDEVICE');
  const hostEnd = path.join(dir, 'ttyHOST');
  const socat = spawn('socat', [`pty,raw,echo=0,link=${deviceEnd}`, `pty,raw,echo=0,link=${hostEnd}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  socat.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => {
    if (socat.exitCode !== null || socat.signalCode !== null) resolve();
    else socat.once('exit', () => resolve());
  });
  const unplug = async () => {
    if (socat.exitCode === null && socat.signalCode === null) socat.kill('SIGTERM');
    await exited;
  };
  const close = async () => {
    await unplug();
    rmSync(dir, { recursive: true, force: true });
  };

  // socat creates the links once both PTYs exist; poll for them, with a bound.
  const giveUpAt = Date.now() + LINK_WAIT_MS;
  while (!(existsSync(deviceEnd) && existsSync(hostEnd))) {
    if (socat.exitCode !== null || Date.now() > giveUpAt) {
      await close();
      throw new Error(`socat did not create the PTY pair within ${LINK_WAIT_MS} ms: ${stderr.trim() || 'no output'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { deviceEnd, hostEnd, socat, unplug, close };
}
