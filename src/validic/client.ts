/**
 * The Validic Direct Connection client on fetch: provision and read users, connect and disconnect
 * Smart Meter devices, read a patient's readings. Each call is paced by the organization's budget,
 * bounded by a timeout and a body size, and its body parsed with the seed's schemas before anyone
 * uses it. Redirects are never followed.
 *
 * Who re-sends: the client retries by itself only what provably never reached Validic (connection
 * refused, DNS or TLS failure before the request was written) and a 429, for every call; reads and
 * provisioning (which change nothing, or answer "taken" when repeated) are also retried on a timeout,
 * a reset or a 5xx. A connect or disconnect that may have reached Validic is never re-sent here: it
 * fails with `outcomeUnknown` and the engine, which journals every send, decides.
 */
import { performance } from 'node:perf_hooks';
import type { z } from 'zod';
import {
  RateLimitBudget,
  readRateLimitHeaders,
  validicRateLimit,
  type BudgetSnapshot,
  type CallPurpose,
  type RateLimitConfig,
} from './budget.js';
import { ValidicError, kindForStatus, retryableKinds, type Credential, type ValidicErrorKind } from './errors.js';
import { buildUrl, defaultPaths, insecureBaseProblem, type PathTemplates } from './paths.js';
import { redactTokens, scrubSecrets } from './redact.js';
import {
  ConnectionSchema,
  DisconnectAllSchema,
  DisconnectedConnectionSchema,
  ReadingsPageSchema,
  UserSchema,
  errorMessageOf,
  type Connection,
  type DisconnectAll,
  type DisconnectedConnection,
  type ReadingsPage,
  type User,
} from './schemas.js';
import { checkUid } from './uid.js';

/** The slice of a pino logger the client uses. */
export interface ClientLogger {
  debug(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface ValidicClientOptions {
  readonly orgId: string;
  readonly orgToken: string;
  readonly apiBase: string;
  readonly directBase: string;
  readonly paths?: Partial<PathTemplates>;
  /** Per attempt, default 10 s. */
  readonly timeoutMs?: number;
  /** Extra attempts after a failure the client may repeat (see the header), default 4. */
  readonly retries?: number;
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  /** Calls in flight at once, default 16. */
  readonly concurrency?: number;
  readonly rateLimit?: RateLimitConfig;
  /** Share one budget between clients of the same organization. */
  readonly budget?: RateLimitBudget;
  /** Longest wait for a budget slot before failing with rate_limited, default 60 s. */
  readonly maxBudgetWaitMs?: number;
  readonly logger?: ClientLogger;
  readonly fetch?: typeof fetch;
  readonly random?: () => number;
}

export interface Location {
  readonly timezone?: string;
  readonly country_code?: string;
}

export type Operation = 'provision' | 'get_user' | 'connect' | 'disconnect' | 'disconnect_all' | 'get_readings';

/** Calls that change Validic's state and may not be repeated blindly (no idempotency key is published). */
const STATE_CHANGING: ReadonlySet<Operation> = new Set(['connect', 'disconnect', 'disconnect_all']);
/** Calls made with the patient's marketplace token on the direct host. */
const DIRECT: ReadonlySet<Operation> = new Set(['connect', 'disconnect', 'disconnect_all']);

/** Bodies larger than this are not read on (a broken gateway, or not Validic). */
export const MAX_BODY_BYTES = 1024 * 1024;

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

export interface ClientStats {
  /** HTTP requests sent, retries included. */
  readonly requests: number;
  readonly byOperation: Readonly<Record<Operation, number>>;
  readonly retries: number;
}

const operationWords: Record<Operation, string> = {
  provision: 'provisioning the user',
  get_user: 'reading the user',
  connect: 'connecting the device',
  disconnect: 'disconnecting the device',
  disconnect_all: 'disconnecting all devices',
  get_readings: "reading the patient's readings",
};

class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly size: number) {}
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

interface CallSpec<S extends z.ZodType> {
  readonly op: Operation;
  readonly method: 'GET' | 'POST';
  readonly url: URL;
  readonly body?: unknown;
  readonly schema: S;
  readonly expect: readonly number[];
  readonly purpose?: CallPurpose;
}

/** A success whose body could not be used: for connect that is still a success (Validic accepted it). */
class UnusableSuccess extends Error {
  constructor(
    readonly status: number,
    readonly problem: ValidicError,
  ) {
    super(problem.message);
  }
}

export class ValidicClient {
  readonly orgId: string;
  readonly budget: RateLimitBudget;
  private readonly options: ValidicClientOptions;
  private readonly paths: PathTemplates;
  private readonly limiter: Semaphore;
  private readonly fetchImpl: typeof fetch;
  private readonly random: () => number;
  private readonly secrets = new Set<string>();
  private counts: Record<Operation, number> = {
    provision: 0,
    get_user: 0,
    connect: 0,
    disconnect: 0,
    disconnect_all: 0,
    get_readings: 0,
  };
  private retryCount = 0;

