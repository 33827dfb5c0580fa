import { EventEmitter } from 'node:events';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  CLOSE_ANYWAY,
  closeConfirmationDialog,
  createCloseGuard,
  KEEP_OPEN,
  shouldConfirmClose,
  type CloseDialog,
} from '../../electron/close-guard.js';
import {
  createRendererRecovery,
  RENDERER_FAILED_PATH,
  RENDERER_FAILED_STYLE_PATH,
  rendererFailedUrl,
  shellResponseFor,
} from '../../electron/renderer-recovery.js';
import {
  errorFields,
  logProcessErrors,
  logWebContentsEvents,
  processGoneFields,
  shellLogsDir,
  type ShellLogger,
} from '../../electron/shell-log.js';
import { readKioskFlag, windowModeFor } from '../../electron/window-mode.js';
import { APP_ORIGIN, contentSecurityPolicy } from '../../electron/window-policy.js';

// The Electron binary cannot run here: these are the shell's lifecycle decisions as pure functions,
// and the wiring helpers driven through plain EventEmitters standing in for Electron's objects.

describe('windowModeFor', () => {
  it('removes the application menu in kiosk mode, and kiosk implies fullscreen', () => {
    expect(windowModeFor({ kiosk: true }, {})).toEqual({ kiosk: true, fullscreen: true, applicationMenu: 'none' });
    expect(windowModeFor({ kiosk: true, fullscreen: false }, {})).toEqual({
      kiosk: true,
      fullscreen: true,
      applicationMenu: 'none',
    });
  });
  it('keeps the menu outside kiosk mode and honours fullscreen alone', () => {
    expect(windowModeFor({ kiosk: false, fullscreen: true }, {})).toEqual({
      kiosk: false,
      fullscreen: true,
      applicationMenu: 'default',
    });
    expect(windowModeFor({ kiosk: false }, {})).toEqual({
      kiosk: false,
      fullscreen: false,
      applicationMenu: 'default',
    });
  });
  it('gives a developer a plain window with IMEI_KIOSK_WINDOWED=1', () => {
    expect(windowModeFor({ kiosk: true }, { IMEI_KIOSK_WINDOWED: '1' })).toEqual({
      kiosk: false,
      fullscreen: false,
      applicationMenu: 'default',
    });
    expect(windowModeFor({ kiosk: true }, { IMEI_KIOSK_WINDOWED: '0' }).kiosk).toBe(true);
  });
});

describe('readKioskFlag', () => {
  it("takes the station's kiosk flag", () => {
    expect(readKioskFlag(() => ({ kiosk: false }))).toEqual({ kiosk: false });
    expect(readKioskFlag(() => ({ kiosk: true }))).toEqual({ kiosk: true });
  });
  it('falls back to kiosk mode when the station settings cannot be read, and says why', () => {
    const flag = readKioskFlag(() => {
      throw new Error('kiosk-settings.json is not valid JSON');
    });
    expect(flag).toEqual({ kiosk: true, problem: 'kiosk-settings.json is not valid JSON; using kiosk mode.' });
  });
});

describe('shouldConfirmClose', () => {
  it('asks only while jobs are in flight, or when the engine could not say', () => {
    expect(shouldConfirmClose({ inFlight: 0 })).toBe(false);
    expect(shouldConfirmClose({ inFlight: 1 })).toBe(true);
    expect(shouldConfirmClose({ inFlight: 12 })).toBe(true);
    expect(shouldConfirmClose(undefined)).toBe(true);
  });
  it('defaults the dialog to keeping the kiosk open, and counts the devices', () => {
    const one = closeConfirmationDialog({ inFlight: 1 });
    expect(one.buttons[one.defaultId]).toBe('Keep the kiosk open');
    expect(one.cancelId).toBe(KEEP_OPEN);
    expect(one.buttons[CLOSE_ANYWAY]).toBe('Close anyway');
    expect(one.message).toBe('1 device is being connected right now.');
    expect(closeConfirmationDialog({ inFlight: 3 }).message).toBe('3 devices are being connected right now.');
    expect(closeConfirmationDialog(undefined).message).toMatch(/could not check/);
  });
});

