/**
 * The wedge listener in Debian's Chromium: bursts of keys 5 ms apart are scans and never reach the
 * field; a person typing 150 ms per key reaches the field intact; an AZERTY scanner stream (key "&",
 * code "Digit1") still yields digits.
 */
import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from './harness/chromium.js';
import { scannerBurst as burst, type BurstOptions } from './harness/scanner-keys.js';
import { serveStatic, type StaticServer } from './harness/static-server.js';
import { buildTestPages } from './pages/build-pages.js';
import { KNOWN_IMEI, withWrongCheckDigit } from '../support/imei.js';

const IMEI = KNOWN_IMEI;
let pagesDir: string;
let server: StaticServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  pagesDir = await buildTestPages();
  server = await serveStatic(pagesDir);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(pagesDir, { recursive: true, force: true });
});

beforeEach(async () => {
  page = await browser.newPage();
  await page.goto(`${server.url}/wedge.html`);
  await page.getByTestId('name').focus();
  // A first key through the input pipeline, so a fresh page's first burst is not delivered with
  // 100+ ms stalls on a loaded machine. Shift alone is ignored by the classifier and types nothing.
  await page.keyboard.press('Shift');
});

const scannerBurst = (text: string, options?: BurstOptions) => burst(page, text, options);

async function scans(): Promise<Array<{ text: string; imeis: string; errors: string }>> {
  return page
    .getByTestId('scans')
    .locator('li')
    .evaluateAll((items) =>
      items.map((li) => ({
        text: li.textContent ?? '',
        imeis: li.getAttribute('data-imeis') ?? '',
        errors: li.getAttribute('data-errors') ?? '',
      })),
    );
}

describe('keyboard-wedge scanner in Chromium', () => {
  it('takes a 5 ms-per-key burst as a scan; nothing lands in the focused field', async () => {
    await scannerBurst(`${IMEI}\n`);
    await expect.poll(scans).toEqual([{ text: IMEI, imeis: IMEI, errors: '' }]);
    expect(await page.getByTestId('name').inputValue()).toBe('');
  });

  it('keeps a burst whose second key came 200 ms late (a stalled USB or Bluetooth link) as one scan', async () => {
    await scannerBurst(`${IMEI}\n`, { gapMs: (i) => (i === 1 ? 200 : 5) });
    await expect.poll(scans).toEqual([{ text: IMEI, imeis: IMEI, errors: '' }]);
    expect(await page.getByTestId('name').inputValue()).toBe('');
  });

  // The classifier goes by the keys' own time stamps, not by when they reach the page: keys stamped
  // 150 ms apart that arrive together are a person typing (this also proves the burst helper's stamps count).
  it('leaves keys stamped 150 ms apart to the field even when they arrive at once, and reports no scan', async () => {
    await scannerBurst('4901542032', { gapMs: 150 });
    await expect.poll(() => page.getByTestId('name').inputValue()).toBe('4901542032');
    expect(await scans()).toEqual([]);
  });

  it('leaves 150 ms-per-key typing to the field, every character in order, and reports no scan', async () => {
    await page.keyboard.type('Ana 4901542032', { delay: 150 });
    await expect.poll(() => page.getByTestId('name').inputValue()).toBe('Ana 4901542032');
    expect(await scans()).toEqual([]);
  });

  it('separates a scan from typing before and after it', async () => {
    await page.keyboard.type('Bo', { delay: 150 });
    await scannerBurst(`${IMEI}\n`);
    await page.keyboard.type('b', { delay: 150 });
    await expect.poll(() => page.getByTestId('name').inputValue()).toBe('Bob');
    expect(await scans()).toEqual([{ text: IMEI, imeis: IMEI, errors: '' }]);
  });

  it('leaves Space to a focused button or checkbox (keyboard-only use), and still reports no scan', async () => {
    await page.getByTestId('press').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('press').textContent()).toBe('Pressed 1');
    // A Space right behind another key is held back with it, then handed back: it still presses.
    await page.keyboard.press('KeyA');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('press').textContent()).toBe('Pressed 2');
    await page.getByTestId('sounds').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('sounds').isChecked()).toBe(true);
    expect(await scans()).toEqual([]);
  });

  it('reads digits from the physical keys of an AZERTY-style stream (key "&", code "Digit1")', async () => {
    const azerty: Record<string, string> = {
      '0': 'à',
      '1': '&',
      '2': 'é',
      '3': '"',
      '4': "'",
      '5': '(',
      '6': '-',
      '7': 'è',
      '8': '_',
      '9': 'ç',
    };
    // A scanner set to US layout on an AZERTY OS: the US keys' codes, AZERTY's characters.
    await scannerBurst(`${IMEI}\n`, { layout: azerty });
    await expect.poll(scans).toEqual([{ text: IMEI, imeis: IMEI, errors: '' }]);
    expect(await page.getByTestId('name').inputValue()).toBe('');
  });

  it('reports a scanned number that fails the check digit, with its reason', async () => {
    const typo = withWrongCheckDigit(IMEI).imei;
    await scannerBurst(`${typo}\n`);
    await expect.poll(scans).toEqual([{ text: typo, imeis: '', errors: 'bad_check_digit' }]);
  });
});
