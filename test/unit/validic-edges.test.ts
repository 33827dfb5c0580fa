/**
 * The Validic module's small rules at their edges, written against the survivors of its mutation run
 * (docs/mutation.md): status kinds, an error's plain data, token masking lengths, URL joining, the
 * base-URL check, the concurrency gate, the rate-limit headers and the call budget's arithmetic.
 */
import { describe, expect, it } from 'vitest';
import { RateLimitBudget, readRateLimitHeaders, retryAfterAt } from '../../src/validic/budget.js';
import { ValidicError, kindForStatus } from '../../src/validic/errors.js';
import { buildUrl, defaultPaths, insecureBaseProblem, pathTemplateProblem } from '../../src/validic/paths.js';
import { ValidicClient } from '../../src/validic/client.js';
import { maskToken, scrubSecrets } from '../../src/validic/redact.js';
import { Semaphore } from '../../src/validic/semaphore.js';

describe('kindForStatus', () => {
  it('gives each status its kind, and an unlisted 4xx is a refused request', () => {
    const statuses = [400, 401, 403, 404, 408, 409, 418, 422, 429, 499, 500, 502, 503];
    expect(statuses.map((s) => [s, kindForStatus(s)])).toEqual([
      [400, 'invalid_request'],
      [401, 'unauthorized'],
      [403, 'unauthorized'],
      [404, 'not_found'],
      [408, 'timeout'],
      [409, 'conflict'],
      [418, 'invalid_request'],
      [422, 'invalid_request'],
      [429, 'rate_limited'],
      [499, 'invalid_request'],
      [500, 'server_error'],
      [502, 'server_error'],
      [503, 'server_error'],
    ]);
  });
});

describe('ValidicError', () => {
  it('gives as plain data only the fields it was given', () => {
    const bare = new ValidicError({ kind: 'not_found', message: 'no such user' });
    expect(bare.name).toBe('ValidicError');
    expect(Object.keys(bare.toJSON()).sort()).toEqual(['kind', 'message', 'nextAction', 'retryable']);
    expect(bare.toJSON()).toMatchObject({ kind: 'not_found', message: 'no such user', retryable: false });

    const full = new ValidicError({
      kind: 'malformed_response',
      message: 'bad body',
      status: 201,
      fieldPath: 'credentials.device_id',
      retryAt: 5_000,
      serverMessage: 'words',
      outcomeUnknown: true,
    });
    expect(full.toJSON()).toStrictEqual({
      kind: 'malformed_response',
      message: 'bad body',
      nextAction: full.nextAction,
      retryable: full.retryable,
      outcomeUnknown: true,
      status: 201,
      fieldPath: 'credentials.device_id',
      retryAt: 5_000,
    });
    expect(full.serverMessage).toBe('words');
  });
});

describe('token masking', () => {
  it('shows the last 4 characters of a token of 12 or more, nothing of a shorter one', () => {
    expect(maskToken('abcdefghijk')).toBe('…');
    expect(maskToken('abcdefghijkl')).toBe('…ijkl');
  });
  it('scrubs a known secret of 6 characters or more; a shorter one is too common a string to scrub', () => {
    expect(scrubSecrets('key abcdef here', ['abcdef'])).toBe('key … here');
    expect(scrubSecrets('key abcde here', ['abcde'])).toBe('key abcde here');
  });
});

