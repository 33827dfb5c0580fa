/**
 * Base URLs (Validic's API and Direct Connection) are checked when an admin saves them, by the
 * rule the engine applies when it calls them (validic/paths.ts insecureBaseProblem): HTTPS, or
 * http on a loopback address (127.x.x.x, ::1, localhost) for the simulator. This file only says
 * why, as a refusal kind and its values (the catalogue words it); it never decides differently from that rule.
 */
import { insecureBaseProblem } from '../../validic/paths.js';

export type BaseUrlSetting = 'apiBase' | 'directBase';

export type BaseUrlProblem =
  | { readonly kind: 'base_url_invalid'; readonly params: { readonly setting: BaseUrlSetting; readonly url: string } }
  | {
      readonly kind: 'base_url_not_https' | 'base_url_has_credentials';
      readonly params: { readonly setting: BaseUrlSetting; readonly origin: string };
    };

/** Why `value` cannot be this base URL, or null when it can. */
export function baseUrlProblem(setting: BaseUrlSetting, value: string): BaseUrlProblem | null {
  if (insecureBaseProblem(value) === undefined) return null;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url) {
    const shown = value.length > 200 ? `${value.slice(0, 200)}…` : value;
    return { kind: 'base_url_invalid', params: { setting, url: shown } };
  }
  // file: and similar have no origin; scheme and host say what was typed (never the user info).
  const origin = `${url.protocol}//${url.host}`;
  if (url.username !== '' || url.password !== '')
    return { kind: 'base_url_has_credentials', params: { setting, origin } };
  return { kind: 'base_url_not_https', params: { setting, origin } };
}
