/**
 * The window's mode: kiosk, fullscreen, and whether there is an application menu. The kiosk flag
 * is the station's setting (`kiosk` in kiosk-settings.json, src/app/session/station-settings.ts, edited
 * on the Settings screen); it takes effect at the next start. A developer gets a normal window
 * with IMEI_KIOSK_WINDOWED=1. Pure, so it is tested without Electron.
 */

export interface WindowModeSettings {
  readonly kiosk: boolean;
  /** Fullscreen without kiosk; defaults to the kiosk flag. */
  readonly fullscreen?: boolean;
}

export interface WindowMode {
  readonly kiosk: boolean;
  readonly fullscreen: boolean;
  /** No application menu at all in kiosk mode: its accelerators (reload, dev tools, quit) are ways out. */
  readonly applicationMenu: 'none' | 'default';
}

export function windowModeFor(settings: WindowModeSettings, env: NodeJS.ProcessEnv): WindowMode {
  if (env.IMEI_KIOSK_WINDOWED === '1') return { kiosk: false, fullscreen: false, applicationMenu: 'default' };
  return {
    kiosk: settings.kiosk,
    // Kiosk implies fullscreen; a kiosk window that is not fullscreen could be moved aside.
    fullscreen: settings.kiosk || (settings.fullscreen ?? false),
    applicationMenu: settings.kiosk ? 'none' : 'default',
  };
}

export interface KioskFlag {
  readonly kiosk: boolean;
  /** Why the station settings could not be read; kiosk mode is used then. */
  readonly problem?: string;
}

/** The station's kiosk flag; a damaged settings file means kiosk mode, the safe side on the floor. */
export function readKioskFlag(loadStationSettings: () => { readonly kiosk: boolean }): KioskFlag {
  try {
    return { kiosk: loadStationSettings().kiosk };
  } catch (error) {
    return { kiosk: true, problem: `${(error as Error).message}; using kiosk mode.` };
  }
}
