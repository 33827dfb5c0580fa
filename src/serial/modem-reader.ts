/**
 * Reads the IMEI from a cellular modem over AT commands: wake it (AT until OK), echo off, verbose
 * errors, identity (ATI), then AT+CGSN, falling back to AT+GSN and AT+CGSN=1. Every command gets a
 * timeout; after one the session waits for the late reply (a slow modem's answer, used as such) or
 * for the line to go quiet before one retry. The number found goes through src/imei validate before
 * it is an IMEI, and `no_imei` is concluded only from clean, in-step replies.
 */
import { performance } from 'node:perf_hooks';
import type { Imei } from '../imei/schema.js';
import { validate } from '../imei/validate.js';
import { identityFromAti, imeiFromInfoLines, type ModemIdentity } from './at-response.js';
import { AtSession, AtTimeout, type AtReply } from './at-session.js';
import { catalogueSerialError, SerialFailure, toSerialError, type SerialError } from './errors.js';
import { openSerialPort, type PortOpener } from './open-port.js';

export interface ModemReadOptions {
  readonly path: string;
  /** Ignored by USB CDC ports; UART modules usually run at 115200 8N1. */
  readonly baudRate?: number;
  /** How long to keep sending AT until the modem answers OK (it may still be booting). */
  readonly wakeTimeoutMs?: number;
  readonly wakeIntervalMs?: number;
  /** Per command; a command that times out is waited for, then sent once more. */
  readonly commandTimeoutMs?: number;
  /**
   * After a timeout: how long the line must stay quiet before the command is taken as dropped
   * (default 2 × commandTimeoutMs + 1 s). A reply that comes back before that is the command's.
   */
  readonly settleMs?: number;
  /** The whole read, open to IMEI. */
  readonly deadlineMs?: number;
  readonly openPort?: PortOpener;
  readonly signal?: AbortSignal;
}

export const MODEM_READ_DEFAULTS = {
  baudRate: 115_200,
  wakeTimeoutMs: 5_000,
  wakeIntervalMs: 250,
  commandTimeoutMs: 1_500,
  deadlineMs: 20_000,
} as const;

export interface ModemReadSuccess {
  readonly ok: true;
  readonly imei: Imei;
  readonly port: string;
  readonly modem: ModemIdentity;
  /** The command that produced the IMEI, e.g. "AT+CGSN". */
  readonly command: string;
  /** Port open → IMEI validated, in milliseconds. */
  readonly ms: number;
}

export interface SerialReadFailure {
  readonly ok: false;
  readonly port: string;
  readonly error: SerialError;
  readonly ms: number;
}

export type ModemReadResult = ModemReadSuccess | SerialReadFailure;

/** The ID commands, in the order tried (Quectel EC2x rejects AT+CGSN=1, so it comes last). */
export const IMEI_COMMANDS = ['AT+CGSN', 'AT+GSN', 'AT+CGSN=1'] as const;

