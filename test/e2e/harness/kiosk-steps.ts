/**
 * What an operator does at the kiosk, as test steps: scan with a wedge (scanner-keys.ts), pick a
 * device type, confirm, read the result; and what the simulator holds afterwards (/_sim/state).
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { JobSummary } from '../../../src/ipc/schemas.js';
import type { KioskHost } from '../../../src/app/kiosk-host.js';
import { kioskClient } from '../../support/kiosk-client.js';
import type { KioskPage } from './kiosk-page.js';
import { scannerBurst } from './scanner-keys.js';

/**
 * A keyboard-wedge scan: the scanner sends the text and Enter, key events time-stamped 5 ms apart.
 * Then two frames, so the screen's answer to the scan (a render, the focus moved on to what is
 * missing) is done before the test's next key: all keys arrive at once, and a focus moved by the
 * screen after the test focused a button would take the test's next key.
 */
export async function wedgeScan(page: Page, text: string): Promise<void> {
  await scannerBurst(page, `${text}\n`);
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
}

/** The device type picked by keyboard: focus its button and press Space. */
export async function pickDeviceType(page: Page, label: string): Promise<void> {
  const button = page.getByRole('radio', { name: label });
  await button.focus();
  await page.keyboard.press('Space');
  await expect.poll(() => button.getAttribute('aria-checked')).toBe('true');
}

/** The outcome shown in the big result area (data-outcome), once one is shown. */
export async function resultOutcome(page: Page): Promise<string> {
  const result = page.getByTestId('onboard-result');
  await result.waitFor();
  return (await result.getAttribute('data-outcome')) ?? '';
}

export interface SimConnection {
  readonly device_id: string;
  readonly device_type: string;
  readonly created_at: string;
  readonly deleted_at: string | null;
}
export interface SimState {
  readonly users: readonly { uid: string; connections: readonly SimConnection[] }[];
}

/** The simulator's state over HTTP, as any client would read it. */
export async function simState(host: KioskHost): Promise<SimState> {
  const simulator = host.engine().simulator;
  if (!simulator) throw new Error('The host is not in training mode: there is no simulator.');
  const response = await fetch(`${simulator.baseUrl}/_sim/state`);
  return (await response.json()) as SimState;
}

/** Live (not deleted) connections of the IMEI, as "uid" strings. */
export async function holdersOf(host: KioskHost, imei: string): Promise<string[]> {
  const state = await simState(host);
  return state.users.filter((u) => u.connections.some((c) => c.device_id === imei && !c.deleted_at)).map((u) => u.uid);
}

/**
 * Connects `imei` to `uid` through the contract unless the simulator has it there already: the state
 * a test before left, made by a test that runs alone.
 */
export async function ensureConnected(host: KioskHost, imei: string, uid: string, deviceType: string): Promise<void> {
  if ((await holdersOf(host, imei)).includes(uid)) return;
  const answer = await kioskClient(host).onboard.submit({ imei, raw: imei, source: 'typed', uid, deviceType });
  expect(answer).toMatchObject({ outcome: 'connected' });
}

/**
 * The patient's job as a test before left it; when there is none (the test runs alone), the device is
 * sent through the contract while Validic answers 5xx, so it is queued. Faults are left on.
 */
export async function jobOrQueued(
  host: KioskHost,
  device: { imei: string; uid: string; deviceType: string },
): Promise<JobSummary> {
  const kiosk = kioskClient(host);
  const job = (await kiosk.jobs.list({ filter: 'all' })).jobs.find((j) => j.uid === device.uid);
  if (job) return job;
  await setSimFaults(host, { serverErrorShare: 1 });
  const answer = await kiosk.onboard.submit({ ...device, raw: device.imei, source: 'wedge' });
  expect(answer).toMatchObject({ outcome: 'queued' });
  return jobOrQueued(host, device);
}

/** Live connections of a patient, as IMEIs. */
export async function liveImeisOf(host: KioskHost, uid: string): Promise<string[]> {
  const user = (await simState(host)).users.find((u) => u.uid === uid);
  return (user?.connections ?? [])
    .filter((c) => !c.deleted_at)
    .map((c) => c.device_id)
    .sort();
}

