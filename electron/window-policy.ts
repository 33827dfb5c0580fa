/**
 * The hardened window's rules as pure functions, so they can be unit-tested without Electron:
 * window options, the Content-Security-Policy, the permission decision and the navigation rule.
 */

/** The app is served from its own privileged scheme; nothing else is ever trusted. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export interface WindowSettings {
  readonly preloadPath: string;
  /** Kiosk and fullscreen come from settings; a developer may turn them off. */
  readonly kiosk: boolean;
  readonly fullscreen: boolean;
}

/** The subset of BrowserWindowConstructorOptions we set, kept plain for tests. */
export function mainWindowOptions(settings: WindowSettings) {
  return {
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 600,
    show: false,
    kiosk: settings.kiosk,
    fullscreen: settings.fullscreen,
    autoHideMenuBar: true,
    backgroundColor: '#0b1220',
    title: 'IMEI Kiosk',
    webPreferences: {
      preload: settings.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      experimentalFeatures: false,
    },
  } as const;
}

/**
 * No remote origin anywhere. 'wasm-unsafe-eval' lets the barcode decoder compile its local .wasm
 * (it allows WebAssembly compilation only, not eval); blob: workers and media are local streams.
 */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

export interface PermissionRequest {
  readonly permission: string;
  readonly requestingOrigin: string;
  /** For 'media': which kinds were asked for ('video', 'audio'). */
  readonly mediaTypes?: readonly string[];
}

/** Grants only the camera (video, no microphone), and only to the app's own origin. */
export function decidePermission(request: PermissionRequest, appOrigin: string = APP_ORIGIN): boolean {
  if (request.permission !== 'media') return false;
  if (originOf(request.requestingOrigin) !== appOrigin) return false;
  const types = request.mediaTypes ?? [];
  return types.length > 0 && types.every((t) => t === 'video');
}

/** Navigation away from the loaded page is never allowed; the app is a single page. */
export function isNavigationAllowed(_url: string): false {
  return false;
}

function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    // Custom schemes report origin "null" in WHATWG URL; rebuild it from scheme and host.
    return parsed.origin !== 'null' ? parsed.origin : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '';
  }
}
