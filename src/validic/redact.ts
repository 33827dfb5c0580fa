/** Keeps tokens out of logs, errors and output: `token=…last4`. */

/** Redacts every `token=` query value in a URL or any text that contains one. */
export function redactTokens(text: string): string {
  return text.replace(
    /([?&]token=)([^&#\s'"]*)/gi,
    (_m, prefix: string, value: string) => `${prefix}${maskToken(value)}`,
  );
}

/** `…` + the last 4 characters, or `…` alone for a short value (too short to show any of it). */
export function maskToken(token: string): string {
  return token.length >= 12 ? `…${token.slice(-4)}` : '…';
}

/** Removes known secret values wherever they appear (a server echoing a token back, a stack trace). */
export function scrubSecrets(text: string, secrets: Iterable<string>): string {
  let out = redactTokens(text);
  for (const secret of secrets) {
    if (secret.length >= 6) out = out.split(secret).join(maskToken(secret));
  }
  return out;
}
