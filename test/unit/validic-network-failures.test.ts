/**
 * What a failed fetch means, from the error objects Node's fetch throws (a TypeError with the
 * socket or TLS error as its cause): written against the survivors of the Validic module's mutation
 * run (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import { fetchFailure } from '../../src/validic/network-failures.js';

const withCode = (message: string, code?: string, cause?: unknown): Error =>
  Object.assign(new Error(message, cause === undefined ? undefined : { cause }), code === undefined ? {} : { code });
const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause });
const named = (name: string) => Object.assign(new Error('stopped'), { name });
const noRedaction = (text: string) => text;

describe('fetchFailure', () => {
  it('a connect that never reached the server (refused, DNS, TLS, certificate) is safe to send again', () => {
    for (const code of [
      'ECONNREFUSED',
      'ENOTFOUND',
      'ERR_TLS_CERT_ALTNAME_INVALID',
      'ERR_SSL_WRONG_VERSION_NUMBER',
      'SELF_SIGNED_CERT_IN_CHAIN',
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    ]) {
      const error = fetchFailure('connect', fetchFailed(withCode('nope', code)), 10_000, true, noRedaction);
      expect([code, error.kind, error.outcomeUnknown]).toEqual([code, 'network', false]);
    }
  });

  it('a connect reset after it may have arrived is outcome unknown, and says so', () => {
    const error = fetchFailure(
      'connect',
      fetchFailed(withCode('socket hang up', 'ECONNRESET')),
      10_000,
      true,
      noRedaction,
    );
    expect(error.outcomeUnknown).toBe(true);
    expect(error.message).toBe(
      'Validic could not be reached while connecting the device: ECONNRESET (socket hang up). The request may have reached Validic.',
    );
    expect(
      fetchFailure('get_user', fetchFailed(withCode('x', 'ECONNRESET')), 10_000, false, noRedaction).outcomeUnknown,
    ).toBe(false);
  });

  it('looks for the code up to four causes deep, no further', () => {
    const deep = (levels: number) => {
      let error: Error = withCode('refused', 'ECONNREFUSED');
      for (let i = 1; i < levels; i++) error = withCode(`level ${i}`, undefined, error);
      return error;
    };
    expect(fetchFailure('connect', deep(4), 10_000, true, noRedaction).outcomeUnknown).toBe(false);
    expect(fetchFailure('connect', deep(5), 10_000, true, noRedaction).outcomeUnknown).toBe(true);
  });

  it('a timeout or abort says how long it waited, in ms or whole or tenths of seconds', () => {
    const words = (ms: number, name = 'TimeoutError') => fetchFailure('get_user', named(name), ms, false, noRedaction);
    expect(words(800).kind).toBe('timeout');
    expect(words(800).message).toBe('Validic could not be reached while reading the user: no answer within 800 ms.');
    expect(words(1000).message).toContain('no answer within 1 s.');
    expect(words(2500, 'AbortError').message).toContain('no answer within 2.5 s.');
    expect(fetchFailure('get_user', named('OtherError'), 800, false, noRedaction).kind).toBe('network');
  });

  it('names the cause without a code by its message, a plain error by its own, and redacts it', () => {
    expect(
      fetchFailure('get_user', fetchFailed(new Error('other side closed')), 1, false, noRedaction).message,
    ).toContain(': other side closed.');
    expect(
      fetchFailure('get_user', new Error('bad url token=s3cret'), 1, false, (t) => t.replace('s3cret', '…')).message,
    ).toContain(': bad url token=….');
    expect(fetchFailure('get_user', 'a string', 1, false, noRedaction).message).toContain(': a string.');
  });
});
