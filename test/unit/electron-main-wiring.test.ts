import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames } from '../../src/ipc/channel-types.js';
import { contract } from '../../src/ipc/contract.js';

// electron/main.ts needs the Electron binary, which cannot be downloaded here. This test bundles
// main.ts the way scripts/build-shell.mjs does, with `electron` swapped for a recording fake, runs
// it in Node and drives the fake: it checks the wiring (window mode, menu, log, close guard,
// renderer recovery, the error page), not Electron itself.

const FAKE_ELECTRON = String.raw`
const { EventEmitter } = require('node:events');
const trace = [];
const record = (...entry) => trace.push(entry);
class FakeWebContents extends EventEmitter {
  setWindowOpenHandler(handler) { this.openHandler = handler; }
  send(channel) { record('send', channel); }
}
const app = Object.assign(new EventEmitter(), {
  requestSingleInstanceLock: () => true,
  getPath: (name) => '/nonexistent/electron/' + name,
  whenReady: () => Promise.resolve(),
  getName: () => 'imei-kiosk',
  getVersion: () => '0.0.0-test',
  quit: () => record('quit'),
});
class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new FakeWebContents();
    BrowserWindow.all.push(this);
    record('window', { kiosk: options.kiosk, fullscreen: options.fullscreen, sandbox: options.webPreferences.sandbox });
    app.emit('web-contents-created', {}, this.webContents);
  }
  static getAllWindows() { return BrowserWindow.all; }
  removeMenu() { record('removeMenu'); }
  isDestroyed() { return false; }
  loadURL(url) { record('loadURL', url); return Promise.resolve(); }
  show() {}
  focus() {}
  isMinimized() { return false; }
  close() {
    const event = { prevented: false, preventDefault() { this.prevented = true; } };
    this.emit('close', event);
    record(event.prevented ? 'close-prevented' : 'closed');
  }
}
BrowserWindow.all = [];
const protocol = {
  registerSchemesAsPrivileged: () => {},
  handle: (scheme, handler) => { protocol.handler = handler; record('protocol', scheme); },
};
const session = { defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {} } };
const ipcMain = { handle: (channel) => record('ipc', channel), removeHandler() {} };
const Menu = { setApplicationMenu: (menu) => record('applicationMenu', menu) };
const dialog = {
  showMessageBox: async (_win, options) => { record('dialog', options.message); return { response: 0 }; },
  showErrorBox: (title, message) => record('errorBox', title, message),
};
const safeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (s) => Buffer.from(s),
  decryptString: (b) => b.toString(),
  getSelectedStorageBackend: () => 'basic_text',
};
globalThis.fakeElectron = { trace, app, BrowserWindow, protocol };
module.exports = { app, BrowserWindow, protocol, session, ipcMain, Menu, dialog, safeStorage };
`;

const DRIVER = String.raw`
require('./main.cjs');
const { trace, app, BrowserWindow, protocol } = globalThis.fakeElectron;
const tick = () => new Promise((resolve) => setTimeout(resolve, 20));
(async () => {
  // The engine opens first (training mode starts the embedded simulator), then the window.
  while (BrowserWindow.all.length === 0 && !trace.some((t) => t[0] === 'errorBox')) await tick();
  if (BrowserWindow.all.length === 0) {
    while (!trace.some((t) => t[0] === 'quit')) await tick();
    process.stdout.write(JSON.stringify({ trace, pageText: '', csp: '' }), () => process.exit(0));
    return;
  }
  const [win] = BrowserWindow.all;
  win.webContents.emit('console-message', { level: 'error', message: 'submit failed for 490154203237518 token=abc123secret', lineNumber: 3, sourceId: 'app://kiosk/assets/index.js' });
  for (let i = 0; i < 4; i++) win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
  const failedUrl = trace.filter((t) => t[0] === 'loadURL').map((t) => t[1]).pop();
  const page = await protocol.handler(new Request(failedUrl));
  const pageText = await page.text();
  const csp = page.headers.get('content-security-policy');
  win.close();
  await tick();
  app.emit('will-quit', { preventDefault() {} });
  while (!trace.some((t) => t[0] === 'quit')) await tick();
  // The fake app.quit() does not end the process, and the engine's simulator would keep it alive.
  process.stdout.write(JSON.stringify({ trace, pageText, csp }), () => process.exit(0));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
`;

const execFileAsync = promisify(execFile);
let dir: string;
let result: { trace: unknown[][]; pageText: string; csp: string };

async function runMain(env: NodeJS.ProcessEnv) {
  const dataDir = mkdtempSync(path.join(dir, 'data-'));
  const { stdout } = await execFileAsync(process.execPath, [path.join(dir, 'driver.cjs')], {
    env: { PATH: process.env.PATH, NODE_PATH: path.resolve('node_modules'), IMEI_KIOSK_DATA_DIR: dataDir, ...env },
  });
  return { dataDir, output: JSON.parse(stdout) as typeof result };
}

