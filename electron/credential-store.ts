/**
 * The engine host's CredentialStore (src/app/session/credential-store.ts) backed by the secret store:
 * the organization id and token saved, read and cleared together, encrypted with safeStorage.
 * Only the main process holds this object; the renderer learns only whether a token is stored.
 *
 * A refusal (basic_text, no keyring, a token that no longer decrypts) becomes an IpcRefusal, so the
 * Settings screen shows its message and next action instead of a generic failure.
 */
import { IpcRefusal } from '../src/ipc/wire.js';
import type { CredentialStore, StoredCredentials } from '../src/app/session/credential-store.js';
import { ORGANIZATION_ID, ORGANIZATION_TOKEN, SecretStoreError, type SecretStore } from './secret-store.js';

export function secretCredentialStore(secrets: SecretStore): CredentialStore {
  return {
    read: async (): Promise<StoredCredentials | undefined> =>
      refusing(() => {
        // Both or nothing: a token without its organization id cannot be used (and the other way round).
        if (!secrets.has(ORGANIZATION_TOKEN) || !secrets.has(ORGANIZATION_ID)) return undefined;
        const orgId = secrets.read(ORGANIZATION_ID);
        const token = secrets.read(ORGANIZATION_TOKEN);
        return orgId !== undefined && token !== undefined ? { orgId, token } : undefined;
      }),
    save: async (credentials) =>
      refusing(() => {
        // The token first: if it is refused (basic_text, no keyring), nothing is written at all.
        secrets.store(ORGANIZATION_TOKEN, credentials.token);
        secrets.store(ORGANIZATION_ID, credentials.orgId);
      }),
    clear: async () =>
      refusing(() => {
        secrets.clear(ORGANIZATION_TOKEN);
        secrets.clear(ORGANIZATION_ID);
      }),
  };
}

function refusing<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof SecretStoreError) throw new IpcRefusal(error.kind, error.message, error.nextAction);
    throw error;
  }
}
