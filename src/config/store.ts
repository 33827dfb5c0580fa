/** settings.json in the data folder: read with the schema, written atomically, durably and private (0600). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomically } from './atomic-file.js';
import { ConfigurationError } from './errors.js';
import { SettingsSchema, type Settings, type SettingsInput } from './settings.js';

export const SETTINGS_FILE = 'settings.json';

export function settingsPath(dataDir: string): string {
  return path.join(dataDir, SETTINGS_FILE);
}

/** The settings, or the defaults when there is no file. A bad file is a ConfigurationError naming the field. */
export function loadSettings(dataDir: string): Settings {
  const file = settingsPath(dataDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return SettingsSchema.parse({});
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(`${file} is not valid JSON: ${(error as Error).message}.`, `Fix or remove ${file}.`);
  }
  const parsed = SettingsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    const why = (issue?.message ?? 'invalid').replace(/\.$/, '');
    throw new ConfigurationError(`${file}: "${where}": ${why}.`, `Fix "${where}" in ${file}.`);
  }
  return parsed.data;
}

export function saveSettings(dataDir: string, settings: SettingsInput): Settings {
  const valid = SettingsSchema.parse(settings);
  writeFileAtomically(settingsPath(dataDir), `${JSON.stringify(valid, null, 2)}\n`);
  return valid;
}
