/** `imei-kiosk simulator`: a standalone Validic simulator for demos, tests and pointing a kiosk at. */
import { Option, type Command } from 'commander';
import { z } from 'zod';
import { SIM_PROFILES, type SimProfileName } from '../../simulator/profiles.js';
import { FaultSpecError, parseFaultSpec } from '../../simulator/faults.js';
import { startSimulator } from '../../simulator/server.js';
import type { CliContext } from '../command.js';
import { ExitCode } from '../exit-codes.js';

const Seconds = z.coerce.number().min(0).max(3600);
const Seed = z.coerce
  .number()
  .int()
  .min(0)
  .max(2 ** 31);

export function register(program: Command, context: CliContext): void {
  program
    .command('simulator')
    .description('Run a Validic Direct Connection simulator on 127.0.0.1 until stopped (Ctrl+C / SIGTERM).')
    .option('--port <port>', 'port to listen on (default: any free port)', '0')
    .option('--state <file>', 'keep the simulator state in this JSON file (loaded on start, saved on every change)')
    .option(
      '--faults <spec>',
      'inject faults, e.g. "5xx=0.2,reset=0.05,hang=0.02,latency=150,jitter=50,malformed=0.01,429=0.01,429len=5,gateway=0.2"',
      '',
    )
    .addOption(
      new Option(
        '--profile <name>',
        "answer as: optimistic (the first build's guess), published (Validic's published material), gateway (published + 20% of connects/disconnects applied then answered 502)",
      )
        .choices([...SIM_PROFILES])
        .default('optimistic'),
    )
    .option(
      '--reading-after <seconds>',
      'a connected device sends its first reading this many seconds after the connect ("never" for none)',
      '5',
    )
    .option('--seed <n>', 'seed the fault dice, to replay a run')
    .addHelpText(
      'after',
      `
Prints one JSON line, then serves until stopped:
  {"baseUrl": "http://127.0.0.1:PORT", "orgId": "...", "token": "..."}
Point the kiosk at it with VALIDIC_API_BASE=VALIDIC_DIRECT_BASE=baseUrl, VALIDIC_ORG_ID=orgId, VALIDIC_TOKEN=token.
Test endpoints: GET /_sim/state, GET|PUT /_sim/faults, PUT /_sim/rate-limit {"limit", "windowMs"}.`,
    )
    .action(
      async (opts: {
        port: string;
        state?: string;
        faults: string;
        profile: SimProfileName;
        readingAfter: string;
        seed?: string;
      }) => {
        if (!/^\d{1,5}$/.test(opts.port) || Number(opts.port) > 65535) {
          context.io.err(`--port must be a number from 0 to 65535, not "${opts.port}".`);
          context.setExitCode(ExitCode.usage);
          return;
        }
        let faults;
        try {
          faults = parseFaultSpec(opts.faults);
        } catch (error) {
          if (!(error instanceof FaultSpecError)) throw error;
          context.io.err(`--faults: ${error.message}`);
          context.setExitCode(ExitCode.usage);
          return;
        }
        const readingAfter = opts.readingAfter === 'never' ? null : Seconds.safeParse(opts.readingAfter).data;
        if (readingAfter === undefined) {
          context.io.err(
            `--reading-after must be a number of seconds (0 to 3600) or "never", not "${opts.readingAfter}".`,
          );
          context.setExitCode(ExitCode.usage);
          return;
        }
        const seed = opts.seed === undefined ? undefined : Seed.safeParse(opts.seed).data;
        if (opts.seed !== undefined && seed === undefined) {
          context.io.err(`--seed must be a whole number, not "${opts.seed}".`);
          context.setExitCode(ExitCode.usage);
          return;
        }
        const sim = await startSimulator({
          port: Number(opts.port),
          faults,
          profile: opts.profile,
          firstReadingDelayMs: readingAfter === null ? null : Math.round(readingAfter * 1000),
          ...(seed !== undefined ? { seed } : {}),
          ...(opts.state ? { stateFile: opts.state } : {}),
        });
        // The token is printed on purpose: this is a local simulator's demo organization, not a secret.
        context.io.out(
          JSON.stringify({ baseUrl: sim.baseUrl, orgId: sim.orgId, token: sim.token, profile: sim.profile }),
        );
        await new Promise<void>((resolve) => {
          const stop = () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            resolve();
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
        await sim.close();
      },
    );
}
