/** The client over real HTTP against the simulator on 127.0.0.1: every endpoint, every error kind. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/index.js';
import {
  testConnection,
  ValidicClient,
  type ValidicError,
  type ValidicClientOptions,
} from '../../src/validic/index.js';
import { capturedLogger } from '../support/captured-logger.js';
import { validicFailure } from '../support/validic-failure.js';
import { testImei as imeiFrom, withWrongCheckDigit } from '../support/imei.js';
import { ensureUser } from '../support/validic-user.js';

let sim: SimulatorHandle;

// Every client logs at debug level, so each test goes through the client's logging too.
const { logger } = capturedLogger();

function clientFor(overrides: Partial<ValidicClientOptions> = {}): ValidicClient {
  return new ValidicClient({
    orgId: sim.orgId,
    orgToken: sim.token,
    apiBase: sim.baseUrl,
    directBase: sim.baseUrl,
    backoffBaseMs: 5,
    backoffMaxMs: 20,
    logger,
    ...overrides,
  });
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 7 });
});
afterEach(() => {
  sim.setFaults({});
});
afterAll(async () => {
  await sim.close();
});

describe('every endpoint', () => {
  it('provisions, reads, connects two devices, disconnects one, then all', async () => {
    const client = clientFor();
    const user = await client.provisionUser('ep-user-0001', { timezone: 'America/New_York', country_code: 'US' });
    expect(user.uid).toBe('ep-user-0001');
    expect(user.sources).toEqual([]);

    const a = await client.connect(user.marketplace.token, imeiFrom(1), 'blood_pressure');
    expect(a?.credentials).toEqual({ device_id: imeiFrom(1), device_type: 'blood_pressure', device_name: null });
    await client.connect(user.marketplace.token, imeiFrom(2), 'weight_scale');
    const again = await client.getUser('ep-user-0001');
    expect(again.sources.map((s) => s.type)).toEqual(['smart_meter']);

    const one = await client.disconnect(user.marketplace.token, imeiFrom(1));
    expect(one.deleted_reason).toBe('User disconnected from Direct Endpoint');
    const all = await client.disconnectAll(user.marketplace.token);
    expect(all.meta.total).toBe(1);
    expect(all.connections[0]?.credentials.device_id).toBe(imeiFrom(2));
    expect((await client.getUser('ep-user-0001')).sources).toEqual([]);
  });

  it('the same IMEI again for the same user is idempotent (202, counted as connect_repeat)', async () => {
    const client = clientFor();
    const user = await client.provisionUser('ep-user-0002');
    const before = sim.state().counts.connect_repeat;
    const first = await client.connect(user.marketplace.token, imeiFrom(3), 'blood_glucose');
    const second = await client.connect(user.marketplace.token, imeiFrom(3), 'blood_glucose');
    expect(second?.created_at).toBe(first?.created_at);
    expect(sim.state().counts.connect_repeat).toBe(before + 1);
    const held = sim.state().users.find((u) => u.uid === 'ep-user-0002')!.connections;
    expect(held).toHaveLength(1);
  });

  it('ensureUser recovers the marketplace token of an existing user (provision → 409 → read)', async () => {
    const client = clientFor();
    const first = await ensureUser(client, 'ep-user-0003');
    const second = await ensureUser(client, 'ep-user-0003');
    expect(second.marketplace.token).toBe(first.marketplace.token);
    expect(client.stats().byOperation).toMatchObject({ provision: 2, get_user: 1 });
  });
});

describe('every error kind', () => {
  it('invalid_request: a Luhn failure is 422 with the server message, not retried', async () => {
    const client = clientFor();
    const user = await client.provisionUser('err-luhn-01');
    const bad = withWrongCheckDigit(imeiFrom(9)).imei;
    const error = await validicFailure(client.connect(user.marketplace.token, bad, 'blood_glucose'));
    expect(error).toMatchObject({ kind: 'invalid_request', status: 422, retryable: false });
    expect(error.message).toContain('check digit');
    expect(error.nextAction).toMatch(/IMEI/);
    expect(client.stats().byOperation.connect).toBe(1);
  });

  it('invalid_request: an unknown device type is 422', async () => {
    const client = clientFor();
    const user = await client.provisionUser('err-type-01');
    const error = await validicFailure(client.connect(user.marketplace.token, imeiFrom(10), 'thermometer'));
    expect(error).toMatchObject({ kind: 'invalid_request', status: 422 });
    expect(error.message).toContain('device_type');
  });

  it('unauthorized: a token of another organization is 401 and never retried', async () => {
    const other = sim.addOrganization();
    const client = clientFor({ orgToken: other.token, retries: 5 });
    const error = await validicFailure(client.getUser('ep-user-0001'));
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401, retryable: false });
    expect(client.stats().requests).toBe(1);
  });

  it('unauthorized: an unknown token is 403, never retried, even with 5xx faults around', async () => {
    sim.setFaults({ serverErrorShare: 0 });
    const client = clientFor({ orgToken: 'f'.repeat(64), retries: 5 });
    const error = await validicFailure(client.provisionUser('err-auth-02'));
    expect(error).toMatchObject({ kind: 'unauthorized', status: 403 });
    expect(error.nextAction).toMatch(/administrator/);
    expect(client.stats().requests).toBe(1);
  });

  it('not_found: an unknown uid', async () => {
    const error = await validicFailure(clientFor().getUser('nobody-here'));
    expect(error).toMatchObject({ kind: 'not_found', status: 404 });
  });

  it('conflict: an IMEI held by another user is 409 with the errors body', async () => {
    const client = clientFor();
    const a = await client.provisionUser('conf-user-a');
    const b = await client.provisionUser('conf-user-b');
    await client.connect(a.marketplace.token, imeiFrom(20), 'blood_glucose');
    const error = await validicFailure(client.connect(b.marketplace.token, imeiFrom(20), 'blood_glucose'));
    expect(error).toMatchObject({
      kind: 'conflict',
      status: 409,
      serverMessage: 'Device is already connected to another user',
    });
  });

  it('rate_limited: past the limit the server answers 429 and the client waits for the reset or fails fast', async () => {
    const limited = await startSimulator({ rateLimit: { limit: 3, windowMs: 60_000 } });
    try {
      const client = new ValidicClient({
        orgId: limited.orgId,
        orgToken: limited.token,
        apiBase: limited.baseUrl,
        directBase: limited.baseUrl,
        // A budget larger than the server's, to make the server say 429.
        rateLimit: { limit: 1000, windowMs: 60_000 },
        maxBudgetWaitMs: 0,
        logger,
      });
      await client.provisionUser('rate-user-1');
      await client.provisionUser('rate-user-2');
      await client.provisionUser('rate-user-3');
      // The server said Remaining: 0: the client does not even send the next call.
      const error = await validicFailure(client.provisionUser('rate-user-4'));
      expect(error.kind).toBe('rate_limited');
      expect(error.retryAt).toBeGreaterThan(Date.now());
      expect(client.stats().requests).toBe(3);
      expect(client.budgetSnapshot()).toMatchObject({ remaining: 0, serverRemaining: 0 });

      // A client that ignores the header would get 429 from the server itself.
      const blind = new ValidicClient({
        orgId: limited.orgId,
        orgToken: limited.token,
        apiBase: limited.baseUrl,
        directBase: limited.baseUrl,
        retries: 0,
      });
      const refused = await validicFailure(blind.getUser('rate-user-1'));
      expect(refused).toMatchObject({ kind: 'rate_limited', status: 429 });
    } finally {
      await limited.close();
    }
  });

  it('rate_limited: a 429 burst is waited out (Retry-After) and retried, then reported if it persists', async () => {
    await ensureUser(clientFor(), 'burst-user-1');
    sim.setFaults({ burst429Share: 1, burst429Length: 1 });
    const client = clientFor({ retries: 1 });
    const error = await validicFailure(client.getUser('burst-user-1'));
    expect(error).toMatchObject({ kind: 'rate_limited', status: 429, retryable: true });
    expect(client.stats().requests).toBe(2);
    sim.setFaults({});
    // The burst is over: the same client goes on once the reset has passed.
    await expect(client.getUser('burst-user-1')).resolves.toMatchObject({ uid: 'burst-user-1' });
  });

  it('server_error: 5xx is retried with backoff, then reported', async () => {
    sim.setFaults({ serverErrorShare: 1 });
    const client = clientFor({ retries: 2 });
    const error = await validicFailure(client.getUser('ep-user-0001'));
    expect(error).toMatchObject({ kind: 'server_error', retryable: true });
    expect([500, 502, 503]).toContain(error.status);
    expect(client.stats()).toMatchObject({ requests: 3, retries: 2 });
  });

  it('timeout: a hung request fails after the per-call timeout', async () => {
    sim.setFaults({ hangShare: 1 });
    const client = clientFor({ timeoutMs: 150, retries: 1 });
    const error = await validicFailure(client.getUser('ep-user-0001'));
    expect(error).toMatchObject({ kind: 'timeout' });
    expect(error.message).toContain('150 ms');
    expect(client.stats().requests).toBe(2);
  });

  it('network: a refused connection', async () => {
    const closed = await startSimulator();
    const base = closed.baseUrl;
    await closed.close();
    const client = new ValidicClient({
      orgId: 'org1',
      orgToken: sim.token,
      apiBase: base,
      directBase: base,
      retries: 1,
      backoffBaseMs: 1,
    });
    const error = await validicFailure(client.getUser('ep-user-0001'));
    expect(error).toMatchObject({ kind: 'network' });
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('network: a connection reset, retried until the call goes through', async () => {
    sim.setFaults({ resetShare: 1 });
    const client = clientFor({ retries: 1 });
    expect((await validicFailure(client.getUser('ep-user-0001'))).kind).toBe('network');
  });

  it('malformed_response: a truncated body is rejected, not half-used', async () => {
    const client = clientFor();
    await ensureUser(client, 'malformed-user-1');
    sim.setFaults({ malformedShare: 1 });
    const error = await validicFailure(client.getUser('malformed-user-1'));
    expect(error).toMatchObject({ kind: 'malformed_response', fieldPath: '(body)', retryable: false });
  });

  it('malformed_response: a read missing a required field names its path', async () => {
    await withScriptedServer(
      () => ({
        status: 200,
        body: JSON.stringify({
          id: 'x',
          uid: 'ep-user-0001',
          sources: [],
          created_at: '2023-10-01T15:53:41Z',
          updated_at: '2023-10-01T15:53:41Z',
        }),
      }),
      async (base) => {
        const client = new ValidicClient({ orgId: 'org1', orgToken: sim.token, apiBase: base, directBase: base });
        const error = await validicFailure(client.getUser('ep-user-0001'));
        expect(error).toMatchObject({ kind: 'malformed_response', fieldPath: 'marketplace', outcomeUnknown: false });
      },
    );
  });
});

/** A one-route server whose answers a test scripts, for what the simulator never says. */
async function withScriptedServer(
  answer: (n: number, path: string) => { status: number; body?: string | Buffer; headers?: Record<string, string> },
  run: (base: string, requests: () => number) => Promise<void>,
): Promise<void> {
  let n = 0;
  const server = createServer((req, res) => {
    n++;
    const a = answer(n, req.url ?? '/');
    res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
    res.end(a.body ?? '');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await run(base, () => n);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

/** A client (no retries) of a scripted server, for `run`. */
function withScriptedClient(
  answer: Parameters<typeof withScriptedServer>[0],
  run: (client: ValidicClient) => Promise<void>,
): Promise<void> {
  return withScriptedServer(answer, (base) =>
    run(new ValidicClient({ orgId: 'org1', orgToken: sim.token, apiBase: base, directBase: base, retries: 0 })),
  );
}

/** The refusal a client (no retries) gets from a server that answers every request with `status` and `body`. */
async function scriptedFailure(
  status: number,
  body: string,
  call: (client: ValidicClient) => Promise<unknown>,
): Promise<ValidicError> {
  let error: ValidicError | undefined;
  await withScriptedClient(
    () => ({ status, body }),
    async (client) => {
      error = await validicFailure(call(client));
    },
  );
  return error!;
}

describe('who re-sends: the client only what never reached Validic, and 429s', () => {
  it('a connect answered 5xx is sent once and comes back as outcome unknown (never re-sent by the client)', async () => {
    const user = await ensureUser(clientFor(), 'ep-user-5xx');
    sim.setFaults({ serverErrorShare: 1 });
    const client = clientFor({ retries: 4 });
    const error = await validicFailure(client.connect(user.marketplace.token, imeiFrom(7), 'blood_glucose'));
    expect(error).toMatchObject({ kind: 'server_error', outcomeUnknown: true });
    expect(client.stats()).toMatchObject({ requests: 1, retries: 0 });
    expect(error.message).toContain('may have been applied');
  });

  it('a connect whose connection is reset after it was written is outcome unknown, sent once', async () => {
    const user = await ensureUser(clientFor(), 'ep-user-reset');
    sim.setFaults({ resetShare: 1 });
    const client = clientFor({ retries: 4 });
    const error = await validicFailure(client.connect(user.marketplace.token, imeiFrom(8), 'blood_glucose'));
    expect(error).toMatchObject({ kind: 'network', outcomeUnknown: true });
    expect(client.stats().byOperation.connect).toBe(1);
    // The reset came after the simulator applied it: exactly what the engine must decide about.
    expect(sim.state().users.find((u) => u.uid === 'ep-user-reset')!.connections).toHaveLength(1);
  });

  it('a timed-out disconnect is outcome unknown, sent once', async () => {
    const user = await ensureUser(clientFor(), 'ep-user-hang');
    sim.setFaults({ hangShare: 1 });
    const client = clientFor({ timeoutMs: 100, retries: 4 });
    const error = await validicFailure(client.disconnect(user.marketplace.token, imeiFrom(9)));
    expect(error).toMatchObject({ kind: 'timeout', outcomeUnknown: true });
    expect(client.stats().requests).toBe(1);
  });

  it('a refused connection (nothing reached Validic) is retried by the client, even for a connect', async () => {
    const closed = await startSimulator();
    const base = closed.baseUrl;
    await closed.close();
    const client = new ValidicClient({
      orgId: 'org1',
      orgToken: sim.token,
      apiBase: base,
      directBase: base,
      retries: 2,
      backoffBaseMs: 1,
    });
    const error = await validicFailure(client.connect('a'.repeat(64), imeiFrom(10), 'blood_glucose'));
    expect(error).toMatchObject({ kind: 'network', outcomeUnknown: false });
    expect(client.stats()).toMatchObject({ requests: 3, retries: 2 });
  });

  it('a connect answered 2xx with a body that does not parse is still connected (Validic accepted it)', async () => {
    await withScriptedServer(
      (n) => (n === 1 ? { status: 202, body: '{"credentials": {"device_id": "4901' } : { status: 204 }),
      async (base, requests) => {
        const client = new ValidicClient({ orgId: 'org1', orgToken: sim.token, apiBase: base, directBase: base });
        await expect(client.connect('a'.repeat(64), '490154203237518', 'blood_glucose')).resolves.toBeNull();
        await expect(client.connect('a'.repeat(64), '490154203237518', 'blood_glucose')).resolves.toBeNull();
        expect(requests()).toBe(2);
      },
    );
  });

  it('a disconnect answered 2xx with a body that does not parse is outcome unknown, not half-used', async () => {
    await withScriptedServer(
      () => ({
        status: 202,
        body: JSON.stringify({ credentials: { device_id: '490154203237518' }, type: 'smart_meter' }),
      }),
      async (base, requests) => {
        const client = new ValidicClient({
          orgId: 'org1',
          orgToken: sim.token,
          apiBase: base,
          directBase: base,
          retries: 3,
        });
        const error = await validicFailure(client.disconnect('a'.repeat(64), '490154203237518'));
        expect(error).toMatchObject({ kind: 'malformed_response', outcomeUnknown: true, status: 202 });
        expect(requests()).toBe(1);
      },
    );
  });

  it('a connect re-sent by nobody: with a seeded 20% 5xx, every connect is sent exactly once', async () => {
    sim.setFaults({ serverErrorShare: 0.2 });
    const client = clientFor({ retries: 8 });
    const user = await ensureUser(client, 'ep-user-once');
    const before = sim.requestLog().connectsByImei;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => client.connect(user.marketplace.token, imeiFrom(2000 + i), 'blood_glucose')),
    );
    const log = sim.requestLog().connectsByImei;
    for (let i = 0; i < 20; i++) expect((log[imeiFrom(2000 + i)] ?? 0) - (before[imeiFrom(2000 + i)] ?? 0)).toBe(1);
    const unknown = outcomes
      .filter((o) => o.status === 'rejected')
      .map((o) => (o as PromiseRejectedResult).reason as ValidicError);
    expect(unknown.length).toBeGreaterThan(0);
    for (const e of unknown) expect(e.outcomeUnknown).toBe(true);
  });
});

describe('every answer Validic may give', () => {
  it('a redirect from the direct host is never followed: the marketplace token was not accepted', async () => {
    await withScriptedServer(
      (_n, path) =>
        path.startsWith('/users/sign_in')
          ? { status: 200, body: '<html>sign in</html>' }
          : {
              status: 302,
              headers: { location: '/users/sign_in', 'content-type': 'text/html' },
              body: '<html><title>Redirecting</title></html>',
            },
      async (base, requests) => {
        const client = new ValidicClient({
          orgId: 'org1',
          orgToken: sim.token,
          apiBase: base,
          directBase: base,
          retries: 3,
        });
        const error = await validicFailure(client.connect('b'.repeat(64), '490154203237518', 'blood_glucose'));
        expect(error).toMatchObject({
          kind: 'unauthorized',
          credential: 'marketplace',
          status: 302,
          outcomeUnknown: false,
        });
        expect(error.message).toContain('marketplace token was not accepted');
        expect(requests()).toBe(1);
      },
    );
  });

  it('the published profile redirects an unknown marketplace token; the client reports it, not a malformed answer', async () => {
    const published = await startSimulator({ profile: 'published' });
    try {
      const client = new ValidicClient({
        orgId: published.orgId,
        orgToken: published.token,
        apiBase: published.baseUrl,
        directBase: published.baseUrl,
      });
      const error = await validicFailure(client.connect('c'.repeat(64), imeiFrom(11), 'blood_glucose'));
      expect(error).toMatchObject({ kind: 'unauthorized', credential: 'marketplace', status: 302 });
    } finally {
      await published.close();
    }
  });

  it('a body over 1 MiB is not read on', async () => {
    const huge = Buffer.alloc(2 * 1024 * 1024, 0x20);
    await withScriptedServer(
      () => ({ status: 200, body: huge }),
      async (base) => {
        const client = new ValidicClient({ orgId: 'org1', orgToken: sim.token, apiBase: base, directBase: base });
        const error = await validicFailure(client.getUser('ep-user-0001'));
        expect(error).toMatchObject({ kind: 'malformed_response' });
        expect(error.message).toContain('larger than 1 MiB');
      },
    );
  });

  it.each([
    [422, '{"errors": {"uid": ["has already been taken"]}}', 'uid has already been taken'],
    [404, '"not found"', 'not found'],
    [502, '<html><head><title>502 Bad Gateway</title></head><body></body></html>', 'an HTML page: "502 Bad Gateway"'],
    [400, 'there was an error with request', 'there was an error with request'],
  ])('keeps the server words of a %i answer', async (status, body, words) => {
    const error = await scriptedFailure(status, body, (client) => client.getUser('ep-user-0001'));
    expect(error.serverMessage).toBe(words);
    expect(error.message).toContain(words);
  });

  it('a connect refused 422 because the device is taken is a conflict; any other 422, a 400, or a 422 to another call is not', async () => {
    const taken = '{"errors": {"device_id": ["has already been taken"]}}';
    const inUse = '{"errors": {"device_id": ["is in use by another user"]}}';
    const invalid = '{"errors": {"device_id": ["is invalid"]}}';
    const kindOf = async (body: string, call: (client: ValidicClient) => Promise<unknown>, status = 422) => {
      const error = await scriptedFailure(status, body, call);
      kinds.push([error.kind, error.status]);
    };
    const kinds: Array<[string, number | undefined]> = [];
    const connect = (client: ValidicClient) => client.connect('mkt-token', imeiFrom(40), 'blood_glucose');
    await kindOf(taken, connect);
    await kindOf(inUse, connect);
    await kindOf(invalid, connect);
    await kindOf(taken, (client) => client.provisionUser('ep-user-0040'));
    await kindOf(taken, connect, 400);
    expect(kinds).toEqual([
      ['conflict', 422],
      ['conflict', 422],
      ['invalid_request', 422],
      ['invalid_request', 422],
      ['invalid_request', 400],
    ]);
  });

  it("reads Validic's own spelling X-RateLimit_Remaining", async () => {
    await withScriptedClient(
      () => ({
        status: 404,
        body: '"not found"',
        headers: { 'X-RateLimit-Limit': '2000', 'X-RateLimit_Remaining': '17' },
      }),
      async (client) => {
        await validicFailure(client.getUser('ep-user-0001'));
        expect(client.budgetSnapshot().serverRemaining).toBe(16 + 1);
      },
    );
  });

  it('a 429 with neither Retry-After nor a reset backs off (1 s) instead of spinning', async () => {
    await withScriptedServer(
      () => ({ status: 429, body: '' }),
      async (base, requests) => {
        const client = new ValidicClient({
          orgId: 'org1',
          orgToken: sim.token,
          apiBase: base,
          directBase: base,
          retries: 0,
        });
        const error = await validicFailure(client.getUser('ep-user-0001'));
        expect(error).toMatchObject({ kind: 'rate_limited', status: 429 });
        const snapshot = client.budgetSnapshot();
        expect(snapshot.remaining).toBe(0);
        expect(snapshot.nextSlotAt).not.toBeNull();
        expect(snapshot.nextSlotAt! - Date.now()).toBeGreaterThan(500);
        expect(snapshot.nextSlotAt! - Date.now()).toBeLessThanOrEqual(1001);
        expect(requests()).toBe(1);
      },
    );
  });
});

describe('under faults', () => {
  it('20% 5xx and 5% resets: reads and provisioning complete by retries; connects are never re-sent by the client', async () => {
    sim.setFaults({ serverErrorShare: 0.2, resetShare: 0.05 });
    const client = clientFor({ retries: 8 });
    const devices = Array.from({ length: 40 }, (_, i) => ({
      uid: `fault-user-${String(i).padStart(3, '0')}`,
      imei: imeiFrom(1000 + i),
    }));
    const results = await Promise.allSettled(
      devices.map(async (d) => {
        const user = await ensureUser(client, d.uid);
        return client.connect(user.marketplace.token, d.imei, 'blood_glucose');
      }),
    );
    expect(client.stats().retries).toBeGreaterThan(0);
    expect(client.stats().byOperation.connect).toBe(40);
    const state = sim.state();
    for (const [i, d] of devices.entries()) {
      const user = state.users.find((u) => u.uid === d.uid);
      expect(user).toBeDefined();
      const held = user!.connections.filter((c) => c.deleted_at === null).map((c) => c.device_id);
      const result = results[i]!;
      if (result.status === 'fulfilled') expect(held).toEqual([d.imei]);
      else {
        expect((result.reason as ValidicError).outcomeUnknown).toBe(true);
        expect(held.length).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('secrets', () => {
  it('no token appears in any log line or error, on success, refusal, retry, unknown outcome or a dead host', async () => {
    const { logger, lines } = capturedLogger();
    const client = clientFor({ logger, retries: 1 });
    const a = await client.provisionUser('secret-user-a');
    const b = await client.provisionUser('secret-user-b');
    const other = sim.addOrganization();
    const tokens = [sim.token, a.marketplace.token, b.marketplace.token, other.token, 'f'.repeat(64)];
    const errors: ValidicError[] = [];
    const fails = async (call: Promise<unknown>) => errors.push(await validicFailure(call));

    await client.connect(a.marketplace.token, imeiFrom(3001), 'blood_glucose');
    await fails(client.connect(b.marketplace.token, imeiFrom(3001), 'blood_glucose')); // 409
    await fails(client.connect(a.marketplace.token, withWrongCheckDigit(imeiFrom(3002)).imei, 'blood_glucose')); // 422
    await client.disconnect(a.marketplace.token, imeiFrom(3001));
    await client.disconnectAll(a.marketplace.token);
    await fails(clientFor({ logger, orgToken: other.token }).getUser('secret-user-a')); // 401
    await fails(clientFor({ logger, orgToken: 'f'.repeat(64) }).getUser('secret-user-a')); // 403
    sim.setFaults({ serverErrorShare: 1 });
    await fails(client.getUser('secret-user-a')); // retried, then reported
    await fails(client.connect(b.marketplace.token, imeiFrom(3003), 'blood_glucose')); // outcome unknown
    sim.setFaults({ resetShare: 1 });
    await fails(client.disconnect(b.marketplace.token, imeiFrom(3003)));
    sim.setFaults({ hangShare: 1 });
    await fails(
      clientFor({ logger, timeoutMs: 100, retries: 0 }).connect(b.marketplace.token, imeiFrom(3004), 'blood_glucose'),
    );
    sim.setFaults({});
    const dead = await startSimulator();
    await dead.close();
    await fails(
      clientFor({ logger, apiBase: dead.baseUrl, directBase: dead.baseUrl }).connect(
        b.marketplace.token,
        imeiFrom(3005),
        'blood_glucose',
      ),
    );

    expect(errors.map((e) => e.kind)).toEqual([
      'conflict',
      'invalid_request',
      'unauthorized',
      'unauthorized',
      'server_error',
      'server_error',
      'network',
      'timeout',
      'network',
    ]);
    const texts = [...lines, ...errors.flatMap((e) => [e.message, e.nextAction, JSON.stringify(e), String(e.stack)])];
    for (const token of tokens) for (const text of texts) expect(text).not.toContain(token);
    // The calls that carry a token in their URL were logged, with the token cut.
    expect(lines.some((l) => l.includes('token=…'))).toBe(true);
  });
});

describe('test connection (before going live)', () => {
  it('answers ok for good credentials with one read that creates nothing, and names the problem for a wrong token or an unreachable host', async () => {
    const before = sim.state().users.length;
    const good = await testConnection(clientFor());
    expect(good).toMatchObject({ ok: true });
    expect(sim.state().users.length).toBe(before);

    const wrong = await testConnection(clientFor({ orgToken: 'e'.repeat(64) }));
    expect(wrong).toMatchObject({ ok: false, kind: 'unauthorized' });
    expect(JSON.stringify(wrong)).not.toContain('e'.repeat(64));

    const closed = await startSimulator();
    const base = closed.baseUrl;
    await closed.close();
    const unreachable = await testConnection(
      new ValidicClient({ orgId: 'org1', orgToken: sim.token, apiBase: base, directBase: base, retries: 0 }),
    );
    expect(unreachable).toMatchObject({ ok: false, kind: 'network' });
  });
});
