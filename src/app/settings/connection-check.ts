/**
 * "Test connection" from Settings: the org id and token being typed, against the base URLs saved,
 * with one cheap authenticated call (src/validic/connection-test.ts). Nothing is saved or created.
 */
import type { Settings } from '../../config/settings.js';
import type { ConnectionTest } from '../../ipc/schemas.js';
import { ValidicClient } from '../../validic/client.js';
import { testConnection } from '../../validic/connection-test.js';
import { reachInWords } from '../views/reach-cause.js';

export async function checkConnection(settings: Settings, orgId: string, token: string): Promise<ConnectionTest> {
  // One attempt, no retries: the admin is waiting, and a retry would only delay "cannot reach".
  const client = new ValidicClient({
    orgId,
    orgToken: token,
    apiBase: settings.validic.apiBase,
    directBase: settings.validic.directBase,
    paths: settings.validic.paths,
    timeoutMs: settings.client.timeoutMs,
    retries: 0,
  });
  const result = await testConnection(client);
  return result.ok
    ? { ok: true, ms: result.ms }
    : {
        ok: false,
        ms: result.ms,
        kind: result.kind,
        message: reachInWords(result.message),
        nextAction: result.nextAction,
      };
}