let dataDir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'main-wiring-'));
  await build({
    entryPoints: ['electron/main.ts'],
    outfile: path.join(dir, 'main.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
    // As in scripts/build-shell.mjs: native modules load from node_modules at run time (NODE_PATH below).
    external: ['serialport', '@serialport/*'],
    plugins: [
      {
        name: 'fake-electron',
        setup(b) {
          b.onResolve({ filter: /^electron$/ }, () => ({ path: 'electron', namespace: 'fake' }));
          b.onLoad({ filter: /.*/, namespace: 'fake' }, () => ({ contents: FAKE_ELECTRON, loader: 'js' }));
        },
      },
    ],
  });
  writeFileSync(path.join(dir, 'driver.cjs'), DRIVER);
  ({ dataDir, output: result } = await runMain({}));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entries = (name: string) => result.trace.filter((t) => t[0] === name).map((t) => t[1]);

describe('electron/main.ts wiring (with a fake electron)', () => {
  it('opens a sandboxed kiosk window with no application menu by default', () => {
    expect(entries('window')).toEqual([{ kiosk: true, fullscreen: true, sandbox: true }]);
    expect(entries('applicationMenu')).toEqual([null]);
    expect(result.trace.some((t) => t[0] === 'removeMenu')).toBe(true);
  });

  it('registers every contract channel and the app protocol', () => {
    expect(entries('protocol')).toEqual(['app']);
    expect((entries('ipc') as string[]).sort()).toEqual(channelNames(contract).sort());
  });

  it('reloads a crashed renderer 3 times, then shows the error page from main', () => {
    const loads = entries('loadURL') as string[];
    expect(loads.filter((u) => u === 'app://kiosk/index.html')).toHaveLength(4); // start + 3 reloads
    expect(loads.at(-1)).toMatch(/^app:\/\/kiosk\/__shell\/renderer-failed\.html\?reason=crashed&crashes=4$/);
    expect(result.pageText).toContain('stopped 4 times within a minute');
    expect(result.csp).toContain("default-src 'none'");
  });

  it('lets the window close when nothing is in flight', () => {
    expect(entries('dialog')).toEqual([]);
    expect(result.trace.map((t) => t[0])).toContain('closed');
  });

  it('writes JSON lines to the log folder: the engine, the crash, the refused basic_text store', () => {
    const lines = readFileSync(path.join(dataDir, 'logs', 'kiosk.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string; secretStore?: string; reason?: string });
    expect(lines.find((l) => l.msg === 'secret store')?.secretStore).toBe('plaintext_backend');
    // No stored credentials (and basic_text refused): the engine opens in training mode.
    expect(lines.find((l) => l.msg === 'engine open')).toMatchObject({ mode: 'training' });
    expect(lines.filter((l) => l.msg === 'renderer gone')).toHaveLength(4);
    expect(lines.some((l) => l.msg === 'renderer keeps failing; showing the error page')).toBe(true);
  });

  it('redacts at the sink: a renderer error keeps an IMEI’s last 4 and no token', () => {
    const text = readFileSync(path.join(dataDir, 'logs', 'kiosk.log'), 'utf8');
    expect(text).toContain('submit failed for …7518');
    expect(text).not.toContain('490154203237518');
    expect(text).not.toContain('abc123secret');
  });

  it('gives a developer a plain window with a menu when IMEI_KIOSK_WINDOWED=1', async () => {
    const { output } = await runMain({ IMEI_KIOSK_WINDOWED: '1' });
    expect(output.trace.filter((t) => t[0] === 'window').map((t) => t[1])).toEqual([
      { kiosk: false, fullscreen: false, sandbox: true },
    ]);
    expect(output.trace.some((t) => t[0] === 'applicationMenu' || t[0] === 'removeMenu')).toBe(false);
  }, 30_000);

  it('says why it cannot start (a damaged settings.json), where the log is, and quits', async () => {
    const badDir = mkdtempSync(path.join(dir, 'data-'));
    writeFileSync(path.join(badDir, 'settings.json'), '{"validic": {"apiBase": "not a url"}}');
    const { stdout } = await execFileAsync(process.execPath, [path.join(dir, 'driver.cjs')], {
      env: { PATH: process.env.PATH, NODE_PATH: path.resolve('node_modules'), IMEI_KIOSK_DATA_DIR: badDir },
    });
    const output = JSON.parse(stdout) as typeof result;
    const errorBox = output.trace.find((t) => t[0] === 'errorBox');
    expect(errorBox?.[1]).toBe('IMEI Kiosk could not start');
    expect(errorBox?.[2]).toMatch(/settings\.json/);
    expect(errorBox?.[2]).toContain(path.join(badDir, 'logs'));
    expect(output.trace.some((t) => t[0] === 'window')).toBe(false);
    expect(output.trace.some((t) => t[0] === 'quit')).toBe(true);
  }, 30_000);

  it("takes kiosk mode off from the station's settings (kiosk-settings.json)", async () => {
    const shellDir = mkdtempSync(path.join(dir, 'data-'));
    writeFileSync(path.join(shellDir, 'kiosk-settings.json'), '{"kiosk": false}');
    const { stdout } = await execFileAsync(process.execPath, [path.join(dir, 'driver.cjs')], {
      env: { PATH: process.env.PATH, NODE_PATH: path.resolve('node_modules'), IMEI_KIOSK_DATA_DIR: shellDir },
    });
    const output = JSON.parse(stdout) as typeof result;
    expect(output.trace.filter((t) => t[0] === 'window').map((t) => t[1])).toEqual([
      { kiosk: false, fullscreen: false, sandbox: true },
    ]);
  }, 30_000);
});
