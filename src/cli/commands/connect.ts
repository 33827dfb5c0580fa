/** `imei-kiosk connect --uid U --imei I --type T`: one device to one patient, through the onboarding engine. */
import type { Command } from 'commander';
import { validate } from '../../imei/validate.js';
import { checkUid } from '../../validic/uid.js';
import type { CliContext } from '../command.js';
import {
  addSessionOptions,
  reportInputError,
  printOnboardResult,
  reportError,
  withEngine,
  type SessionOptions,
} from './kiosk-session.js';

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
      .description(
        'Connect a Smart Meter device (IMEI) to a patient (uid) through Validic; journaled, never sent twice.',
      )
      .requiredOption('--uid <uid>', 'the patient uid (4-254 letters, digits, single hyphens)')
      .requiredOption('--imei <imei>', 'the device IMEI (15 digits with a valid check digit)')
      .requiredOption(
        '--type <deviceType>',
        'the device type, e.g. blood_glucose, blood_pressure, weight_scale, pulse_oximeter',
      )
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
      if (!imei.ok)
        return reportInputError(context, opts, {
          kind: imei.error.kind,
          message: imei.error.message,
          nextAction: 'Scan or type the IMEI again.',
        });
      const uid = checkUid(opts.uid);
      if (!uid.ok)
        return reportInputError(context, opts, {
          kind: 'invalid_uid',
          message: uid.message,
          nextAction: 'Check the patient uid.',
        });

      await withEngine(context, opts, async (engine) => {
        const mode = engine.mode;
        if (!engine.deviceTypes.some((d) => d.id === opts.type)) {
          return reportError(
            context,
            opts,
            {
              kind: 'invalid_device_type',
              message: `"${opts.type}" is not a configured device type.`,
              nextAction: `Use one of: ${engine.deviceTypes.map((d) => d.id).join(', ')}.`,
            },
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
        printOnboardResult(context, opts, mode, result);
        // Verify right away while we are here (one read); the journal keeps it pending otherwise.
        if (result.outcome === 'connected')
          await engine.onboarding.worker.verifyNow(result.job.jobId).catch(() => undefined);
      });
    });
}