  constructor(options: ValidicClientOptions) {
    for (const base of [options.apiBase, options.directBase]) {
      const problem = insecureBaseProblem(base);
      if (problem) throw new ValidicError({ kind: 'configuration', message: problem });
    }
    if (options.orgId.trim() === '' || options.orgToken.trim() === '') {
      throw new ValidicError({
        kind: 'configuration',
        message: 'The Validic organization id and token must both be set.',
      });
    }
    this.options = options;
    this.orgId = options.orgId;
    this.paths = { ...defaultPaths, ...options.paths };
    this.limiter = new Semaphore(options.concurrency ?? 16);
    this.budget = options.budget ?? new RateLimitBudget(options.rateLimit ?? validicRateLimit);
    this.fetchImpl = options.fetch ?? fetch;
    this.random = options.random ?? Math.random;
    this.secrets.add(options.orgToken);
  }

  /** POST /organizations/{org_id}/users → 201 user (with marketplace.token). */
  async provisionUser(uid: string, location?: Location): Promise<User> {
    this.requireUid(uid);
    return this.call({
      op: 'provision',
      method: 'POST',
      url: buildUrl(this.options.apiBase, this.paths.provision, { org_id: this.orgId }, this.options.orgToken),
      body: { uid, ...(location ? { location } : {}) },
      schema: UserSchema,
      expect: [200, 201],
    }).then((user) => this.remember(user));
  }

  /**
   * GET /organizations/{org_id}/users/{uid} → the user with sources[] (source types, never IMEIs).
   * `verification` reads draw on the budget's verification share and fail fast when it is spent.
   */
  async getUser(uid: string, purpose: CallPurpose = 'work'): Promise<User> {
    this.requireUid(uid);
    return this.call({
      op: 'get_user',
      method: 'GET',
      url: buildUrl(this.options.apiBase, this.paths.user, { org_id: this.orgId, uid }, this.options.orgToken),
      schema: UserSchema,
      expect: [200],
      purpose,
    }).then((user) => this.remember(user));
  }

  /**
   * GET /organizations/{org_id}/users/{uid}/measurements?start_date=&end_date= → `{data: [reading…]}`.
   * Dates are YYYY-MM-DD (Validic allows at most 30 days per request). Always a verification read.
   */
  async getReadings(uid: string, startDate: string, endDate: string): Promise<ReadingsPage> {
    this.requireUid(uid);
    for (const date of [startDate, endDate]) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
        throw new ValidicError({ kind: 'invalid_request', message: `"${date}" is not a date (YYYY-MM-DD).` });
    }
    const url = buildUrl(this.options.apiBase, this.paths.readings, { org_id: this.orgId, uid }, this.options.orgToken);
    url.searchParams.set('start_date', startDate);
    url.searchParams.set('end_date', endDate);
    return this.call({
      op: 'get_readings',
      method: 'GET',
      url,
      schema: ReadingsPageSchema,
      expect: [200],
      purpose: 'verification',
    });
  }

