import { describe, expect, it } from 'vitest';
import {
  RateLimitBudget,
  ValidicClient,
  ValidicError,
  checkUid,
  insecureBaseProblem,
  readRateLimitHeaders,
  redactTokens,
  scrubSecrets,
} from '../../src/validic/index.js';

describe('checkUid', () => {
  it.each(['abcd', 'demo-0001', 'a-b-c-d', 'A1b2', 'x'.repeat(254)])('accepts %s', (uid) => {
    expect(checkUid(uid).ok).toBe(true);
  });
  it.each([
    ['abc', 'too short'],
    ['x'.repeat(255), 'at most 254'],
    ['-abcd', 'start or end'],
    ['abcd-', 'start or end'],
    ['ab--cd', 'two hyphens'],
    ['ab_cd', 'letters, digits and hyphens'],
    ['pt 0001', 'letters, digits and hyphens'],
  ])('refuses %s (%s)', (uid, words) => {
    const result = checkUid(uid);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(words);
  });
});

describe('token redaction', () => {
  it('keeps the last 4 characters of a query token', () => {
    expect(
      redactTokens(
        'POST /direct/auth/smart_meter/disconnect_all?token=02f0c59b63310f7cec951aSAMPLEdd15481ec1dfd5f7e1f6927&x=1',
      ),
    ).toBe('POST /direct/auth/smart_meter/disconnect_all?token=…6927&x=1');
  });
  it('scrubs a known secret anywhere in a text', () => {
    expect(scrubSecrets('server said: bad token abcdef0123456789', ['abcdef0123456789'])).toBe(
      'server said: bad token …6789',
    );
  });
});

describe('HTTPS only, except loopback', () => {
  it.each(['https://api.v2.validic.com', 'http://127.0.0.1:8080', 'http://localhost:1', 'http://[::1]:9'])(
    'allows %s',
    (base) => {
      expect(insecureBaseProblem(base)).toBeUndefined();
    },
  );
  it.each(['http://api.v2.validic.com', 'http://10.0.0.5', 'ftp://x', 'nonsense'])('refuses %s', (base) => {
    expect(insecureBaseProblem(base)).toBeTypeOf('string');
  });
  it('the client refuses an insecure base as a configuration error', () => {
    expect(
      () =>
        new ValidicClient({ orgId: 'o', orgToken: 't', apiBase: 'http://example.com', directBase: 'https://x.com' }),
    ).toThrow(expect.objectContaining({ kind: 'configuration' }));
  });
  it('the client checks the uid before any call', async () => {
    let calls = 0;
    const client = new ValidicClient({
      orgId: 'o',
      orgToken: 'token-token-token',
      apiBase: 'https://a.example',
      directBase: 'https://b.example',
      fetch: async () => {
        calls++;
        return new Response('{}');
      },
    });
    await expect(client.getUser('ab')).rejects.toMatchObject({
      kind: 'invalid_request',
      message: expect.stringContaining('too short'),
    });
    expect(calls).toBe(0);
  });
});

