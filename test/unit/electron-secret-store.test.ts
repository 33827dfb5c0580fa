import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSecretStore,
  ORGANIZATION_TOKEN,
  secretsPath,
  secretStoreStatus,
  SecretStoreError,
  type SafeStorageLike,
} from '../../electron/secret-store.js';
import { secretCredentialStore } from '../../electron/credential-store.js';
import { SECRET_STORE_PROBLEM_KINDS } from '../../src/ipc/secret-store-codes.js';
import { IpcRefusal, REFUSAL_CODES } from '../../src/ipc/wire.js';

// A stand-in for Electron's safeStorage (which needs the Electron binary): a reversible
// transform that never leaves the plaintext visible in the bytes, plus switches for failures.
function fakeSafeStorage(overrides: { available?: boolean; backend?: string; key?: number } = {}) {
  const key = overrides.key ?? 0x5a;
  const storage: SafeStorageLike & { backend: string; available: boolean; key: number } = {
    backend: overrides.backend ?? 'gnome_libsecret',
    available: overrides.available ?? true,
    key,
    isEncryptionAvailable() {
      return this.available;
    },
    encryptString(plain) {
      return Buffer.concat([Buffer.from('v10'), Buffer.from([...Buffer.from(plain)].map((b) => b ^ this.key))]);
    },
    decryptString(encrypted) {
      if (encrypted.subarray(0, 3).toString() !== 'v10') throw new Error('bad prefix');
      const text = Buffer.from([...encrypted.subarray(3)].map((b) => b ^ this.key)).toString();
      if (!/^[\x21-\x7e]+$/.test(text))
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return text;
    },
    getSelectedStorageBackend() {
      return this.backend;
    },
  };
  return storage;
}

const TOKEN = 'org-token-0123456789abcdef0123456789abcdef';
let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'secret-store-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('secretStoreStatus', () => {
  it("refuses Linux's basic_text backend with a next action", () => {
    const status = secretStoreStatus(fakeSafeStorage({ backend: 'basic_text' }), 'linux');
    expect(status).toMatchObject({ usable: false, kind: 'plaintext_backend' });
    expect(status.usable === false && status.nextAction).toMatch(/keyring/i);
  });
  it('refuses when the OS cannot encrypt', () => {
    expect(secretStoreStatus(fakeSafeStorage({ available: false }), 'darwin')).toMatchObject({
      usable: false,
      kind: 'encryption_unavailable',
    });
  });
  it('accepts a real keyring on Linux, and ignores the backend question elsewhere', () => {
    expect(secretStoreStatus(fakeSafeStorage({ backend: 'kwallet6' }), 'linux')).toEqual({
      usable: true,
      backend: 'kwallet6',
    });
    expect(secretStoreStatus(fakeSafeStorage({ backend: 'basic_text' }), 'win32')).toEqual({
      usable: true,
      backend: undefined,
    });
  });
});

