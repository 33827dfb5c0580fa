/**
 * The CLI as users run it: bin/imei-kiosk.mjs on the bundle scripts/build-cli.mjs writes (built by
 * this suite's globalSetup, as `npm ci` builds it), and its fallback to the sources through tsx.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/command-list.js';
import { CLI_BIN, runBuiltCli, runCliCaptured } from '../support/cli.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'imei-kiosk-cli-bundle-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the built CLI', () => {
  it('answers validate exactly as the sources do', async () => {
    const argv = ['validate', '490154203237518', '49-015420-323751-7', 'IMEI 35-209900-176148-1'];
    const [built, source] = await Promise.all([runBuiltCli(argv), runCliCaptured(argv)]);
    expect(built).toEqual(source);
    expect(built.code).toBe(1);
    expect(built.stdout).toHaveLength(3);
  });

  it('lists every command in --help (all modules loaded) and runs one from its own chunk', async () => {
    const help = await runBuiltCli(['--help']);
    expect(help.code).toBe(0);
    for (const name of COMMANDS.flatMap((entry) => entry.names))
      expect(help.stdout.join('\n')).toMatch(new RegExp(`^  ${name} `, 'm'));
    const check = await runBuiltCli(['ledger', 'check', '--data-dir', path.join(root, 'empty-ledger')]);
    expect(check.stderr.join('\n')).not.toMatch(/Cannot find module|ERR_MODULE_NOT_FOUND/);
    expect([0, 1]).toContain(check.code);
  });

  it('an unknown command is a usage error with a suggestion (exit 2)', async () => {
    const run = await runBuiltCli(['valdate', '490154203237518']);
    expect(run.code).toBe(2);
    expect(run.stderr.join('\n')).toContain('validate');
  });
});

describe('bin/imei-kiosk.mjs picks the bundle only when it is current', () => {
  // A copy of the bin beside a stand-in bundle and stand-in sources that say which one ran.
  const tree = path.join(root, 'tree');
  const bin = path.join(tree, 'bin/imei-kiosk.mjs');
  const bundle = path.join(tree, 'out/cli/main.mjs');
  const source = path.join(tree, 'src/cli/main.ts');
  const standIn = (which: string) => `export async function runCli() { process.stdout.write('${which}'); return 0; }\n`;
  const whichRan = () => {
    const result = spawnSync(process.execPath, [bin], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${bin} failed: ${result.stderr}`);
    return result.stdout;
  };

  beforeAll(() => {
    for (const dir of ['bin', 'out/cli', 'src/cli']) mkdirSync(path.join(tree, dir), { recursive: true });
    copyFileSync(CLI_BIN, bin);
    symlinkSync(path.resolve('node_modules'), path.join(tree, 'node_modules'));
    writeFileSync(path.join(tree, 'package.json'), '{"type": "module"}\n');
    writeFileSync(source, standIn('source'));
  });

  it('no bundle → the sources through tsx', () => {
    expect(whichRan()).toBe('source');
  });

  it('a bundle newer than every source → the bundle; a source edited since → the sources', () => {
    writeFileSync(bundle, standIn('bundle'));
    const now = Date.now() / 1000;
    utimesSync(source, now - 60, now - 60);
    utimesSync(bundle, now - 30, now - 30);
    expect(whichRan()).toBe('bundle');
    utimesSync(source, now, now);
    expect(whichRan()).toBe('source');
  });
});