/**
 * A screen checked as the issue asks: a screenshot under test-artifacts/screens/<name>.png and an
 * axe-core run with no serious or critical violation.
 */
export async function checkScreen(kiosk: KioskPage, name: string): Promise<void> {
  await kiosk.screenshot(name);
  const results = await new AxeBuilder({ page: kiosk.page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const severe = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
  expect(severe, `axe on ${name}`).toEqual([]);
  expect(await smallTargets(kiosk.page), `targets under 48 px on ${name}`).toEqual([]);
}

// In the page: visible controls smaller than 48 × 48 px (a checkbox counts by its label, which is its target).
const SMALL_TARGETS = `[...document.querySelectorAll('button, a[href], input, select, textarea, [role=radio], [role=tab]')]
  .map((element) => {
    const target = element.type === 'checkbox' || element.type === 'radio' ? element.closest('label') ?? element : element;
    const box = target.getBoundingClientRect();
    const style = getComputedStyle(target);
    const visible = box.width > 0 && box.height > 0 && style.visibility !== 'hidden';
    return visible && (box.height < 47.5 || box.width < 47.5) ? (target.getAttribute('aria-label') || target.textContent.trim() || target.id || target.tagName) + ' ' + Math.round(box.width) + 'x' + Math.round(box.height) : null;
  })
  .filter(Boolean)`;

/** Controls a gloved hand would miss: anything under 48 px either way. */
export async function smallTargets(page: Page): Promise<string[]> {
  return (await page.evaluate(SMALL_TARGETS)) as string[];
}

/** Fault injection over the simulator's own HTTP endpoint, e.g. { serverErrorShare: 1 } for an outage. */
export async function setSimFaults(host: KioskHost, faults: Record<string, number>): Promise<void> {
  const simulator = host.engine().simulator;
  if (!simulator) throw new Error('The host is not in training mode: there is no simulator.');
  const response = await fetch(`${simulator.baseUrl}/_sim/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  });
  if (!response.ok) throw new Error(`PUT /_sim/faults answered ${response.status}`);
}

/**
 * Switches screens with the function keys, as the operator does (F1 onboard … F5 settings), and
 * waits until the navigation marks that screen current. A dialog that stops it (unsaved settings)
 * fails here, naming the dialog, instead of in whatever the test looks for next.
 */
export async function goTo(
  page: Page,
  screen: 'onboard' | 'batch' | 'queue' | 'disconnect' | 'settings',
): Promise<void> {
  const key = { onboard: 'F1', batch: 'F2', queue: 'F3', disconnect: 'F4', settings: 'F5' }[screen];
  await page.keyboard.press(key);
  const current = page.locator(`nav [aria-keyshortcuts="${key}"][aria-current="page"]`);
  try {
    await current.waitFor({ timeout: 10_000 });
  } catch (error) {
    const dialogs = await page.getByRole('alertdialog').allTextContents();
    throw new Error(
      `${key} did not open ${screen}${dialogs.length ? `; a dialog stopped it: ${dialogs.join(' | ')}` : ''}`,
      {
        cause: error,
      },
    );
  }
}

/**
 * Types a new PIN twice in Settings' PIN panel and presses Change PIN; the caller waits for what it
 * needs (the status line, or the fresh settings it brings).
 */
export async function submitNewPin(page: Page, role: 'admin' | 'supervisor', pin: string): Promise<void> {
  await page.getByLabel('Which PIN').selectOption(role);
  await page.getByLabel('New PIN (4 to 12 digits)').fill(pin);
  await page.getByLabel('New PIN again').fill(pin);
  await page.getByRole('button', { name: 'Change PIN' }).click();
}

/**
 * Settings behind the admin PIN, from wherever the page is; nothing to do when Settings is open
 * already. For a test's beforeEach, so each test can run alone and still find Settings open.
 */
export async function openSettings(page: Page, adminPin = '1234'): Promise<void> {
  const heading = page.getByRole('heading', { name: 'Settings' });
  if (await heading.isVisible()) return;
  await goTo(page, 'settings');
  await page.getByLabel('PIN', { exact: true }).fill(adminPin);
  await page.keyboard.press('Enter');
  await heading.waitFor();
}
