/**
 * startSimulator: a Validic Direct Connection simulator over real HTTP on 127.0.0.1. It serves the
 * endpoints the kiosk uses with the rules of SimState, the organization's rate limit with
 * X-RateLimit-* headers, injected faults, and the test endpoints under /_sim/.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { passesLuhn } from '../imei/luhn.js';
import { checkUid } from '../validic/uid.js';
import { FaultsSchema, noFaults, type Faults, type FaultsInput } from './faults.js';
import { SIM_BEHAVIOURS, type SimBehaviour, type SimProfileName } from './profiles.js';
import { seededRandom } from './random.js';
import {
  DISCONNECT_REASON,
  SimState,
  type ConnectionRecord,
  type Organization,
  type SimStateView,
  type UserRecord,
} from './state.js';

export interface SimRateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

export const SimRateLimitSchema = z
  .object({ limit: z.number().int().min(1), windowMs: z.number().int().min(100) })
  .strict();

export interface SimulatorOptions {
  readonly port?: number;
  /** Persist state to this file after every change (atomic write) and load it on start. */
  readonly stateFile?: string;
  readonly faults?: FaultsInput;
  readonly rateLimit?: SimRateLimit;
  /** Device types accepted by connect. */
  readonly deviceTypes?: readonly string[];
  /** Seed for the fault dice, to replay a run. */
  readonly seed?: number;
  /** How to answer where Validic's published material allows several answers (default `optimistic`). */
  readonly profile?: SimProfileName;
  /** A connected device sends its first reading this long after the connect; null: never (default 5 s). */
  readonly firstReadingDelayMs?: number | null;
  /** A repeated connect of an IMEI the same patient holds: a no-op 202 (default) or a 422 refusal. */
  readonly repeatConnect?: 'accept' | 'refuse';
}

export interface SimulatorHandle {
  /** http://127.0.0.1:PORT — serves both the REST API and the direct endpoints. */
  readonly baseUrl: string;
  readonly port: number;
  /** The demo organization. */
  readonly orgId: string;
  readonly token: string;
  state(): SimStateView;
  faults(): Faults;
  setFaults(faults: FaultsInput): Faults;
  setRateLimit(rateLimit: SimRateLimit): void;
  /** The device types connect accepts from now on (a training kiosk's admin edited its types). */
  setDeviceTypes(deviceTypes: readonly string[]): void;
  addOrganization(): Organization;
  /** API requests received (all routes except /_sim/), faults included. */
  requestCount(): number;
  /** Requests received per route kind (provision, get_user, connect, …) and per IMEI for connects. */
  requestLog(): SimRequestLog;
  readonly profile: SimProfileName;
  readonly behaviour: SimBehaviour;
  close(): Promise<void>;
}

export interface SimRequestLog {
  readonly byRoute: Readonly<Record<string, number>>;
  /** connect requests received per device_id, faults included. */
  readonly connectsByImei: Readonly<Record<string, number>>;
}

export const defaultSimDeviceTypes = ['blood_glucose', 'blood_pressure', 'weight_scale', 'pulse_oximeter'] as const;
const validicRate: SimRateLimit = { limit: 2000, windowMs: 3_600_000 };

const ProvisionBody = z.object({
  uid: z.string(),
  location: z.object({ timezone: z.string().nullish(), country_code: z.string().nullish() }).nullish(),
});
const ConnectBody = z.object({ device_id: z.string(), device_type: z.string() });

class HttpAnswer {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {}
}

const HTML = { 'content-type': 'text/html; charset=utf-8' };
const gatewayPage =
  '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>';
