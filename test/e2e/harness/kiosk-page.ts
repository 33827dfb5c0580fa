/**
 * Opens the built renderer in Chromium with window.kiosk bound to a real dispatcher, the way
 * DESIGN.md describes: same contract, same dispatcher as electron/ipc.ts, only the transport differs.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ContractShape } from '../../../src/ipc/channel-types.js';
import type { Dispatcher } from '../../../src/ipc/dispatcher.js';
import { launchChromium } from './chromium.js';
import { serveStatic, type StaticServer } from './static-server.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
export const RENDERER_DIST = path.join(repoRoot, 'out/renderer');
export const SCREENS_DIR = path.join(repoRoot, 'test-artifacts/screens');

let bridgeScript: Promise<string> | undefined;

/** The bridge init script, bundled once per run from test/e2e/browser/bridge-init.ts. */
export function bridgeInitScript(): Promise<string> {
  bridgeScript ??= build({
    entryPoints: [path.join(repoRoot, 'test/e2e/browser/bridge-init.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome130',
  }).then((result) => result.outputFiles[0]!.text);
  return bridgeScript;
}

/** Runs in the page (serialised by Playwright): hands an engine event to window.__kioskEmit. */
function deliverEvent([event, payload]: readonly [string, unknown]): void {
  (globalThis as unknown as { __kioskEmit(event: string, payload: unknown): void }).__kioskEmit(event, payload);
}

export interface KioskPage {
  readonly page: Page;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly url: string;
  /** Saves test-artifacts/screens/<name>.png. */
  screenshot(name: string): Promise<string>;
  /** Every IPC answer and pushed event the page received so far, as JSON lines (to look for secrets). */
  traffic(): string;
  close(): Promise<void>;
}

export type EventSink = (event: string, payload: unknown) => void;

export interface OpenKioskPageOptions<C extends ContractShape> {
  readonly dispatcher: Dispatcher<C>;
  /** Engine events for the page: called with a sink, returns an unsubscribe (e.g. host.onEvent). */
  readonly events?: (sink: EventSink) => () => void;
  readonly chromiumArgs?: readonly string[];
  readonly viewport?: { width: number; height: number };
  /** Runs before the renderer loads (e.g. page.clock.install()). */
  readonly beforeLoad?: (page: Page) => Promise<void>;
  /**
   * How window.kiosk reaches the dispatcher: Playwright's exposed function and page.evaluate for
   * events (default), or same-origin HTTP with server-sent events (benches: the binding and
   * evaluate keep a few KB per call in the page, measured, which would swamp a renderer figure).
   */
  readonly transport?: 'binding' | 'http';
  /** Keep every answer and event for traffic() (default true; benches turn it off). */
  readonly recordTraffic?: boolean;
}

export async function openKioskPage<C extends ContractShape>(options: OpenKioskPageOptions<C>): Promise<KioskPage> {
  if (!existsSync(path.join(RENDERER_DIST, 'index.html'))) {
    throw new Error('The renderer is not built: run `npm run build:renderer` first (npm run test:e2e does).');
  }
  const traffic: string[] = [];
  const invoke = async (channel: string, payload: unknown) => {
    const answer = await options.dispatcher.dispatch(channel, payload);
    if (options.recordTraffic !== false) traffic.push(JSON.stringify({ channel, answer }));
    return answer;
  };
  const server: StaticServer = await serveStatic(RENDERER_DIST, options.transport === 'http' ? invoke : undefined);
  const browser = await launchChromium(options.chromiumArgs);
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  if (options.transport !== 'http') await page.exposeFunction('__kioskInvoke', invoke);
  await page.addInitScript({ content: await bridgeInitScript() });
  await options.beforeLoad?.(page);
  await page.goto(`${server.url}/index.html`);
  const unsubscribe = options.events?.((event, payload) => {
    if (options.recordTraffic !== false) traffic.push(JSON.stringify({ event, payload }));
    // Delivered as the preload would: into the page's listeners, validated there by the bridge.
    if (options.transport === 'http') server.push(event, payload);
    else page.evaluate(deliverEvent, [event, payload] as const).catch(() => undefined);
  });
  return {
    page,
    browser,
    context,
    url: server.url,
    async screenshot(name) {
      mkdirSync(SCREENS_DIR, { recursive: true });
      const file = path.join(SCREENS_DIR, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    traffic: () => traffic.join('\n'),
    async close() {
      unsubscribe?.();
      await browser.close();
      await server.close();
      if (consoleErrors.length > 0) throw new Error(`The page threw: ${consoleErrors.join('; ')}`);
    },
  };
}
