/**
 * The shell: app lifecycle and the hardened window. Thin on purpose — the engine lives in src/, and
 * every decision made here is a pure function in a sibling module with unit tests. This file is the
 * part that needs the Electron binary, so it is the part that cannot run on the build machines.
 */
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session } from 'electron';
import { EVENT_CHANNEL_PREFIX } from '../src/ipc/contract.js';
import { openKioskHost, type KioskHost } from '../src/app/kiosk-host.js';
import { watchSerialPorts, type SerialWatch } from '../src/app/serial/serial-watch.js';
import { loadStationSettings } from '../src/app/session/station-settings.js';
import { resolveDataDir } from '../src/ledger/data-dir.js';
import { createKioskLogger } from '../src/log/logger.js';
import { createCloseGuard } from './close-guard.js';
import { secretCredentialStore } from './credential-store.js';
import { registerContractHandlers } from './ipc.js';
import { createRendererRecovery, rendererFailedUrl, shellResponseFor } from './renderer-recovery.js';
import { createSecretStore } from './secret-store.js';
import {
  errorFields,
  logProcessErrors,
  logWebContentsEvents,
  processGoneFields,
  shellLogsDir,
  type ShellLogger,
} from './shell-log.js';
import { readKioskFlag, windowModeFor } from './window-mode.js';
import { staticAssetPath, contentTypeFor } from './static-assets.js';
import {
  APP_HOST,
  APP_ORIGIN,
  APP_SCHEME,
  contentSecurityPolicy,
  decidePermission,
  mainWindowOptions,
} from './window-policy.js';

const rendererRoot = path.join(__dirname, '..', 'renderer');
const indexUrl = `${APP_ORIGIN}/index.html`;

/** The engine host, once open: the close confirmation and quitting need it. */
let host: KioskHost | undefined;
/** Serial hot-plug, once started: stopped before the engine closes. */
let serialWatch: SerialWatch | undefined;

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Logging starts only in the instance that keeps running: two writers would race on rotation.
  const dataDir = resolveDataDir({ env: process.env });
  const logsDir = shellLogsDir(process.env, dataDir, electronLogsDir(dataDir));
  mkdirSync(logsDir, { recursive: true });
  const kioskLog = createKioskLogger({ dir: logsDir });
  const log = kioskLog.logger.child({ process: 'main' });
  logProcessErrors(process, log);

  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('child-process-gone', (_event, details) => log.warn(processGoneFields(details), 'child process gone'));

  // Close the engine (its journal) and flush the log before the process ends.
  let shutDown = false;
  app.on('will-quit', (event) => {
    if (shutDown) return;
    event.preventDefault();
    // A journal that will not close must not keep a station from quitting: give it 5 seconds.
    const stopped = (serialWatch?.stop() ?? Promise.resolve()).then(() => host?.close());
    const engineClosed = Promise.race([stopped, new Promise<void>((resolve) => setTimeout(resolve, 5000))]);
    void engineClosed
      .catch((error: unknown) => log.error({ error: errorFields(error) }, 'engine did not close cleanly'))
      .then(() => kioskLog.flush())
      .finally(() => {
        shutDown = true;
        app.quit();
      });
  });

  app.whenReady().then(
    () =>
      start({ dataDir, logsDir, log }).catch((error: unknown) => {
        // Nothing to show yet (bad settings, a locked journal): say so, with the log's place, and stop.
        log.fatal({ error: errorFields(error) }, 'the kiosk could not start');
        dialog.showErrorBox(
          'IMEI Kiosk could not start',
          `${(error as Error).message ?? String(error)}\n\nDetails are in the log: ${logsDir}`,
        );
        app.quit();
      }),
    (error: unknown) => log.fatal({ error: errorFields(error) }, 'app did not become ready'),
  );
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

app.on('window-all-closed', () => app.quit());

interface StartContext {
  readonly dataDir: string;
  readonly logsDir: string;
  readonly log: ShellLogger;
}