describe('URLs', () => {
  it('joins a base with trailing slashes and a path without doubling them, values encoded', () => {
    expect(buildUrl('https://h.example/v2///', '/users/{uid}', { uid: 'a b' }, 't0k').href).toBe(
      'https://h.example/v2/users/a%20b?token=t0k',
    );
  });
  it('refuses a path template naming a value the call does not have (a mistyped custom path), naming both', () => {
    expect(() => buildUrl('https://h.example', '/users/{user_id}', { uid: 'a' }, 't0k')).toThrow(
      new Error('path template /users/{user_id} needs {user_id}'),
    );
  });
  it('checks a custom path against the values its call fills, and wants the patient or device named', () => {
    for (const [call, template] of Object.entries(defaultPaths))
      expect(pathTemplateProblem(call as keyof typeof defaultPaths, template), call).toBeUndefined();
    expect(pathTemplateProblem('user', '/orgs/{org_id}/people/{user_id}')).toBe(
      'the user path /orgs/{org_id}/people/{user_id} names {user_id}; it may name only {org_id} and {uid}.',
    );
    expect(pathTemplateProblem('connect', '/connect/{imei}')).toBe(
      'the connect path /connect/{imei} names {imei}; it may name no value.',
    );
    expect(pathTemplateProblem('provision', '/orgs/{org_id}/users/{uid}')).toBe(
      'the provision path /orgs/{org_id}/users/{uid} names {uid}; it may name only {org_id}.',
    );
    expect(pathTemplateProblem('disconnect', '/smart_meter/disconnect')).toBe(
      'the disconnect path /smart_meter/disconnect lacks {imei}: it would not say which device the call is for.',
    );
    expect(pathTemplateProblem('user', '/orgs/{org_id}/users')).toBe(
      'the user path /orgs/{org_id}/users lacks {uid}: it would not say which patient the call is for.',
    );
    expect(pathTemplateProblem('readings', '/orgs/{org_id}/measurements')).toContain('lacks {uid}');
    // The org may be implied by the token on a custom deployment; the patient may not.
    expect(pathTemplateProblem('user', '/people/{uid}')).toBeUndefined();
    expect(pathTemplateProblem('disconnectAll', '/disconnect_all')).toBeUndefined();
  });
  it('the client refuses a custom path it could not fill when it is made, before any call', () => {
    const made = () =>
      new ValidicClient({
        orgId: 'o',
        orgToken: 'token-token-token',
        apiBase: 'https://a.example',
        directBase: 'https://b.example',
        paths: { disconnect: '/smart_meter/disconnect/{device}' },
      });
    expect(made).toThrow(ValidicError);
    expect(made).toThrow(
      expect.objectContaining({
        kind: 'configuration',
        message: 'the disconnect path /smart_meter/disconnect/{device} names {device}; it may name only {imei}.',
      }),
    );
  });
  it('refuses a base that is no URL, carries a user name or a password, or is not HTTPS off loopback', () => {
    expect(insecureBaseProblem('no url')).toBe('"no url" is not a URL.');
    expect(insecureBaseProblem('https://user@h.example')).toContain(
      'https://h.example carries a user name or password',
    );
    expect(insecureBaseProblem('https://:pw@h.example')).toContain('carries a user name or password');
    expect(insecureBaseProblem('ftp://127.0.0.1')).toContain('is not HTTPS');
    expect(insecureBaseProblem('http://h.example')).toContain('is not HTTPS');
    expect(insecureBaseProblem('http://127.0.0.1:8080')).toBeUndefined();
    expect(insecureBaseProblem('https://h.example')).toBeUndefined();
  });
});

describe('Semaphore', () => {
  it('starts as many tasks as its size at once; the next starts when one ends', async () => {
    const gate = new Semaphore(2);
    const started: number[] = [];
    const finish: Array<() => void> = [];
    let thirdStarted!: () => void;
    const third = new Promise<void>((resolve) => (thirdStarted = resolve));
    const runs = [0, 1, 2].map((i) =>
      gate.run(async () => {
        started.push(i);
        if (i === 2) thirdStarted();
        await new Promise<void>((resolve) => finish.push(resolve));
      }),
    );
    // A task under the limit starts within run() itself; the third must wait for a free place.
    expect(started).toEqual([0, 1]);
    finish[0]!();
    await runs[0];
    await third;
    expect(started).toEqual([0, 1, 2]);
    finish[1]!();
    finish[2]!();
    await Promise.all(runs);
  });
});

