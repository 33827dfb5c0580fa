/**
 * startSimulator: a Validic Direct Connection simulator over real HTTP on 127.0.0.1. It serves the
 * endpoints the kiosk uses with the rules of SimState, the organization's rate limit with
 * X-RateLimit-* headers, injected faults, and the test endpoints under /_sim/.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultsSchema, noFaults, type Faults, type FaultsInput } from './faults.js';
import { HTML, HttpAnswer, gatewayPage, parseJson, readBody, send } from './http-answer.js';
import { SIM_BEHAVIOURS, type SimBehaviour, type SimProfileName } from './profiles.js';
import { seededRandom } from './random.js';
import { RateWindows, SimRateLimitSchema, validicRate, type SimRateLimit } from './rate-window.js';
import { ConnectBody, apiRoutes } from './routes.js';
import { SimState } from './state.js';
import type { Organization, SimStateView } from './state-records.js';

export { SimRateLimitSchema, type SimRateLimit } from './rate-window.js';

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
  const windows = new RateWindows(behaviour);
  let burstLeft = 0;
  let apiRequests = 0;
  const persist = () => {
    if (options.stateFile) state.save(options.stateFile);
  };
  persist();

  const route = apiRoutes({
    state,
    behaviour,
    firstReadingDelayMs,
    repeatConnect: options.repeatConnect ?? 'accept',
    deviceTypes: () => deviceTypes,
    baseUrl: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  });

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
    if (!windows.spend(target.orgId, res, rate)) {
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
