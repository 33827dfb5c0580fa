import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerContractHandlers, type IpcMainLike } from '../../electron/ipc.js';
import { staticAssetPath } from '../../electron/static-assets.js';
import {
  APP_ORIGIN,
  contentSecurityPolicy,
  decidePermission,
  isNavigationAllowed,
  mainWindowOptions,
} from '../../electron/window-policy.js';
import { channelNames } from '../../src/ipc/channel-types.js';
import { contract } from '../../src/ipc/contract.js';
import { createDispatcher } from '../../src/ipc/dispatcher.js';
import { IpcEnvelopeSchema } from '../../src/ipc/wire.js';
import { validate } from '../../src/imei/validate.js';

// The Electron binary cannot be downloaded on these machines, so the shell's rules are pure
// functions tested here; electron/main.ts only wires them to Electron's objects.

describe('mainWindowOptions', () => {
  it('isolates and sandboxes the renderer', () => {
    const { webPreferences } = mainWindowOptions({ preloadPath: '/p.cjs', kiosk: true, fullscreen: true });
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/p.cjs',
    });
  });
  it('takes kiosk and fullscreen from settings', () => {
    expect(mainWindowOptions({ preloadPath: 'x', kiosk: false, fullscreen: false })).toMatchObject({
      kiosk: false,
      fullscreen: false,
    });
    expect(mainWindowOptions({ preloadPath: 'x', kiosk: true, fullscreen: true })).toMatchObject({
      kiosk: true,
      fullscreen: true,
    });
  });
});

describe('contentSecurityPolicy', () => {
  const csp = contentSecurityPolicy();
  const directives = new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
  it('starts from nothing allowed', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
  });
  it('allows scripts only from the app, plus WebAssembly compilation for the decoder', () => {
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toContain("'unsafe-inline'");
  });
  it('names no remote origin anywhere', () => {
    expect(csp).not.toMatch(/https?:|wss?:|\*/);
  });
});

describe('decidePermission', () => {
  it('grants the camera to the app origin', () => {
    expect(
      decidePermission({ permission: 'media', requestingOrigin: `${APP_ORIGIN}/index.html`, mediaTypes: ['video'] }),
    ).toBe(true);
  });
  it('refuses the microphone, other permissions and other origins', () => {
    expect(decidePermission({ permission: 'media', requestingOrigin: APP_ORIGIN, mediaTypes: ['audio'] })).toBe(false);
    expect(
      decidePermission({ permission: 'media', requestingOrigin: APP_ORIGIN, mediaTypes: ['video', 'audio'] }),
    ).toBe(false);
    expect(decidePermission({ permission: 'media', requestingOrigin: APP_ORIGIN, mediaTypes: [] })).toBe(false);
    expect(decidePermission({ permission: 'geolocation', requestingOrigin: APP_ORIGIN })).toBe(false);
    expect(decidePermission({ permission: 'notifications', requestingOrigin: APP_ORIGIN })).toBe(false);
    expect(
      decidePermission({ permission: 'media', requestingOrigin: 'https://evil.example', mediaTypes: ['video'] }),
    ).toBe(false);
    expect(decidePermission({ permission: 'media', requestingOrigin: 'app://kiosk.evil', mediaTypes: ['video'] })).toBe(
      false,
    );
    expect(decidePermission({ permission: 'media', requestingOrigin: 'not a url', mediaTypes: ['video'] })).toBe(false);
  });
  it('denies every navigation', () => {
    expect(isNavigationAllowed(`${APP_ORIGIN}/other.html`)).toBe(false);
    expect(isNavigationAllowed('https://example.com')).toBe(false);
  });
});

describe('staticAssetPath', () => {
  const root = path.resolve('/srv/renderer');
  it('maps app URLs into the renderer folder', () => {
    expect(staticAssetPath(root, 'app://kiosk/assets/a.js', 'kiosk')).toBe(path.join(root, 'assets/a.js'));
    expect(staticAssetPath(root, 'app://kiosk/', 'kiosk')).toBe(path.join(root, 'index.html'));
  });
  it('refuses other hosts and paths that escape the folder', () => {
    expect(staticAssetPath(root, 'app://other/index.html', 'kiosk')).toBeUndefined();
    // The URL parser folds "%2e%2e" segments itself, so this one lands inside the folder.
    expect(staticAssetPath(root, 'app://kiosk/%2e%2e/%2e%2e/etc/passwd', 'kiosk')).toBe(path.join(root, 'etc/passwd'));
    expect(staticAssetPath(root, 'app://kiosk/..%2F..%2Fetc%2Fpasswd', 'kiosk')).toBeUndefined();
  });
});

describe('registerContractHandlers', () => {
  function fakeIpcMain() {
    const handlers = new Map<string, Parameters<IpcMainLike['handle']>[1]>();
    const ipcMain: IpcMainLike = {
      handle: (channel, listener) => {
        if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
        handlers.set(channel, listener);
      },
      removeHandler: (channel) => handlers.delete(channel),
    };
    return { ipcMain, handlers };
  }
  // Two real channel specs with handlers written here: the test is about registration, not the engine.
  const shellContract = { imei: { validate: contract.imei.validate }, app: { info: contract.app.info } };
  const dispatcher = createDispatcher(shellContract, {
    imei: {
      validate: ({ raw }) => {
        const r = validate(raw);
        return r.ok
          ? { ok: true as const, imei: r.imei, tac: r.tac, serial: r.serial, checkDigit: r.checkDigit, raw: r.raw }
          : {
              ok: false as const,
              error: { kind: r.error.kind, message: r.error.message, length: r.error.length },
              raw: r.raw,
            };
      },
    },
    app: { info: () => ({ name: 'k', version: '1', mode: 'training' as const }) },
  });
  const trusted = (url: string | undefined) => url?.startsWith(`${APP_ORIGIN}/`) ?? false;

  it('registers exactly one handler per contract channel', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const unregister = registerContractHandlers(ipcMain, dispatcher, trusted);
    expect([...handlers.keys()].sort()).toEqual(channelNames(shellContract).sort());
    expect(handlers.has('imei.validate')).toBe(true);
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('dispatches for the app origin and refuses other senders', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    registerContractHandlers(ipcMain, dispatcher, trusted);
    const handler = handlers.get('imei.validate')!;
    expect(await handler({ senderUrl: `${APP_ORIGIN}/index.html` }, { raw: '490154203237518' })).toMatchObject({
      ok: true,
      value: { ok: true },
    });
    for (const senderUrl of ['https://evil.example/', undefined]) {
      const answer = await handler({ senderUrl }, { raw: '490154203237518' });
      // Its own code in a well-formed envelope: the channel exists, this sender may not use it.
      expect(IpcEnvelopeSchema.parse(answer)).toEqual({
        ok: false,
        error: { code: 'untrusted_sender', channel: 'imei.validate', message: 'Untrusted sender.' },
      });
    }
  });
});
