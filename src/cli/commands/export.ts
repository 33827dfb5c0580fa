/** `imei-kiosk export`: the connection manifest (CSV) or the raw journal for a period, on stdout. */
import type { Command } from 'commander';
import { z } from 'zod';
import { resolveDataDir } from '../../ledger/data-dir.js';
import { connectionManifest, manifestCsv } from '../../ledger/manifest.js';
import { rawJournalLines, readLedger } from '../../ledger/read-only.js';
import { Day, dayRange } from '../../ledger/time-range.js';
import type { CliContext } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { isAccessError, reportUnreadable } from './ledger.js';
import { modeOf } from './kiosk-session.js';

const ExportOptions = z.strictObject({
  from: Day,
  to: Day,
  fullImei: z.boolean().optional(),
  raw: z.boolean().optional(),
  mode: z.enum(['training', 'production']).optional(),
  dataDir: z.string().min(1).optional(),
});

export function register(program: Command, context: CliContext): void {
  program
    .command('export')
    .description('Print the connection manifest for a period as CSV (or, with --raw, the journal lines themselves).')
    .requiredOption('--from <YYYY-MM-DD>', 'first day, inclusive (UTC)')
    .requiredOption('--to <YYYY-MM-DD>', 'last day, inclusive (UTC)')
    .option('--full-imei', 'show full IMEIs (default: only the last 4 digits)')
    .option(
      '--raw',
      'print the journal lines recorded in the period, verbatim with their checksums (full IMEIs: it is the audit record)',
    )
    .option(
      '--mode <mode>',
      'training or production: whose connections to list (default: the mode this data folder and environment run in)',
    )
    .option(
      '--data-dir <dir>',
      'the kiosk data folder (default: $IMEI_KIOSK_DATA_DIR, else the platform app-data folder)',
    )
    .addHelpText(
      'after',
      `
Manifest columns: time, station, operator, uid, imei, device_type, final_state, order_ref, confirmed_at, mode.
One row per job that reached "connected" in the period; time is when it did; confirmed_at is when
the device's first reading was seen on Validic (empty until then; see \`imei-kiosk confirm\`).
Only the jobs of one mode are listed: a production manifest never holds a training job. The mode is
the engine's (production when VALIDIC_ORG_ID/VALIDIC_TOKEN or the settings hold credentials, else
training); a kiosk keeps its credentials in its own encrypted store, so for its folder say --mode production.
Without --mode, stderr notes how many connections of the other mode the period holds, if any.
A job journaled before modes were recorded has mode "unknown" and is listed in either.
The ledger is only read: safe while the kiosk runs.
Exit code: 0 done, 1 if the ledger is damaged (the output may be incomplete; see stderr), 2 for a bad option,
3 when the data folder cannot be read.`,
    )
    .action(async (raw: unknown) => {
      const parsed = ExportOptions.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          context.io.err(`error: --${kebab(String(issue.path[0]))}: ${issue.message}`);
        context.setExitCode(ExitCode.usage);
        return;
      }
      const options = parsed.data;
      let range;
      try {
        range = dayRange(options.from, options.to);
      } catch (error) {
        context.io.err(`error: ${(error as Error).message}`);
        context.setExitCode(ExitCode.usage);
        return;
      }
      const dataDir = resolveDataDir({ flag: options.dataDir });
      let read;
      try {
        read = await readLedger(dataDir);
      } catch (error) {
        if (!isAccessError(error)) throw error;
        return reportUnreadable(context, dataDir, error);
      }
      const { index, replay } = read;
      const damage = replay.issues.filter((i) => i.severity === 'damage');
      for (const issue of damage)
        context.io.err(`warning: ledger damaged, ${issue.file} line ${issue.line}: ${issue.message}`);
      if (damage.length > 0) context.setExitCode(ExitCode.failed);

      if (options.raw) {
        for await (const { line } of rawJournalLines(dataDir, range)) context.writeData(line);
        return;
      }
      const mode = options.mode ?? modeOf({ ...(options.dataDir ? { dataDir: options.dataDir } : {}) });
      if (mode === undefined) {
        context.io.err(
          'error: cannot tell whether this data folder runs in training or production mode (its settings cannot be read); say --mode training or --mode production.',
        );
        context.setExitCode(ExitCode.configuration);
        return;
      }
      const csv = manifestCsv(
        connectionManifest(index.allJobs(), range, { fullImei: options.fullImei ?? false, mode }),
      );
      context.writeData(csv.replace(/\n$/, ''));
      // A kiosk's own folder reads as training here (its credentials are in its encrypted store):
      // say what the guessed mode left out, so a production manifest is not silently empty.
      if (options.mode === undefined) {
        const other = mode === 'training' ? 'production' : 'training';
        const left = connectionManifest(index.allJobs(), range, { mode: other }).filter((row) => row.mode === other);
        if (left.length > 0)
          context.io.err(
            `note: these are the ${mode} connections; the period also holds ${left.length} ${other} connection(s), not listed. Say --mode ${other} to list them.`,
          );
      }
    });
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