async function start({ dataDir, logsDir, log }: StartContext): Promise<void> {
  protocol.handle(APP_SCHEME, async (request) => {
    const shellPage = shellResponseFor(request.url, logsDir);
    if (shellPage) {
      return new Response(shellPage.body, {
        headers: { 'content-type': shellPage.contentType, 'content-security-policy': contentSecurityPolicy() },
      });
    }
    const file = staticAssetPath(rendererRoot, request.url, APP_HOST);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      return new Response(await readFile(file), {
        headers: { 'content-type': contentTypeFor(file), 'content-security-policy': contentSecurityPolicy() },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });

  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    callback(decidePermission({ permission, requestingOrigin: details.requestingUrl ?? '', mediaTypes }));
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    decidePermission({ permission, requestingOrigin, mediaTypes: details.mediaType ? [details.mediaType] : [] }),
  );

  // safeStorage is usable only after 'ready'. Only whether a token exists is logged, never the token.
  const secrets = createSecretStore({ dataDir, safeStorage });
  const secretStatus = secrets.status();
  log.info(
    secretStatus.usable
      ? { secretStore: 'usable', backend: secretStatus.backend ?? 'os', hasToken: secrets.hasToken() }
      : { secretStore: secretStatus.kind, nextAction: secretStatus.nextAction },
    'secret store',
  );

  const kioskHost = await openKioskHost({
    dataDir,
    name: app.getName(),
    version: app.getVersion(),
    credentials: secretCredentialStore(secrets),
    onHandlerError: (channel, error) => log.error({ channel, error: errorFields(error) }, 'IPC handler failed'),
  });
  host = kioskHost;
  log.info({ mode: kioskHost.engine().mode }, 'engine open');

  // A plugged-in device has its modem's IMEI read and offered on the onboarding screen; a serial-mode
  // scanner is read while plugged in (its scans go to the screens like wedge scans). The watch reads
  // the station's serial profile at every poll: a Settings change applies without a restart.
  serialWatch = watchSerialPorts({
    offers: kioskHost.serial,
    profile: () => kioskHost.serialProfile(),
    log: (message) => log.info({ serial: message }, 'serial'),
  });
  registerContractHandlers(
    {
      handle: (channel, listener) =>
        ipcMain.handle(channel, (event, payload: unknown) => listener({ senderUrl: event.senderFrame?.url }, payload)),
      removeHandler: (channel) => ipcMain.removeHandler(channel),
    },
    kioskHost.dispatcher,
    (senderUrl) => senderUrl?.startsWith(`${APP_ORIGIN}/`) ?? false,
  );

  const kioskFlag = readKioskFlag(() => loadStationSettings(dataDir));
  if (kioskFlag.problem) log.warn({ problem: kioskFlag.problem }, 'station settings not used as written');
  const windowMode = windowModeFor(kioskFlag, process.env);
  // On macOS the menu is app-wide and removeMenu() does not touch it; null removes its accelerators too.
  if (windowMode.applicationMenu === 'none') Menu.setApplicationMenu(null);

  const win = new BrowserWindow(
    mainWindowOptions({
      preloadPath: path.join(__dirname, 'preload.cjs'),
      kiosk: windowMode.kiosk,
      fullscreen: windowMode.fullscreen,
    }),
  );
  if (windowMode.applicationMenu === 'none') win.removeMenu();
  log.info({ kiosk: windowMode.kiosk, fullscreen: windowMode.fullscreen }, 'window opening');

  // Engine events reach the renderer on their own channels; window.kiosk.on() listens to them.
  const stopEvents = kioskHost.onEvent((event, payload) => {
    if (!win.isDestroyed()) win.webContents.send(`${EVENT_CHANNEL_PREFIX}${event}`, payload);
  });
  win.once('closed', stopEvents);

  const closeGuard = createCloseGuard({
    queueStatus: async () => ({ inFlight: kioskHost.inFlight() }),
    confirm: async (dialogOptions) =>
      (await dialog.showMessageBox(win, { ...dialogOptions, buttons: [...dialogOptions.buttons] })).response,
  });
  win.on('close', (event) => void closeGuard.onClose(event, () => win.close()));

  logWebContentsEvents(win.webContents, log);
  const recovery = createRendererRecovery();
  win.webContents.on('render-process-gone', (_event, details) => {
    log.error(processGoneFields(details), 'renderer gone');
    const decision = recovery.onRenderProcessGone(details.reason);
    switch (decision.action) {
      case 'none':
        return;
      case 'reload':
        // The renderer re-reads its state from the engine through window.kiosk at start.
        log.warn({ attempt: decision.attempt }, 'reloading the renderer');
        void win.loadURL(indexUrl);
        return;
      case 'show-error-page':
        log.error(
          { reason: decision.reason, crashesInWindow: decision.crashesInWindow },
          'renderer keeps failing; showing the error page',
        );
        void win.loadURL(rendererFailedUrl(APP_ORIGIN, decision));
        return;
    }
  });

  win.once('ready-to-show', () => win.show());
  await win.loadURL(indexUrl);
}

/** Electron's logs folder; older releases could refuse it before 'ready', so fall back to the data folder. */
function electronLogsDir(dataDir: string): string {
  try {
    return app.getPath('logs');
  } catch {
    return path.join(dataDir, 'logs');
  }
}
