/**
 * Where the kiosk keeps its data: an explicit folder, else IMEI_KIOSK_DATA_DIR, else the platform's
 * app-data folder. A stand-in until src/config owns this; keep the two in agreement.
 */
import os from 'node:os';
import path from 'node:path';

export interface DataDirSources {
  readonly flag?: string | undefined;
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  readonly home?: string;
}

const APP_FOLDER = 'imei-kiosk';

export function resolveDataDir(sources: DataDirSources = {}): string {
  const env = sources.env ?? process.env;
  if (sources.flag) return path.resolve(sources.flag);
  if (env.IMEI_KIOSK_DATA_DIR) return path.resolve(env.IMEI_KIOSK_DATA_DIR);
  const home = sources.home ?? os.homedir();
  switch (sources.platform ?? process.platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', APP_FOLDER);
    default:
      // Electron's userData on Linux: $XDG_CONFIG_HOME/<app>, else ~/.config/<app>.
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_FOLDER);
  }
}
