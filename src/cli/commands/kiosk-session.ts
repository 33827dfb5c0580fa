/**
 * Shared by the engine commands (connect, disconnect, user, jobs, retry, cancel, batch): the
 * --data-dir/--json options, opening the engine for the configured mode, the TRAINING marker, and
 * the one output shape for results and errors. Not a command itself (no register()).
 */
import type { Command } from 'commander';
import { ConfigurationError } from '../../config/errors.js';
import { resolveCredentials } from '../../config/credentials.js';
import { resolveDataDir } from '../../config/data-dir.js';
import { loadSettings } from '../../config/store.js';
import { formatImei, maskImei } from '../../imei/format.js';
import { LedgerAccessError, toAccessError } from '../../ledger/ledger.js';
import { LedgerLockedError } from '../../ledger/lock.js';
import { openKioskEngine, type KioskEngine } from '../../onboarding/engine.js';
import type { OnboardResult } from '../../onboarding/service.js';
import { ValidicError } from '../../validic/errors.js';
import type { CliContext } from '../command.js';
import { ExitCode } from '../exit-codes.js';

export interface SessionOptions {
  readonly dataDir?: string;
  readonly json?: boolean;
  readonly operator?: string;
}

export function addSessionOptions(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'the data folder (default: IMEI_KIOSK_DATA_DIR, else the app-data folder)')
    .option('--operator <name>', 'who is doing this, for the journal (default: settings, else the OS user)')
    .option('--json', 'print one JSON object instead of text');
}

export const TRAINING_LINE = 'TRAINING MODE: the built-in simulator answers; nothing is sent to Validic.';

export interface ErrorInfo {
  readonly kind: string;
  readonly message: string;
  readonly nextAction: string;
}

export function exitCodeFor(kind: string): number {
  return kind === 'unauthorized' || kind === 'configuration' ? ExitCode.configuration : ExitCode.failed;
}

/** Prints a failure as `{"ok": false, "error": {...}}` (or text) and sets the exit code. */
export function reportError(
  context: CliContext,
  options: SessionOptions,
  error: ErrorInfo,
  extra: Record<string, unknown> = {},
): void {
  if (options.json) {
    context.io.out(
      JSON.stringify({
        ok: false,
        ...extra,
        error: { kind: error.kind, message: error.message, nextAction: error.nextAction },
      }),
    );
  } else {
    context.io.err(`Error (${error.kind}): ${error.message}`);
    context.io.err(`Next: ${error.nextAction}`);
  }
  context.setExitCode(exitCodeFor(error.kind));
}

/** The mode the settings and environment call for, without starting anything; undefined if they are broken. */
export function modeOf(options: SessionOptions): 'training' | 'production' | undefined {
  try {
    const resolved = resolveCredentials(loadSettings(resolveDataDir({ flag: options.dataDir })), process.env);
    return resolved.mode === 'training' ? 'training' : 'production';
  } catch {
    return undefined;
  }
}

/** A refusal before the engine opens (bad input): still says which mode, and TRAINING on stderr. */
export function reportInputError(context: CliContext, options: SessionOptions, error: ErrorInfo): void {
  const mode = modeOf(options);
  if (mode === 'training') context.io.err(TRAINING_LINE);
  reportError(context, options, error, mode ? { mode } : {});
}

