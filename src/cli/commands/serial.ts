/**
 * `imei-kiosk serial list` and `imei-kiosk serial read`: find serial devices and read an IMEI from
 * a modem (AT commands) or a serial-mode scanner. The JSON lines are a public interface.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { MODEM_READ_DEFAULTS, readModemImei } from '../../serial/modem-reader.js';
import { discoverPorts, type DiscoveredPort } from '../../serial/port-discovery.js';
import { readScannerImei, SCANNER_DEFAULTS } from '../../serial/scanner-reader.js';
import type { ModemIdentity } from '../../serial/at-response.js';
import type { SerialError } from '../../serial/errors.js';
import type { CliContext } from '../command.js';
import { ExitCode } from '../exit-codes.js';

const positiveInt = (what: string) =>
  z
    .string()
    .regex(/^\d+$/, `${what} must be a whole number`)
    .transform(Number)
    .pipe(z.number().int().positive(`${what} must be above 0`));

const ReadArgs = z.object({
  port: z.string().min(1, '--port needs a path, e.g. /dev/ttyUSB2'),
  baud: positiveInt('--baud').optional(),
  mode: z.enum(['modem', 'scanner'], { error: '--mode is "modem" or "scanner"' }),
  timeout: positiveInt('--timeout').optional(),
  silenceMs: positiveInt('--silence-ms').optional(),
  json: z.boolean().default(false),
});

type ReadLine =
  | { ok: true; imei: string; port: string; modem: ModemIdentity | null; ms: number; alternatives?: readonly string[] }
  | { ok: false; error: SerialError; port: string };

/** The error as printed: the operator's words, then IT's detail (the port, the system's words, where to look). */
function errorFields(error: SerialError): SerialError {
  return {
    kind: error.kind,
    message: error.message,
    nextAction: error.nextAction,
    ...(error.detail ? { detail: error.detail } : {}),
  };
}

function errorText(error: SerialError): string {
  return [error.message, error.nextAction, ...(error.detail ? [`Detail: ${error.detail}`] : [])].join('\n');
}

function describeForHuman(port: DiscoveredPort): string {
  const who = [port.maker ?? port.manufacturer ?? 'unknown maker', port.kind].filter(Boolean).join(' ');
  const ids = port.vendorId ? ` [${port.vendorId}:${port.productId ?? '????'}]` : '';
  const stable = port.stablePath ? `\n    stable name: ${port.stablePath}` : '';
  const notAt = port.atCapable ? '' : ' (not the AT port)';
  return `${port.path}  ${who}${ids}${notAt}${stable}`;
}

export function register(program: Command, context: CliContext): void {
  const serial = program
    .command('serial')
    .description('Find serial devices and read an IMEI from a modem or a serial-mode scanner.');

  serial
    .command('list')
    .description('List serial ports that are a known cellular modem or barcode scanner (USB vendor ids).')
    .option('--json', 'one JSON object: {"ok": true, "ports": [...]} or {"ok": false, "error": {...}}')
    .option('--all', 'include ports that match no known maker')
    .addHelpText(
      'after',
      '\nPseudo-terminals (/dev/pts/N, socat links) are never listed, but "serial read --port" opens them.',
    )
    .action(async (options: { json?: boolean; all?: boolean }) => {
      const result = await discoverPorts({ all: options.all === true });
      if (!result.ok) {
        if (options.json) context.io.out(JSON.stringify({ ok: false, error: errorFields(result.error) }));
        else context.io.err(errorText(result.error));
        context.setExitCode(ExitCode.failed);
        return;
      }
      if (options.json) {
        context.io.out(JSON.stringify({ ok: true, ports: result.ports }));
        return;
      }
      if (result.ports.length === 0) {
        context.io.err(
          options.all
            ? 'No serial ports found. Plug the device in; if it is plugged in, check "dmesg" for a driver message.'
            : 'No known modem or scanner found. Try "--all" to see every serial port.',
        );
        return;
      }
      for (const port of result.ports) context.io.out(describeForHuman(port));
    });

  serial
    .command('read')
    .description('Read one IMEI: from a modem over AT commands, or the next scan of a serial-mode scanner.')
    .requiredOption(
      '--port <path>',
      'the serial port, e.g. /dev/serial/by-id/usb-Quectel_EC25-if02-port0 or /dev/ttyUSB2',
    )
    .option(
      '--baud <n>',
      `baud rate (default ${MODEM_READ_DEFAULTS.baudRate} for a modem, ${SCANNER_DEFAULTS.baudRate} for a scanner)`,
    )
    .option('--mode <mode>', 'modem (AT commands) or scanner (wait for a scan)', 'modem')
    .option(
      '--timeout <ms>',
      `give up after this long (default ${MODEM_READ_DEFAULTS.deadlineMs} for a modem, 30000 for a scanner)`,
    )
    .option('--silence-ms <ms>', 'scanner: a scan ends after this much silence instead of at CR/LF')
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      `
Output (--json):
  {"ok": true, "imei": "...", "port": "...", "modem": {"manufacturer": "...", "model": "..."}, "ms": 123}
  {"ok": false, "port": "...", "error": {"kind": "...", "message": "...", "nextAction": "...", "detail": "..."}}
  (scanner mode: "modem" is null; "alternatives" lists other IMEIs in the same scan)
Error kinds: port_not_found, permission_denied, port_busy, not_a_serial_port, open_failed, no_response,
  modem_error, no_imei, invalid_imei, no_scan, disconnected.
Exit code: 0 with an IMEI, 1 when none was read, 2 for a usage error.`,
    )
    .action(async (raw: Record<string, unknown>) => {
      const parsed = ReadArgs.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) context.io.err(`error: ${issue.message}`);
        context.setExitCode(ExitCode.usage);
        return;
      }
      const args = parsed.data;
      const line: ReadLine =
        args.mode === 'modem'
          ? await readModemImei({ path: args.port, baudRate: args.baud, deadlineMs: args.timeout }).then(
              (r): ReadLine =>
                r.ok
                  ? { ok: true, imei: r.imei, port: r.port, modem: r.modem, ms: Math.round(r.ms) }
                  : { ok: false, error: r.error, port: r.port },
            )
          : await readScannerImei({
              path: args.port,
              baudRate: args.baud,
              timeoutMs: args.timeout ?? 30_000,
              framing: args.silenceMs ? { mode: 'silence', intervalMs: args.silenceMs } : { mode: 'line' },
              onRejected: (r) =>
                context.io.err(
                  r.reason === 'overlong'
                    ? `skipped an overlong line (${r.length} bytes)`
                    : 'skipped a garbled line (wrong baud rate?)',
                ),
            }).then((r): ReadLine =>
              r.ok
                ? {
                    ok: true,
                    imei: r.imei,
                    port: r.port,
                    modem: null,
                    ms: Math.round(r.ms),
                    ...(r.alternatives.length > 0 ? { alternatives: r.alternatives } : {}),
                  }
                : { ok: false, error: r.error, port: r.port },
            );

      if (!line.ok) context.setExitCode(ExitCode.failed);
      if (args.json) {
        context.io.out(JSON.stringify(line.ok ? line : { ok: false, port: line.port, error: errorFields(line.error) }));
      } else if (line.ok) {
        const modem = line.modem
          ? ` from ${[line.modem.manufacturer, line.modem.model].filter(Boolean).join(' ')}`
          : '';
        context.io.out(line.imei);
        context.io.err(`read${modem} on ${line.port} in ${line.ms} ms`);
      } else {
        context.io.err(errorText(line.error));
      }
    });
}
