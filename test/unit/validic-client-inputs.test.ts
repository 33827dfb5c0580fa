/**
 * What the Validic client refuses before it sends anything (its settings, a reading date, a device
 * type, an IMEI), and how it finds the words in an error body: written against the survivors of the
 * module's mutation run (docs/mutation.md). The client's `fetch` here fails the test if it is called.
 */
import { describe, expect, it } from 'vitest';
import { ValidicClient, ValidicError, errorMessageOf } from '../../src/validic/index.js';
import { testImei } from '../support/imei.js';

const base = 'http://127.0.0.1:9';
let sent = 0;
const client = (overrides: { orgId?: string; orgToken?: string } = {}) =>
  new ValidicClient({
    orgId: overrides.orgId ?? 'org1',
    orgToken: overrides.orgToken ?? 'org-token-0001',
    apiBase: base,
    directBase: base,
    fetch: () => {
      sent++;
      return Promise.reject(new Error('nothing should have been sent'));
    },
  });

async function refusal(call: Promise<unknown>): Promise<{ kind: string; message: string }> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ValidicError)) throw new Error(`expected a ValidicError, got ${String(error)}`);
  return { kind: error.kind, message: error.message };
}

describe('the client refuses before it sends', () => {
  it('an organization id or token that is blank', () => {
    for (const blank of [{ orgId: '  ' }, { orgToken: ' ' }]) {
      expect(() => client(blank)).toThrow('The Validic organization id and token must both be set.');
    }
    expect(() => client()).not.toThrow();
  });

  it('a reading date that is not YYYY-MM-DD, first or last', async () => {
    const c = client();
    for (const [start, end, bad] of [
      ['2026-1-01', '2026-01-02', '2026-1-01'],
      ['2026-01-01', 'x2026-01-02', 'x2026-01-02'],
      ['2026-01-01', '2026-01-02x', '2026-01-02x'],
    ] as const) {
      expect(await refusal(c.getReadings('ep-user-0001', start, end))).toEqual({
        kind: 'invalid_request',
        message: `"${bad}" is not a date (YYYY-MM-DD).`,
      });
    }
    expect(sent).toBe(0);
  });

  it('a device type that is not lower-case words joined by underscores, and an IMEI that is not 15 digits', async () => {
    const c = client();
    for (const type of ['Blood_glucose', '1blood', 'blood glucose', '!blood', 'blood!']) {
      expect(await refusal(c.connect('mkt-token-0001', testImei(1), type))).toEqual({
        kind: 'invalid_request',
        message: `"${type}" is not a device type (e.g. blood_glucose).`,
      });
    }
    for (const imei of [testImei(1).slice(1), `a${testImei(1)}`, `${testImei(1)}a`]) {
      expect(await refusal(c.connect('mkt-token-0001', imei, 'blood_glucose'))).toEqual({
        kind: 'invalid_request',
        message: `An IMEI is exactly 15 digits; got ${imei.length} characters.`,
      });
      expect((await refusal(c.disconnect('mkt-token-0001', imei))).kind).toBe('invalid_request');
    }
    expect(sent).toBe(0);
  });
});

describe('errorMessageOf', () => {
  it('reads an HTML page by its title or first heading, spaces collapsed', () => {
    expect(errorMessageOf('  <!DOCTYPE html><html><head><title x="1"> Bad\n  Gateway </title></head></html>')).toBe(
      'an HTML page: "Bad Gateway"',
    );
    expect(errorMessageOf('<html><body><h1 class="e">Service down</h1></body></html>')).toBe(
      'an HTML page: "Service down"',
    );
    expect(errorMessageOf('<html><body></body></html>')).toBe('an HTML page');
    // A title is cut at 200 characters.
    expect(errorMessageOf(`<html><title>${'T'.repeat(250)}</title></html>`)).toBe(`an HTML page: "${'T'.repeat(200)}"`);
    expect(errorMessageOf('x<html>')).toBe('x<html>');
  });

  it('reads each JSON error shape, and nothing from an empty one', () => {
    expect(errorMessageOf('{"errors": ["one", {"code": 2}]}')).toBe('one; {"code":2}');
    expect(errorMessageOf('{"errors": {"uid": ["has already been taken", "is short"], "x": "bad"}}')).toBe(
      'uid has already been taken, is short; x bad',
    );
    expect(errorMessageOf('{"errors": []}')).toBeUndefined();
    expect(errorMessageOf('{"errors": {}}')).toBeUndefined();
    expect(errorMessageOf('""')).toBeUndefined();
    expect(errorMessageOf('   ')).toBeUndefined();
    expect(errorMessageOf('{"message": "m"}')).toBe('m');
    expect(errorMessageOf('{"error": "e"}')).toBe('e');
    expect(errorMessageOf('{"other": "e"}')).toBeUndefined();
  });

  it('keeps at most 300 characters of any message', () => {
    const long = 'w'.repeat(400);
    for (const body of [
      long,
      JSON.stringify(long),
      JSON.stringify({ errors: [long] }),
      JSON.stringify({ errors: { f: [long] } }),
      JSON.stringify({ message: long }),
      JSON.stringify({ error: long }),
    ]) {
      expect(errorMessageOf(body)?.length).toBe(300);
    }
  });
});