describe('createSecretStore', () => {
  it('stores the token encrypted, reads it back, and tells the UI only that one exists', () => {
    const store = createSecretStore({ dataDir, safeStorage: fakeSafeStorage(), platform: 'linux' });
    expect(store.hasToken()).toBe(false);
    expect(store.read(ORGANIZATION_TOKEN)).toBeUndefined();
    store.store(ORGANIZATION_TOKEN, `  ${TOKEN}\n`);
    expect(store.hasToken()).toBe(true);
    expect(store.read(ORGANIZATION_TOKEN)).toBe(TOKEN);
    const onDisk = readFileSync(secretsPath(dataDir), 'utf8');
    expect(onDisk).not.toContain(TOKEN);
    expect(onDisk).not.toContain(Buffer.from(TOKEN).toString('base64'));
  });

  it('writes the file private (0600) and leaves no temp file behind', () => {
    const store = createSecretStore({ dataDir, safeStorage: fakeSafeStorage(), platform: 'linux' });
    store.store(ORGANIZATION_TOKEN, TOKEN);
    store.store(ORGANIZATION_TOKEN, `${TOKEN}-2`);
    if (process.platform !== 'win32') expect(statSync(secretsPath(dataDir)).mode & 0o777).toBe(0o600);
    expect(readdirSync(dataDir)).toEqual(['secrets.json']);
    expect(store.read(ORGANIZATION_TOKEN)).toBe(`${TOKEN}-2`);
  });

  it('refuses to store or read with basic_text, and stores nothing', () => {
    const safeStorage = fakeSafeStorage();
    const store = createSecretStore({ dataDir, safeStorage, platform: 'linux' });
    store.store(ORGANIZATION_TOKEN, TOKEN);
    safeStorage.backend = 'basic_text';
    expect(() => store.store(ORGANIZATION_TOKEN, 'another-token')).toThrow(
      expect.objectContaining({ kind: 'plaintext_backend' }),
    );
    expect(() => store.read(ORGANIZATION_TOKEN)).toThrow(SecretStoreError);
    // Knowing that a token exists needs no decryption, so the UI can still say "stored".
    expect(store.hasToken()).toBe(true);
    safeStorage.backend = 'gnome_libsecret';
    expect(store.read(ORGANIZATION_TOKEN)).toBe(TOKEN);
  });

  it('turns a keychain that changed into decrypt_failed with a next action', () => {
    const safeStorage = fakeSafeStorage();
    createSecretStore({ dataDir, safeStorage, platform: 'darwin' }).store(ORGANIZATION_TOKEN, TOKEN);
    const store = createSecretStore({ dataDir, safeStorage: fakeSafeStorage({ key: 0x80 }), platform: 'darwin' });
    try {
      store.read(ORGANIZATION_TOKEN);
      expect.unreachable('a foreign key must not decrypt');
    } catch (error) {
      expect(error).toBeInstanceOf(SecretStoreError);
      expect((error as SecretStoreError).kind).toBe('decrypt_failed');
      expect((error as SecretStoreError).nextAction).toMatch(/Settings/);
      expect((error as Error).message).not.toContain(TOKEN);
    }
  });

  it('rejects empty and multi-line tokens without writing', () => {
    const store = createSecretStore({ dataDir, safeStorage: fakeSafeStorage(), platform: 'linux' });
    expect(() => store.store(ORGANIZATION_TOKEN, '   ')).toThrow(expect.objectContaining({ kind: 'invalid_value' }));
    expect(() => store.store(ORGANIZATION_TOKEN, 'abc\ndef')).toThrow(
      expect.objectContaining({ kind: 'invalid_value' }),
    );
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('keeps marketplace tokens apart from the organization token, and clears one at a time', () => {
    const store = createSecretStore({ dataDir, safeStorage: fakeSafeStorage(), platform: 'linux' });
    store.store(ORGANIZATION_TOKEN, TOKEN);
    store.store('marketplace.patient-0042', 'market-token-1');
    expect(store.read('marketplace.patient-0042')).toBe('market-token-1');
    store.clear(ORGANIZATION_TOKEN);
    expect(store.hasToken()).toBe(false);
    expect(store.has('marketplace.patient-0042')).toBe(true);
    store.clear('marketplace.patient-0042');
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses unknown secret names', () => {
    const store = createSecretStore({ dataDir, safeStorage: fakeSafeStorage(), platform: 'linux' });
    expect(() => store.store('../../etc/passwd', 'x')).toThrow();
    expect(() => store.read('settings')).toThrow();
  });

  it('reports a damaged file as corrupt_file instead of guessing', () => {
    writeFileSync(secretsPath(dataDir), '{"version":1,"entries":{"validic.organizationToken":42}}');
    const store = createSecretStore({ dataDir, safeStorage: fakeSafeStorage(), platform: 'linux' });
    expect(() => store.hasToken()).toThrow(expect.objectContaining({ kind: 'corrupt_file' }));
    writeFileSync(secretsPath(dataDir), 'not json');
    expect(() => store.read(ORGANIZATION_TOKEN)).toThrow(expect.objectContaining({ kind: 'corrupt_file' }));
  });
});

describe('secretCredentialStore', () => {
  it('saves, reads and clears the organization id and token together, encrypted', async () => {
    const secrets = createSecretStore({ dataDir, safeStorage: fakeSafeStorage(), platform: 'linux' });
    const credentials = secretCredentialStore(secrets);
    expect(await credentials.read()).toBeUndefined();
    await credentials.save({ orgId: 'org-7', token: TOKEN });
    expect(await credentials.read()).toEqual({ orgId: 'org-7', token: TOKEN });
    expect(secrets.hasToken()).toBe(true);
    expect(readFileSync(secretsPath(dataDir), 'utf8')).not.toContain(TOKEN);
    await credentials.clear();
    expect(await credentials.read()).toBeUndefined();
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('writes nothing when the token is refused (basic_text)', async () => {
    const credentials = secretCredentialStore(
      createSecretStore({ dataDir, safeStorage: fakeSafeStorage({ backend: 'basic_text' }), platform: 'linux' }),
    );
    // An IpcRefusal whose code the Settings screen translates (the English message as the fallback).
    await expect(credentials.save({ orgId: 'org-7', token: TOKEN })).rejects.toBeInstanceOf(IpcRefusal);
    await expect(credentials.save({ orgId: 'org-7', token: TOKEN })).rejects.toMatchObject({
      code: 'plaintext_backend',
      nextAction: expect.stringMatching(/keyring/),
    });
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses with codes the wire carries (one list, in src/ipc/secret-store-codes.ts)', () => {
    expect(REFUSAL_CODES).toEqual(expect.arrayContaining([...SECRET_STORE_PROBLEM_KINDS]));
  });

  it('reads nothing from half a pair', async () => {
    const secrets = createSecretStore({ dataDir, safeStorage: fakeSafeStorage(), platform: 'linux' });
    secrets.store(ORGANIZATION_TOKEN, TOKEN);
    expect(await secretCredentialStore(secrets).read()).toBeUndefined();
  });
});
