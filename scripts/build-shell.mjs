// Bundles the Electron shell: main and preload as CommonJS (a sandboxed preload must be one
// self-contained script). Native modules stay external and are loaded from node_modules.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external: ['electron', 'serialport', '@serialport/*', 'sharp'],
  logLevel: 'info',
};

await build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'out/electron/main.cjs' });
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'out/electron/preload.cjs' });
