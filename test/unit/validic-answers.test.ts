/**
 * Reading Validic's answers, call by call, with real Fetch API Responses: a body read up to its cap,
 * a success that does not fit its schema, and every refusal's kind, words, credential and retry
 * time. Written against the survivors of the module's mutation run (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  isTakenAnswer,
  parseAnswer,
  readCapped,
  statusError,
  UnusableSuccess,
  unusable,
} from '../../src/validic/answers.js';
import { RateLimitBudget } from '../../src/validic/budget.js';
import { ValidicError } from '../../src/validic/errors.js';
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

  it("names a nested field by its dotted path and gives the schema's own words for what is wrong", () => {
    const nested = { ...spec('get_user'), schema: z.object({ marketplace: z.object({ token: z.string() }) }) };
    const refused = caught(() => parseAnswer(nested, 200, { text: '{"marketplace":{"token":5}}', truncated: false }));
    expect(refused.fieldPath).toBe('marketplace.token');
    const zodWords = nested.schema.safeParse({ marketplace: { token: 5 } }).error!.issues[0]!.message;
    expect(refused.message).toBe(
      `Validic's answer to reading the user is missing or has a wrong field "marketplace.token": ${zodWords}.`,
    );
  });
});

describe('unusable: a 2xx whose body could not be used', () => {
  const problem = new ValidicError({
    kind: 'malformed_response',
    message: 'The body is wrong.',
    fieldPath: 'deleted_at',
  });
  const success = new UnusableSuccess(202, problem);

  it('a connect stays a success to catch; a read is simply malformed', () => {
    expect(unusable('connect', success)).toBe(success);
    expect(unusable('get_user', success)).toBe(problem);
  });

  it('a disconnect was probably applied: outcome unknown, with the field that did not fit', () => {
    const error = unusable('disconnect', success) as ValidicError;
    expect(error).toBeInstanceOf(ValidicError);
    expect(error.toJSON()).toMatchObject({
      kind: 'malformed_response',
      status: 202,
      outcomeUnknown: true,
      fieldPath: 'deleted_at',
    });
    expect(error.message).toBe('The body is wrong. Validic answered 202, so it was probably applied.');
    const bodyless = new ValidicError({ kind: 'malformed_response', message: 'No body.' });
    expect((unusable('disconnect_all', new UnusableSuccess(200, bodyless)) as ValidicError).fieldPath).toBeUndefined();
  });
});

describe('isTakenAnswer: a provisioning refusal that may mean the uid is taken', () => {
  it('is a 409 conflict or a 422, and nothing else', () => {
    expect(isTakenAnswer(new ValidicError({ kind: 'conflict', status: 409, message: 'taken' }))).toBe(true);
    expect(isTakenAnswer(new ValidicError({ kind: 'invalid_request', status: 422, message: 'uid taken' }))).toBe(true);
    expect(isTakenAnswer(new ValidicError({ kind: 'invalid_request', status: 400, message: 'bad' }))).toBe(false);
    expect(isTakenAnswer(new ValidicError({ kind: 'invalid_request', message: 'refused here' }))).toBe(false);
    expect(isTakenAnswer(new ValidicError({ kind: 'server_error', status: 500, message: 'boom' }))).toBe(false);
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
    // A success the call did not expect (a 203 to a read) is a refusal of its own, not a redirect.
    expect(refusal('get_user', 203).toJSON()).toMatchObject({ kind: 'invalid_request', status: 203 });
    expect(refusal('get_user', 203).message).toBe('Validic answered 203 while reading the user.');
  });

  it('a redirect whose Location cannot be read is named without a target', () => {
    expect(refusal('get_user', 302, '', { location: 'http://[broken' }).message).toBe(
      'Validic answered 302 (a redirect) while reading the user; redirects are not followed: check the API base URL.',
    );
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
    // Only a 429 says when to come back, even while the budget is spent.
    expect(refusal('get_user', 503, '', {}, spent).retryAt).toBeUndefined();
    expect(refusal('connect', 422, '', {}, spent).retryAt).toBeUndefined();
  });
});
