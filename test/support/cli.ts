/** Runs the real CLI in-process with captured output, for tests. */
import { Readable } from 'node:stream';
import { runCli } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string[];
  stderr: string[];
}

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
