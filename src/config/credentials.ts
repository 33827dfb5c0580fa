/**
 * Which backend the kiosk talks to. Credentials come from the environment (VALIDIC_ORG_ID,
 * VALIDIC_TOKEN, VALIDIC_API_BASE, VALIDIC_DIRECT_BASE) over the settings. None at all means
 * training mode; some but not all is a configuration error.
 */
import { insecureBaseProblem } from '../validic/paths.js';
import type { Settings } from './settings.js';

export type AppMode = 'training' | 'production';

export interface ProductionCredentials {
  readonly mode: 'production';
  readonly orgId: string;
  readonly token: string;
  readonly apiBase: string;
  readonly directBase: string;
}

export type CredentialsResolution =
  | { readonly mode: 'training' }
  | ProductionCredentials
  | { readonly mode: 'incomplete'; readonly problems: readonly string[] };

const nonEmpty = (value: string | undefined): string | undefined =>
  value && value.trim() !== '' ? value.trim() : undefined;

export function resolveCredentials(settings: Settings, env: NodeJS.ProcessEnv): CredentialsResolution {
  const orgId = nonEmpty(env.VALIDIC_ORG_ID) ?? nonEmpty(settings.validic.orgId);
  const token = nonEmpty(env.VALIDIC_TOKEN) ?? nonEmpty(settings.validic.token);
  const apiBase = nonEmpty(env.VALIDIC_API_BASE) ?? settings.validic.apiBase;
  const directBase = nonEmpty(env.VALIDIC_DIRECT_BASE) ?? settings.validic.directBase;
  const basesOverridden =
    nonEmpty(env.VALIDIC_API_BASE) !== undefined || nonEmpty(env.VALIDIC_DIRECT_BASE) !== undefined;

  if (orgId === undefined && token === undefined && !basesOverridden) return { mode: 'training' };

  const problems: string[] = [];
  if (orgId === undefined) problems.push('the Validic organization id is missing (VALIDIC_ORG_ID or validic.orgId)');
  if (token === undefined) problems.push('the Validic organization token is missing (VALIDIC_TOKEN or validic.token)');
  for (const base of [apiBase, directBase]) {
    const problem = insecureBaseProblem(base);
    if (problem) problems.push(problem);
  }
  if (problems.length > 0 || orgId === undefined || token === undefined) return { mode: 'incomplete', problems };
  return { mode: 'production', orgId, token, apiBase, directBase };
}
