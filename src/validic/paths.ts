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

/** The values each call fills its path with: a template may name only these. */
export const PATH_VALUES: { readonly [Call in keyof PathTemplates]: readonly string[] } = {
  provision: ['org_id'],
  user: ['org_id', 'uid'],
  connect: [],
  disconnect: ['imei'],
  disconnectAll: [],
  readings: ['org_id', 'uid'],
};

/** The values that say which patient or device a call is about: a path without them would not. */
const TARGET_VALUES: { readonly [Call in keyof PathTemplates]?: string } = {
  user: 'uid',
  disconnect: 'imei',
  readings: 'uid',
};

/**
 * What is wrong with a custom path for `call`, or undefined: a placeholder the call cannot fill, or
 * a missing one that names the call's patient or device. Checked where paths are set, so a mistyped
 * template is refused when the settings are read, not at a patient's first connect.
 */
export function pathTemplateProblem(call: keyof PathTemplates, template: string): string | undefined {
  const named = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
  const allowed = PATH_VALUES[call];
  const unknown = named.find((name) => !allowed.includes(name));
  if (unknown !== undefined) {
    const may = allowed.length > 0 ? `only ${allowed.map((name) => `{${name}}`).join(' and ')}` : 'no value';
    return `the ${call} path ${template} names {${unknown}}; it may name ${may}.`;
  }
  const target = TARGET_VALUES[call];
  if (target !== undefined && !named.includes(target)) {
    return `the ${call} path ${template} lacks {${target}}: it would not say which ${target === 'imei' ? 'device' : 'patient'} the call is for.`;
  }
  return undefined;
}

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
