/**
 * The secret store: the organization token (and, later, marketplace tokens) encrypted with
 * Electron's safeStorage into secrets.json in the data folder. Main process only.
 *
 * - Each secret is encrypted on its own; the file keeps only names and ciphertexts, so `has()`
 *   answers without decrypting (it works while the OS keychain is locked).
 * - Linux's `basic_text` backend is refused: it "encrypts" with a hard-coded password, which is
 *   plaintext at rest in all but name.
 * - The file is written atomically (temp file, fsync, rename) with mode 0600.
 * - Nothing here returns a token to anything that crosses to the renderer: the UI gets `hasToken()`.
 *
 * safeStorage is behind `SafeStorageLike` so this is unit-tested with a fake; Electron's real
 * safeStorage (DPAPI, Keychain, libsecret/kwallet) is the part that cannot run on this machine.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomically } from '../src/config/atomic-file.js';
import type { SecretStoreProblemKind } from '../src/ipc/secret-store-codes.js';

/** The subset of Electron's `safeStorage` we use. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron; 'basic_text' means no real keyring. */
  getSelectedStorageBackend?(): string;
}

export const SECRETS_FILE = 'secrets.json';
export const ORGANIZATION_TOKEN = 'validic.organizationToken';
/** Not a secret, but kept beside its token so the pair is saved and cleared together. */
export const ORGANIZATION_ID = 'validic.organizationId';

/** Secret names: the organization token and id, or `marketplace.<uid>` for a patient's marketplace token. */
export const SecretNameSchema = z
  .string()
  .regex(
    /^(validic\.organizationToken|validic\.organizationId|marketplace\.[A-Za-z0-9._:-]{1,200})$/,
    'not a known secret name',
  );

/** A token as typed or pasted: trimmed, one line, printable, bounded. */
export const SecretValueSchema = z
  .string()
  .trim()
  .min(1, 'the token is empty')
  .max(4096, 'the token is longer than 4096 characters')
  .regex(/^[\x21-\x7e]+$/, 'the token must be one line of printable characters, without spaces');

const SecretsFileSchema = z.strictObject({
  version: z.literal(1),
  /** Name → base64 of safeStorage's ciphertext. */
  entries: z.record(SecretNameSchema, z.base64().min(1)),
});
type SecretsFile = z.infer<typeof SecretsFileSchema>;

/** An error as data: what happened and the one next action, for the Settings screen and the log. */
export class SecretStoreError extends Error {
  override readonly name = 'SecretStoreError';
  constructor(
    readonly kind: SecretStoreProblemKind,
    message: string,
    readonly nextAction: string,
  ) {
    super(message);
  }
}

export type SecretStoreStatus =
  | { readonly usable: true; readonly backend: string | undefined }
  | {
      readonly usable: false;
      readonly kind: Extract<SecretStoreProblemKind, 'plaintext_backend' | 'encryption_unavailable'>;
      readonly message: string;
      readonly nextAction: string;
    };

/**
 * Whether secrets can be stored safely on this machine. Pure: decides from what safeStorage reports.
 * Call it only after Electron's `ready` (before that, Linux reports 'unknown' and no encryption).
 */
export function secretStoreStatus(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): SecretStoreStatus {
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined;
  if (backend === 'basic_text') {
    return {
      usable: false,
      kind: 'plaintext_backend',
      message:
        'This computer has no keyring for the kiosk user, so the token would be stored as plain text. It was not saved.',
      nextAction:
        'Ask IT to install and unlock a keyring for the kiosk user (GNOME Keyring or KWallet), or start the app with --password-store=gnome-libsecret, then enter the token again.',
    };
  }
  if (!safeStorage.isEncryptionAvailable()) {
    return {
      usable: false,
      kind: 'encryption_unavailable',
      message: "The operating system's secure storage is not available, so the token cannot be stored encrypted.",
      nextAction:
        'Sign in to the kiosk user account normally (so its keychain is unlocked), restart the app, then enter the token again.',
    };
  }
  return { usable: true, backend };
}

export interface SecretStore {
  /** Whether secrets can be written and read here, and if not, why and what to do. */
  status(): SecretStoreStatus;
  /** For the UI: is an organization token stored? Never decrypts, never returns it. */
  hasToken(): boolean;
  /** Whether a secret is stored, without decrypting it. */
  has(name: string): boolean;
  /** Main process only: the secret, or undefined when none is stored. */
  read(name: string): string | undefined;
  store(name: string, value: string): void;
  clear(name: string): void;
}

export interface SecretStoreOptions {
  readonly dataDir: string;
  readonly safeStorage: SafeStorageLike;
  readonly platform?: NodeJS.Platform;
}

export function secretsPath(dataDir: string): string {
  return path.join(dataDir, SECRETS_FILE);
}

export function createSecretStore(options: SecretStoreOptions): SecretStore {
  const file = secretsPath(options.dataDir);
  const { safeStorage } = options;
  const status = () => secretStoreStatus(safeStorage, options.platform);

  function requireUsable(): void {
    const current = status();
    if (!current.usable) throw new SecretStoreError(current.kind, current.message, current.nextAction);
  }

  function load(): SecretsFile {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, entries: {} };
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw corruptFile(file);
    }
    const parsed = SecretsFileSchema.safeParse(json);
    if (!parsed.success) throw corruptFile(file);
    return parsed.data;
  }

  function save(contents: SecretsFile): void {
    if (Object.keys(contents.entries).length === 0) {
      rmSync(file, { force: true });
      return;
    }
    writeFileAtomically(file, `${JSON.stringify(contents, null, 2)}\n`);
  }

  const has = (name: string) => load().entries[SecretNameSchema.parse(name)] !== undefined;

  function read(name: string): string | undefined {
    const key = SecretNameSchema.parse(name);
    const stored = load().entries[key];
    if (stored === undefined) return undefined;
    requireUsable();
    try {
      return safeStorage.decryptString(Buffer.from(stored, 'base64'));
    } catch {
      // Signal's lesson: a keychain that changed (new user profile, restored disk) is a defined state.
      throw new SecretStoreError(
        'decrypt_failed',
        "The stored token could not be decrypted: this computer's secure storage has changed since it was saved.",
        'Enter the organization token again in Settings (admin).',
      );
    }
  }

  function store(name: string, value: string): void {
    const key = SecretNameSchema.parse(name);
    const parsed = SecretValueSchema.safeParse(value);
    if (!parsed.success) {
      throw new SecretStoreError(
        'invalid_value',
        `The token was not saved: ${parsed.error.issues[0]?.message ?? 'invalid'}.`,
        'Paste the token again, exactly as Validic issued it.',
      );
    }
    requireUsable();
    const encrypted = safeStorage.encryptString(parsed.data).toString('base64');
    const contents = load();
    save({ version: 1, entries: { ...contents.entries, [key]: encrypted } });
  }

  function clear(name: string): void {
    const key = SecretNameSchema.parse(name);
    const contents = load();
    if (contents.entries[key] === undefined) return;
    const entries = { ...contents.entries };
    delete entries[key];
    save({ version: 1, entries });
  }

  return {
    status,
    hasToken: () => has(ORGANIZATION_TOKEN),
    has,
    read,
    store,
    clear,
  };
}

function corruptFile(file: string): SecretStoreError {
  return new SecretStoreError(
    'corrupt_file',
    `${file} is damaged and cannot be read.`,
    `Delete ${file}, then enter the organization token again in Settings (admin).`,
  );
}
