/**
 * `imei-kiosk batch orders.csv`: validate the orders file (all or nothing), then read one scanned
 * IMEI per line from stdin, assign each to an order and connect it; print a summary at the end.
 * Running the same file again resumes it (see src/onboarding/batch.ts).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Option, type Command } from 'commander';
import { maskImei } from '../../imei/format.js';
import { validate } from '../../imei/validate.js';
import { BatchRun, importOrders } from '../../onboarding/batch.js';
import type { CliContext } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { clip } from '../printable.js';
import { addSessionOptions, reportInputError, withEngine, type SessionOptions } from './kiosk-session.js';

/** Bad rows listed at most (stderr and the summary's "errors"): a bad 50 MB file listed every row twice. */
export const MAX_ROW_ERRORS_SHOWN = 100;

interface BatchOptions extends SessionOptions {
  scanFrom: 'stdin';
  patience: string;
}

export function register(program: Command, context: CliContext): void {
  addSessionOptions(
    program
      .command('batch')
      .description('Import batch orders from a CSV, then assign and connect one scanned IMEI per stdin line.')
      .argument('<orders.csv>', 'columns: uid, device_type, optional order_ref, optional expected_imei')
      .addOption(new Option('--scan-from <source>', 'where scans come from').choices(['stdin']).default('stdin'))
      .option('--patience <seconds>', 'wait at most this long for a queued retry before ending', '60'),
  )
    .addHelpText(
      'after',
      `
Bad rows are reported (row, column, reason; the first 100, then how many more: "errors_not_shown"
in the summary) and nothing is imported. Each scan goes to the order
whose expected_imei matches, else to the next open order. At the end, one JSON summary on stdout:
  {"connected", "already_connected", "queued", "needs_attention", "rejected_rows", "rejected_scans", "mode", "batchId", "orders", "open_orders"}
Running the same command again after a crash resumes the batch: no order is assigned twice, and
devices already connected are answered already_connected.
Exit codes: 0 all done, 1 a row or scan was rejected (or a job needs attention), 2 usage, 3 configuration.`,
    )
    .action(async (file: string, opts: BatchOptions) => {
      if (!/^\d+$/.test(opts.patience)) {
        context.io.err(`--patience takes whole seconds, not "${opts.patience}".`);
        context.setExitCode(ExitCode.usage);
        return;
      }
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        return reportInputError(context, opts, {
          kind: 'unreadable_file',
          message: `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
          nextAction: 'Check the path of the orders file.',
        });
      }
      await withEngine(context, opts, async (engine) => {
        const mode = engine.mode;
        const imported = await importOrders(engine.onboarding, {
          text,
          source: path.basename(file),
          deviceTypes: engine.deviceTypes.map((d) => d.id),
          ...(opts.operator ? { by: opts.operator } : {}),
        });
        if (!imported.ok) {
          const shown = imported.errors
            .slice(0, MAX_ROW_ERRORS_SHOWN)
            .map((e) => ({ ...e, column: e.column === null ? null : clip(e.column), reason: clip(e.reason, 500) }));
          const notShown = imported.errors.length - shown.length;
          for (const e of shown) context.io.err(`row ${e.row}${e.column ? `, column ${e.column}` : ''}: ${e.reason}`);
          if (notShown > 0)
            context.io.err(
              `… and ${notShown} more bad row${notShown === 1 ? '' : 's'} not listed; fix these and run it again to see the rest.`,
            );
          const summary = {
            ok: false,
            mode,
            connected: 0,
            already_connected: 0,
            queued: 0,
            needs_attention: 0,
            rejected_rows: imported.errors.length,
            rejected_scans: 0,
            errors: shown,
            ...(notShown > 0 ? { errors_not_shown: notShown } : {}),
          };
          context.io.out(JSON.stringify(summary));
          context.setExitCode(ExitCode.failed);
          return;
        }
        const run = new BatchRun(engine.onboarding, imported.batchId, imported.orders, opts.operator);
        context.io.err(
          `${imported.resumed ? 'Resuming' : 'Imported'} batch ${imported.batchId}: ${imported.orders.length} orders, ${run.progress().open} open.`,
        );

        const touched = new Set<string>();
        let alreadyConnected = 0;
        let rejectedScans = 0;
        let line = 0;
        for await (const rawLine of createInterface({ input: context.io.stdin, crlfDelay: Infinity })) {
          line++;
          if (rawLine.trim() === '') continue;
          const imei = validate(rawLine);
          if (!imei.ok) {
            rejectedScans++;
            context.io.err(`scan ${line}: rejected: ${imei.error.message}`);
            continue;
          }
          const outcome = await run.scan(imei.imei, rawLine);
          switch (outcome.kind) {
            case 'assigned':
              touched.add(outcome.job.jobId);
              context.io.err(
                `scan ${line}: ${maskImei(imei.imei)} → row ${outcome.order.row} (${outcome.order.uid}), job ${outcome.job.jobId}`,
              );
              break;
            case 'in_batch':
              touched.add(outcome.job.jobId);
              context.io.err(
                `scan ${line}: ${maskImei(imei.imei)} already assigned (job ${outcome.job.jobId}, ${outcome.job.state})`,
              );
              break;
            case 'already_connected':
              alreadyConnected++;
              context.io.err(
                `scan ${line}: ${maskImei(imei.imei)} already connected to ${outcome.job.uid} at ${outcome.job.connectedAt ?? '?'} by ${outcome.job.operator}`,
              );
              break;
            case 'rejected':
              rejectedScans++;
              context.io.err(`scan ${line}: rejected: ${outcome.reason}`);
              break;
            default: {
              const never: never = outcome;
              throw new Error(`unknown scan outcome ${JSON.stringify(never)}`);
            }
          }
        }

        await run.settled(Number(opts.patience) * 1000);
        const jobs = [...touched].map((id) => engine.onboarding.job(id)!);
        const count = (states: string[]) => jobs.filter((j) => states.includes(j.state)).length;
        const summary = {
          ok: rejectedScans === 0 && count(['needs_attention', 'cancelled']) === 0,
          mode,
          batchId: imported.batchId,
          connected: count(['connected', 'verified']),
          already_connected: alreadyConnected,
          queued: count(['queued', 'ready', 'connecting']),
          needs_attention: count(['needs_attention', 'cancelled']),
          rejected_rows: 0,
          rejected_scans: rejectedScans,
          orders: imported.orders.length,
          open_orders: run.progress().open,
          unverified: count(['connected']),
        };
        context.io.out(JSON.stringify(summary));
        if (!summary.ok) context.setExitCode(ExitCode.failed);
      });
    });
}
