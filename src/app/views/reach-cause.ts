/**
 * Why Validic cannot be reached, in words a person at a packing station can act on. The client's
 * message carries Node's own detail ("ENOTFOUND (getaddrinfo ENOTFOUND api.v2.validic.com)"),
 * right for a log and meaningless at the counter.
 */
export const REACH_CAUSES = ['dns', 'refused', 'timeout', 'network'] as const;
export type ReachCause = (typeof REACH_CAUSES)[number];

const DNS = /\b(?:ENOTFOUND|EAI_AGAIN) \(getaddrinfo \w+ ([^)\s]*)\)/g;
const REFUSED = /\bECONNREFUSED \([^)]*\)/g;
const OTHER = /\b(?:E[A-Z]{3,}|UND_ERR_[A-Z_]+) \([^)]*\)/g;

/** What kept Validic out of reach, for a reason of kind `network` or `timeout`; undefined for any other kind. */
export function reachCause(kind: string | undefined, text: string): ReachCause | undefined {
  if (kind === 'timeout') return 'timeout';
  if (kind !== 'network') return undefined;
  if (/\b(?:ENOTFOUND|EAI_AGAIN)\b/.test(text)) return 'dns';
  if (/\bECONNREFUSED\b/.test(text)) return 'refused';
  return 'network';
}

/** The text with Node's error codes said in words. */
export function reachInWords(text: string): string {
  return text
    .replace(DNS, (_whole, host: string) => `the name ${host} cannot be found (DNS)`)
    .replace(REFUSED, 'the server refused the connection')
    .replace(OTHER, 'the network is unreachable');
}
