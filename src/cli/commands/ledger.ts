/** `imei-kiosk ledger check`: verify every checksum and the sequence across all segments. */
import type { Command } from 'commander';
import { z } from 'zod';
import { checkLedger, type LedgerCheck } from '../../ledger/check.js';
import { resolveDataDir } from '../../ledger/data-dir.js';
import type { CliContext } from '../command.js';
import { ExitCode } from '../exit-codes.js';

const CheckOptions = z.strictObject({ dataDir: z.string().min(1).optional(), json: z.boolean().optional() });

export function register(program: Command, context: CliContext): void {
  const ledger = program.command('ledger').description('The durable journal of every capture, intent and result.');
  ledger
    .command('check')
    .description(
      'Verify every checksum and the sequence across all ledger segments (read-only; safe while the kiosk runs).',
    )
    .option(
      '--data-dir <dir>',
      'the kiosk data folder (default: $IMEI_KIOSK_DATA_DIR, else the platform app-data folder)',
    )
    .option('--json', 'print the result as one JSON object')
    .addHelpText(
      'after',
      `
Output: one line per problem, "DAMAGE|WARNING <file> line <n>: <what is wrong>", then a summary line.
A torn last line (a write cut short by a crash, never acknowledged) is a warning.
Acknowledged records missing from the end (the journal is shorter than its high-water mark says)
are damage: "LOST: <n> acknowledged record(s), from seq <s>".
Exit code: 0 when no damage is found, 1 when any checksum, line or sequence number is wrong,
records are lost or the folder holds no ledger at all, 3 when the folder cannot be read.`,
    )
    .action(async (raw: unknown) => {
      const options = CheckOptions.parse(raw);
      const dataDir = resolveDataDir({ flag: options.dataDir });
      let result: LedgerCheck;
      try {
        result = await checkLedger(dataDir);
      } catch (error) {
        if (!isAccessError(error)) throw error;
        return reportUnreadable(context, dataDir, error);
      }
      // No segment at all is most likely a wrong folder: nothing checked is not a pass.
      const missing = result.segments === 0;
      if (!result.ok || missing) context.setExitCode(ExitCode.failed);
      if (missing && !options.json) {
        context.io.out(`NO LEDGER: ${dataDir} holds no ledger segments (wrong --data-dir or IMEI_KIOSK_DATA_DIR?)`);
        return;
      }
      if (options.json) {
        context.io.out(JSON.stringify({ dataDir, ...result }));
        return;
      }
      for (const issue of result.issues) {
        const seq = issue.seq !== undefined ? ` (seq ${issue.seq})` : '';
        context.io.out(
          `${issue.severity === 'damage' ? 'DAMAGE' : 'WARNING'} ${issue.file} line ${issue.line}${seq}: ${issue.message}`,
        );
      }
      for (const file of result.movedAside) {
        const what = file.endsWith('.lost')
          ? 'acknowledged records cut short, moved aside by an earlier open'
          : 'a damaged tail moved aside by an earlier open';
        context.io.out(`NOTE damaged/${file}: ${what}, kept as evidence`);
      }
      if (result.lost)
        context.io.out(`LOST: ${result.lost.count} acknowledged record(s), from seq ${result.lost.fromSeq}`);
      const damage = result.issues.filter((i) => i.severity === 'damage').length;
      context.io.out(
        `${result.ok ? 'OK' : 'DAMAGED'}: ${result.segments} segment(s), ${result.records} record(s), last seq ${result.lastSeq}, ${result.jobs} job(s) (${result.openJobs} open)` +
          (damage > 0 ? `, ${damage} damaged line(s)` : '') +
          ` in ${dataDir}`,
      );
    });
}

/** A folder this user may not read: what and where on stderr, exit 3. */
export function reportUnreadable(
  context: CliContext,
  dataDir: string,
  error: NodeJS.ErrnoException & { code: string },
): void {
  context.io.err(
    `Error (unreadable): cannot read the journal in ${dataDir} (${error.code} on ${error.path ?? 'a file'}).`,
  );
  context.io.err('Next: run this as a user who may read the kiosk data folder.');
  context.setExitCode(ExitCode.configuration);
}

/** Permission or read-only errors from reading the folder: a clear message, not a stack trace. */
export function isAccessError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EACCES' || code === 'EPERM';
}
