/**
 * Reading Validic's answers, call by call, with real Fetch API Responses: a body read up to its cap,
 * a success that does not fit its schema, and every refusal's kind, words, credential and retry
 * time. Written against the survivors of the module's mutation run (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseAnswer, readCapped, statusError } from '../../src/validic/answers.js';
import { RateLimitBudget } from '../../src/validic/budget.js';
import type { Operation } from '../../src/validic/operations.js';

const schema = z.object({ id: z.string() });
const spec = (op: Operation) => ({
  op,
  method: 'GET' as const,
  url: new URL('https://api.example/x'),
  schema,
  expect: [200],
});
const clock = { t: 1_000_000 };
const budget = () => new RateLimitBudget({ limit: 100, windowMs: 3_600_000 }, () => clock.t);
const refusal = (op: Operation, status: number, text = '', headers: Record<string, string> = {}, b = budget()) =>
  statusError(spec(op), new Response(null, { status, headers }), text, (t) => t.replaceAll('s3cret', '…'), b);
const caught = (run: () => unknown): Record<string, unknown> => {
  try {
    run();
  } catch (error) {
    return { ...(error as { toJSON(): object }).toJSON(), message: (error as Error).message };
  }
  throw new Error('expected a refusal');
};

describe('readCapped', () => {
  it('reads a body of exactly the cap, refuses one byte more, and reads no body as empty', async () => {
    expect(await readCapped(new Response('x'.repeat(8)), 8)).toEqual({ text: 'x'.repeat(8), truncated: false });
    expect(await readCapped(new Response('x'.repeat(9)), 8)).toEqual({ text: '', truncated: true });
    expect(await readCapped(new Response(null, { status: 200 }), 8)).toEqual({ text: '', truncated: false });
  });
});

describe('parseAnswer', () => {
  it('refuses a body over the cap, a 204, a body that is not JSON, and a field that does not fit', () => {
    expect(caught(() => parseAnswer(spec('get_user'), 200, { text: '', truncated: true }))).toMatchObject({
      kind: 'malformed_response',
      fieldPath: '(body)',
      message: "Validic's answer to reading the user is larger than 1 MiB; it was not read.",
    });
    expect(caught(() => parseAnswer(spec('get_user'), 204, { text: '{"id":"u"}', truncated: false }))).toMatchObject({
      fieldPath: '(body)',
      message: 'Validic answered 204 (no content) to reading the user.',
    });
    expect(caught(() => parseAnswer(spec('provision'), 200, { text: 'not json', truncated: false }))).toMatchObject({
      fieldPath: '(body)',
      message: "Validic's answer to provisioning the user is not JSON (8 bytes).",
    });
    expect(caught(() => parseAnswer(spec('get_user'), 200, { text: '{"id":5}', truncated: false }))).toMatchObject({
      fieldPath: 'id',
      message: expect.stringMatching(
        /^Validic's answer to reading the user is missing or has a wrong field "id": .+\.$/,
      ),
    });
    expect(caught(() => parseAnswer(spec('get_user'), 200, { text: '5', truncated: false }))).toMatchObject({
      fieldPath: '(body)',
    });
    expect(parseAnswer(spec('get_user'), 200, { text: '{"id":"u"}', truncated: false })).toEqual({ id: 'u' });
  });
});

describe('statusError', () => {
  it('a redirect from the direct host is a refused marketplace token; from the API, a configuration problem', () => {
    expect(refusal('connect', 302, '', { location: '/login?next=1' }).toJSON()).toMatchObject({
      kind: 'unauthorized',
      status: 302,
    });
    expect(refusal('connect', 302, '', { location: '/login?next=1' }).credential).toBe('marketplace');
    expect(refusal('connect', 302, '', { location: '/login' }).message).toContain('(a redirect to /login)');
    const api = refusal('get_user', 301, '', { location: 'https://other.example/v2/x' });
    expect(api.kind).toBe('configuration');
    expect(api.message).toBe(
      'Validic answered 301 (a redirect to other.example/v2/x) while reading the user; redirects are not followed: check the API base URL.',
    );
    expect(refusal('get_user', 300).message).toContain('(a redirect)');
    expect(refusal('get_user', 399).kind).toBe('configuration');
    expect(refusal('get_user', 400).kind).toBe('invalid_request');
  });

  it('names the refused credential for 401 and 403 only', () => {
    expect(refusal('get_user', 401).credential).toBe('org');
    expect(refusal('disconnect', 403).credential).toBe('marketplace');
    expect(refusal('get_user', 404).credential).toBeUndefined();
    expect(refusal('get_user', 404).kind).toBe('not_found');
  });

  it('a 5xx or timeout of a call that changes state may have been applied; of a read, not', () => {
    const connect = refusal('connect', 500, '{"message":"boom s3cret"}');
    expect(connect.toJSON()).toMatchObject({ kind: 'server_error', outcomeUnknown: true, status: 500 });
    expect(connect.serverMessage).toBe('boom …');
    expect(connect.message).toBe(
      'Validic answered 500 while connecting the device: boom …. The request may have been applied.',
    );
    expect(refusal('disconnect_all', 408).outcomeUnknown).toBe(true);
    expect(refusal('disconnect', 422).outcomeUnknown).toBe(false);
    const read = refusal('get_user', 503);
    expect(read.outcomeUnknown).toBe(false);
    expect(read.message).toBe('Validic answered 503 while reading the user.');
    expect(read.serverMessage).toBeUndefined();
  });

  it('a 429 says when the budget is back, if the budget knows', () => {
    expect(refusal('get_user', 429).retryAt).toBeUndefined();
    const spent = budget();
    spent.observe({ remaining: 0, resetAt: clock.t + 5_000 }, 200);
    const limited = refusal('get_user', 429, '', {}, spent);
    expect(limited.kind).toBe('rate_limited');
    expect(limited.retryAt).toBe(clock.t + 5_001);
  });
});
