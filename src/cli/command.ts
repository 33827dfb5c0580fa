/** What every CLI command module exports. command-list.ts lists each one; main.ts calls register. */
import type { Command } from 'commander';

export interface CliIo {
  /** One line to standard output (the command's result). */
  out(line: string): void;
  /** One line to standard error (diagnostics, never the result). */
  err(line: string): void;
  /** Standard input, for commands that read scans line by line. */
  stdin: NodeJS.ReadableStream;
}

export interface CliContext {
  /** Every line written here is made terminal-safe (see printable.ts): messages and results. */
  readonly io: CliIo;
  /**
   * One line of exported data to standard output exactly as it is (the journal's own lines, the
   * manifest CSV): a changed character would break a journal line's checksum.
   */
  writeData(line: string): void;
  readonly version: string;
  /** Set the process exit code; the highest code set by any step wins. */
  setExitCode(code: number): void;
}

export interface CliCommandModule {
  register(program: Command, context: CliContext): void;
}
