/**
 * settings.update through the host's dispatcher, on real files with the embedded simulator: the
 * whole save is validated before anything is written or journaled (a refused save changes nothing,
 * on disk or in the journal), and base URLs are checked when saved, by the rule the engine uses
 * when it calls them (HTTPS, or http on loopback for the simulator).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETTINGS_FILE } from '../../src/config/store.js';
import { STATION_SETTINGS_FILE } from '../../src/app/session/station-settings.js';
import { configChangeKeys } from '../support/ledger-records.js';
import { failureOf, kioskClient, type KioskClient } from '../support/kiosk-client.js';
import { openThrowawayHost, type ThrowawayHost } from '../support/throwaway-host.js';

let opened: ThrowawayHost;
let kiosk: KioskClient;

/** Every config_change key in the journal, in order. */
const journaledKeys = () => configChangeKeys(opened.dataDir);

const fileText = (name: string) => {
  try {
    return readFileSync(path.join(opened.dataDir, name), 'utf8');
  } catch {
    return undefined;
  }
};

beforeEach(async () => {
  opened = await openThrowawayHost({ engine: { station: 'Test bench' } });
  kiosk = kioskClient(opened.host);
  await kiosk.session.signIn({ operatorId: 'op-1' });
});
afterEach(() => opened.close());

describe('settings.update, validated whole', () => {
  it('refuses a 300-character station name and saves nothing else of the same patch, nor journals it', async () => {
    const before = await kiosk.settings.get({});
    const stationFile = fileText(STATION_SETTINGS_FILE);
    const settingsFile = fileText(SETTINGS_FILE);
    const failure = await failureOf(
      kiosk.settings.update({
        adminPin: '1234',
        patch: { station: 'S'.repeat(300), sounds: !before.sounds, idleMinutes: 37 },
      }),
    );
    expect(failure).toMatchObject({ code: 'refused', refusal: { code: 'station_name_invalid' } });
    expect(failure.refusal?.text).toContain('A station name is 1 to 254 characters, on one line.');
    expect(await kiosk.settings.get({})).toEqual(before);
    expect(fileText(STATION_SETTINGS_FILE)).toBe(stationFile);
    expect(fileText(SETTINGS_FILE)).toBe(settingsFile);
    expect(await journaledKeys()).toEqual([]);
  });

  it('saves and journals a valid patch whole: station look and station name together', async () => {
    const answer = await kiosk.settings.update({
      adminPin: '1234',
      patch: { station: 'Desk 4', sounds: false, idleMinutes: 37 },
    });
    // (The station name the screen shows stays this test's engine option; settings.json holds the saved one.)
    expect(answer).toMatchObject({ sounds: false, idleMinutes: 37 });
    expect(await journaledKeys()).toEqual(['kiosk.idleMinutes', 'kiosk.sounds', 'station']);
    expect(JSON.parse(fileText(SETTINGS_FILE) ?? '{}')).toMatchObject({ station: 'Desk 4' });
    expect(JSON.parse(fileText(STATION_SETTINGS_FILE) ?? '{}')).toMatchObject({ sounds: false, idleMinutes: 37 });
  });

  it('refuses a camera id the station file would not take, before the station look is saved', async () => {
    const failure = await failureOf(
      kiosk.settings.update({ adminPin: '1234', patch: { cameraDeviceId: 'c'.repeat(600), sounds: false } }),
    );
    expect(failure.refusal).toMatchObject({ code: 'setting_invalid', params: { setting: 'cameraDeviceId' } });
    expect(await kiosk.settings.get({})).toMatchObject({ sounds: true });
    expect(await journaledKeys()).toEqual([]);
  });
});

describe('base URLs, checked when saved', () => {
  it.each([
    ['apiBase', 'http://evil.example:81/x', 'base_url_not_https', 'http://evil.example:81 is not HTTPS'],
    ['directBase', 'file:///etc/passwd', 'base_url_not_https', 'file:// is not HTTPS'],
    ['apiBase', 'not a url', 'base_url_invalid', '"not a url" is not a URL'],
  ])('refuses %s %s (%s) and keeps the saved one', async (setting, url, code, text) => {
    const before = await kiosk.settings.get({});
    const failure = await failureOf(
      kiosk.settings.update({ adminPin: '1234', patch: { [setting]: url, sounds: false } }),
    );
    expect(failure).toMatchObject({ code: 'refused', refusal: { code, params: { setting } } });
    expect(failure.refusal?.text).toContain(text);
    expect(await kiosk.settings.get({})).toEqual(before);
    expect(await journaledKeys()).toEqual([]);
  });

  it.each(['https://api.example.test/v2', 'http://127.0.0.1:8787', 'http://localhost:9000/', 'http://[::1]:8080'])(
    'takes %s (HTTPS, or http on loopback for the simulator)',
    async (url) => {
      const answer = await kiosk.settings.update({ adminPin: '1234', patch: { apiBase: url } });
      expect(answer).toMatchObject({ apiBase: url });
      expect(await journaledKeys()).toEqual(['validic.apiBase']);
    },
  );
});
