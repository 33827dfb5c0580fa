// Bundles the `imei-kiosk` CLI (src/cli/main.ts) into out/cli/ as ES modules, so bin/imei-kiosk.mjs
// starts plain JavaScript instead of transpiling the sources through tsx at every run. One chunk per
// command module (splitting): `validate` loads validate's code, not the engine's. npm runs this as
// `prepare`, i.e. at the end of every `npm ci` and `npm install`.
//
// Dependencies stay in node_modules (packages: 'external'): serialport and sharp are native,
// zxing-wasm finds its .wasm beside its own files, and a bundle of commander and zod would save
// only a few milliseconds. out/cli/ must stay two folders below package.json: main.ts reads its
// version from '../../package.json'.
import { rmSync } from 'node:fs';

const OUT_DIR = 'out/cli';

let build;
try {
  ({ build } = await import('esbuild'));
} catch {
  // An install without dev dependencies (npm ci --omit=dev): the bin runs the sources through tsx.
  console.warn('build-cli: esbuild is not installed; imei-kiosk will run from the TypeScript sources (slower start).');
  process.exit(0);
}

rmSync(OUT_DIR, { recursive: true, force: true });
await build({
  entryPoints: ['src/cli/main.ts'],
  outdir: OUT_DIR,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
