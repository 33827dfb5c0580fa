#!/usr/bin/env node
// Runs the CLI bundle that `npm ci` builds (scripts/build-cli.mjs → out/cli/main.mjs): plain
// JavaScript starts in a fraction of the time tsx takes to transpile the sources, and IT scripts
// call this in loops. When the bundle is missing (an install without dev dependencies) or older
// than a file in src/ (sources edited since), it runs the TypeScript sources through tsx instead,
// so it never runs stale code; `npm run build:cli` makes it fast again.
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../out/cli/main.mjs', import.meta.url);
const sources = fileURLToPath(new URL('../src/', import.meta.url));

function mtimeMs(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** True when the bundle exists and no source file has changed since it was built. */
function bundleIsCurrent() {
  const built = mtimeMs(bundle);
  if (built === undefined) return false;
  let entries;
  try {
    entries = readdirSync(sources, { recursive: true, withFileTypes: true });
  } catch {
    return true; // no src/ beside the bundle: nothing it could be stale against
  }
  return entries.every(
    (entry) => !entry.isFile() || (mtimeMs(`${entry.parentPath ?? entry.path}/${entry.name}`) ?? 0) <= built,
  );
}

let runCli;
if (bundleIsCurrent()) {
  ({ runCli } = await import(bundle.href));
} else {
  if (process.stderr.isTTY) {
    process.stderr.write(
      'imei-kiosk: running from the TypeScript sources (slow start): out/cli is missing or older than src/; `npm run build:cli` rebuilds it.\n',
    );
  }
  const { register } = await import('tsx/esm/api');
  register();
  ({ runCli } = await import('../src/cli/main.ts'));
}
process.exitCode = await runCli(process.argv.slice(2));