describe('createCloseGuard', () => {
  function closeEvent() {
    return { preventDefault: vi.fn() };
  }

  it('closes without asking when nothing is in flight', async () => {
    const confirm = vi.fn(async () => KEEP_OPEN);
    const closeWindow = vi.fn();
    const guard = createCloseGuard({ queueStatus: async () => ({ inFlight: 0 }), confirm });
    const first = closeEvent();
    await guard.onClose(first, closeWindow);
    expect(first.preventDefault).toHaveBeenCalledOnce();
    expect(confirm).not.toHaveBeenCalled();
    expect(closeWindow).toHaveBeenCalledOnce();
    // The window's second close event (from closeWindow) goes through.
    const second = closeEvent();
    await guard.onClose(second, closeWindow);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });

  it('prevents the close synchronously, before the engine answers', () => {
    const guard = createCloseGuard({
      queueStatus: () => new Promise(() => {}),
      confirm: async () => KEEP_OPEN,
      statusTimeoutMs: 10,
    });
    const event = closeEvent();
    void guard.onClose(event, () => {});
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('keeps the window open when the operator says so, and asks again next time', async () => {
    const dialogs: CloseDialog[] = [];
    const closeWindow = vi.fn();
    const guard = createCloseGuard({
      queueStatus: async () => ({ inFlight: 2 }),
      confirm: async (d) => {
        dialogs.push(d);
        return KEEP_OPEN;
      },
    });
    await guard.onClose(closeEvent(), closeWindow);
    expect(closeWindow).not.toHaveBeenCalled();
    const again = closeEvent();
    await guard.onClose(again, closeWindow);
    expect(again.preventDefault).toHaveBeenCalled();
    expect(dialogs).toHaveLength(2);
    expect(dialogs[0]?.message).toMatch(/^2 devices/);
  });

  it('closes when the operator chooses Close anyway', async () => {
    const closeWindow = vi.fn();
    const guard = createCloseGuard({ queueStatus: async () => ({ inFlight: 1 }), confirm: async () => CLOSE_ANYWAY });
    await guard.onClose(closeEvent(), closeWindow);
    expect(closeWindow).toHaveBeenCalledOnce();
  });

  it('asks when the engine fails or is too slow', async () => {
    const failing = vi.fn(async (_d: CloseDialog) => KEEP_OPEN);
    await createCloseGuard({
      queueStatus: async () => Promise.reject(new Error('engine down')),
      confirm: failing,
    }).onClose(closeEvent(), () => {});
    expect(failing.mock.calls[0]?.[0].message).toMatch(/could not check/);
    const slow = vi.fn(async (_d: CloseDialog) => KEEP_OPEN);
    await createCloseGuard({ queueStatus: () => new Promise(() => {}), confirm: slow, statusTimeoutMs: 20 }).onClose(
      closeEvent(),
      () => {},
    );
    expect(slow).toHaveBeenCalledOnce();
  });

  it('shows one dialog however many times close is pressed meanwhile', async () => {
    let answer: (n: number) => void = () => {};
    const confirm = vi.fn(() => new Promise<number>((resolve) => (answer = resolve)));
    const closeWindow = vi.fn();
    const guard = createCloseGuard({ queueStatus: async () => ({ inFlight: 1 }), confirm });
    const first = guard.onClose(closeEvent(), closeWindow);
    await vi.waitFor(() => expect(confirm).toHaveBeenCalledOnce());
    const repeat = closeEvent();
    await guard.onClose(repeat, closeWindow);
    expect(repeat.preventDefault).toHaveBeenCalled();
    answer(CLOSE_ANYWAY);
    await first;
    expect(confirm).toHaveBeenCalledOnce();
    expect(closeWindow).toHaveBeenCalledOnce();
  });
});

describe('createRendererRecovery', () => {
  it('reloads a crashed renderer up to 3 times a minute, then shows the error page', () => {
    let now = 0;
    const recovery = createRendererRecovery({ now: () => now });
    expect(recovery.onRenderProcessGone('crashed')).toEqual({ action: 'reload', attempt: 1 });
    now += 10_000;
    expect(recovery.onRenderProcessGone('oom')).toEqual({ action: 'reload', attempt: 2 });
    now += 10_000;
    expect(recovery.onRenderProcessGone('killed')).toEqual({ action: 'reload', attempt: 3 });
    now += 10_000;
    expect(recovery.onRenderProcessGone('crashed')).toEqual({
      action: 'show-error-page',
      reason: 'crashed',
      crashesInWindow: 4,
    });
  });
  it('forgets crashes older than the window', () => {
    let now = 0;
    const recovery = createRendererRecovery({ now: () => now });
    for (let i = 0; i < 3; i++) recovery.onRenderProcessGone('crashed');
    now += 60_001;
    expect(recovery.onRenderProcessGone('crashed')).toEqual({ action: 'reload', attempt: 1 });
  });
  it('ignores a clean exit and never reloads after an integrity failure', () => {
    const recovery = createRendererRecovery({ now: () => 0 });
    expect(recovery.onRenderProcessGone('clean-exit')).toEqual({ action: 'none' });
    expect(recovery.onRenderProcessGone('integrity-failure')).toMatchObject({ action: 'show-error-page' });
  });
});

describe('the renderer-failed page', () => {
  it('is served by main under the app origin with its details from the URL, escaped', () => {
    const url = rendererFailedUrl(APP_ORIGIN, { reason: '<script>x</script>', crashesInWindow: 4 });
    expect(url.startsWith(`${APP_ORIGIN}${RENDERER_FAILED_PATH}?`)).toBe(true);
    const page = shellResponseFor(url, '/var/log/<kiosk>');
    expect(page?.contentType).toMatch(/^text\/html/);
    expect(page?.body).toContain('stopped 4 times within a minute');
    expect(page?.body).toContain('Nothing is lost');
    expect(page?.body).toContain('&lt;script&gt;');
    expect(page?.body).toContain('/var/log/&lt;kiosk&gt;');
    expect(page?.body).not.toContain('<script>');
  });
  it('needs nothing the CSP forbids: a linked stylesheet, no inline style or script', () => {
    const page = shellResponseFor(rendererFailedUrl(APP_ORIGIN, { reason: 'crashed', crashesInWindow: 4 }), '/logs')!;
    expect(page.body).not.toMatch(/<script|<style|style=/);
    expect(page.body).toContain(`href="${RENDERER_FAILED_STYLE_PATH}"`);
    expect(shellResponseFor(`${APP_ORIGIN}${RENDERER_FAILED_STYLE_PATH}`, '/logs')?.contentType).toMatch(/^text\/css/);
    expect(contentSecurityPolicy()).toContain("style-src 'self'");
  });
  it('leaves every other URL to the renderer build', () => {
    expect(shellResponseFor(`${APP_ORIGIN}/index.html`, '/logs')).toBeUndefined();
    expect(shellResponseFor('not a url', '/logs')).toBeUndefined();
  });
});

describe('shell logging', () => {
  function recordingLogger() {
    const lines: { level: string; fields: object; message: string }[] = [];
    const at = (level: string) => (fields: object, message: string) => lines.push({ level, fields, message });
    const logger: ShellLogger = { fatal: at('fatal'), error: at('error'), warn: at('warn'), info: at('info') };
    return { logger, lines };
  }

  it('keeps logs with the data when IMEI_KIOSK_DATA_DIR moves it, else in Electron’s logs folder', () => {
    expect(shellLogsDir({ IMEI_KIOSK_DATA_DIR: '/d' }, '/d', '/electron/logs')).toBe(path.join('/d', 'logs'));
    expect(shellLogsDir({}, '/home/k/.config/imei-kiosk', '/electron/logs')).toBe('/electron/logs');
  });

  it('logs main-process errors', () => {
    const { logger, lines } = recordingLogger();
    const target = new EventEmitter();
    logProcessErrors(target, logger);
    target.emit('uncaughtException', new Error('boom'));
    target.emit('unhandledRejection', 'nope');
    expect(lines.map((l) => [l.level, l.message])).toEqual([
      ['fatal', 'main process: uncaught exception'],
      ['error', 'main process: unhandled rejection'],
    ]);
    expect(lines[0]?.fields).toMatchObject({ error: { type: 'Error', message: 'boom' } });
    expect(errorFields('nope')).toEqual({ type: 'string', message: 'nope' });
  });

  it('logs preload errors, hangs and renderer console problems, not its chatter', () => {
    const { logger, lines } = recordingLogger();
    const contents = new EventEmitter();
    logWebContentsEvents(contents, logger);
    contents.emit('preload-error', {}, '/app/out/electron/preload.cjs', new Error('bad preload'));
    contents.emit('unresponsive');
    contents.emit('console-message', { level: 'info', message: 'hello', lineNumber: 1, sourceId: 'app://kiosk/a.js' });
    contents.emit('console-message', {
      level: 'error',
      message: 'boom',
      lineNumber: 7,
      sourceId: 'app://kiosk/assets/a.js',
    });
    expect(lines.map((l) => [l.level, l.message])).toEqual([
      ['error', 'preload failed'],
      ['warn', 'renderer unresponsive'],
      ['error', 'boom'],
    ]);
    expect(lines[0]?.fields).toMatchObject({ preload: 'preload.cjs' });
    expect(lines[2]?.fields).toMatchObject({ source: 'renderer', at: 'a.js:7' });
  });

  it('describes a gone process', () => {
    expect(processGoneFields({ reason: 'crashed', exitCode: 139 })).toEqual({ reason: 'crashed', exitCode: 139 });
    expect(processGoneFields({ reason: 'oom', exitCode: 1, type: 'GPU' })).toEqual({
      reason: 'oom',
      exitCode: 1,
      processType: 'GPU',
    });
  });
});
