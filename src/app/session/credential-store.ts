/**
 * Where the organization token lives. The Electron main process supplies a safeStorage-backed
 * store (encrypted at rest); headless hosts may keep it in memory. The token never crosses to the
 * renderer: the contract only ever reports whether one is stored.
 */
export interface StoredCredentials {
  readonly orgId: string;
  readonly token: string;
}

export interface CredentialStore {
  read(): Promise<StoredCredentials | undefined>;
  save(credentials: StoredCredentials): Promise<void>;
  clear(): Promise<void>;
}

/** For tests and the browser dev host: nothing is written anywhere. */
export function createMemoryCredentialStore(initial?: StoredCredentials): CredentialStore {
  let current = initial;
  return {
    read: async () => current,
    save: async (credentials) => {
      current = credentials;
    },
    clear: async () => {
      current = undefined;
    },
  };
}
