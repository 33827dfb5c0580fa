/**
 * URL path templates. The disconnect paths are the seed's; the connect path is inferred from them
 * (the connect URL line is missing from every public copy), so all are templates in configuration.
 */
export interface PathTemplates {
  readonly provision: string;
  readonly user: string;
  readonly connect: string;
  readonly disconnect: string;
  readonly disconnectAll: string;
  /** E12: the patient's readings (REST v2). */
  readonly readings: string;
}

export const defaultPaths: PathTemplates = {
  provision: '/organizations/{org_id}/users',
  user: '/organizations/{org_id}/users/{uid}',
  connect: '/direct/auth/smart_meter/connect',
  disconnect: '/direct/auth/smart_meter/disconnect/{imei}',
  disconnectAll: '/direct/auth/smart_meter/disconnect_all',
  readings: '/organizations/{org_id}/users/{uid}/measurements',
};

export const defaultBases = {
  api: 'https://api.v2.validic.com',
  direct: 'https://syncmydevice.com',
} as const;

/** Fills `{name}` placeholders (URI-encoded) and appends `?token=`. */
export function buildUrl(base: string, template: string, params: Record<string, string>, token: string): URL {
  const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`path template ${template} needs {${name}}`);
    return encodeURIComponent(value);
  });
  const url = new URL(base.replace(/\/+$/, '') + path);
  url.searchParams.set('token', token);
  return url;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/**
 * HTTPS only, except loopback addresses (the simulator), and no user name or password in the URL
 * (it would be journaled and logged with the setting; the token has its own secret field). Returns a
 * problem, or undefined.
 */
export function insecureBaseProblem(base: string): string | undefined {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return `"${base}" is not a URL.`;
  }
  if (url.username !== '' || url.password !== '') {
    return `${url.protocol}//${url.host} carries a user name or password: credentials never go in a base URL.`;
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return undefined;
  return `${url.origin} is not HTTPS: tokens travel in the URL, so only HTTPS (or a loopback simulator) is allowed.`;
}
