/**
 * Why a base URL cannot be saved, as a refusal kind and its values: what is shown of text that is no
 * URL (cut at 200 characters), a user name or a password in the URL (never shown), and plain http off
 * loopback. Written against the survivors of the application layer's mutation run (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import { baseUrlProblem } from '../../src/app/settings/base-url.js';

describe('baseUrlProblem', () => {
  it('shows text that is no URL whole up to 200 characters, and cut with an ellipsis beyond', () => {
    const exactly = 'x'.repeat(200);
    expect(baseUrlProblem('apiBase', exactly)).toEqual({
      kind: 'base_url_invalid',
      params: { setting: 'apiBase', url: exactly },
    });
    expect(baseUrlProblem('apiBase', `${exactly}yz`)).toEqual({
      kind: 'base_url_invalid',
      params: { setting: 'apiBase', url: `${exactly}…` },
    });
  });

  it('refuses a user name or a password alone, naming the origin without them', () => {
    for (const value of ['https://ann@api.example', 'https://:pw@api.example']) {
      expect(baseUrlProblem('directBase', value)).toEqual({
        kind: 'base_url_has_credentials',
        params: { setting: 'directBase', origin: 'https://api.example' },
      });
    }
    expect(baseUrlProblem('directBase', 'http://api.example:8080/v2')).toEqual({
      kind: 'base_url_not_https',
      params: { setting: 'directBase', origin: 'http://api.example:8080' },
    });
    expect(baseUrlProblem('directBase', 'https://api.example/v2')).toBeNull();
  });
});
