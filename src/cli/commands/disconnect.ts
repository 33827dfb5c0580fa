/** `imei-kiosk disconnect --uid U (--imei I | --all)`: journaled on the jobs that bound the devices. */
import type { Command } from 'commander';
import { formatImei } from '../../imei/format.js';
import { validate } from '../../imei/validate.js';
import { checkUid } from '../../validic/uid.js';
import type { CliContext } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { addSessionOptions, reportInputError, withEngine, type SessionOptions } from './kiosk-session.js';

interface DisconnectOptions extends SessionOptions {
  uid: string;
  imei?: string;
  all?: boolean;
}

export function register(program: Command, context: CliContext): void {
  addSessionOptions(
    program
      .command('disconnect')
      .description('Disconnect one device (--imei) or all Smart Meter devices (--all) from a patient.')
      .requiredOption('--uid <uid>', 'the patient uid')
      .option('--imei <imei>', 'the device to disconnect')
      .option('--all', 'disconnect every Smart Meter device of the patient'),
  )
    .addHelpText(
      'after',
      `
With --json, one object:
  {"ok": true, "state": "disconnected", "mode": "...", "connection": {...the API body...}}            (--imei)
  {"ok": true, "state": "disconnected", "mode": "...", "total": N, "connection": {"meta": {"total": N}, "connections": [...]}}  (--all)
  {"ok": false, "mode": "...", "error": {"kind": "...", "message": "...", "nextAction": "..."}}
Exit codes: 0 done, 1 refused or failed, 2 usage, 3 configuration.`,
    )
    .action(async (opts: DisconnectOptions) => {
      if (Boolean(opts.imei) === Boolean(opts.all)) {
        context.io.err('Give either --imei <imei> or --all.');
        context.setExitCode(ExitCode.usage);
        return;
      }
      const uid = checkUid(opts.uid);
      if (!uid.ok)
        return reportInputError(context, opts, {
          kind: 'invalid_uid',
          message: uid.message,
          nextAction: 'Check the patient uid.',
        });
      const imei = opts.imei !== undefined ? validate(opts.imei) : undefined;
      if (imei && !imei.ok)
        return reportInputError(context, opts, {
          kind: imei.error.kind,
          message: imei.error.message,
          nextAction: 'Check the IMEI.',
        });

      await withEngine(context, opts, async (engine) => {
        const mode = engine.mode;
        if (imei?.ok) {
          const connection = await engine.onboarding.disconnect(opts.uid, imei.imei, opts.operator);
          if (opts.json) context.io.out(JSON.stringify({ ok: true, state: 'disconnected', mode, connection }));
          else context.io.out(`DISCONNECTED ${formatImei(imei.imei)} from ${opts.uid} at ${connection.deleted_at}`);
          return;
        }
        const result = await engine.onboarding.disconnectAll(opts.uid, opts.operator);
        if (opts.json)
          context.io.out(
            JSON.stringify({ ok: true, state: 'disconnected', mode, total: result.meta.total, connection: result }),
          );
        else
          context.io.out(
            `DISCONNECTED ${result.meta.total} device${result.meta.total === 1 ? '' : 's'} from ${opts.uid}`,
          );
      });
    });
}
