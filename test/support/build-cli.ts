/**
 * vitest globalSetup: builds the CLI bundle once before the tests, exactly as `npm ci` does, so
 * tests that spawn bin/imei-kiosk.mjs run the JavaScript users run, built from the current sources.
 */
import { spawnSync } from 'node:child_process';

export default function setup(): void {
  const run = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`scripts/build-cli.mjs failed (${run.status}): ${run.stderr}`);
}
