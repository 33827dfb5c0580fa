/** `imei-kiosk ledger check`: verify every checksum and the sequence across all segments. */
import type { Command } from 'commander';
import { z } from 'zod';
import { checkLedger } from '../../ledger/check.js';
import { resolveDataDir } from '../../ledger/data-dir.js';
import type { CliContext } from '../command.js';
import { ExitCode } from '../exit-codes.js';

const CheckOptions = z.strictObject({ dataDir: z.string().min(1).optional(), json: z.boolean().optional() });

export function register(program: Command, context: CliContext): void {
  const ledger = program.command('ledger').description('The durable journal of every capture, intent and result.');
  ledger
    .command('check')
    .description('Verify every checksum and the sequence across all ledger segments (read-only; safe while the kiosk runs).')
    .option('--data-dir <dir>', 'the kiosk data folder (default: $IMEI_KIOSK_DATA_DIR, else the platform app-data folder)')
    .option('--json', 'print the result as one JSON object')
    .addHelpText(
      'after',
      `
Output: one line per problem, "DAMAGE|WARNING <file> line <n>: <what is wrong>", then a summary line.
A torn last line (a write cut short by a crash, never acknowledged) is a warning.
Exit code: 0 when no damage is found, 1 when any checksum, line or sequence number is wrong
or the folder holds no ledger at all.`,
    )
    .action(async (raw: unknown) => {
      const options = CheckOptions.parse(raw);
      const dataDir = resolveDataDir({ flag: options.dataDir });
      const result = await checkLedger(dataDir);
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
        context.io.out(`${issue.severity === 'damage' ? 'DAMAGE' : 'WARNING'} ${issue.file} line ${issue.line}${seq}: ${issue.message}`);
      }
      for (const file of result.movedAside) context.io.out(`NOTE damaged/${file}: a damaged tail moved aside by an earlier open, kept as evidence`);
      const damage = result.issues.filter((i) => i.severity === 'damage').length;
      context.io.out(
        `${result.ok ? 'OK' : 'DAMAGED'}: ${result.segments} segment(s), ${result.records} record(s), last seq ${result.lastSeq}, ${result.jobs} job(s) (${result.openJobs} open)` +
          (damage > 0 ? `, ${damage} damaged line(s)` : '') +
          ` in ${dataDir}`,
      );
    });
}
