/**
 * `imei-kiosk confirm --uid U --imei I [--wait SECONDS]`: is the device working? Looks on Validic for
 * its first reading (source.type smart_meter, source.device.id = the IMEI), waiting up to --wait
 * seconds. The engine paces the looks (at most one every 15 s, within the verification budget).
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { formatImei } from '../../imei/format.js';
import { validate } from '../../imei/validate.js';
import type { FirstReadingResult } from '../../onboarding/first-reading.js';
import { ValidicError } from '../../validic/errors.js';
import { checkUid } from '../../validic/uid.js';
import type { CliContext } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { addSessionOptions, reportError, reportInputError, withEngine, type SessionOptions } from './kiosk-session.js';

interface ConfirmOptions extends SessionOptions {
  uid: string;
  imei: string;
  wait?: string;
}

/** An hour at most: a longer wait is a job for a scheduled run, not a terminal left open. */
export const MAX_WAIT_SECONDS = 3600;
const WaitSeconds = z.coerce.number().int().min(0).max(MAX_WAIT_SECONDS);

export function register(program: Command, context: CliContext): void {
  addSessionOptions(
    program
      .command('confirm')
      .description(
        'Confirm a connected device works: wait for its first reading on Validic (source.device.id = the IMEI).',
      )
      .requiredOption('--uid <uid>', 'the patient uid')
      .requiredOption('--imei <imei>', 'the device IMEI')
      .option('--wait <seconds>', `how long to wait for the reading, 0 to ${MAX_WAIT_SECONDS} (default 0: look once)`),
  )
    .addHelpText(
      'after',
      `
Validic is asked at most every 15 s (its hourly call budget is shared by every station).
With --json, one object:
  {"ok": true, "confirmed": true, "mode": "...", "uid": "...", "imei": "...", "confirmedAt": "...",
   "reading": {"readingId": "...", "takenAt": "...", "metrics": [{"type": "blood_glucose", "unit": "mg/dL", "value": 104}]}, "calls": N}
  {"ok": false, "confirmed": false, "mode": "...", "uid": "...", "imei": "...", "reading": null, "calls": N, "error": {"kind": "no_reading", ...}}
In training mode the simulated device sends its first reading 5 s after the connect
(IMEI_KIOSK_TRAINING_READING_MS changes it).
Exit codes: 0 confirmed, 1 no reading within the wait (or bad input, or Validic refused), 2 usage, 3 configuration.`,
    )
    .action(async (opts: ConfirmOptions) => {
      const imei = validate(opts.imei);
      if (!imei.ok)
        return reportInputError(context, opts, {
          kind: imei.error.kind,
          message: imei.error.message,
          nextAction: 'Check the IMEI.',
        });
      const uid = checkUid(opts.uid);
      if (!uid.ok)
        return reportInputError(context, opts, {
          kind: 'invalid_uid',
          message: uid.message,
          nextAction: 'Check the patient uid.',
        });
      const wait = WaitSeconds.safeParse(opts.wait ?? '0');
      if (!wait.success) {
        return reportInputError(context, opts, {
          kind: 'invalid_wait',
          message: `--wait must be a whole number of seconds from 0 to ${MAX_WAIT_SECONDS}; got "${opts.wait ?? ''}".`,
          nextAction: 'Give --wait in seconds, e.g. --wait 120.',
        });
      }

      await withEngine(
        context,
        opts,
        async (engine) => {
          // Ctrl-C stops the wait; the engine still closes and the answer is printed.
          const stop = new AbortController();
          const onSigint = () => stop.abort();
          process.once('SIGINT', onSigint);
          let result: FirstReadingResult;
          try {
            result = await engine.onboarding.confirmFirstReading(opts.uid, imei.imei, {
              waitMs: wait.data * 1000,
              signal: stop.signal,
              onPoll: (polls) => {
                if (!opts.json) context.io.err(`No reading yet (look ${polls}).`);
              },
            });
          } catch (error) {
            // Validic refused (an unknown patient, bad credentials): still the one object, not confirmed.
            if (error instanceof ValidicError)
              return reportError(context, opts, error, {
                confirmed: false,
                mode: engine.mode,
                uid: opts.uid,
                imei: imei.imei,
                reading: null,
              });
            throw error;
          } finally {
            process.off('SIGINT', onSigint);
          }
          printResult(
            context,
            opts,
            { mode: engine.mode, uid: opts.uid, imei: imei.imei, waitSeconds: wait.data },
            result,
          );
        },
        { worker: false },
      );
    });
}

interface Subject {
  readonly mode: string;
  readonly uid: string;
  readonly imei: string;
  readonly waitSeconds: number;
}

function printResult(context: CliContext, opts: SessionOptions, subject: Subject, result: FirstReadingResult): void {
  const { mode, uid, imei, waitSeconds } = subject;
  if (!result.confirmed || !result.reading) {
    reportError(
      context,
      opts,
      {
        kind: 'no_reading',
        message: `No reading from IMEI ${formatImei(imei)} for ${uid} on Validic within ${waitSeconds} s.`,
        nextAction:
          'Ask the patient to take a reading with the device (it must be switched on, with signal), then run confirm again with a longer --wait.',
      },
      { confirmed: false, mode, uid, imei, reading: null, calls: result.calls },
    );
    return;
  }
  const reading = result.reading;
  if (opts.json) {
    context.io.out(
      JSON.stringify({
        ok: true,
        confirmed: true,
        mode,
        uid,
        imei,
        confirmedAt: result.confirmedAt,
        reading,
        calls: result.calls,
      }),
    );
  } else {
    const values = reading.metrics.map((m) => `${m.type} ${m.value} ${m.unit}`).join(', ');
    context.io.out(
      `CONFIRMED ${formatImei(imei)} → ${uid}: first reading taken ${reading.takenAt}${values ? ` (${values})` : ''}`,
    );
  }
  context.setExitCode(ExitCode.ok);
}
