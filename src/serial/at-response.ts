/**
 * What one line from a modem means while an AT command is pending (3GPP TS 27.007 / V.250 framing),
 * and where the IMEI is in a response. Pure, so it is property-tested against garbage.
 */
import { isCleanLine, trimAsciiSpace } from './line-splitter.js';

export type AtLine =
  | { readonly type: 'noise'; readonly text: string }
  | { readonly type: 'echo'; readonly text: string }
  | { readonly type: 'urc'; readonly text: string }
  | { readonly type: 'ok' }
  | { readonly type: 'error'; readonly text: string }
  | { readonly type: 'info'; readonly text: string };

// Unsolicited result codes with no "+NAME:" shape, seen on Quectel, SIMCom, Telit, Cinterion, u-blox.
const BARE_URCS =
  /^(RDY|APP RDY|RING|SMS DONE|PB DONE|SMS READY|CALL READY|NO CARRIER|POWERED DOWN|NORMAL POWER DOWN|\^SYSSTART.*|\+PBREADY|\+STIN: .*|START)$/i;
// "+CREG: 0,1", "^SIMST: 1", "#QSS: 2", "%CESQ: …": a prefixed URC, unless it names the pending command.
const PREFIXED = /^([+^#%$][A-Z0-9_]+):/i;
// Prefixes that carry the serial number, whichever of the ID commands was sent.
const ID_PREFIXES = new Set(['+CGSN', '#CGSN', '+GSN', '#GSN']);

/** "AT+CGSN=1" → "+CGSN"; "AT#CGSN" → "#CGSN"; "ATI" → undefined. */
function commandName(command: string): string | undefined {
  return /^AT([+^#%$][A-Z0-9_]+)/i.exec(command.trim())?.[1]?.toUpperCase();
}

function squash(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

export function classifyAtLine(rawLine: string, pendingCommand: string): AtLine {
  const text = trimAsciiSpace(rawLine);
  if (!isCleanLine(text)) return { type: 'noise', text };
  if (text === 'OK') return { type: 'ok' };
  if (text === 'ERROR' || text === 'NO DIALTONE' || text === 'BUSY' || text === 'NO ANSWER')
    return { type: 'error', text };
  const cmError = /^\+CM[ES] ERROR:?\s*(.*)$/i.exec(text);
  if (cmError) return { type: 'error', text };
  // Echo: the command itself (echo on, or a modem that ignores ATE0). Some echo without the CR.
  if (
    squash(text) === squash(pendingCommand) ||
    (/^AT/i.test(text) && squash(text).startsWith(squash(pendingCommand)))
  ) {
    return { type: 'echo', text };
  }
  if (BARE_URCS.test(text)) return { type: 'urc', text };
  const prefix = PREFIXED.exec(text)?.[1]?.toUpperCase();
  if (prefix !== undefined) {
    const pending = commandName(pendingCommand);
    const answersPending =
      prefix === pending || (pending !== undefined && ID_PREFIXES.has(pending) && ID_PREFIXES.has(prefix));
    if (!answersPending) return { type: 'urc', text };
  }
  return { type: 'info', text };
}

export type ImeiInResponse =
  | { readonly type: 'none' }
  /** One number in an IMEI position; still to be checked by src/imei validate. */
  | { readonly type: 'number'; readonly digits: string; readonly line: string }
  /** Two different numbers in one response: a garbled or confused reply, never guessed from. */
  | { readonly type: 'ambiguous'; readonly numbers: readonly string[] };

// The bare line, or +CGSN: / #CGSN: / +GSN: / #GSN:, quoted or not. 14–17 digits are taken so an
// IMEISV or a digit short is reported as such (by validate) rather than as "no IMEI".
const IMEI_LINE = /^(?:[+#](?:CGSN|GSN):\s*)?"?(\d{14,17})"?$/i;

/** The serial-number line of an ID command's info lines (echo, URCs and noise already removed). */
export function imeiFromInfoLines(lines: readonly string[]): ImeiInResponse {
  const found = new Map<string, string>();
  for (const line of lines) {
    const digits = IMEI_LINE.exec(line.trim())?.[1];
    if (digits !== undefined && !found.has(digits)) found.set(digits, line);
  }
  const entries = [...found];
  if (entries.length === 0) return { type: 'none' };
  if (entries.length > 1) return { type: 'ambiguous', numbers: entries.map(([d]) => d) };
  const [digits, line] = entries[0]!;
  return { type: 'number', digits, line };
}

export interface ModemIdentity {
  readonly manufacturer: string | null;
  readonly model: string | null;
}

/**
 * ATI is free text: "Quectel / EC25 / Revision: …" on most, "Manufacturer: u-blox / Model: …" on
 * u-blox and SIMCom. Revision and IMEI lines are never taken as names.
 */
export function identityFromAti(lines: readonly string[]): ModemIdentity {
  let manufacturer: string | null = null;
  let model: string | null = null;
  const loose: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    const keyed = /^(manufacturer|model|revision|imei|imeisv|svn)\s*:\s*(.*)$/i.exec(line);
    if (keyed) {
      const key = keyed[1]!.toLowerCase();
      const value = keyed[2]!.trim() || null;
      if (key === 'manufacturer') manufacturer = value;
      if (key === 'model') model = value;
      continue;
    }
    if (/^\d{8,}$/.test(line)) continue;
    loose.push(line);
  }
  return {
    manufacturer: manufacturer ?? loose[0] ?? null,
    model: model ?? (manufacturer === null ? loose[1] : loose[0]) ?? null,
  };
}
