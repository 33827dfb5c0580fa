import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../webhost/server.js';
import { createMemoryCredentialStore } from '../../src/app/session/credential-store.js';
import { openKioskHost, type KioskHost } from '../../src/app/kiosk-host.js';
import { launchChromium } from './harness/chromium.js';
import { RENDERER_DIST } from './harness/kiosk-page.js';

// The browser host carries the same contract over HTTP: the kiosk must work through it, and only
// through the page it served (the session secret and the Host check keep other callers out).
describe('the browser host', () => {
  let dataDir: string;
  let host: KioskHost;
  let server: BrowserHost;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-webhost-'));
    host = await openKioskHost({ dataDir, version: '0.1.0', credentials: createMemoryCredentialStore(), env: {} });
    server = await startBrowserHost({ host, rendererDir: RENDERER_DIST });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await host?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the kiosk in a plain browser page: sign in, then live IMEI validation through the engine', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.getByRole('textbox', { name: 'Operator ID' }).fill('op-web');
    await page.keyboard.press('Enter');
    await page.getByText('op-web', { exact: true }).waitFor();
    await page.getByRole('textbox', { name: 'Device IMEI' }).fill('490154203237517');
    await expect.poll(() => page.getByTestId('imei-status').textContent()).toContain('should be 8');
    expect(await page.getByTestId('training-banner').textContent()).toContain('TRAINING');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses IPC without the session secret, and from another Host name', async () => {
    const ipc = new URL('ipc/app.info', server.url);
    const noSecret = await fetch(ipc, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(noSecret.status).toBe(403);
    const wrongSecret = await fetch(ipc, {
      method: 'POST',
      headers: { 'x-kiosk-session': 'f'.repeat(64) },
      body: '{}',
    });
    expect(wrongSecret.status).toBe(403);
    const events = await fetch(new URL('events?session=nope', server.url));
    expect(events.status).toBe(403);
    // fetch() may not set Host, so a raw request plays the DNS-rebinding page.
    const { port } = new URL(server.url);
    const rebindingStatus = await new Promise<number | undefined>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/index.html', headers: { host: 'evil.example' } }, (res) => {
          res.resume();
          resolve(res.statusCode);
        })
        .on('error', reject);
    });
    expect(rebindingStatus).toBe(403);
  });

  it('serves its pages with the shell’s CSP and a per-session secret', async () => {
    const first = await fetch(server.url);
    expect(first.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await first.text();
    expect(html).toMatch(/<meta name="kiosk-session" content="[0-9a-f]{64}"/);
    expect(html.indexOf('kiosk-bridge.js')).toBeLessThan(html.indexOf('type="module"'));
  });
});
