/**
 * How long to wait before sending again after a failure: the client's re-send of a call (a 429 waits
 * in the budget instead) and the queue's next attempt at a job. The ceiling doubles with each attempt
 * from `baseMs` up to `maxMs`; the wait is half the ceiling plus a random share of the other half, so
 * stations that failed together do not send again together.
 */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  return ceiling / 2 + random() * (ceiling / 2);
}
