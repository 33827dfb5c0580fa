/** `imei-kiosk user show U`: the patient as Validic knows them (tokens masked). */
import type { Command } from 'commander';
import { maskToken, redactTokens } from '../../validic/redact.js';
import type { User } from '../../validic/schemas.js';
import { checkUid } from '../../validic/uid.js';
import type { CliContext } from '../command.js';
import { addSessionOptions, reportInputError, withEngine, type SessionOptions } from './kiosk-session.js';

/** The user without secrets: marketplace and mobile tokens masked to their last 4 characters. */
export function publicUser(user: User): Record<string, unknown> {
  return {
    ...user,
    marketplace: {
      ...user.marketplace,
      token: maskToken(user.marketplace.token),
      url: redactTokens(user.marketplace.url),
    },
    ...(user.mobile ? { mobile: { ...user.mobile, token: maskToken(user.mobile.token) } } : {}),
  };
}

export function register(program: Command, context: CliContext): void {
  const user = program.command('user').description('Patients (Validic users).');
  addSessionOptions(
    user
      .command('show')
      .description("Show a patient's Validic user and connected sources.")
      .argument('<uid>', 'the patient uid'),
  )
    .addHelpText(
      'after',
      `\nWith --json: {"ok": true, "mode": "...", "user": {...}} (tokens masked). Exit codes: 0, 1 not found or failed, 2 usage, 3 configuration.`,
    )
    .action(async (uid: string, opts: SessionOptions) => {
      const check = checkUid(uid);
      if (!check.ok)
        return reportInputError(context, opts, {
          kind: 'invalid_uid',
          message: check.message,
          nextAction: 'Check the patient uid.',
        });
      await withEngine(context, opts, async (engine) => {
        const found = publicUser(await engine.onboarding.getUser(uid));
        const jobs = engine.onboarding.ledger.jobsByUid(uid).map((j) => ({
          jobId: j.jobId,
          imei: j.imei,
          deviceType: j.deviceType,
          state: j.state,
          connectedAt: j.connectedAt ?? null,
          disconnectedAt: j.disconnectedAt ?? null,
        }));
        if (opts.json) {
          context.io.out(JSON.stringify({ ok: true, mode: engine.mode, user: found, jobs }));
          return;
        }
        const u = found as {
          uid: string;
          status?: string;
          sources: Array<{ type: string; connected_at?: string | null }>;
        };
        context.io.out(`${u.uid} (${u.status ?? 'unknown status'})`);
        context.io.out(
          u.sources.length === 0
            ? '  no connected sources'
            : u.sources.map((s) => `  source ${s.type} since ${s.connected_at ?? '?'}`).join('\n'),
        );
        for (const j of jobs)
          context.io.out(
            `  job ${j.jobId}: ${j.deviceType} ${j.imei} ${j.disconnectedAt ? `disconnected ${j.disconnectedAt}` : j.state}`,
          );
      });
    });
}
