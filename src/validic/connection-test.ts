/**
 * "Test connection" before going live: one cheap call that needs the organization token, so an
 * administrator learns at once whether the org id, the token and the base URL work. It reads a uid
 * no patient has: 404 means Validic knows the organization and accepted the token (nothing is
 * created, nothing changes); 401/403 means the credentials are wrong; anything else says what went wrong.
 */
import { performance } from 'node:perf_hooks';
import type { ValidicClient } from './client.js';
import { ValidicError, type ValidicErrorKind } from './errors.js';

/** A uid no patient gets (valid by Validic's uid rules, so the request itself is well formed). */
export const CONNECTION_TEST_UID = 'imei-kiosk-connection-test';

export type ConnectionTestResult =
  | { readonly ok: true; readonly ms: number; readonly rateLimitRemaining: number | null }
  | {
      readonly ok: false;
      readonly ms: number;
      readonly kind: ValidicErrorKind;
      readonly message: string;
      readonly nextAction: string;
    };

export async function testConnection(client: ValidicClient): Promise<ConnectionTestResult> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    await client.getUser(CONNECTION_TEST_UID);
    // Someone did provision this uid: the token still worked.
    return { ok: true, ms: ms(), rateLimitRemaining: client.budgetSnapshot().serverRemaining };
  } catch (error) {
    if (!(error instanceof ValidicError)) throw error;
    if (error.kind === 'not_found')
      return { ok: true, ms: ms(), rateLimitRemaining: client.budgetSnapshot().serverRemaining };
    return { ok: false, ms: ms(), kind: error.kind, message: error.message, nextAction: error.nextAction };
  }
}
