/**
 * The engine host's CredentialStore (src/kiosk/credential-store.ts) backed by the secret store:
 * the organization id and token saved, read and cleared together, encrypted with safeStorage.
 * Only the main process holds this object; the renderer learns only whether a token is stored.
 */
import type { CredentialStore, StoredCredentials } from '../src/kiosk/credential-store.js';
import { ORGANIZATION_ID, ORGANIZATION_TOKEN, type SecretStore } from './secret-store.js';

export function secretCredentialStore(secrets: SecretStore): CredentialStore {
  return {
    async read(): Promise<StoredCredentials | undefined> {
      // Both or nothing: a token without its organization id cannot be used (and the other way round).
      if (!secrets.has(ORGANIZATION_TOKEN) || !secrets.has(ORGANIZATION_ID)) return undefined;
      const orgId = secrets.read(ORGANIZATION_ID);
      const token = secrets.read(ORGANIZATION_TOKEN);
      return orgId !== undefined && token !== undefined ? { orgId, token } : undefined;
    },
    async save(credentials) {
      // The token first: if it is refused (basic_text, no keyring), nothing is written at all.
      secrets.store(ORGANIZATION_TOKEN, credentials.token);
      secrets.store(ORGANIZATION_ID, credentials.orgId);
    },
    async clear() {
      secrets.clear(ORGANIZATION_TOKEN);
      secrets.clear(ORGANIZATION_ID);
    },
  };
}
