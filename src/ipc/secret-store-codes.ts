/**
 * Why the secret store (electron/secret-store.ts) refused to keep or give back a token. The shell
 * raises them and the wire carries them as refusal codes the Settings screen translates, so they
 * live here, where `src/` and `electron/` both read them.
 */
export const SECRET_STORE_PROBLEM_KINDS = [
  // Linux's basic_text backend: "encrypted" with a hard-coded password, plain text in all but name.
  'plaintext_backend',
  'encryption_unavailable',
  // The keychain changed since the token was saved.
  'decrypt_failed',
  'invalid_value',
  'corrupt_file',
] as const;
export type SecretStoreProblemKind = (typeof SECRET_STORE_PROBLEM_KINDS)[number];
