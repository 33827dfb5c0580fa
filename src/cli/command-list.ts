/**
 * Every command module, listed by hand: the CLI runs as a bundle (scripts/build-cli.mjs), and a
 * bundle cannot read the commands/ folder at run time. Each entry names the top-level commands its
 * module registers, so `imei-kiosk validate …` loads only validate's module and none of the engine,
 * serial or camera code the others pull in (IT scripts call it in loops).
 *
 * A new file in commands/ with a register() needs one line here, in file-name order (the order of
 * `--help`); test/unit/cli-command-list.test.ts fails until it has one.
 */
import type { CliCommandModule } from './command.js';

export interface CommandEntry {
  /** The file in commands/, without its extension. */
  readonly file: string;
  /** The top-level commands its register() adds. */
  readonly names: readonly string[];
  load(): Promise<CliCommandModule>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { file: 'batch', names: ['batch'], load: () => import('./commands/batch.js') },
  { file: 'confirm', names: ['confirm'], load: () => import('./commands/confirm.js') },
  { file: 'connect', names: ['connect'], load: () => import('./commands/connect.js') },
  { file: 'decode', names: ['decode'], load: () => import('./commands/decode.js') },
  { file: 'disconnect', names: ['disconnect'], load: () => import('./commands/disconnect.js') },
  { file: 'export', names: ['export'], load: () => import('./commands/export.js') },
  { file: 'jobs', names: ['jobs', 'retry', 'cancel'], load: () => import('./commands/jobs.js') },
  { file: 'ledger', names: ['ledger'], load: () => import('./commands/ledger.js') },
  { file: 'serial', names: ['serial'], load: () => import('./commands/serial.js') },
  { file: 'simulator', names: ['simulator'], load: () => import('./commands/simulator.js') },
  { file: 'user', names: ['user'], load: () => import('./commands/user.js') },
  { file: 'validate', names: ['validate'], load: () => import('./commands/validate.js') },
];

/** Files in commands/ that are shared helpers, not commands (they export no register()). */
export const HELPER_FILES: readonly string[] = ['kiosk-session'];

/** The modules to load for argv: only the named command's, else all (help, version, a typo). */
export function entriesFor(argv: readonly string[]): readonly CommandEntry[] {
  const first = argv[0];
  const named = first === undefined ? undefined : COMMANDS.find((entry) => entry.names.includes(first));
  return named ? [named] : COMMANDS;
}
