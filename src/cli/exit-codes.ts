/** The CLI's exit codes: a public interface, documented in --help and the README. */
export const ExitCode = {
  /** Done: every input valid, every action completed. */
  ok: 0,
  /** Refused or failed: an input was invalid, or the action could not be completed. */
  failed: 1,
  /** Usage: unknown command or option, missing argument. */
  usage: 2,
  /** Configuration: unauthorized, or production settings incomplete. */
  configuration: 3,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