export async function readModemImei(options: ModemReadOptions): Promise<ModemReadResult> {
  const defined = definedOnly(options);
  const commandTimeoutMs = defined.commandTimeoutMs ?? MODEM_READ_DEFAULTS.commandTimeoutMs;
  const settings: Settings = { ...MODEM_READ_DEFAULTS, settleMs: 2 * commandTimeoutMs + 1_000, ...defined };
  const started = performance.now();
  const deadline = AbortSignal.timeout(settings.deadlineMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  let session: AtSession | undefined;
  try {
    const port = await (options.openPort ?? openSerialPort)(options.path, settings.baudRate);
    session = new AtSession(port, options.path, signal, resyncAfterTimeout(settings));
    const found = await readWithSession(session, options.path, settings);
    return { ok: true, port: options.path, ...found, ms: performance.now() - started };
  } catch (thrown) {
    const error =
      signal.aborted && !(thrown instanceof SerialFailure)
        ? gaveUp(options.path, settings.deadlineMs)
        : toSerialError(thrown, unexpected(options.path));
    return { ok: false, port: options.path, error, ms: performance.now() - started };
  } finally {
    await session?.close();
  }
}

type Settings = { readonly [K in keyof typeof MODEM_READ_DEFAULTS | 'settleMs']: number };

/** The line never stops long enough to resync within this: nothing from it can be tied to a command. */
const RESYNC_MAX_MS = 10_000;

function resyncAfterTimeout(settings: Settings) {
  return { quietMs: settings.settleMs, maxMs: Math.max(RESYNC_MAX_MS, 2 * settings.settleMs) };
}

async function readWithSession(session: AtSession, path: string, settings: Settings) {
  await wake(session, path, settings);
  // Best effort: a modem that refuses these still answers the ID commands (with echo or bare ERROR).
  await sendWithRetry(session, 'ATE0', settings).catch(rethrowUnlessTimeout);
  await sendWithRetry(session, 'AT+CMEE=2', settings).catch(rethrowUnlessTimeout);
  const modem = await identify(session, settings);

  const errors: string[] = [];
  /** A garbled reply: it may have held the number, so it rules out concluding `no_imei`. */
  let unclean = false;
  let invalid: SerialError | undefined;
  for (const command of IMEI_COMMANDS) {
    const reply = await sendWithRetry(session, command, settings).catch(rethrowUnlessTimeout);
    if (!reply) {
      errors.push(`${command}: no reply`);
      continue;
    }
    if (reply.noise > 0) unclean = true;
    if (reply.final === 'error') {
      errors.push(`${command}: ${reply.errorText ?? 'ERROR'}${reply.noise > 0 ? ' after garbled lines' : ''}`);
      continue;
    }
    const found = imeiFromInfoLines(reply.lines);
    if (found.type === 'number') {
      const checked = validate(found.digits);
      if (checked.ok) return { imei: checked.imei, modem, command };
      invalid ??= catalogueSerialError(
        'invalid_imei',
        `the modem on ${path} reported ${found.digits}: ${checked.error.message}`,
      );
    } else if (found.type === 'ambiguous') {
      errors.push(`${command}: several numbers in one reply`);
    } else if (reply.noise > 0) {
      errors.push(`${command}: OK after garbled lines only`);
    } else {
      errors.push(`${command}: OK without a serial number`);
    }
  }
  if (invalid) throw new SerialFailure(invalid);
  // A final result no command was owed means the replies may have been out of step: not clean.
  if (session.strayFinals > 0) errors.push(`${session.strayFinals} reply(ies) that matched no command`);
  const everyCommandFailed =
    !unclean &&
    session.strayFinals === 0 &&
    errors.length === IMEI_COMMANDS.length &&
    errors.every((e) => !e.endsWith('no reply'));
  const who = modem.model ?? modem.manufacturer ?? 'The modem';
  throw new SerialFailure(
    everyCommandFailed
      ? catalogueSerialError(
          'no_imei',
          `${who} on ${path}: ${errors.join('; ')}; no IMEI written yet (e.g. a Nordic nRF91 running production-test firmware): flash the production firmware or write the IMEI`,
        )
      : catalogueSerialError('modem_error', `${who} on ${path}: ${errors.join('; ')}`),
  );
}

/** AT every `wakeIntervalMs` until OK: a booting modem drops what it receives. */
async function wake(session: AtSession, path: string, settings: Settings): Promise<void> {
  const until = Date.now() + settings.wakeTimeoutMs;
  let probes = 0;
  for (;;) {
    probes++;
    const remaining = until - Date.now();
    try {
      // Probes overlap: a booting module drops some, a slow one answers each late.
      const reply = await session.send('AT', Math.max(1, Math.min(settings.wakeIntervalMs, remaining)), {
        overlap: true,
      });
      if (reply.final === 'error') {
        throw new SerialFailure(
          catalogueSerialError(
            'modem_error',
            `the device on ${path} answered ERROR to a plain "AT" (it may be in data mode or busy)`,
          ),
        );
      }
      // Several probes went out: wait for the rest of their OKs (they come one probe interval
      // apart from a slow modem) or for quiet (the module dropped them while it booted).
      if (probes > 1)
        await session.resync({ quietMs: Math.max(1_000, 4 * settings.wakeIntervalMs), maxMs: RESYNC_MAX_MS });
      return;
    } catch (thrown) {
      if (!(thrown instanceof AtTimeout)) throw thrown;
      if (Date.now() >= until) {
        throw new SerialFailure(
          catalogueSerialError(
            'no_response',
            `no reply to AT on ${path} within ${settings.wakeTimeoutMs / 1000} s; check that this is the modem's AT port (a Quectel modem has several: use the "if02" one under /dev/serial/by-id), that the baud rate is right, and that the device is powered`,
          ),
        );
      }
    }
  }
}

async function identify(session: AtSession, settings: Settings): Promise<ModemIdentity> {
  const ati = await sendWithRetry(session, 'ATI', settings).catch(rethrowUnlessTimeout);
  if (ati?.final === 'ok') {
    const identity = identityFromAti(ati.lines);
    if (identity.manufacturer !== null) return identity;
  }
  // Some (nRF91) refuse ATI; the 27.007 commands name the same things.
  const maker = await sendWithRetry(session, 'AT+CGMI', settings).catch(rethrowUnlessTimeout);
  const model = await sendWithRetry(session, 'AT+CGMM', settings).catch(rethrowUnlessTimeout);
  const first = (reply: AtReply | undefined) =>
    reply?.final === 'ok' ? (reply.lines[0]?.replace(/^\+CGM[IM]:\s*/i, '').trim() ?? null) : null;
  return { manufacturer: first(maker), model: first(model) };
}

async function sendWithRetry(session: AtSession, command: string, settings: Settings): Promise<AtReply> {
  try {
    return await session.send(command, settings.commandTimeoutMs);
  } catch (thrown) {
    if (!(thrown instanceof AtTimeout)) throw thrown;
    // A slow modem: its late reply, arriving while nothing else is owed, is this command's answer.
    const { late } = await session.resync(resyncAfterTimeout(settings));
    if (late?.command === command) return late;
    return session.send(command, settings.commandTimeoutMs);
  }
}

function rethrowUnlessTimeout(thrown: unknown): undefined {
  if (thrown instanceof AtTimeout) return undefined;
  throw thrown;
}

function gaveUp(path: string, deadlineMs: number): SerialError {
  return catalogueSerialError(
    'no_response',
    `the modem on ${path} did not finish answering within ${deadlineMs / 1000} s`,
  );
}

function unexpected(path: string) {
  return (detail: string) => catalogueSerialError('open_failed', `reading ${path} failed unexpectedly: ${detail}`);
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}
