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
} from './budget.js';
import {
  MAX_BODY_BYTES,
  UnusableSuccess,
  parseAnswer,
  readCapped,
  statusError,
  unusable,
  type BodyText,
} from './answers.js';
import { backoffMs } from './backoff.js';
import type { ClientStats, Location, ValidicClientOptions } from './client-options.js';
import { ValidicError, retryableKinds } from './errors.js';
import { fetchFailure } from './network-failures.js';
import { STATE_CHANGING, type CallSpec, type Operation } from './operations.js';
import {
  buildUrl,
  defaultPaths,
  insecureBaseProblem,
  PATH_VALUES,
  pathTemplateProblem,
  type PathTemplates,
} from './paths.js';
import { redactTokens, scrubSecrets } from './redact.js';
import {
  ConnectionSchema,
  DisconnectAllSchema,
  DisconnectedConnectionSchema,
  ReadingsPageSchema,
  UserSchema,
  type Connection,
  type DisconnectAll,
  type DisconnectedConnection,
  type ReadingsPage,
  type User,
} from './schemas.js';
import { Semaphore } from './semaphore.js';
import { checkUid } from './uid.js';

export { MAX_BODY_BYTES, isTakenAnswer } from './answers.js';
export type { ClientLogger, ClientStats, Location, ValidicClientOptions } from './client-options.js';
export type { Operation } from './operations.js';

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
    for (const call of Object.keys(PATH_VALUES) as Array<keyof PathTemplates>) {
      const problem = pathTemplateProblem(call, this.paths[call]);
      if (problem) throw new ValidicError({ kind: 'configuration', message: problem });
    }
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
        // A 429 waits in budget.acquire (its Retry-After, or a backoff); the others back off here.
        if (error.kind !== 'rate_limited') {
          await sleep(
            backoffMs(attempt, this.options.backoffBaseMs ?? 200, this.options.backoffMaxMs ?? 5_000, this.random),
          );
        }
      }
    }
  }

  /** The client's own re-send rule (see the header): never a state-changing call that may have arrived. */
  private mayRepeat(spec: CallSpec<z.ZodType>, error: ValidicError): boolean {
    if (error.kind === 'rate_limited') return error.status === 429;
    if (error.kind === 'network' && !error.outcomeUnknown) return true;
    return !STATE_CHANGING.has(spec.op) && retryableKinds.has(error.kind);
  }

  private async once<S extends z.ZodType>(spec: CallSpec<S>, attempt: number): Promise<z.output<S>> {
    await this.budget.acquire(this.options.maxBudgetWaitMs ?? 60_000, spec.purpose ?? 'work');
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    const started = performance.now();
    const where = `${spec.method} ${redactTokens(spec.url.pathname + spec.url.search)}`;
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
      const failure = fetchFailure(spec.op, error, timeoutMs, STATE_CHANGING.has(spec.op), (t) => this.redact(t));
      this.options.logger?.warn(
        {
          op: spec.op,
          attempt,
          where,
          kind: failure.kind,
          unknown: failure.outcomeUnknown,
          ms: Math.round(performance.now() - started),
        },
        'validic call failed',
      );
      throw failure;
    }
    const ms = Math.round(performance.now() - started);
    this.budget.observe(readRateLimitHeaders(response.headers, Date.now()), response.status);
    this.options.logger?.debug({ op: spec.op, attempt, where, status: response.status, ms }, 'validic call');

    if (spec.expect.includes(response.status)) {
      try {
        return parseAnswer(spec, response.status, body);
      } catch (error) {
        if (error instanceof ValidicError) throw new UnusableSuccess(response.status, error);
        throw error;
      }
    }
    throw statusError(spec, response, body.text, (text) => this.redact(text), this.budget);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