  /**
   * POST {direct}/direct/auth/smart_meter/connect?token={marketplace token} → 202 connection.
   * Any 2xx is a connection: Validic accepted it, so a body that does not parse gives `null`, not a failure.
   */
  async connect(marketplaceToken: string, imei: string, deviceType: string): Promise<Connection | null> {
    this.secrets.add(marketplaceToken);
    this.requireImei(imei);
    if (!/^[a-z][a-z0-9_]*$/.test(deviceType)) {
      throw new ValidicError({
        kind: 'invalid_request',
        message: `"${deviceType}" is not a device type (e.g. blood_glucose).`,
      });
    }
    return this.call({
      op: 'connect',
      method: 'POST',
      url: buildUrl(this.options.directBase, this.paths.connect, {}, marketplaceToken),
      body: { device_id: imei, device_type: deviceType },
      schema: ConnectionSchema,
      expect: [200, 201, 202, 204],
    }).catch((error: unknown) => {
      if (error instanceof UnusableSuccess) {
        this.options.logger?.warn(
          { op: 'connect', status: error.status, problem: error.message },
          'connect accepted; its body was not usable',
        );
        return null;
      }
      throw error;
    });
  }

  /** POST {direct}/direct/auth/smart_meter/disconnect/{imei}?token=… → 202 with deleted_at. A body that does not parse is an unknown outcome. */
  async disconnect(marketplaceToken: string, imei: string): Promise<DisconnectedConnection> {
    this.secrets.add(marketplaceToken);
    this.requireImei(imei);
    return this.call({
      op: 'disconnect',
      method: 'POST',
      url: buildUrl(this.options.directBase, this.paths.disconnect, { imei }, marketplaceToken),
      schema: DisconnectedConnectionSchema,
      expect: [200, 202],
    });
  }

  /** POST {direct}/direct/auth/smart_meter/disconnect_all?token=… → 202 {meta: {total}, connections}. */
  async disconnectAll(marketplaceToken: string): Promise<DisconnectAll> {
    this.secrets.add(marketplaceToken);
    return this.call({
      op: 'disconnect_all',
      method: 'POST',
      url: buildUrl(this.options.directBase, this.paths.disconnectAll, {}, marketplaceToken),
      schema: DisconnectAllSchema,
      expect: [200, 202],
    });
  }

  budgetSnapshot(): BudgetSnapshot {
    return this.budget.snapshot();
  }

  stats(): ClientStats {
    const requests = Object.values(this.counts).reduce((a, b) => a + b, 0);
    return { requests, byOperation: { ...this.counts }, retries: this.retryCount };
  }

  /** Scrubs every token this client has seen from a text (before it goes into an error or a log). */
  private redact(text: string): string {
    return scrubSecrets(text, this.secrets);
  }

  private remember(user: User): User {
    this.secrets.add(user.marketplace.token);
    if (user.mobile?.token) this.secrets.add(user.mobile.token);
    return user;
  }

  private requireUid(uid: string): void {
    const check = checkUid(uid);
    if (!check.ok) throw new ValidicError({ kind: 'invalid_request', message: check.message });
  }

  private requireImei(imei: string): void {
    if (!/^\d{15}$/.test(imei)) {
      throw new ValidicError({
        kind: 'invalid_request',
        message: `An IMEI is exactly 15 digits; got ${imei.length} characters.`,
      });
    }
  }

  private call<S extends z.ZodType>(spec: CallSpec<S>): Promise<z.output<S>> {
    return this.limiter.run(() => this.attempts(spec));
  }

