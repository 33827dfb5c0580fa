/** `imei-kiosk validate <input>...`: one JSON line per input. The line format is a public interface. */
import type { Command } from 'commander';
import { validate } from '../../imei/validate.js';
import type { CliContext } from '../command.js';
import { ExitCode } from '../exit-codes.js';

/** The stable output line for one input. Keep field names and order as they are. */
export function validationLine(input: string): { line: Record<string, unknown>; ok: boolean } {
  const result = validate(input);
  if (result.ok) return { ok: true, line: { input, ok: true, imei: result.imei, tac: result.tac } };
  const { kind, message, expectedCheckDigit, derivedImei } = result.error;
  return {
    ok: false,
    line: {
      input,
      ok: false,
      error: {
        kind,
        message,
        ...(expectedCheckDigit !== undefined ? { expectedCheckDigit } : {}),
        ...(derivedImei !== undefined ? { derivedImei } : {}),
      },
    },
  };
}

export function register(program: Command, context: CliContext): void {
  program
    .command('validate')
    .description('Check IMEIs (15 digits, Luhn check digit); print one JSON object per input, one per line.')
    .argument('<input...>', 'IMEIs as scanned or typed (labels such as "IMEI:", spaces and dashes are allowed)')
    .addHelpText(
      'after',
      `
Output, one line per input:
  {"input": "...", "ok": true, "imei": "...", "tac": "..."}
  {"input": "...", "ok": false, "error": {"kind": "...", "message": "...", "expectedCheckDigit": "8", "derivedImei": "..."}}
  (expectedCheckDigit only for kind bad_check_digit, derivedImei only for kind imeisv)
Error kinds: empty, non_digit, too_short, too_long, bad_check_digit, imeisv, meid, placeholder.
Exit code: 0 when every input is valid, 1 when any is not, 2 for a usage error.`,
    )
    .action((inputs: string[]) => {
      for (const input of inputs) {
        const { line, ok } = validationLine(input);
        context.io.out(JSON.stringify(line));
        if (!ok) context.setExitCode(ExitCode.failed);
      }
    });
}
