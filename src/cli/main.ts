/**
 * The `imei-kiosk` command: the same engine as the kiosk, without a window.
 * Each file in ./commands registers one command (or a group), so commands stay independent;
 * command-list.ts lists them, and only the module of the command being run is loaded.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import type { CliContext, CliIo } from './command.js';
import { entriesFor } from './command-list.js';
import { ExitCode } from './exit-codes.js';
import { printable } from './printable.js';

// Our own package.json, checked by hand rather than with zod: importing zod costs ~50 ms, more than
// everything else `imei-kiosk validate` does (bench/cli.bench.ts), and commands that need zod load it.
function readVersion(): string {
  const raw = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  if (typeof raw.version !== 'string') throw new Error('package.json has no "version" string.');
  return raw.version;
}

const EXIT_CODES_HELP = `
Exit codes:
  0  done (every input valid, every action completed)
  1  refused or failed (an input was invalid, or an action could not be completed)
  2  usage error (unknown command or option, missing argument)
  3  configuration error (unauthorized, or production settings incomplete)`;

export async function runCli(argv: readonly string[], rawIo: CliIo = defaultIo()): Promise<number> {
  // Every line, whatever command or commander wrote it, is made terminal-safe here.
  const io: CliIo = {
    out: (line) => rawIo.out(printable(line)),
    err: (line) => rawIo.err(printable(line)),
    stdin: rawIo.stdin,
  };
  let exitCode: number = ExitCode.ok;
  const context: CliContext = {
    io,
    writeData: (line) => rawIo.out(line),
    version: readVersion(),
    setExitCode: (code) => {
      exitCode = Math.max(exitCode, code);
    },
  };
  const program = new Command('imei-kiosk')
    .description(
      'Validate IMEIs and connect Smart Meter cellular devices to patients through Validic (headless kiosk).',
    )
    .version(context.version)
    .addHelpText('after', EXIT_CODES_HELP)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s.replace(/\n$/, '')),
      writeErr: (s) => io.err(s.replace(/\n$/, '')),
    });
  const modules = await Promise.all(entriesFor(argv).map((entry) => entry.load()));
  for (const mod of modules) mod.register(program, context);
  program.commands.forEach((c) => c.exitOverride());
  if (argv.length === 0) {
    program.outputHelp({ error: true });
    return ExitCode.usage;
  }

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      const benign = ['commander.helpDisplayed', 'commander.version', 'commander.help'];
      if (benign.includes(error.code)) return ExitCode.ok;
      return ExitCode.usage;
    }
    throw error;
  }
  return exitCode;
}

function defaultIo(): CliIo {
  // A reader that stops early (`imei-kiosk export … | head`) closes the pipe: that is not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    stdin: process.stdin,
  };
}
