/** The real kiosk host on a fresh temp data folder (training mode, its embedded simulator), for tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMemoryCredentialStore } from '../../src/app/session/credential-store.js';
import { openKioskHost, type KioskHost, type KioskHostOptions } from '../../src/app/kiosk-host.js';

export interface ThrowawayHost {
  readonly host: KioskHost;
  readonly dataDir: string;
  /** Closes the host and removes its folder. */
  close(): Promise<void>;
}

export async function openThrowawayHost(
  options: Partial<Omit<KioskHostOptions, 'dataDir'>> = {},
): Promise<ThrowawayHost> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-test-host-'));
  const host = await openKioskHost({
    version: 'test',
    credentials: createMemoryCredentialStore(),
    env: {},
    ...options,
    dataDir,
  });
  return {
    host,
    dataDir,
    async close() {
      await host.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
