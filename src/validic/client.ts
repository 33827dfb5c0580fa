/**
 * The Validic Direct Connection client on fetch: provision and read users, connect and disconnect
 * Smart Meter devices. Each call is paced by the organization's budget, bounded by a timeout,
 * retried with exponential backoff and jitter when the failure is transient (never when it is
 * unauthorized), and its body parsed with the seed's schemas before anyone uses it.
 */
import { performance } from 'node:perf_hooks';
import type { z } from 'zod';
import { RateLimitBudget, readRateLimitHeaders, validicRateLimit, type BudgetSnapshot, type RateLimitConfig } from './budget.js';
import { ValidicError, kindForStatus, retryableKinds, type ValidicErrorKind } from './errors.js';
import { buildUrl, defaultPaths, insecureBaseProblem, type PathTemplates } from './paths.js';
import { redactTokens, scrubSecrets } from './redact.js';
import {
  ConnectionSchema,
  DisconnectAllSchema,
  DisconnectedConnectionSchema,
  UserSchema,
  errorMessageOf,
  type Connection,
  type DisconnectAll,
  type DisconnectedConnection,
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
  /** Extra attempts after a transient failure (server_error, network, timeout), default 4. */
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

export type Operation = 'provision' | 'get_user' | 'connect' | 'disconnect' | 'disconnect_all';

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
}

export class ValidicClient {
  orgId: string;
  readonly budget: RateLimitBudget;
  private options: ValidicClientOptions;
  private readonly paths: PathTemplates;
  private readonly limiter: Semaphore;
  private readonly fetchImpl: typeof fetch;
  private readonly random: () => number;
  private readonly secrets = new Set<string>();
  private counts: Record<Operation, number> = { provision: 0, get_user: 0, connect: 0, disconnect: 0, disconnect_all: 0 };
  private retryCount = 0;

  constructor(options: ValidicClientOptions) {
    for (const base of [options.apiBase, options.directBase]) {
      const problem = insecureBaseProblem(base);
      if (problem) throw new ValidicError({ kind: 'configuration', message: problem });
    }
    if (options.orgId.trim() === '' || options.orgToken.trim() === '') {
      throw new ValidicError({ kind: 'configuration', message: 'The Validic organization id and token must both be set.' });
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

  /** GET /organizations/{org_id}/users/{uid} → the user with sources[]. */
  async getUser(uid: string): Promise<User> {
    this.requireUid(uid);
    return this.call({
      op: 'get_user',
      method: 'GET',
      url: buildUrl(this.options.apiBase, this.paths.user, { org_id: this.orgId, uid }, this.options.orgToken),
      schema: UserSchema,
      expect: [200],
    }).then((user) => this.remember(user));
  }

  /** POST {direct}/direct/auth/smart_meter/connect?token={marketplace token} → 202 connection. */
  async connect(marketplaceToken: string, imei: string, deviceType: string): Promise<Connection> {
    this.secrets.add(marketplaceToken);
    this.requireImei(imei);
    if (!/^[a-z][a-z0-9_]*$/.test(deviceType)) {
      throw new ValidicError({ kind: 'invalid_request', message: `"${deviceType}" is not a device type (e.g. blood_glucose).` });
    }
    return this.call({
      op: 'connect',
      method: 'POST',
      url: buildUrl(this.options.directBase, this.paths.connect, {}, marketplaceToken),
      body: { device_id: imei, device_type: deviceType },
      schema: ConnectionSchema,
      expect: [200, 201, 202],
    });
  }

  /** POST {direct}/direct/auth/smart_meter/disconnect/{imei}?token=… → 202 with deleted_at. */
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

  /**
   * The user's marketplace token: provision (new user, 1 call) or, when the uid exists (409),
   * read the user back (2 calls).
   */
  async ensureUser(uid: string, location?: Location): Promise<User> {
    try {
      return await this.provisionUser(uid, location);
    } catch (error) {
      if (error instanceof ValidicError && error.kind === 'conflict') return this.getUser(uid);
      throw error;
    }
  }

  /** New organization credentials (an administrator fixed them); the budget and stats carry on. */
  setCredentials(orgId: string, orgToken: string): void {
    if (orgId.trim() === '' || orgToken.trim() === '') {
      throw new ValidicError({ kind: 'configuration', message: 'The Validic organization id and token must both be set.' });
    }
    this.options = { ...this.options, orgId, orgToken };
    this.orgId = orgId;
    this.secrets.add(orgToken);
  }

  budgetSnapshot(): BudgetSnapshot {
    return this.budget.snapshot();
  }

  stats(): ClientStats {
    const requests = Object.values(this.counts).reduce((a, b) => a + b, 0);
    return { requests, byOperation: { ...this.counts }, retries: this.retryCount };
  }

  /** Scrubs every token this client has seen from a text (for callers that log errors). */
  redact(text: string): string {
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
      throw new ValidicError({ kind: 'invalid_request', message: `An IMEI is exactly 15 digits; got ${imei.length} characters.` });
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
        if (!(error instanceof ValidicError)) throw error;
        const transient = retryableKinds.has(error.kind) || (error.kind === 'rate_limited' && error.status === 429);
        if (!transient || attempt >= retries) throw error;
        this.retryCount++;
        // A 429 waits in budget.acquire for the reset; the others back off exponentially with full jitter.
        if (error.kind !== 'rate_limited') await sleep(this.backoffMs(attempt));
      }
    }
  }

