/**
 * The camera panel in Debian's Chromium, its camera replaced by a .y4m clip of an IMEI label made
 * at test time (zxing-wasm writer → PNG → ffmpeg), served with the kiosk's CSP from 127.0.0.1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './harness/chromium.js';
import { serveStatic, type StaticServer } from './harness/static-server.js';
import { buildTestPages } from './pages/build-pages.js';
import { fakeCameraArgs, writeY4m } from '../fixtures/capture/fake-camera.js';
import { barcodePng, labelScene, LABEL_IMEI, SECOND_IMEI } from '../fixtures/capture/render-label.js';
import { tiltedLabelScene } from '../fixtures/labels/tilted-scene.js';

let workDir: string;
let pagesDir: string;
let server: StaticServer;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'capture-camera-'));
  pagesDir = await buildTestPages();
  server = await serveStatic(pagesDir);
});

afterAll(async () => {
  await server?.close();
  rmSync(workDir, { recursive: true, force: true });
  rmSync(pagesDir, { recursive: true, force: true });
});

interface SeenImei {
  imei: string;
  label: string | null;
}

// Browser-side expressions are strings: this file is type-checked for Node, which has no DOM types.
const SEEN_IMEIS = 'window.__camera.imeis.map(({ imei, label }) => ({ imei, label }))';
const VIDEO_TRACK = "document.querySelector('video')?.srcObject?.getVideoTracks()[0]";

async function openCamera(
  scene: Buffer,
  name: string,
  engine = 'wasm',
  rememberedCamera?: string,
): Promise<{ browser: Browser; page: Page; outside: string[] }> {
  const y4m = path.join(workDir, `${name}.y4m`);
  await writeY4m(scene, path.join(workDir, `${name}.png`), y4m);
  const browser = await launchChromium(fakeCameraArgs(y4m));
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const outside: string[] = [];
  // Nothing may leave the kiosk: the decoder's .wasm in particular must come from the app's own files.
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    outside.push(url.href);
    return route.abort();
  });
  if (rememberedCamera)
    await page.addInitScript({
      content: `localStorage.setItem('imei-kiosk.camera.deviceId', ${JSON.stringify(rememberedCamera)})`,
    });
  await page.goto(`${server.url}/camera.html?engine=${engine}`);
  return { browser, page, outside };
}

describe('camera panel with the fake capture device', () => {
  for (const [background, colour] of [
    ['white', '#ffffff'],
    ['dark grey', '#404040'],
  ] as const) {
    it(`reads the IMEI label on a ${background} background`, async () => {
      const scene = await labelScene({
        width: 1280,
        height: 720,
        background: colour,
        barcodes: [await barcodePng(LABEL_IMEI, 'Code128', 3)],
      });
      const { browser, page, outside } = await openCamera(scene, background.replace(' ', '-'));
      try {
        await page.getByTestId('camera-imei').waitFor({ timeout: 30_000 });
        expect(await page.getByTestId('camera-imei').textContent()).toBe('49-015420-323751-8');
        const seen = (await page.evaluate(SEEN_IMEIS)) as SeenImei[];
        expect(seen).toEqual([{ imei: LABEL_IMEI, label: null }]);
        expect(outside).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  }

  for (const engine of ['wasm', 'zxing-js']) {
    it(`reads a label held at 30° with the ${engine} engine (the worker straightens a bar-like region the reader missed)`, async () => {
      // No scan row crosses the whole code at this angle, and the live settings do not rotate: only the angle step reads it.
      const scene = await tiltedLabelScene({
        width: 1280,
        height: 720,
        background: '#404040',
        text: LABEL_IMEI,
        scale: 3,
        degrees: 30,
      });
      const { browser, page, outside } = await openCamera(scene, `tilted-30-${engine}`, engine);
      try {
        await page.getByTestId('camera-imei').waitFor({ timeout: 30_000 });
        expect(await page.getByTestId('camera-imei').textContent()).toBe('49-015420-323751-8');
        expect((await page.evaluate(SEEN_IMEIS)) as SeenImei[]).toEqual([{ imei: LABEL_IMEI, label: null }]);
        expect(outside).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  }

  it('reads the label with the zxing-js engine too (grey background: needs the Code 128 fix)', async () => {
    const scene = await labelScene({
      width: 1280,
      height: 720,
      background: '#404040',
      barcodes: [await barcodePng(LABEL_IMEI, 'Code128', 3)],
    });
    const { browser, page } = await openCamera(scene, 'zxing-js', 'zxing-js');
    try {
      await page.getByTestId('camera-imei').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('camera-imei').textContent()).toBe('49-015420-323751-8');
    } finally {
      await browser.close();
    }
  });

  it('falls back to the camera that is there when the remembered one is gone', async () => {
    const scene = await labelScene({
      width: 1280,
      height: 720,
      background: '#ffffff',
      barcodes: [await barcodePng(LABEL_IMEI, 'Code128', 3)],
    });
    const { browser, page } = await openCamera(scene, 'remembered', 'wasm', 'a-camera-unplugged-last-week');
    try {
      await page.getByTestId('camera-imei').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('camera-imei').textContent()).toBe('49-015420-323751-8');
    } finally {
      await browser.close();
    }
  });

  it('asks which IMEI when a dual-SIM label shows two, and reports the one chosen', async () => {
    const scene = await labelScene({
      width: 1280,
      height: 720,
      background: '#ffffff',
      barcodes: [
        await barcodePng(`IMEI1 ${LABEL_IMEI}`, 'Code128', 2),
        await barcodePng(`IMEI2 ${SECOND_IMEI}`, 'Code128', 2),
      ],
    });
    const { browser, page } = await openCamera(scene, 'dual');
    try {
      const picker = page.getByTestId('camera-picker');
      await picker.waitFor({ timeout: 30_000 });
      await picker.getByRole('button', { name: /IMEI 2/ }).click();
      const seen = (await page.evaluate(SEEN_IMEIS)) as SeenImei[];
      expect(seen).toEqual([{ imei: SECOND_IMEI, label: 'IMEI 2' }]);
    } finally {
      await browser.close();
    }
  });

  it('stops the camera when the view is hidden', async () => {
    const scene = await labelScene({ width: 1280, height: 720, background: '#ffffff', barcodes: [] });
    const { browser, page } = await openCamera(scene, 'empty');
    try {
      // Polled with page.evaluate: waitForFunction(string) would need 'unsafe-eval', which the CSP forbids.
      await expect.poll(() => page.evaluate(`${VIDEO_TRACK}?.readyState`), { timeout: 30_000 }).toBe('live');
      await page.evaluate(`window.__track = ${VIDEO_TRACK}`);
      await page.getByTestId('toggle').click();
      await expect.poll(() => page.evaluate('window.__track.readyState'), { timeout: 30_000 }).toBe('ended');
      expect(await page.locator('video').count()).toBe(0);
    } finally {
      await browser.close();
    }
  });

  it('says the camera is not allowed when permission is denied', async () => {
    // Fake device but no auto-accept flag: headless Chromium denies the permission.
    const browser = await launchChromium(['--use-fake-device-for-media-stream']);
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}/camera.html`);
      const problem = page.locator('[data-problem]');
      await problem.waitFor({ timeout: 30_000 });
      expect(await problem.getAttribute('data-problem')).toBe('permission_denied');
      expect(await problem.textContent()).toContain('not allowed to use the camera');
    } finally {
      await browser.close();
    }
  });
});
