/**
 * A keyboard-wedge scanner as the OS delivers it: key events time-stamped a few milliseconds apart.
 * page.keyboard.type waits for a CDP round trip per key, so on a loaded two-core machine its "5 ms"
 * keys can arrive 100+ ms apart (correctly not a scanner). Here every event carries its own
 * platform time stamp (KeyboardEvent.timeStamp, which the wedge classifier reads) and all are sent
 * before any is awaited, so the machine's load cannot change what the page sees.
 */
import type { CDPSession, Page } from 'playwright-core';

/** US-layout physical keys for the characters scans hold; digits by Digit code (the classifier reads those). */
const PUNCTUATION: Record<string, string> = {
  ' ': 'Space',
  '-': 'Minus',
  _: 'Minus',
  '=': 'Equal',
  '+': 'Equal',
  '[': 'BracketLeft',
  '{': 'BracketLeft',
  ']': 'BracketRight',
  '}': 'BracketRight',
  ';': 'Semicolon',
  ':': 'Semicolon',
  "'": 'Quote',
  '"': 'Quote',
  ',': 'Comma',
  '.': 'Period',
  '/': 'Slash',
};

/** The `code` a scanner's key for `ch` sends; '' for a character no key of a US keyboard types alone. */
export function keyCodeOf(ch: string): string {
  if (/^[0-9]$/.test(ch)) return `Digit${ch}`;
  if (/^[a-z]$/i.test(ch)) return `Key${ch.toUpperCase()}`;
  return PUNCTUATION[ch] ?? '';
}

/** Where each page's last burst ended (ms since the epoch), so a burst never starts before the one before it. */
const lastStamp = new WeakMap<Page, number>();

export interface BurstOptions {
  /** Milliseconds between key presses: one figure, or one per key index (the gap before that key). Default 5. */
  readonly gapMs?: number | ((index: number) => number);
  /** The `key` the OS reports for a character when its layout is not US (AZERTY: "1" → "&"); `code` stays the US key. */
  readonly layout?: Readonly<Record<string, string>>;
}

/**
 * Sends `text` as a scanner would; "\n" is Enter (the usual scanner suffix). Resolves once Chromium
 * has taken every event.
 */
export async function scannerBurst(page: Page, text: string, options: BurstOptions = {}): Promise<void> {
  const { gapMs = 5, layout = {} } = options;
  const gapBefore = typeof gapMs === 'number' ? () => gapMs : gapMs;
  const startMs = Math.max(Date.now(), (lastStamp.get(page) ?? 0) + 1);
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const sends: Array<Promise<unknown>> = [];
  let offsetMs = 0;
  [...text].forEach((ch, i) => {
    if (i > 0) offsetMs += gapBefore(i);
    const enter = ch === '\n';
    const key = enter ? 'Enter' : (layout[ch] ?? ch);
    const code = enter ? 'Enter' : keyCodeOf(ch);
    const timestamp = (startMs + offsetMs) / 1000;
    const virtualKey = enter ? { windowsVirtualKeyCode: 13 } : {};
    sends.push(
      cdp.send('Input.dispatchKeyEvent', {
        type: 'keyDown',
        key,
        code,
        text: enter ? '\r' : key,
        timestamp,
        ...virtualKey,
      }),
      cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, code, timestamp: timestamp + 0.001, ...virtualKey }),
    );
  });
  lastStamp.set(page, startMs + offsetMs + 1);
  try {
    await Promise.all(sends);
  } finally {
    await cdp.detach();
  }
}
