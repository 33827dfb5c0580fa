/**
 * The shell's own settings: kiosk and fullscreen. Read from shell.json in the data folder and
 * validated with zod. It is its own file because src/config's settings.json schema is strict and
 * has no `shell` section yet; the schema is written so it can move there unchanged.
 *
 * A missing or damaged file means kiosk mode (the safe side for a station on the floor); the
 * problem is returned so main logs it. A developer gets a normal window with IMEI_KIOSK_WINDOWED=1.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const SHELL_SETTINGS_FILE = 'shell.json';

export const ShellSettingsSchema = z.strictObject({
  /** Electron's kiosk flag: fullscreen, no frame; on macOS also the presentation lock. */
  kiosk: z.boolean().default(true),
  fullscreen: z.boolean().default(true),
});
export type ShellSettings = z.infer<typeof ShellSettingsSchema>;

export const defaultShellSettings: ShellSettings = ShellSettingsSchema.parse({});

export interface ShellSettingsResult {
  readonly settings: ShellSettings;
  /** Why the file was not used as written; undefined when it was (or there was none). */
  readonly problem?: string;
}

/** Validates the file's text (undefined when there is no file). Pure. */
export function parseShellSettings(text: string | undefined, file = SHELL_SETTINGS_FILE): ShellSettingsResult {
  if (text === undefined) return { settings: defaultShellSettings };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { settings: defaultShellSettings, problem: `${file} is not valid JSON (${(error as Error).message}); using kiosk mode.` };
  }
  const parsed = ShellSettingsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    return { settings: defaultShellSettings, problem: `${file}: "${where}": ${issue?.message ?? 'invalid'}; using kiosk mode.` };
  }
  return { settings: parsed.data };
}

export function readShellSettings(dataDir: string): ShellSettingsResult {
  const file = path.join(dataDir, SHELL_SETTINGS_FILE);
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      return { settings: defaultShellSettings, problem: `${file} could not be read (${(error as Error).message}); using kiosk mode.` };
    }
  }
  return parseShellSettings(text, file);
}

export interface WindowMode {
  readonly kiosk: boolean;
  readonly fullscreen: boolean;
  /** No application menu at all in kiosk mode: its accelerators (reload, dev tools, quit) are ways out. */
  readonly applicationMenu: 'none' | 'default';
}

/** The window mode from the settings, with the developer's IMEI_KIOSK_WINDOWED=1 override. Pure. */
export function windowModeFor(settings: ShellSettings, env: NodeJS.ProcessEnv): WindowMode {
  if (env.IMEI_KIOSK_WINDOWED === '1') return { kiosk: false, fullscreen: false, applicationMenu: 'default' };
  return {
    kiosk: settings.kiosk,
    // Kiosk implies fullscreen; asking for kiosk without it would leave a window that can be moved aside.
    fullscreen: settings.kiosk || settings.fullscreen,
    applicationMenu: settings.kiosk ? 'none' : 'default',
  };
}
