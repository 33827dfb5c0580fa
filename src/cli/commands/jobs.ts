/** `imei-kiosk jobs`, `retry <job-id>`, `cancel <job-id>`: the journal's jobs and what a person can do about them. */
import { Option, type Command } from 'commander';
import { resolveDataDir } from '../../ledger/data-dir.js';
import type { JobIndex, JobView } from '../../ledger/job-index.js';
import { readLedger } from '../../ledger/read-only.js';
import { selectJobs, type JobFilter, type JobSource } from '../../onboarding/job-filter.js';
import { isCancellable } from '../../onboarding/transitions.js';
import type { CliContext } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import {
  addSessionOptions,
  modeOf,
  printOnboardResult,
  reportError,
  TRAINING_LINE,
  withEngine,
  type SessionOptions,
} from './kiosk-session.js';
import { isAccessError } from './ledger.js';

function jobJson(job: JobView): Record<string, unknown> {
  return { ...job };
}

/** The journal's jobs as the engine's filter reads them: open ones in the order they were created. */
function jobSource(index: JobIndex): JobSource {
  return { jobs: () => index.allJobs(), openJobs: () => index.openJobs().sort((a, b) => a.intentSeq - b.intentSeq) };
}

/** What the journal says about the queue: jobs to connect (ready, connecting, queued) and connected but not verified. */
function queueFromJournal(index: JobIndex, now = Date.now()) {
  const open = index.openJobs().sort((a, b) => a.intentSeq - b.intentSeq);
  const work = open.filter((j) => j.state === 'ready' || j.state === 'connecting' || j.state === 'queued');
  const due = work
    .filter((j) => j.state === 'queued' && j.nextAttemptAt)
    .map((j) => j.nextAttemptAt!)
    .sort();
  return {
    depth: work.length,
    oldestAgeMs: work.length > 0 ? now - Date.parse(work[0]!.createdAt) : null,
    nextAttemptAt: due[0] ?? null,
    unverified: selectJobs(jobSource(index), 'unverified').length,
  };
}

/** A job id the journal does not have (retry and cancel). */
function unknownJob(jobId: string) {
  return {
    kind: 'unknown_job',
    message: `There is no job ${jobId} in the journal.`,
    nextAction: 'See `imei-kiosk jobs --state all`.',
  } as const;
}

export function register(program: Command, context: CliContext): void {
  addSessionOptions(
    program
      .command('jobs')
      .description('List onboarding jobs from the journal, with the queue status.')
      .addOption(
        new Option('--state <state>', 'which jobs')
          .choices(['open', 'queued', 'needs_attention', 'unverified', 'all'])
          .default('open'),
      ),
  )
    .addHelpText(
      'after',
      `\nEach line: job id, state, the mode the job was journaled in (training, production; unknown for an older journal), IMEI → patient (type).
The journal is only read (no lock, nothing sent): safe while a kiosk runs, and on a folder this user may not write.
With --json: {"ok": true, "mode": "...", "jobs": [...], "queue": {"depth", "oldestAgeMs", "nextAttemptAt", "unverified"}}.
Exit codes: 0, 3 when the data folder cannot be read.`,
    )
    .action(async (opts: SessionOptions & { state: JobFilter }) => {
      const dataDir = resolveDataDir({ flag: opts.dataDir });
      const mode = modeOf(opts);
      if (mode === 'training') context.io.err(TRAINING_LINE);
      let index: JobIndex;
      try {
        ({ index } = await readLedger(dataDir));
      } catch (error) {
        if (!isAccessError(error)) throw error;
        reportError(
          context,
          opts,
          {
            kind: 'unreadable',
            message: `Cannot read the journal in ${dataDir} (${error.code} on ${error.path ?? 'a file'}).`,
            nextAction: 'Run this as a user who may read the kiosk data folder.',
          },
          mode ? { mode } : {},
        );
        context.setExitCode(ExitCode.configuration);
        return;
      }
      const jobs = selectJobs(jobSource(index), opts.state);
      const queue = queueFromJournal(index);
      if (opts.json) {
        context.io.out(JSON.stringify({ ok: true, ...(mode ? { mode } : {}), jobs: jobs.map(jobJson), queue }));
        return;
      }
      for (const j of jobs) {
        const extra =
          j.state === 'queued' && j.nextAttemptAt
            ? ` next try ${j.nextAttemptAt}`
            : j.nextAction
              ? ` — ${j.nextAction}`
              : '';
        context.io.out(
          `${j.jobId}  ${j.state.padEnd(15)} ${(j.mode ?? 'unknown').padEnd(10)} ${j.imei} → ${j.uid} (${j.deviceType})${extra}`,
        );
      }
      const age = queue.oldestAgeMs === null ? '' : `, oldest ${Math.round(queue.oldestAgeMs / 1000)} s`;
      context.io.err(
        `${jobs.length} job(s). Queue: ${queue.depth} waiting${age}; ${queue.unverified} connected but not yet verified.`,
      );
    });

  addSessionOptions(
    program
      .command('retry')
      .description('Send a queued or needs-attention job to Validic again now.')
      .argument('<job-id>'),
  )
    .addHelpText(
      'after',
      '\nOutput as for connect. Exit codes: 0 connected, 1 refused or failed, 2 usage, 3 configuration.',
    )
    .action(async (jobId: string, opts: SessionOptions) => {
      await withEngine(context, opts, async (engine) => {
        if (!engine.onboarding.job(jobId)) return reportError(context, opts, unknownJob(jobId), { mode: engine.mode });
        const result = await engine.onboarding.retry(jobId, opts.operator);
        printOnboardResult(context, opts, engine.mode, result);
      });
    });

  addSessionOptions(
    program
      .command('cancel')
      .description('Cancel a job that is not final (journaled; nothing is sent).')
      .argument('<job-id>'),
  )
    .addHelpText(
      'after',
      '\nWith --json: {"ok": true, "mode": "...", "state": "cancelled", "job": {...}}. Exit codes: 0, 1 refused, 2 usage, 3 configuration.',
    )
    .action(async (jobId: string, opts: SessionOptions) => {
      await withEngine(
        context,
        opts,
        async (engine) => {
          const job = engine.onboarding.job(jobId);
          if (!job) return reportError(context, opts, unknownJob(jobId), { mode: engine.mode });
          if (!isCancellable(job.state)) {
            return reportError(
              context,
              opts,
              {
                kind: 'not_cancellable',
                message: `Job ${jobId} is ${job.state}; it cannot be cancelled.`,
                nextAction:
                  job.state === 'connected' || job.state === 'verified'
                    ? 'Disconnect the device instead (imei-kiosk disconnect).'
                    : 'Wait for the job to finish.',
              },
              { mode: engine.mode },
            );
          }
          const cancelled = await engine.onboarding.cancel(jobId, opts.operator);
          if (opts.json)
            context.io.out(
              JSON.stringify({ ok: true, mode: engine.mode, state: 'cancelled', job: jobJson(cancelled) }),
            );
          else context.io.out(`CANCELLED ${jobId}`);
        },
        { worker: false },
      );
    });
}
