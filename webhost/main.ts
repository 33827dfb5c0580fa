/**
 * `npm run start:browser`: the kiosk in training mode in your own browser, without Electron.
 * Options: --port P (default 5317), --data-dir D (default IMEI_KIOSK_DATA_DIR, else the app-data folder),
 * --serial (watch USB serial ports for modems and serial scanners, as the Electron app does).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createMemoryCredentialStore } from '../src/app/session/credential-store.js';
import { openKioskHost } from '../src/app/kiosk-host.js';
import { watchSerialPorts } from '../src/app/serial/serial-watch.js';
import { resolveDataDir } from '../src/ledger/data-dir.js';
import { startBrowserHost } from './server.js';

const Args = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(5317),
  'data-dir': z.string().min(1).optional(),
  serial: z.boolean().default(false),
});

const { values } = parseArgs({
  options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, serial: { type: 'boolean' } },
  strict: true,
});
const args = Args.parse(values);
const repoRoot = path.resolve(import.meta.dirname, '..');
const version = z
  .object({ version: z.string() })
  .parse(JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'))).version;
const dataDir = resolveDataDir({ env: process.env, ...(args['data-dir'] ? { flag: args['data-dir'] } : {}) });

// Credentials typed into Settings here are kept in memory only: this host has no OS keychain.
const host = await openKioskHost({ dataDir, version, credentials: createMemoryCredentialStore() });
const server = await startBrowserHost({ host, rendererDir: path.join(repoRoot, 'out/renderer'), port: args.port });
// Off unless asked: a machine without USB devices (or udev) would only see a serial problem on screen.
const serialWatch = args.serial
  ? watchSerialPorts({
      offers: host.serial,
      profile: () => host.serialProfile(),
      log: (message) => console.log(`serial: ${message}`),
    })
  : undefined;
const mode = host.engine().mode;
console.log(
  `IMEI Kiosk (${mode === 'training' ? 'TRAINING' : 'PRODUCTION'}) — open ${server.url} in Chromium or Chrome.`,
);
console.log(`Data folder: ${dataDir}. Stop with Ctrl+C.`);

const stop = () => {
  void (serialWatch?.stop() ?? Promise.resolve())
    .then(() => server.close())
    .then(() => host.close())
    .finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