const signInPage =
  '<!DOCTYPE html><html><head><title>Sign in</title></head><body><form action="/users/sign_in"></form></body></html>';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const state = options.stateFile ? SimState.load(options.stateFile) : new SimState();
  const demo = state.organizations[0]!;
  let faults: Faults = FaultsSchema.parse(options.faults ?? {});
  let rate: SimRateLimit = options.rateLimit ?? validicRate;
  let deviceTypes = new Set<string>(options.deviceTypes ?? defaultSimDeviceTypes);
  const random = options.seed !== undefined ? seededRandom(options.seed) : Math.random;
  const profile: SimProfileName = options.profile ?? 'optimistic';
  const behaviour = SIM_BEHAVIOURS[profile];
  const firstReadingDelayMs = options.firstReadingDelayMs === undefined ? 5_000 : options.firstReadingDelayMs;
  const byRoute: Record<string, number> = {};
  const connectsByImei: Record<string, number> = {};
  const sourceRule = () => ({ when: behaviour.sources, firstReadingDelayMs });
  const windows = new Map<string, { index: number; used: number }>();
  let burstLeft = 0;
  let apiRequests = 0;
  const persist = () => {
    if (options.stateFile) state.save(options.stateFile);
  };
  persist();

  const baseUrlOf = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const userJson = (user: UserRecord) => ({
    id: user.id,
    uid: user.uid,
    marketplace: { token: user.marketplaceToken, url: `${baseUrlOf()}?token=${user.marketplaceToken}` },
    mobile: { token: user.mobileToken },
    location: user.location,
    sources: state.sources(user, sourceRule()),
    status: 'active',
    created_at: user.created_at,
    updated_at: user.updated_at,
  });
  const connectionJson = (c: ConnectionRecord) => ({
    credentials: { device_id: c.device_id, device_type: c.device_type, device_name: c.device_name },
    type: 'smart_meter',
    created_at: c.created_at,
    ...(c.deleted_at !== null
      ? { deleted_at: c.deleted_at, deleted_reason: c.deleted_reason ?? DISCONNECT_REASON }
      : {}),
  });

  /** Counts a call against the organization's window; false when the window is spent. */
  const spend = (orgId: string, res: ServerResponse): boolean => {
    const now = Date.now();
    const index = Math.floor(now / rate.windowMs);
    let window = windows.get(orgId);
    if (!window || window.index !== index) {
      window = { index, used: 0 };
      windows.set(orgId, window);
    }
    const allowed = window.used < rate.limit;
    if (allowed) window.used++;
    res.setHeader('X-RateLimit-Limit', String(rate.limit));
    if (behaviour.rateHeaders === 'validic_page') {
      // Validic's page spells it with an underscore and documents no reset header.
      res.setHeader('X-RateLimit_Remaining', String(rate.limit - window.used));
    } else {
      res.setHeader('X-RateLimit-Remaining', String(rate.limit - window.used));
      res.setHeader('X-RateLimit-Reset', String(Math.ceil(((index + 1) * rate.windowMs) / 1000)));
    }
    return allowed;
  };

  const readBody = (req: IncomingMessage): Promise<string> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  const parseJson = <T>(text: string, schema: z.ZodType<T>): T => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new HttpAnswer(400, 'there was an error with request');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new HttpAnswer(422, { errors: [`${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`] });
    }
    return parsed.data;
  };

  /** The org route's organization, checked against the token (403 unknown token, 401 other org). */
  const orgFor = (orgId: string, token: string | null): Organization => {
    const byToken = token ? state.organizationByToken(token) : undefined;
    if (!byToken) throw new HttpAnswer(403, { message: 'Invalid authentication credentials' });
    if (byToken.id !== orgId) throw new HttpAnswer(401, { errors: ['Token is not authorized to access organization'] });
    return byToken;
  };

  const userForToken = (token: string | null): UserRecord => {
    const user = token ? state.userByMarketplaceToken(token) : undefined;
    if (user) return user;
    if (behaviour.unknownMarketplaceToken === 'redirect')
      throw new HttpAnswer(302, signInPage, { ...HTML, location: '/users/sign_in' });
    throw new HttpAnswer(401, { errors: ['Token is not authorized'] });
  };
  const notFound = () =>
    new HttpAnswer(404, behaviour.notFoundBody === 'string' ? JSON.stringify('not found') : { errors: ['not found'] }, {
      'content-type': 'application/json',
    });
  const DATE = /^\d{4}-\d{2}-\d{2}$/;

  /** Resolves the route to the organization it bills and the action to run once faults pass. */
  const route = (
    method: string,
    path: string,
    query: URLSearchParams,
    body: string,
  ): { orgId: string; kind: string; run: () => HttpAnswer } | HttpAnswer => {
    const token = query.get('token');
    let m: RegExpExecArray | null;
    if (method === 'POST' && (m = /^\/organizations\/([^/]+)\/users\/?$/.exec(path))) {
      const org = orgFor(decodeURIComponent(m[1]!), token);
      return {
        orgId: org.id,
        kind: 'provision',
        run: () => {
          const input = parseJson(body, ProvisionBody);
          const uid = checkUid(input.uid);
          if (!uid.ok)
            throw new HttpAnswer(422, {
              message: 'An error occurred and an error response has been sent with details.',
            });
          const outcome = state.provision(org.id, input.uid, input.location ?? undefined, behaviour.takenUid);
          if (!outcome.ok) throw new HttpAnswer(outcome.status, outcome.body);
          return new HttpAnswer(201, userJson(outcome.value));
        },
      };
    }
    if (method === 'GET' && (m = /^\/organizations\/([^/]+)\/users\/([^/]+)$/.exec(path))) {
      const org = orgFor(decodeURIComponent(m[1]!), token);
      const uid = decodeURIComponent(m[2]!);
      return {
        orgId: org.id,
        kind: 'get_user',
        run: () => {
          const user = state.getUser(org.id, uid);
          if (!user) throw notFound();
          return new HttpAnswer(200, userJson(user));
        },
      };
    }
    if (method === 'GET' && (m = /^\/organizations\/([^/]+)\/users\/([^/]+)\/measurements$/.exec(path))) {
      const org = orgFor(decodeURIComponent(m[1]!), token);
      const uid = decodeURIComponent(m[2]!);
      return {
        orgId: org.id,
        kind: 'get_readings',
        run: () => {
          const start = query.get('start_date') ?? '';
          const end = query.get('end_date') ?? '';
          // Validic answers a bad or too wide window (over 30 days) with a plain-text 400.
          const days = (Date.parse(end) - Date.parse(start)) / 86_400_000;
          if (!DATE.test(start) || !DATE.test(end) || !(days >= 0 && days <= 30))
            throw new HttpAnswer(400, 'there was an error with request');
          const user = state.getUser(org.id, uid);
          if (!user) throw notFound();
          const data = state
            .readings(user, firstReadingDelayMs)
            .filter((r) => r.start_time.slice(0, 10) >= start && r.start_time.slice(0, 10) <= end);
          return new HttpAnswer(200, { data });
        },
      };
    }
    if (method === 'POST' && path === '/direct/auth/smart_meter/connect') {
      const user = userForToken(token);
      return {
        orgId: user.orgId,
        kind: 'connect',
        run: () => {
          const input = parseJson(body, ConnectBody);
          if (!/^\d{15}$/.test(input.device_id))
            throw new HttpAnswer(422, { errors: ['device_id must be a 15-digit IMEI'] });
          if (!passesLuhn(input.device_id))
            throw new HttpAnswer(422, { errors: ['device_id is not a valid IMEI: the check digit does not match'] });
          if (!deviceTypes.has(input.device_type)) {
            throw new HttpAnswer(422, { errors: [`device_type must be one of ${[...deviceTypes].join(', ')}`] });
          }
          const outcome = state.connect(user, input.device_id, input.device_type, {
            heldStatus: behaviour.imeiHeld,
            repeat: options.repeatConnect ?? 'accept',
          });
          if (!outcome.ok) throw new HttpAnswer(outcome.status, outcome.body);
          return new HttpAnswer(202, connectionJson(outcome.value));
        },
      };
    }
    if (method === 'POST' && (m = /^\/direct\/auth\/smart_meter\/disconnect\/([^/]+)$/.exec(path))) {
      const user = userForToken(token);
      const imei = decodeURIComponent(m[1]!);
      return {
        orgId: user.orgId,
        kind: 'disconnect',
        run: () => {
          const outcome = state.disconnect(user, imei);
          if (!outcome.ok) throw new HttpAnswer(outcome.status, outcome.body);
          return new HttpAnswer(202, connectionJson(outcome.value));
        },
      };
    }
    if (method === 'POST' && path === '/direct/auth/smart_meter/disconnect_all') {
      const user = userForToken(token);
      return {
        orgId: user.orgId,
        kind: 'disconnect_all',
        run: () => {
          const outcome = state.disconnectAll(user);
          if (!outcome.ok) throw new HttpAnswer(outcome.status, outcome.body);
          return new HttpAnswer(202, {
            meta: { total: outcome.value.length },
            connections: outcome.value.map(connectionJson),
          });
        },
      };
    }
    return new HttpAnswer(404, { errors: ['not found'] });
  };

  const send = (res: ServerResponse, answer: HttpAnswer, malformed = false) => {
    if (res.destroyed) return;
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    const body = malformed ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text;
    res.writeHead(answer.status, {
      'content-type': typeof answer.body === 'string' ? 'text/plain' : 'application/json',
      ...answer.headers,
    });
    res.end(body);
  };

  const simRoutes = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    if (req.method === 'GET' && path === '/_sim/state') return send(res, new HttpAnswer(200, state.view()));
    if (req.method === 'GET' && path === '/_sim/faults') return send(res, new HttpAnswer(200, faults));
    if (req.method === 'PUT' && path === '/_sim/faults') {
      faults = parseJson(await readBody(req), FaultsSchema);
      return send(res, new HttpAnswer(200, faults));
    }
    if (req.method === 'PUT' && path === '/_sim/rate-limit') {
      rate = parseJson(await readBody(req), SimRateLimitSchema);
      windows.clear();
      return send(res, new HttpAnswer(200, rate));
    }
    return send(res, new HttpAnswer(404, { errors: ['not found'] }));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/_sim/')) return simRoutes(req, res, url.pathname);
    apiRequests++;
    const body = await readBody(req);
    let target: ReturnType<typeof route>;
    try {
      target = route(req.method ?? 'GET', url.pathname, url.searchParams, body);
    } catch (thrown) {
      if (!(thrown instanceof HttpAnswer)) throw thrown;
      target = thrown;
    }
    if (target instanceof HttpAnswer) {
      if (target.status !== 404) state.reject();
      return send(res, target);
    }
    byRoute[target.kind] = (byRoute[target.kind] ?? 0) + 1;
    if (target.kind === 'connect') {
      const deviceId = (() => {
        try {
          return ConnectBody.parse(JSON.parse(body)).device_id;
        } catch {
          return '(unreadable)';
        }
      })();
      connectsByImei[deviceId] = (connectsByImei[deviceId] ?? 0) + 1;
    }
    if (!spend(target.orgId, res)) {
      state.reject();
      return send(res, new HttpAnswer(429, { errors: ['Rate limit exceeded'] }));
    }
    if (burstLeft > 0 || random() < faults.burst429Share) {
      burstLeft = burstLeft > 0 ? burstLeft - 1 : faults.burst429Length - 1;
      if (behaviour.rateHeaders === 'validic_page') {
        // Validic documents no Retry-After and no 429 body: the client must back off on its own.
        res.setHeader('X-RateLimit_Remaining', '0');
      } else {
        res.setHeader('X-RateLimit-Remaining', '0');
        res.setHeader('Retry-After', '1');
        res.setHeader('X-RateLimit-Reset', String(Math.ceil(Date.now() / 1000) + 1));
      }
      state.reject();
      return send(res, new HttpAnswer(429, { errors: ['Rate limit exceeded'] }));
    }
    if (random() < faults.hangShare) return; // never answered; the socket is closed on stop
    const latency = Math.max(0, faults.latencyMs + (random() * 2 - 1) * faults.jitterMs);
    if (latency > 0) await sleep(latency);
    if (random() < faults.serverErrorShare) {
      const status = [500, 502, 503][Math.floor(random() * 3)]!;
      return send(res, new HttpAnswer(status, { errors: ['Internal Server Error'] }));
    }
    let answer: HttpAnswer;
    try {
      answer = target.run();
    } catch (thrown) {
      if (!(thrown instanceof HttpAnswer)) throw thrown;
      state.reject();
      answer = thrown;
    }
    persist();
    const stateChanging = target.kind === 'connect' || target.kind === 'disconnect' || target.kind === 'disconnect_all';
    if (stateChanging && answer.status < 300 && random() < (faults.gatewayShare ?? behaviour.gatewayShare)) {
      // Applied, then the gateway gave up waiting for the answer.
      return send(res, new HttpAnswer(502, gatewayPage, HTML));
    }
    if (random() < faults.resetShare) {
      res.socket?.destroy();
      return;
    }
    send(res, answer, answer.status < 300 && random() < faults.malformedShare);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof HttpAnswer) return send(res, error);
      send(res, new HttpAnswer(500, { errors: ['simulator error'] }));
    });
  });
  // Hung requests are held on purpose; keep-alive sockets must not hold stop() up.
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    orgId: demo.id,
    token: demo.token,
    state: () => state.view(),
    faults: () => faults,
    setFaults: (input) => (faults = FaultsSchema.parse(input)),
    setRateLimit: (next) => {
      rate = SimRateLimitSchema.parse(next);
      windows.clear();
    },
    setDeviceTypes: (next) => {
      deviceTypes = new Set(next);
    },
    addOrganization: () => {
      const org = state.addOrganization();
      persist();
      return org;
    },
    requestCount: () => apiRequests,
    requestLog: () => ({ byRoute: { ...byRoute }, connectsByImei: { ...connectsByImei } }),
    profile,
    behaviour,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export { noFaults };
