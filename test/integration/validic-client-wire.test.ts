/**
 * What the client puts on the wire and in its log, and when it waits before re-sending: over real
 * HTTP to the simulator on 127.0.0.1, through a loopback proxy that sees each request as sent.
 * Written against the survivors of the module's mutation run (docs/mutation.md).
 */
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/index.js';
import { RateLimitBudget, ValidicClient, type ValidicClientOptions } from '../../src/validic/index.js';
import { capturedLogger } from '../support/captured-logger.js';
import { validicFailure } from '../support/validic-failure.js';
import { testImei } from '../support/imei.js';
import { tamperingProxy, type SeenRequest, type Tamper, type TamperingProxy } from '../support/tampering-proxy.js';
import { ensureUser } from '../support/validic-user.js';

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSimulator({ seed: 11 });
});
afterAll(async () => {
  await sim.close();
});

function clientOf(base: string, overrides: Partial<ValidicClientOptions> = {}): ValidicClient {
  return new ValidicClient({
    orgId: sim.orgId,
    orgToken: sim.token,
    apiBase: base,
    directBase: base,
    backoffBaseMs: 1,
    backoffMaxMs: 2,
    ...overrides,
  });
}

async function throughProxy(tamper: Tamper, run: (proxy: TamperingProxy) => Promise<void>): Promise<void> {
  const proxy = await tamperingProxy(sim.baseUrl, tamper);
  try {
    await run(proxy);
  } finally {
    await proxy.close();
  }
}

describe('what the client sends', () => {
  it('a call with a body sends it as JSON and says so; every call asks for JSON; a call without a body sends none', async () => {
    const seen: SeenRequest[] = [];
    await throughProxy({ seen: (request) => seen.push(request) }, async (proxy) => {
      const client = clientOf(proxy.url);
      const user = await client.provisionUser('wire-user-1', { timezone: 'Europe/Madrid', country_code: 'ES' });
      await client.getUser('wire-user-1');
      await client.connect(user.marketplace.token, testImei(4101), 'blood_glucose');
      await client.disconnect(user.marketplace.token, testImei(4101));
    });
    expect(seen.map((r) => r.method)).toEqual(['POST', 'GET', 'POST', 'POST']);
    for (const request of seen) expect(request.headers.accept).toBe('application/json');
    const [provision, read, connect, disconnect] = seen;
    expect(provision!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(provision!.body)).toEqual({
      uid: 'wire-user-1',
      location: { timezone: 'Europe/Madrid', country_code: 'ES' },
    });
    expect(connect!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(connect!.body)).toEqual({ device_id: testImei(4101), device_type: 'blood_glucose' });
    for (const bodiless of [read!, disconnect!]) {
      expect(bodiless.headers['content-type']).toBeUndefined();
      expect(bodiless.body).toBe('');
    }
  });

  it("the patient's location reaches Validic with the provisioning, and is left out when not given", async () => {
    const client = clientOf(sim.baseUrl);
    const placed = await client.provisionUser('wire-user-2', { timezone: 'America/Chicago', country_code: 'US' });
    expect(placed.location).toEqual({ timezone: 'America/Chicago', country_code: 'US' });
    const seen: SeenRequest[] = [];
    await throughProxy({ seen: (request) => seen.push(request) }, async (proxy) => {
      await clientOf(proxy.url).provisionUser('wire-user-3');
    });
    expect(JSON.parse(seen[0]!.body)).toEqual({ uid: 'wire-user-3' });
  });
});

