/**
 * Builds the e2e test pages (camera.html, wedge.html) with Vite into a temp folder, the way the
 * renderer is built: React plugin, ES-module workers, the decoder .wasm kept as a file.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

const pagesDir = import.meta.dirname;

export async function buildTestPages(): Promise<string> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'capture-pages-'));
  await build({
    configFile: false,
    root: pagesDir,
    base: './',
    logLevel: 'error',
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'chrome130',
      minify: false,
      assetsInlineLimit: (file: string) => (file.endsWith('.wasm') ? false : undefined),
      rollupOptions: {
        input: { camera: path.join(pagesDir, 'camera.html'), wedge: path.join(pagesDir, 'wedge.html') },
      },
    },
    worker: { format: 'es' },
  });
  return outDir;
}
