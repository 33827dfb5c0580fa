/**
 * The browser host (webhost/server.ts) without Chromium: started in-process on 127.0.0.1 port 0
 * over a one-file page (only /ipc is under test, so the renderer need not be built), and called
 * the way its page's bridge calls it: POST /ipc/<channel> with the session secret the page carries.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { KioskHost } from '../../src/app/kiosk-host.js';
import { startBrowserHost } from '../../webhost/server.js';

export interface WebhostIpc {
  /** POSTs a JSON body to /ipc/<channel>, the name URL-encoded. */
  post(channel: string, payload: unknown): Promise<{ status: number; body: unknown }>;
  /** POSTs these exact bytes to /ipc/<encodedChannel>, as a page with a bug (or a hostile one) could. */
  postRaw(encodedChannel: string, body: string): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export async function startWebhostIpc(host: KioskHost): Promise<WebhostIpc> {
  const pageDir = mkdtempSync(path.join(os.tmpdir(), 'webhost-page-'));
  writeFileSync(path.join(pageDir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  const server = await startBrowserHost({ host, rendererDir: pageDir });
  const page = await (await fetch(server.url)).text();
  const found = /<meta name="kiosk-session" content="([0-9a-f]+)"/.exec(page)?.[1];
  if (!found) throw new Error('the browser host served no session secret');
  const session = found;
  async function postRaw(encodedChannel: string, raw: string): Promise<{ status: number; body: unknown }> {
    const response = await fetch(new URL(`ipc/${encodedChannel}`, server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kiosk-session': session },
      body: raw,
    });
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) as unknown };
    } catch {
      // Not JSON: the test sees the text.
      return { status: response.status, body: text };
    }
  }
  return {
    post: (channel, payload) => postRaw(encodeURIComponent(channel), JSON.stringify(payload ?? null)),
    postRaw,
    async close() {
      await server.close();
      rmSync(pageDir, { recursive: true, force: true });
    },
  };
}
