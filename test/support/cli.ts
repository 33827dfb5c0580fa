/**
 * Runs the real CLI for tests: in-process from the sources with captured output (fast; shares
 * this process's modules, e.g. the ledger's lock table), or as users run it, as a child process
 * of bin/imei-kiosk.mjs on the bundle the integration suite's globalSetup builds.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { runCli } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string[];
  stderr: string[];
}

export const CLI_BIN = fileURLToPath(new URL('../../bin/imei-kiosk.mjs', import.meta.url));

export async function runCliCaptured(argv: readonly string[], stdinText = ''): Promise<CliRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(argv, {
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    stdin: Readable.from([stdinText]),
  });
  return { code, stdout, stderr };
}

const lines = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

/** Runs bin/imei-kiosk.mjs in a child process (the built CLI) and collects its output. */
export function runBuiltCli(
  argv: readonly string[],
  options: { stdinText?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...argv], {
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === null) reject(new Error(`imei-kiosk ${argv.join(' ')} was killed by ${signal}: ${err}`));
      else resolve({ code, stdout: lines(out), stderr: lines(err) });
    });
    child.stdin.end(options.stdinText ?? '');
  });
}