/** Opens the engine, runs `work`, closes the engine; maps configuration, Validic and lock errors to output and exit codes. */
export async function withEngine(
  context: CliContext,
  options: SessionOptions,
  work: (engine: KioskEngine) => Promise<void>,
  { worker = true }: { worker?: boolean } = {},
): Promise<void> {
  let engine: KioskEngine;
  const dataDir = resolveDataDir({ flag: options.dataDir });
  try {
    engine = await openKioskEngine({
      dataDir,
      ...(options.operator ? { operator: options.operator } : {}),
      // Read-only commands leave queued work alone; the others resume it.
      onboarding: { startWorker: worker },
    });
  } catch (thrown) {
    // The settings, the training state and the journal all live in the data folder: a folder this
    // user cannot write is one clear answer, whichever of them found it first.
    const error = toAccessError(dataDir, thrown);
    if (error instanceof ConfigurationError)
      return reportError(context, options, {
        kind: 'configuration',
        message: error.message,
        nextAction: error.nextAction,
      });
    if (error instanceof ValidicError) return reportError(context, options, error);
    if (error instanceof LedgerLockedError) {
      return reportError(context, options, {
        kind: 'locked',
        message: error.message,
        nextAction: 'Close the other kiosk or CLI using this data folder, then try again.',
      });
    }
    if (error instanceof LedgerAccessError) {
      reportError(context, options, {
        kind: 'read_only',
        message: `The kiosk data folder ${error.dataDir} cannot be written (${error.code}).`,
        nextAction:
          'Use a data folder this user can write (--data-dir), or fix its permissions; `jobs`, `export` and `ledger check` can still read it.',
      });
      context.setExitCode(ExitCode.configuration);
      return;
    }
    throw error;
  }
  if (engine.mode === 'training') context.io.err(TRAINING_LINE);
  try {
    await work(engine);
  } catch (error) {
    if (error instanceof ValidicError) reportError(context, options, error, { mode: engine.mode });
    else throw error;
  } finally {
    await engine.close();
  }
}

/** Prints an onboarding result in the connect command's shape and sets the exit code. */
export function printOnboardResult(
  context: CliContext,
  opts: SessionOptions,
  mode: string,
  result: OnboardResult,
): void {
  const job = 'job' in result ? result.job : result.existing;
  const shown = `${formatImei(job.imei)} → ${job.uid} (${job.deviceType})`;
  switch (result.outcome) {
    case 'connected': {
      const connection =
        result.connection ??
        synthesized(result.job.imei, result.job.deviceType, result.job.connectedAt ?? result.job.updatedAt);
      if (opts.json)
        context.io.out(JSON.stringify({ ok: true, state: 'connected', mode, connection, jobId: result.job.jobId }));
      else context.io.out(`CONNECTED ${shown}, job ${result.job.jobId}`);
      return;
    }
    case 'already_connected': {
      const connection = synthesized(result.job.imei, result.job.deviceType, result.at);
      if (opts.json) {
        context.io.out(
          JSON.stringify({
            ok: true,
            state: 'already_connected',
            mode,
            connection,
            connectedAt: result.at,
            connectedBy: result.by,
            jobId: result.job.jobId,
          }),
        );
      } else {
        context.io.out(
          `ALREADY CONNECTED ${shown} at ${result.at} by ${result.by} (job ${result.job.jobId}); not sent again`,
        );
      }
      return;
    }
    case 'in_progress':
      return reportError(
        context,
        opts,
        {
          kind: 'in_progress',
          message: `IMEI ${maskImei(result.job.imei)} is already being connected to ${result.job.uid} (job ${result.job.jobId}, ${result.job.state}).`,
          nextAction: 'Wait for that job, or see `imei-kiosk jobs`.',
        },
        { mode, state: result.job.state, jobId: result.job.jobId },
      );
    case 'queued':
      return reportError(context, opts, result.problem, {
        mode,
        state: 'queued',
        jobId: result.job.jobId,
        ...(result.job.nextAttemptAt ? { nextAttemptAt: result.job.nextAttemptAt } : {}),
      });
    case 'needs_attention':
      return reportError(context, opts, result.problem, { mode, state: 'needs_attention', jobId: result.job.jobId });
    case 'needs_confirmation':
      return reportError(
        context,
        opts,
        { ...result.problem, nextAction: `${result.problem.nextAction} (add --confirm-second-device)` },
        { mode, state: 'needs_confirmation' },
      );
    default: {
      const never: never = result;
      throw new Error(`unknown outcome ${JSON.stringify(never)}`);
    }
  }
}

/** The connection as Validic showed it, rebuilt from the journal (which keeps no response bodies). */
function synthesized(imei: string, deviceType: string, createdAt: string) {
  return {
    credentials: { device_id: imei, device_type: deviceType, device_name: null },
    type: 'smart_meter',
    created_at: createdAt.replace(/\.\d{3}Z$/, 'Z'),
  };
}
