/**
 * A real kiosk host for e2e tests: a fresh data folder, the engine in training mode (the embedded
 * Validic simulator over real HTTP on 127.0.0.1), and the built renderer in Chromium bound to it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { SettingsInput } from '../../../src/config/settings.js';
import { messages } from '../../../renderer/src/i18n/messages.js';
import { saveSettings } from '../../../src/config/store.js';
import { createMemoryCredentialStore } from '../../../src/app/session/credential-store.js';
import { openKioskHost, type KioskHost, type KioskHostOptions } from '../../../src/app/kiosk-host.js';
import type { Page } from 'playwright-core';
import { kioskClient } from '../../support/kiosk-client.js';
import { openKioskPage, type KioskPage } from './kiosk-page.js';

export interface KioskFixture {
  readonly host: KioskHost;
  readonly kiosk: KioskPage;
  readonly dataDir: string;
  close(): Promise<void>;
}

export async function openKioskFixture(
  overrides: Partial<Omit<KioskHostOptions, 'dataDir' | 'credentials' | 'version'>> & {
    chromiumArgs?: readonly string[];
    /** The window size (default 1280 × 800), e.g. a 1024 × 768 clinic touchscreen. */
    viewport?: { width: number; height: number };
    /** Runs before the renderer loads (e.g. page.clock.install()). */
    beforeLoad?: (page: Page) => Promise<void>;
    /** The engine's settings.json, written before the host opens (e.g. fewer client retries). */
    settings?: SettingsInput;
  } = {},
): Promise<KioskFixture> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-'));
  const { chromiumArgs, settings, beforeLoad, viewport, ...hostOptions } = overrides;
  if (settings) saveSettings(dataDir, settings);
  const host = await openKioskHost({
    dataDir,
    version: '0.1.0',
    credentials: createMemoryCredentialStore(),
    env: {},
    // An answer of handler_failed names no cause; the test's output should (the host logs it in the app).
    onHandlerError: (channel, error) =>
      process.stderr.write(`kiosk host: ${channel} failed: ${error instanceof Error ? error.stack : String(error)}\n`),
    ...hostOptions,
    engine: { station: 'Packing 3', ...hostOptions.engine },
  });
  const kiosk = await openKioskPage({
    dispatcher: host.dispatcher,
    events: (sink) => host.onEvent((event, payload) => sink(event, payload)),
    ...(chromiumArgs ? { chromiumArgs } : {}),
    ...(beforeLoad ? { beforeLoad } : {}),
    ...(viewport ? { viewport } : {}),
  });
  return {
    host,
    kiosk,
    dataDir,
    async close() {
      try {
        await kiosk.close();
      } finally {
        await host.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** Signs in as an operator through the station start screen, by keyboard. */
export async function signIn(kiosk: KioskPage, operatorId = 'op-ana'): Promise<void> {
  const field = kiosk.page.getByRole('textbox', { name: 'Operator ID' });
  await field.waitFor();
  await field.fill(operatorId);
  await kiosk.page.keyboard.press('Enter');
  await kiosk.page.getByText(operatorId, { exact: true }).waitFor();
}

/** Signs in unless an operator is signed in already: for a beforeEach, so a test that needs a signed-in screen runs alone. */
export async function ensureSignedIn(kiosk: KioskPage, operatorId = 'op-ana'): Promise<void> {
  const signOut = kiosk.page.getByRole('button', { name: 'Sign out' });
  const field = kiosk.page.getByRole('textbox', { name: 'Operator ID' });
  // Whichever of the two screens comes up first.
  await signOut.or(field).first().waitFor();
  if (await field.isVisible()) await signIn(kiosk, operatorId);
}

/** Switches the station to Spanish (as an admin would in Settings) and reloads until the Onboard screen says it is ready. */
export async function useSpanish(fixture: KioskFixture): Promise<void> {
  const changed = await kioskClient(fixture.host).settings.update({ adminPin: '1234', patch: { language: 'es' } });
  expect(changed).toMatchObject({ language: 'es' });
  await fixture.kiosk.page.reload();
  await fixture.kiosk.page.getByTestId('onboard-status').filter({ hasText: messages.es.onboard.ready }).waitFor();
}
