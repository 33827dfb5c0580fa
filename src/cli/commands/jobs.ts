/** `imei-kiosk jobs`, `retry <job-id>`, `cancel <job-id>`: the journal's jobs and what a person can do about them. */
import { Option, type Command } from 'commander';
import type { JobView } from '../../ledger/job-index.js';
import type { JobFilter } from '../../onboarding/service.js';
import { describeState } from '../../onboarding/transitions.js';
import type { CliContext } from '../command.js';
import { addSessionOptions, printOnboardResult, reportError, withEngine, type SessionOptions } from './kiosk-session.js';

function jobJson(job: JobView): Record<string, unknown> {
  return { ...job };
}

export function register(program: Command, context: CliContext): void {
  addSessionOptions(
    program
      .command('jobs')
      .description('List onboarding jobs from the journal, with the queue status.')
      .addOption(new Option('--state <state>', 'which jobs').choices(['open', 'queued', 'needs_attention', 'unverified', 'all']).default('open')),
  )
    .addHelpText('after', `\nWith --json: {"ok": true, "mode": "...", "jobs": [...], "queue": {"depth", "oldestAgeMs", "paused", "nextAttemptAt", "unverified", "budget"}}.`)
    .action(async (opts: SessionOptions & { state: JobFilter }) => {
      await withEngine(
        context,
        opts,
        async (engine) => {
          const jobs = engine.onboarding.jobs(opts.state);
          const queue = engine.onboarding.queueStatus();
          if (opts.json) {
            context.io.out(JSON.stringify({ ok: true, mode: engine.mode, jobs: jobs.map(jobJson), queue }));
            return;
          }
          for (const j of jobs) {
            const extra = j.state === 'queued' && j.nextAttemptAt ? ` next try ${j.nextAttemptAt}` : j.nextAction ? ` — ${j.nextAction}` : '';
            context.io.out(`${j.jobId}  ${j.state.padEnd(15)} ${j.imei} → ${j.uid} (${j.deviceType})${extra}`);
          }
          const age = queue.oldestAgeMs === null ? '' : `, oldest ${Math.round(queue.oldestAgeMs / 1000)} s`;
          context.io.err(`${jobs.length} job(s). Queue: ${queue.depth} waiting${age}; ${queue.unverified} connected but not yet verified${queue.paused ? `; PAUSED: ${queue.paused}` : ''}.`);
        },
        { worker: false },
      );
    });

  addSessionOptions(program.command('retry').description('Send a queued or needs-attention job to Validic again now.').argument('<job-id>'))
    .addHelpText('after', '\nOutput as for connect. Exit codes: 0 connected, 1 refused or failed, 2 usage, 3 configuration.')
    .action(async (jobId: string, opts: SessionOptions) => {
      await withEngine(context, opts, async (engine) => {
        if (!engine.onboarding.job(jobId)) {
          return reportError(context, opts, { kind: 'unknown_job', message: `There is no job ${jobId} in the journal.`, nextAction: 'See `imei-kiosk jobs --state all`.' }, { mode: engine.mode });
        }
        const result = await engine.onboarding.retry(jobId, opts.operator);
        printOnboardResult(context, opts, engine.mode, result);
      });
    });

  addSessionOptions(program.command('cancel').description('Cancel a job that is not final (journaled; nothing is sent).').argument('<job-id>'))
    .addHelpText('after', '\nWith --json: {"ok": true, "mode": "...", "state": "cancelled", "job": {...}}. Exit codes: 0, 1 refused, 2 usage, 3 configuration.')
    .action(async (jobId: string, opts: SessionOptions) => {
      await withEngine(
        context,
        opts,
        async (engine) => {
          const job = engine.onboarding.job(jobId);
          if (!job) {
            return reportError(context, opts, { kind: 'unknown_job', message: `There is no job ${jobId} in the journal.`, nextAction: 'See `imei-kiosk jobs --state all`.' }, { mode: engine.mode });
          }
          if (job.state === 'connecting' || job.state === 'connected' || describeState(job.state).next === 'nobody') {
            return reportError(
              context,
              opts,
              { kind: 'not_cancellable', message: `Job ${jobId} is ${job.state}; it cannot be cancelled.`, nextAction: job.state === 'connected' || job.state === 'verified' ? 'Disconnect the device instead (imei-kiosk disconnect).' : 'Wait for the job to finish.' },
              { mode: engine.mode },
            );
          }
          const cancelled = await engine.onboarding.cancel(jobId, opts.operator);
          if (opts.json) context.io.out(JSON.stringify({ ok: true, mode: engine.mode, state: 'cancelled', job: jobJson(cancelled) }));
          else context.io.out(`CANCELLED ${jobId}`);
        },
        { worker: false },
      );
    });
}
