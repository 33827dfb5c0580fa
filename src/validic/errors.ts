/**
 * Every way a Validic call can fail, as one error type with a kind, a plain message and one next
 * action a person can take. Messages never carry a token: URLs are redacted before they get here.
 */
import { englishText } from '../messages/index.js';

/** Every kind, as data: the renderer's translation test walks this list. */
export const VALIDIC_ERROR_KINDS = [
  'invalid_request',
  'unauthorized',
  'not_found',
  'conflict',
  'rate_limited',
  'server_error',
  'timeout',
  'network',
  'malformed_response',
  'configuration',
] as const;
export type ValidicErrorKind = (typeof VALIDIC_ERROR_KINDS)[number];

/** Kinds the client retries by itself (with backoff) on a call that changes nothing. Never `unauthorized`. */
export const retryableKinds: ReadonlySet<ValidicErrorKind> = new Set(['server_error', 'timeout', 'network']);

/**
 * Which credential a refusal is about: the organization token (REST calls) or the patient's
 * marketplace token (direct calls). A refused marketplace token is one device's problem, not the queue's.
 */
export type Credential = 'org' | 'marketplace';

export interface ValidicErrorInit {
  readonly kind: ValidicErrorKind;
  readonly message: string;
  readonly status?: number;
  /** malformed_response: where the body went wrong, e.g. "credentials.device_id". */
  readonly fieldPath?: string;
  /** rate_limited: when the budget is expected back (epoch ms). */
  readonly retryAt?: number;
  /** The server's own words (400/422 messages, 409 errors), already free of secrets. */
  readonly serverMessage?: string;
  /**
   * A call that changes Validic's state may have been applied although no clear answer came back
   * (a timeout, a reset after the request was written, a 5xx, a 2xx that does not parse). The client
   * never re-sends such a call: the engine journals it and decides.
   */
  readonly outcomeUnknown?: boolean;
  /** unauthorized: which token was refused. */
  readonly credential?: Credential;
  readonly cause?: unknown;
}

export class ValidicError extends Error {
  readonly kind: ValidicErrorKind;
  readonly nextAction: string;
  readonly retryable: boolean;
  readonly status?: number;
  readonly fieldPath?: string;
  readonly retryAt?: number;
  readonly serverMessage?: string;
  readonly outcomeUnknown: boolean;
  readonly credential?: Credential;

  constructor(init: ValidicErrorInit) {
    super(init.message);
    this.name = 'ValidicError';
    this.kind = init.kind;
    // A person's next action is the catalogue's (a Validic kind's text needs no value).
    this.nextAction = englishText(init.kind, {}).nextAction;
    this.retryable = retryableKinds.has(init.kind) || init.kind === 'rate_limited';
    if (init.status !== undefined) this.status = init.status;
    if (init.fieldPath !== undefined) this.fieldPath = init.fieldPath;
    if (init.retryAt !== undefined) this.retryAt = init.retryAt;
    if (init.serverMessage !== undefined) this.serverMessage = init.serverMessage;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
    if (init.credential !== undefined) this.credential = init.credential;
  }

  /** Plain data for JSON output, IPC and the ledger. */
  toJSON(): {
    kind: ValidicErrorKind;
    message: string;
    nextAction: string;
    retryable: boolean;
    outcomeUnknown?: true;
    status?: number;
    fieldPath?: string;
    retryAt?: number;
  } {
    return {
      kind: this.kind,
      message: this.message,
      nextAction: this.nextAction,
      retryable: this.retryable,
      ...(this.outcomeUnknown ? { outcomeUnknown: true as const } : {}),
      ...(this.status !== undefined ? { status: this.status } : {}),
      ...(this.fieldPath !== undefined ? { fieldPath: this.fieldPath } : {}),
      ...(this.retryAt !== undefined ? { retryAt: this.retryAt } : {}),
    };
  }
}

export function isValidicError(error: unknown): error is ValidicError {
  return error instanceof ValidicError;
}

/** The kind for an HTTP status that is not a success. 3xx are mapped by the client (it never follows them). */
export function kindForStatus(status: number): ValidicErrorKind {
  if (status === 408) return 'timeout';
  if (status === 400 || status === 422) return 'invalid_request';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return 'invalid_request';
}
