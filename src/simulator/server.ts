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
import { seededRandom } from './random.js';
import { DISCONNECT_REASON, SimState, type ConnectionRecord, type Organization, type SimStateView, type UserRecord } from './state.js';

export interface SimRateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

export const SimRateLimitSchema = z.object({ limit: z.number().int().min(1), windowMs: z.number().int().min(100) }).strict();

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
  close(): Promise<void>;
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
  ) {}
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const state = options.stateFile ? SimState.load(options.stateFile) : new SimState();
  const demo = state.organizations[0]!;
  let faults: Faults = FaultsSchema.parse(options.faults ?? {});
  let rate: SimRateLimit = options.rateLimit ?? validicRate;
  let deviceTypes = new Set<string>(options.deviceTypes ?? defaultSimDeviceTypes);
  const random = options.seed !== undefined ? seededRandom(options.seed) : Math.random;
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
    sources: state.sources(user),
    status: 'active',
    created_at: user.created_at,
    updated_at: user.updated_at,
  });
  const connectionJson = (c: ConnectionRecord) => ({
    credentials: { device_id: c.device_id, device_type: c.device_type, device_name: c.device_name },
    type: 'smart_meter',
    created_at: c.created_at,
    ...(c.deleted_at !== null ? { deleted_at: c.deleted_at, deleted_reason: c.deleted_reason ?? DISCONNECT_REASON } : {}),
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
    res.setHeader('X-RateLimit-Remaining', String(rate.limit - window.used));
    res.setHeader('X-RateLimit-Reset', String(Math.ceil(((index + 1) * rate.windowMs) / 1000)));
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
    if (!user) throw new HttpAnswer(401, { errors: ['Token is not authorized'] });
    return user;
  };

  /** Resolves the route to the organization it bills and the action to run once faults pass. */
  const route = (method: string, path: string, token: string | null, body: string): { orgId: string; run: () => HttpAnswer } | HttpAnswer => {
    let m: RegExpExecArray | null;
    if (method === 'POST' && (m = /^\/organizations\/([^/]+)\/users\/?$/.exec(path))) {
      const org = orgFor(decodeURIComponent(m[1]!), token);
      return {
        orgId: org.id,
        run: () => {
          const input = parseJson(body, ProvisionBody);
          const uid = checkUid(input.uid);
          if (!uid.ok) throw new HttpAnswer(422, { message: 'An error occurred and an error response has been sent with details.' });
          const outcome = state.provision(org.id, input.uid, input.location ?? undefined);
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
        run: () => {
          const user = state.getUser(org.id, uid);
          if (!user) throw new HttpAnswer(404, { errors: ['not found'] });
          return new HttpAnswer(200, userJson(user));
        },
      };
    }
    if (method === 'POST' && path === '/direct/auth/smart_meter/connect') {
      const user = userForToken(token);
      return {
        orgId: user.orgId,
        run: () => {
          const input = parseJson(body, ConnectBody);
          if (!/^\d{15}$/.test(input.device_id)) throw new HttpAnswer(422, { errors: ['device_id must be a 15-digit IMEI'] });
          if (!passesLuhn(input.device_id)) throw new HttpAnswer(422, { errors: ['device_id is not a valid IMEI: the check digit does not match'] });
          if (!deviceTypes.has(input.device_type)) {
            throw new HttpAnswer(422, { errors: [`device_type must be one of ${[...deviceTypes].join(', ')}`] });
          }
          const outcome = state.connect(user, input.device_id, input.device_type);
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
        run: () => {
          const outcome = state.disconnectAll(user);
          if (!outcome.ok) throw new HttpAnswer(outcome.status, outcome.body);
          return new HttpAnswer(202, { meta: { total: outcome.value.length }, connections: outcome.value.map(connectionJson) });
        },
      };
    }
    return new HttpAnswer(404, { errors: ['not found'] });
  };

  const send = (res: ServerResponse, answer: HttpAnswer, malformed = false) => {
    if (res.destroyed) return;
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    const body = malformed ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text;
    res.writeHead(answer.status, { 'content-type': typeof answer.body === 'string' ? 'text/plain' : 'application/json' });
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
    const target = route(req.method ?? 'GET', url.pathname, url.searchParams.get('token'), body);
    if (target instanceof HttpAnswer) {
      if (target.status !== 404) state.reject();
      return send(res, target);
    }
    if (!spend(target.orgId, res)) {
      state.reject();
      return send(res, new HttpAnswer(429, { errors: ['Rate limit exceeded'] }));
    }
    if (burstLeft > 0 || random() < faults.burst429Share) {
      burstLeft = burstLeft > 0 ? burstLeft - 1 : faults.burst429Length - 1;
      res.setHeader('X-RateLimit-Remaining', '0');
      res.setHeader('Retry-After', '1');
      res.setHeader('X-RateLimit-Reset', String(Math.ceil(Date.now() / 1000) + 1));
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
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export { noFaults };