  private async attempts<S extends z.ZodType>(spec: CallSpec<S>): Promise<z.output<S>> {
    const retries = this.options.retries ?? 4;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(spec, attempt);
      } catch (error) {
        if (error instanceof UnusableSuccess) throw unusable(spec.op, error);
        if (!(error instanceof ValidicError) || attempt >= retries || !this.mayRepeat(spec, error)) throw error;
        this.retryCount++;
        // A 429 waits in budget.acquire (its Retry-After, or a backoff); the others back off with full jitter.
        if (error.kind !== 'rate_limited') await sleep(this.backoffMs(attempt));
      }
    }
  }

  /** The client's own re-send rule (see the header): never a state-changing call that may have arrived. */
  private mayRepeat(spec: CallSpec<z.ZodType>, error: ValidicError): boolean {
    if (error.kind === 'rate_limited') return error.status === 429;
    if (error.kind === 'network' && !error.outcomeUnknown) return true;
    return !STATE_CHANGING.has(spec.op) && retryableKinds.has(error.kind);
  }

  private backoffMs(attempt: number): number {
    const base = this.options.backoffBaseMs ?? 200;
    const max = this.options.backoffMaxMs ?? 5_000;
    const ceiling = Math.min(max, base * 2 ** attempt);
    return ceiling / 2 + this.random() * (ceiling / 2);
  }

  private async once<S extends z.ZodType>(spec: CallSpec<S>, attempt: number): Promise<z.output<S>> {
    await this.budget.acquire(this.options.maxBudgetWaitMs ?? 60_000, spec.purpose ?? 'work');
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    const started = performance.now();
    const where = `${spec.method} ${redactTokens(spec.url.pathname + spec.url.search)}`;
    const mayBeApplied = STATE_CHANGING.has(spec.op);
    this.counts[spec.op]++;
    let response: Response;
    let body: BodyText;
    try {
      response = await this.fetchImpl(spec.url, {
        method: spec.method,
        redirect: 'manual',
        headers: {
          accept: 'application/json',
          ...(spec.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(spec.body !== undefined ? { body: JSON.stringify(spec.body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      body = await readCapped(response, MAX_BODY_BYTES);
    } catch (error) {
      const timedOut = isTimeout(error);
      const neverSent = !timedOut && neverReached(error);
      const kind: ValidicErrorKind = timedOut ? 'timeout' : 'network';
      const detail = timedOut ? `no answer within ${formatMs(timeoutMs)}` : this.redact(networkCause(error));
      const unknown = mayBeApplied && !neverSent;
      this.options.logger?.warn(
        { op: spec.op, attempt, where, kind, unknown, ms: Math.round(performance.now() - started) },
        'validic call failed',
      );
      throw new ValidicError({
        kind,
        message: `Validic could not be reached while ${operationWords[spec.op]}: ${detail}.${unknown ? ' The request may have reached Validic.' : ''}`,
        ...(unknown ? { outcomeUnknown: true } : {}),
      });
    }
    const ms = Math.round(performance.now() - started);
    this.budget.observe(readRateLimitHeaders(response.headers, Date.now()), response.status);
    this.options.logger?.debug({ op: spec.op, attempt, where, status: response.status, ms }, 'validic call');

    if (spec.expect.includes(response.status)) {
      try {
        return this.parse(spec, response.status, body);
      } catch (error) {
        if (error instanceof ValidicError) throw new UnusableSuccess(response.status, error);
        throw error;
      }
    }
    throw this.statusError(spec, response, body.text);
  }

  private parse<S extends z.ZodType>(spec: CallSpec<S>, status: number, body: BodyText): z.output<S> {
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

  private statusError(spec: CallSpec<z.ZodType>, response: Response, text: string): ValidicError {
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
      return m === undefined ? undefined : this.redact(m);
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
      const snapshot = this.budget.snapshot();
      return new ValidicError({ ...common, ...(snapshot.nextSlotAt !== null ? { retryAt: snapshot.nextSlotAt } : {}) });
    }
    return new ValidicError(common);
  }
}

/**
 * A 2xx whose body could not be used: connect takes it as accepted (it catches the UnusableSuccess);
 * a disconnect was probably applied but what it did is unknown; a read is simply malformed.
 */
function unusable(op: Operation, error: UnusableSuccess): Error {
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

interface BodyText {
  readonly text: string;
  readonly truncated: boolean;
}

/** Reads at most `limit` bytes of a body; the rest is cancelled, never buffered. */
async function readCapped(response: Response, limit: number): Promise<BodyText> {
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

function redirectTarget(location: string | null): string {
  if (!location) return '';
  try {
    const url = new URL(location, 'http://unknown.invalid');
    return url.hostname === 'unknown.invalid' ? ` to ${url.pathname}` : ` to ${url.host}${url.pathname}`;
  } catch {
    return '';
  }
}

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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
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
