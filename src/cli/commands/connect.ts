/** `imei-kiosk connect --uid U --imei I --type T`: one device to one patient, through the onboarding engine. */
import type { Command } from 'commander';
import { formatImei, maskImei } from '../../imei/format.js';
import { validate } from '../../imei/validate.js';
import type { OnboardResult } from '../../onboarding/service.js';
import { checkUid } from '../../validic/uid.js';
import type { CliContext } from '../command.js';
import { addSessionOptions, reportError, withEngine, type SessionOptions } from './kiosk-session.js';

interface ConnectOptions extends SessionOptions {
  uid: string;
  imei: string;
  type: string;
  confirmSecondDevice?: boolean;
}

export function register(program: Command, context: CliContext): void {
  addSessionOptions(
    program
      .command('connect')
      .description('Connect a Smart Meter device (IMEI) to a patient (uid) through Validic; journaled, never sent twice.')
      .requiredOption('--uid <uid>', 'the patient uid (4-254 letters, digits, single hyphens)')
      .requiredOption('--imei <imei>', 'the device IMEI (15 digits with a valid check digit)')
      .requiredOption('--type <deviceType>', 'the device type, e.g. blood_glucose, blood_pressure, weight_scale, pulse_oximeter')
      .option('--confirm-second-device', 'the patient really gets a second device of the same type'),
  )
    .addHelpText(
      'after',
      `
With --json, one object:
  {"ok": true, "state": "connected" | "already_connected", "mode": "training" | "production", "connection": {...the API body...}, "jobId": "..."}
  {"ok": false, "mode": "...", "state": "queued" | "needs_attention" | ..., "error": {"kind": "...", "message": "...", "nextAction": "..."}}
In training mode (no credentials configured) a TRAINING line is printed on stderr.
Exit codes: 0 connected or already connected, 1 refused or failed (queued, needs attention, bad input),
2 usage, 3 configuration (unauthorized, or production settings incomplete).`,
    )
    .action(async (opts: ConnectOptions) => {
      const imei = validate(opts.imei);
      if (!imei.ok) return reportError(context, opts, { kind: imei.error.kind, message: imei.error.message, nextAction: 'Scan or type the IMEI again.' });
      const uid = checkUid(opts.uid);
      if (!uid.ok) return reportError(context, opts, { kind: 'invalid_uid', message: uid.message, nextAction: 'Check the patient uid.' });

      await withEngine(context, opts, async (engine) => {
        const mode = engine.mode;
        if (!engine.deviceTypes.some((d) => d.id === opts.type)) {
          return reportError(
            context,
            opts,
            { kind: 'invalid_device_type', message: `"${opts.type}" is not a configured device type.`, nextAction: `Use one of: ${engine.deviceTypes.map((d) => d.id).join(', ')}.` },
            { mode },
          );
        }
        const result = await engine.onboarding.onboard({
          imei: imei.imei,
          uid: opts.uid,
          deviceType: opts.type,
          source: 'typed',
          raw: opts.imei,
          ...(opts.operator ? { operator: opts.operator } : {}),
          ...(opts.confirmSecondDevice ? { confirmSecondDevice: true } : {}),
        });
        print(context, opts, mode, result);
        // Verify right away while we are here (one read); the journal keeps it pending otherwise.
        if (result.outcome === 'connected') await engine.onboarding.worker.verifyNow(result.job.jobId).catch(() => undefined);
      });
    });
}

function print(context: CliContext, opts: ConnectOptions, mode: string, result: OnboardResult): void {
  const shown = `${formatImei(opts.imei.replace(/\D/g, ''))} → ${opts.uid} (${opts.type})`;
  switch (result.outcome) {
    case 'connected': {
      const connection = result.connection ?? synthesized(result.job.imei, result.job.deviceType, result.job.connectedAt ?? result.job.updatedAt);
      if (opts.json) context.io.out(JSON.stringify({ ok: true, state: 'connected', mode, connection, jobId: result.job.jobId }));
      else context.io.out(`CONNECTED ${shown}, job ${result.job.jobId}`);
      return;
    }
    case 'already_connected': {
      const connection = synthesized(result.job.imei, result.job.deviceType, result.at);
      if (opts.json) {
        context.io.out(JSON.stringify({ ok: true, state: 'already_connected', mode, connection, connectedAt: result.at, connectedBy: result.by, jobId: result.job.jobId }));
      } else {
        context.io.out(`ALREADY CONNECTED ${shown} at ${result.at} by ${result.by} (job ${result.job.jobId}); not sent again`);
      }
      return;
    }
    case 'in_progress':
      return reportError(
        context,
        opts,
        { kind: 'in_progress', message: `IMEI ${maskImei(result.job.imei)} is already being connected to ${result.job.uid} (job ${result.job.jobId}, ${result.job.state}).`, nextAction: 'Wait for that job, or see `imei-kiosk jobs`.' },
        { mode, state: result.job.state, jobId: result.job.jobId },
      );
    case 'queued':
      return reportError(context, opts, result.problem, { mode, state: 'queued', jobId: result.job.jobId, ...(result.job.nextAttemptAt ? { nextAttemptAt: result.job.nextAttemptAt } : {}) });
    case 'needs_attention':
      return reportError(context, opts, result.problem, { mode, state: 'needs_attention', jobId: result.job.jobId });
    case 'needs_confirmation':
      return reportError(context, opts, { ...result.problem, nextAction: `${result.problem.nextAction} (add --confirm-second-device)` }, { mode, state: 'needs_confirmation' });
    default: {
      const never: never = result;
      throw new Error(`unknown outcome ${JSON.stringify(never)}`);
    }
  }
}

/** The connection as Validic showed it, rebuilt from the journal (which keeps no response bodies). */
function synthesized(imei: string, deviceType: string, createdAt: string) {
  return { credentials: { device_id: imei, device_type: deviceType, device_name: null }, type: 'smart_meter', created_at: createdAt.replace(/\.\d{3}Z$/, 'Z') };
}
