/**
 * How long the client waits before re-sending a call that failed (not a 429, which waits in the
 * budget): the ceiling doubles with each attempt from `baseMs` up to `maxMs`, and the wait is half the
 * ceiling plus a random share of the other half, so stations that failed together do not re-send together.
 */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  return ceiling / 2 + random() * (ceiling / 2);
}
