/**
 * Base URLs (Validic's API and Direct Connection) are checked when an admin saves them, by the
 * rule the engine applies when it calls them (validic/paths.ts insecureBaseProblem): HTTPS, or
 * http on a loopback address (127.x.x.x, ::1, localhost) for the simulator. This file only says
 * why, as a refusal the screen can translate; it never decides differently from that rule.
 */
import { insecureBaseProblem } from '../../validic/paths.js';

export type BaseUrlSetting = 'apiBase' | 'directBase';

export interface BaseUrlProblem {
  readonly kind: 'base_url_invalid' | 'base_url_not_https';
  readonly params: Readonly<Record<string, string>>;
  readonly reason: string;
  readonly nextAction: string;
}

/** Why `value` cannot be this base URL, or null when it can. */
export function baseUrlProblem(setting: BaseUrlSetting, value: string): BaseUrlProblem | null {
  if (insecureBaseProblem(value) === undefined) return null;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url) {
    const shown = value.length > 200 ? `${value.slice(0, 200)}…` : value;
    return {
      kind: 'base_url_invalid',
      params: { setting, url: shown },
      reason: `"${shown}" is not a URL.`,
      nextAction: 'Type the whole address, starting with https://.',
    };
  }
  // file: and similar have no origin; scheme and host say what was typed.
  const where = `${url.protocol}//${url.host}`;
  return {
    kind: 'base_url_not_https',
    params: { setting, origin: where },
    reason: `${where} is not HTTPS: the organization token travels in the URL, so only HTTPS (or http on this computer, for a simulator) is allowed.`,
    nextAction: 'Use the https:// address Validic gave you, or http://127.0.0.1 for a simulator on this computer.',
  };
}