describe('rate-limit headers', () => {
  const now = 1_000_000;
  it('takes whole numbers only (spaces around allowed), and names no field it did not get', () => {
    const read = readRateLimitHeaders(
      new Headers({ 'x-ratelimit-limit': ' 2000 ', 'x-ratelimit-remaining': '12a', 'x-ratelimit-reset': 'a12' }),
      now,
    );
    expect(read).toStrictEqual({ limit: 2000 });
    expect(readRateLimitHeaders(new Headers(), now)).toStrictEqual({});
  });
  it('reads Retry-After as whole seconds (spaces around allowed) or an HTTP date, anything else as nothing', () => {
    expect(retryAfterAt(' 120 ', now)).toBe(now + 120_000);
    expect(retryAfterAt('12abc', now)).toBeUndefined();
    expect(retryAfterAt('abc12', now)).toBeUndefined();
    expect(retryAfterAt(null, now)).toBeUndefined();
  });
});

describe('RateLimitBudget arithmetic', () => {
  const budgetAt = (clock: { t: number }, config = { limit: 50, windowMs: 1_000 }) =>
    new RateLimitBudget(config, () => clock.t);

  it('keeps back 1% of the limit, at least one call, and gives verification 10%', () => {
    const clock = { t: 10_000 };
    expect(budgetAt(clock).snapshot()).toStrictEqual({
      limit: 50,
      windowMs: 1_000,
      used: 0,
      remaining: 49,
      serverRemaining: null,
      nextSlotAt: null,
      verificationUsed: 0,
      verificationRemaining: 5,
    });
    expect(budgetAt(clock, { limit: 2000, windowMs: 1_000 }).snapshot().remaining).toBe(1980);
  });

  it('frees a call exactly one window after it was sent, and says when the next may go until then', async () => {
    const clock = { t: 0 };
    const budget = budgetAt(clock, { limit: 3, windowMs: 1_000 }); // 2 calls a window after the reserve
    await budget.acquire();
    await budget.acquire();
    clock.t = 500;
    expect(budget.snapshot()).toMatchObject({ used: 2, remaining: 0, nextSlotAt: 1_001 });
    const refused = await budget.acquire(500).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({ kind: 'rate_limited', retryAt: 1_001 });
    expect((refused as Error).message).toContain(new Date(1_001).toISOString());
    clock.t = 1_000;
    expect(budget.snapshot()).toMatchObject({ used: 0, remaining: 2, nextSlotAt: null });
  });

  it('waits for a slot exactly as far off as it may wait, and refuses one a millisecond further', async () => {
    const clock = { t: 0 };
    const budget = budgetAt(clock, { limit: 3, windowMs: 20 });
    await budget.acquire();
    await budget.acquire();
    clock.t = 10; // the next slot is 11 ms away
    await expect(budget.acquire(10)).rejects.toMatchObject({ kind: 'rate_limited', retryAt: 21 });
    const waiting = budget.acquire(11);
    clock.t = 21; // what the clock says once that wait is over
    await waiting;
    expect(budget.snapshot()).toMatchObject({ used: 1, remaining: 1 });
  });

  it("refuses a verification read once its share is spent, until the first one's window ends", async () => {
    const clock = { t: 100 };
    const budget = budgetAt(clock, { limit: 10, windowMs: 1_000 }); // a share of 1 read
    await budget.acquire(Number.POSITIVE_INFINITY, 'verification');
    clock.t = 200;
    const refused = await budget.acquire(Number.POSITIVE_INFINITY, 'verification').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({ kind: 'rate_limited', retryAt: 1_101 });
    expect((refused as Error).message).toContain(new Date(1_101).toISOString());
  });

  it("follows the server's count: lower within its window, a new count for a later window, none after the reset", () => {
    const clock = { t: 0 };
    const budget = budgetAt(clock, { limit: 100, windowMs: 10_000 });
    const seen: Array<number | null> = [];
    const stop = budget.onChange((snap) => seen.push(snap.serverRemaining));
    budget.observe({ remaining: 10, resetAt: 5_000 }, 200);
    budget.observe({ remaining: 8, resetAt: 5_000 }, 200);
    budget.observe({ remaining: 9, resetAt: 5_000 }, 200);
    budget.observe({ remaining: 30, resetAt: 9_000 }, 200);
    expect(seen).toEqual([10, 8, 8, 30]);
    stop();
    budget.observe({ remaining: 20, resetAt: 9_500 }, 200);
    expect(seen).toHaveLength(4);
    clock.t = 9_500;
    expect(budget.snapshot().serverRemaining).toBeNull();
  });
});