describe('RateLimitBudget', () => {
  it('never lets more than limit - reserve calls go in one window', async () => {
    let now = 1_000_000;
    const budget = new RateLimitBudget({ limit: 10, windowMs: 1000, reserve: 1 }, () => now);
    for (let i = 0; i < 9; i++) await budget.acquire(0);
    expect(budget.snapshot().remaining).toBe(0);
    await expect(budget.acquire(0)).rejects.toBeInstanceOf(ValidicError);
    now += 1001;
    expect(budget.snapshot().remaining).toBe(9);
  });
  it('many callers at once still get no more than the window allows', async () => {
    const budget = new RateLimitBudget({ limit: 11, windowMs: 10_000, reserve: 1 }, () => 42);
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => budget.acquire(0)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    expect(
      results
        .filter((r) => r.status === 'rejected')
        .every((r) => (r as PromiseRejectedResult).reason.kind === 'rate_limited'),
    ).toBe(true);
  });
  it("follows the server's lower remaining count and its reset time", async () => {
    let now = 5_000;
    const budget = new RateLimitBudget({ limit: 100, windowMs: 10_000 }, () => now);
    budget.observe({ limit: 100, remaining: 2, resetAt: 8_000 }, 202);
    expect(budget.snapshot().remaining).toBe(2);
    await budget.acquire(0);
    await budget.acquire(0);
    const error = await budget.acquire(0).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'rate_limited', retryAt: 8_001 });
    now = 8_001;
    await expect(budget.acquire(0)).resolves.toBeUndefined();
  });
  it('a 429 empties the budget until the reset', () => {
    const budget = new RateLimitBudget({ limit: 100, windowMs: 10_000 }, () => 0);
    budget.observe({ remaining: 50, resetAt: 3_000 }, 429);
    expect(budget.snapshot()).toMatchObject({ remaining: 0, nextSlotAt: 3_001 });
  });
  it('reads the X-RateLimit headers', () => {
    const h = new Headers({
      'X-RateLimit-Limit': '2000',
      'X-RateLimit-Remaining': '1999',
      'X-RateLimit-Reset': '1700000000',
    });
    expect(readRateLimitHeaders(h, 0)).toEqual({ limit: 2000, remaining: 1999, resetAt: 1_700_000_000_000 });
    expect(readRateLimitHeaders(new Headers({ 'Retry-After': '2' }), 10)).toEqual({
      resetAt: 2010,
      retryAfterAt: 2010,
    });
  });

  it("reads Validic's own spelling X-RateLimit_Remaining, and Retry-After as an HTTP date", () => {
    expect(
      readRateLimitHeaders(new Headers({ 'X-RateLimit-Limit': '2000', 'X-RateLimit_Remaining': '12' }), 0),
    ).toEqual({ limit: 2000, remaining: 12 });
    const now = Date.parse('2026-12-02T18:00:00Z');
    expect(readRateLimitHeaders(new Headers({ 'Retry-After': 'Wed, 02 Dec 2026 18:00:30 GMT' }), now)).toEqual({
      resetAt: now + 30_000,
      retryAfterAt: now + 30_000,
    });
    expect(readRateLimitHeaders(new Headers({ 'Retry-After': 'soon' }), now)).toEqual({});
    expect(readRateLimitHeaders(new Headers({ 'Retry-After': '-5' }), now)).toEqual({});
  });

  it('a remaining count with no reset header lasts until the top of the hour', () => {
    let now = Date.parse('2026-12-02T18:20:00Z');
    const budget = new RateLimitBudget({ limit: 2000, windowMs: 3_600_000 }, () => now);
    budget.observe({ limit: 2000, remaining: 0 }, 200);
    expect(budget.snapshot().nextSlotAt).toBe(Date.parse('2026-12-02T19:00:00Z') + 1);
    now = Date.parse('2026-12-02T19:00:01Z');
    expect(budget.snapshot().remaining).toBeGreaterThan(0);
  });

  it('a 429 with neither Retry-After nor a reset backs off 1 s, 2 s, 4 s … up to 60 s, and a success resets it', () => {
    const now = 1_000_000;
    const budget = new RateLimitBudget({ limit: 2000, windowMs: 3_600_000 }, () => now);
    const waits = [1, 2, 3, 4, 5, 6, 7, 8].map(() => {
      budget.observe({}, 429);
      return budget.snapshot().nextSlotAt! - now - 1;
    });
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
    budget.observe({ remaining: 1500 }, 200);
    budget.observe({}, 429);
    expect(budget.snapshot().nextSlotAt! - now - 1).toBe(1000);
  });

  it('verification reads have a fixed share (10%) and fail fast once it is spent; work calls go on', async () => {
    const now = 5_000_000;
    const budget = new RateLimitBudget({ limit: 100, windowMs: 3_600_000 }, () => now);
    for (let i = 0; i < 10; i++) await budget.acquire(0, 'verification');
    expect(budget.verificationRoom()).toBe(0);
    await expect(budget.acquire(0, 'verification')).rejects.toMatchObject({ kind: 'rate_limited' });
    await expect(budget.acquire(0, 'work')).resolves.toBeUndefined();
    expect(budget.snapshot()).toMatchObject({ verificationUsed: 10, verificationRemaining: 0, used: 11 });
  });
});