  private backoffMs(attempt: number): number {
    const base = this.options.backoffBaseMs ?? 200;
    const max = this.options.backoffMaxMs ?? 5_000;
    const ceiling = Math.min(max, base * 2 ** attempt);
    return ceiling / 2 + this.random() * (ceiling / 2);
  }

  private async once<S extends z.ZodType>(spec: CallSpec<S>, attempt: number): Promise<z.output<S>> {
    await this.budget.acquire(this.options.maxBudgetWaitMs ?? 60_000);
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    const started = performance.now();
    const where = `${spec.method} ${redactTokens(spec.url.pathname + spec.url.search)}`;
    this.counts[spec.op]++;
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(spec.url, {
        method: spec.method,
        headers: { accept: 'application/json', ...(spec.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(spec.body !== undefined ? { body: JSON.stringify(spec.body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const kind: ValidicErrorKind = isTimeout(error) ? 'timeout' : 'network';
      const detail = kind === 'timeout' ? `no answer within ${formatMs(timeoutMs)}` : this.redact(networkCause(error));
      this.options.logger?.warn({ op: spec.op, attempt, where, kind, ms: Math.round(performance.now() - started) }, 'validic call failed');
      throw new ValidicError({ kind, message: `Validic could not be reached while ${operationWords[spec.op]}: ${detail}.` });
    }
    const ms = Math.round(performance.now() - started);
    this.budget.observe(readRateLimitHeaders(response.headers, Date.now()), response.status);
    this.options.logger?.debug({ op: spec.op, attempt, where, status: response.status, ms }, 'validic call');

    if (spec.expect.includes(response.status)) return this.parse(spec, text);
    throw this.statusError(spec, response, text);
  }

  private parse<S extends z.ZodType>(spec: CallSpec<S>, text: string): z.output<S> {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ValidicError({
        kind: 'malformed_response',
        message: `Validic's answer to ${operationWords[spec.op]} is not JSON (${text.length} bytes).`,
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
    const kind = kindForStatus(response.status);
    const serverMessage = (() => {
      const m = errorMessageOf(text);
      return m === undefined ? undefined : this.redact(m);
    })();
    const said = serverMessage ? `: ${serverMessage}` : '';
    const base = `Validic answered ${response.status} while ${operationWords[spec.op]}${said}`;
    if (kind === 'rate_limited') {
      const snapshot = this.budget.snapshot();
      return new ValidicError({
        kind,
        status: response.status,
        message: `${base}.`,
        ...(snapshot.nextSlotAt !== null ? { retryAt: snapshot.nextSlotAt } : {}),
        ...(serverMessage ? { serverMessage } : {}),
      });
    }
    return new ValidicError({ kind, status: response.status, message: `${base}.`, ...(serverMessage ? { serverMessage } : {}) });
  }
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
