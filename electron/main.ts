/**
 * The shell: app lifecycle and the hardened window. Thin on purpose — the engine lives in src/.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import { contract } from '../src/ipc/contract.js';
import { createDispatcher } from '../src/ipc/dispatcher.js';
import { createEngineHandlers } from '../src/ipc/handlers.js';
import { registerContractHandlers } from './ipc.js';
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

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  void app.whenReady().then(start);
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

app.on('window-all-closed', () => app.quit());

async function start(): Promise<void> {
  protocol.handle(APP_SCHEME, async (request) => {
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

  const mode = process.env.VALIDIC_ORG_ID && process.env.VALIDIC_TOKEN ? 'production' : 'training';
  const dispatcher = createDispatcher(contract, createEngineHandlers({ name: app.getName(), version: app.getVersion(), mode }));
  registerContractHandlers(
    {
      handle: (channel, listener) =>
        ipcMain.handle(channel, (event, payload: unknown) => listener({ senderUrl: event.senderFrame?.url }, payload)),
      removeHandler: (channel) => ipcMain.removeHandler(channel),
    },
    dispatcher,
    (senderUrl) => senderUrl?.startsWith(`${APP_ORIGIN}/`) ?? false,
  );

  const kioskMode = process.env.IMEI_KIOSK_WINDOWED !== '1';
  const win = new BrowserWindow(
    mainWindowOptions({ preloadPath: path.join(__dirname, 'preload.cjs'), kiosk: kioskMode, fullscreen: kioskMode }),
  );
  if (kioskMode) win.removeMenu();
  win.once('ready-to-show', () => win.show());
  await win.loadURL(`${APP_ORIGIN}/index.html`);
}
