/**
 * What a failed fetch means: a timeout, a failure before the request could reach the server (safe
 * to repeat), or one after it may have (the outcome is unknown); and its cause in a few words.
 */
import { ValidicError, type ValidicErrorKind } from './errors.js';
import { operationWords, type Operation } from './operations.js';

/** Node's network error codes that mean the request never left this machine or never reached the server. */
const NEVER_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const NEVER_SENT_PATTERNS = [/^ERR_TLS_/, /^ERR_SSL_/, /CERT/, /^DEPTH_ZERO/, /^UNABLE_TO_/];

/** True when the failure happened before the request could reach the server (see NEVER_SENT_CODES). */
function neverReached(error: unknown): boolean {
  for (
    let e: unknown = error, depth = 0;
    e instanceof Error && depth < 4;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (NEVER_SENT_CODES.has(code) || NEVER_SENT_PATTERNS.some((p) => p.test(code))))
      return true;
  }
  return false;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function networkCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' ? `${code} (${cause.message})` : cause.message;
  }
  return error.message;
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s` : `${ms} ms`;
}

/** A fetch that failed before any answer, as a ValidicError: `mayBeApplied` calls that may have arrived are outcome-unknown. */
export function fetchFailure(
  op: Operation,
  error: unknown,
  timeoutMs: number,
  mayBeApplied: boolean,
  redact: (text: string) => string,
): ValidicError {
  const timedOut = isTimeout(error);
  const neverSent = !timedOut && neverReached(error);
  const kind: ValidicErrorKind = timedOut ? 'timeout' : 'network';
  const detail = timedOut ? `no answer within ${formatMs(timeoutMs)}` : redact(networkCause(error));
  const unknown = mayBeApplied && !neverSent;
  return new ValidicError({
    kind,
    message: `Validic could not be reached while ${operationWords[op]}: ${detail}.${unknown ? ' The request may have reached Validic.' : ''}`,
    ...(unknown ? { outcomeUnknown: true } : {}),
  });
}