describe('what the client logs', () => {
  it('each answered call at debug: the operation, the attempt, the path with its token cut, the status and how long it took', async () => {
    const { logger, records } = capturedLogger();
    const client = clientOf(sim.baseUrl, { logger });
    await ensureUser(clientOf(sim.baseUrl), 'wire-user-4');
    const before = performance.now();
    await client.getUser('wire-user-4');
    const elapsed = performance.now() - before;
    const [line] = records();
    expect(line).toMatchObject({
      level: 20,
      msg: 'validic call',
      op: 'get_user',
      attempt: 0,
      status: 200,
      where: expect.stringMatching(/^GET \/organizations\/.+\/users\/wire-user-4\?token=…[0-9a-f]{4}$/),
    });
    expect(line!.where).not.toContain(sim.token);
    expect(line!.ms).toBeGreaterThanOrEqual(0);
    expect(line!.ms).toBeLessThanOrEqual(Math.ceil(elapsed) + 1);
  });

  it('each failed attempt at warn: the operation, the attempt, the kind, whether it may have arrived, and how long it took', async () => {
    const dead = await startSimulator();
    await dead.close();
    const { logger, records } = capturedLogger();
    const client = clientOf(dead.baseUrl, { logger, retries: 1 });
    const before = performance.now();
    const error = await validicFailure(client.getUser('wire-user-5'));
    const elapsed = performance.now() - before;
    expect(error.kind).toBe('network');
    const lines = records();
    expect(lines.map((l) => [l.level, l.msg, l.op, l.attempt, l.kind, l.unknown])).toEqual([
      [40, 'validic call failed', 'get_user', 0, 'network', false],
      [40, 'validic call failed', 'get_user', 1, 'network', false],
    ]);
    for (const line of lines) {
      expect(line.where).toMatch(/^GET \/organizations\/.+\/users\/wire-user-5\?token=…[0-9a-f]{4}$/);
      expect(line.where).not.toContain(sim.token);
      expect(line.ms).toBeGreaterThanOrEqual(0);
      expect(line.ms).toBeLessThanOrEqual(Math.ceil(elapsed) + 1);
    }
  });

  it('a connect Validic accepted with a body that cannot be read is a connection, and the log says so', async () => {
    const { logger, records } = capturedLogger();
    const user = await ensureUser(clientOf(sim.baseUrl), 'wire-user-6');
    await throughProxy({ answer: (body, url) => (url.includes('/connect') ? 'not json' : body) }, async (proxy) => {
      const connected = await clientOf(proxy.url, { logger }).connect(
        user.marketplace.token,
        testImei(4102),
        'blood_glucose',
      );
      expect(connected).toBeNull();
    });
    expect(sim.requestLog().connectsByImei[testImei(4102)]).toBe(1);
    const warning = records().find((l) => l.level === 40);
    expect(warning).toMatchObject({
      msg: 'connect accepted; its body was not usable',
      op: 'connect',
      status: 202,
      problem: expect.stringContaining('is not JSON'),
    });
  });
});

describe('when the client waits', () => {
  it('backs off (one drawn wait) before each re-send of a failed read, and draws none before re-sending after a 429', async () => {
    let draws = 0;
    const random = () => {
      draws++;
      return 0.5;
    };
    await ensureUser(clientOf(sim.baseUrl), 'wire-user-7');
    sim.setFaults({ serverErrorShare: 1 });
    try {
      await validicFailure(clientOf(sim.baseUrl, { retries: 2, random }).getUser('wire-user-7'));
    } finally {
      sim.setFaults({});
    }
    expect(draws).toBe(2);

    draws = 0;
    sim.setFaults({ burst429Share: 1, burst429Length: 1 });
    try {
      const limited = await validicFailure(clientOf(sim.baseUrl, { retries: 1, random }).getUser('wire-user-7'));
      expect(limited).toMatchObject({ kind: 'rate_limited', status: 429 });
    } finally {
      sim.setFaults({});
    }
    expect(draws).toBe(0);
  });

  it("a call the budget refuses is never sent and never re-sent: the budget's refusal is final", async () => {
    const clock = { now: 5_000_000 };
    const budget = new RateLimitBudget({ limit: 2, windowMs: 10_000, reserve: 1 }, () => clock.now);
    await budget.acquire(); // the one slot of this window is taken
    const client = clientOf(sim.baseUrl, { budget, retries: 3, maxBudgetWaitMs: 50 });
    const error = await validicFailure(client.getUser('wire-user-8'));
    expect(error).toMatchObject({ kind: 'rate_limited', retryAt: clock.now + 10_001 });
    expect(client.stats()).toMatchObject({ requests: 0, retries: 0 });
  });

  it('waits at most a minute for the budget unless told otherwise', async () => {
    const clock = { now: 5_000_000 };
    // The next slot is ten minutes away: past the default wait, so the call is refused at once.
    const budget = new RateLimitBudget({ limit: 2, windowMs: 600_000, reserve: 1 }, () => clock.now);
    await budget.acquire();
    const error = await validicFailure(clientOf(sim.baseUrl, { budget }).getUser('wire-user-9'));
    expect(error).toMatchObject({ kind: 'rate_limited', retryAt: clock.now + 600_001 });
  });
});
