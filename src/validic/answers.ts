/**
 * Reading Validic's answers: a body read up to a cap, a success parsed against its schema (or
 * reported as unusable), and a refusal turned into a ValidicError of the right kind, with the
 * server's words scrubbed of tokens. Redirects are reported, never followed.
 */
import type { z } from 'zod';
import type { RateLimitBudget } from './budget.js';
import { ValidicError, kindForStatus, type Credential } from './errors.js';
import { DIRECT, STATE_CHANGING, operationWords, type CallSpec, type Operation } from './operations.js';
import { errorMessageOf } from './schemas.js';

/** Bodies larger than this are not read on (a broken gateway, or not Validic). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** A success whose body could not be used: for connect that is still a success (Validic accepted it). */
export class UnusableSuccess extends Error {
  constructor(
    readonly status: number,
    readonly problem: ValidicError,
  ) {
    super(problem.message);
  }
}

export interface BodyText {
  readonly text: string;
  readonly truncated: boolean;
}

/** Reads at most `limit` bytes of a body; the rest is cancelled, never buffered. */
export async function readCapped(response: Response, limit: number): Promise<BodyText> {
  if (!response.body) return { text: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return { text: '', truncated: true };
    }
    chunks.push(value);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated: false };
}

/** A success's body, parsed against the call's schema; anything else is a malformed_response. */
export function parseAnswer<S extends z.ZodType>(spec: CallSpec<S>, status: number, body: BodyText): z.output<S> {
  if (body.truncated) {
    throw new ValidicError({
      kind: 'malformed_response',
      message: `Validic's answer to ${operationWords[spec.op]} is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB; it was not read.`,
      fieldPath: '(body)',
    });
  }
  if (status === 204) {
    throw new ValidicError({
      kind: 'malformed_response',
      message: `Validic answered 204 (no content) to ${operationWords[spec.op]}.`,
      fieldPath: '(body)',
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch {
    throw new ValidicError({
      kind: 'malformed_response',
      message: `Validic's answer to ${operationWords[spec.op]} is not JSON (${body.text.length} bytes).`,
      fieldPath: '(body)',
    });
  }
  const parsed = spec.schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const fieldPath = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(body)';
  throw new ValidicError({
    kind: 'malformed_response',
    message: `Validic's answer to ${operationWords[spec.op]} is missing or has a wrong field "${fieldPath}": ${issue?.message ?? 'invalid'}.`,
    fieldPath,
  });
}

/** A refusal (3xx, 4xx, 5xx) as a ValidicError of the right kind, with the server's words scrubbed of tokens. */
export function statusError(
  spec: CallSpec<z.ZodType>,
  response: Response,
  text: string,
  redact: (text: string) => string,
  budget: RateLimitBudget,
): ValidicError {
  const status = response.status;
  const direct = DIRECT.has(spec.op);
  const credential: Credential = direct ? 'marketplace' : 'org';
  if (status >= 300 && status < 400) {
    // Never followed: the direct host is a web application that sends an unknown token to a login page.
    const to = redirectTarget(response.headers.get('location'));
    if (direct) {
      return new ValidicError({
        kind: 'unauthorized',
        status,
        credential,
        message: `The patient's marketplace token was not accepted while ${operationWords[spec.op]}: Validic's web application answered ${status} (a redirect${to}) instead of the API.`,
      });
    }
    return new ValidicError({
      kind: 'configuration',
      status,
      message: `Validic answered ${status} (a redirect${to}) while ${operationWords[spec.op]}; redirects are not followed: check the API base URL.`,
    });
  }
  const serverMessage = (() => {
    const m = errorMessageOf(text);
    return m === undefined ? undefined : redact(m);
  })();
  // Validic documents no answer for an IMEI another patient holds; a 422 that says the device is taken is that.
  const heldElsewhere =
    spec.op === 'connect' &&
    status === 422 &&
    serverMessage !== undefined &&
    /device_id.*(taken|in use)/i.test(serverMessage);
  const kind = heldElsewhere ? 'conflict' : kindForStatus(status);
  const said = serverMessage ? `: ${serverMessage}` : '';
  const unknown = STATE_CHANGING.has(spec.op) && (kind === 'server_error' || kind === 'timeout');
  const base = `Validic answered ${status} while ${operationWords[spec.op]}${said}.${unknown ? ' The request may have been applied.' : ''}`;
  const common = {
    kind,
    status,
    message: base,
    ...(serverMessage ? { serverMessage } : {}),
    ...(unknown ? { outcomeUnknown: true } : {}),
    ...(kind === 'unauthorized' ? { credential } : {}),
  };
  if (kind === 'rate_limited') {
    const snapshot = budget.snapshot();
    return new ValidicError({ ...common, ...(snapshot.nextSlotAt !== null ? { retryAt: snapshot.nextSlotAt } : {}) });
  }
  return new ValidicError(common);
}

/**
 * A 2xx whose body could not be used: connect takes it as accepted (it catches the UnusableSuccess);
 * a disconnect was probably applied but what it did is unknown; a read is simply malformed.
 */
export function unusable(op: Operation, error: UnusableSuccess): Error {
  if (op === 'connect') return error;
  if (!STATE_CHANGING.has(op)) return error.problem;
  return new ValidicError({
    kind: 'malformed_response',
    status: error.status,
    outcomeUnknown: true,
    message: `${error.problem.message} Validic answered ${error.status}, so it was probably applied.`,
    ...(error.problem.fieldPath !== undefined ? { fieldPath: error.problem.fieldPath } : {}),
  });
}

/** A provisioning refusal that may mean "this uid is taken": 409 (legacy v1) or 422 (published v2). */
export function isTakenAnswer(error: ValidicError): boolean {
  return error.kind === 'conflict' || (error.kind === 'invalid_request' && error.status === 422);
}

function redirectTarget(location: string | null): string {
  if (!location) return '';
  try {
    const url = new URL(location, 'http://unknown.invalid');
    return url.hostname === 'unknown.invalid' ? ` to ${url.pathname}` : ` to ${url.host}${url.pathname}`;
  } catch {
    return '';
  }
}
