import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../../src/config/atomic-file.js';
import { loadSettings, saveSettings, settingsPath } from '../../src/config/store.js';
import {
  loadStationSettings,
  saveStationSettings,
  stationSettingsPath,
} from '../../src/app/session/station-settings.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'atomic-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomically', () => {
  it('replaces the file whole, private to this user, leaving no temporary file behind', () => {
    const file = path.join(dir, 'a', 'b.json');
    writeFileAtomically(file, 'one\n');
    writeFileAtomically(file, 'two\n');
    expect(readFileSync(file, 'utf8')).toBe('two\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(path.dirname(file))).toEqual(['b.json']);
  });

  it('keeps the old file and removes its temporary file when the rename fails', () => {
    // A non-empty folder where the file should be: rename over it fails.
    const file = path.join(dir, 'taken');
    mkdirSync(file);
    writeFileSync(path.join(file, 'inside'), 'kept');
    expect(() => writeFileAtomically(file, 'new')).toThrow();
    expect(readFileSync(path.join(file, 'inside'), 'utf8')).toBe('kept');
    expect(readdirSync(dir)).toEqual(['taken']);
  });
});

describe('settings files go through it', () => {
  it('settings.json and the station settings are written private and read back', () => {
    saveSettings(dir, { station: 'Desk 4' });
    saveStationSettings(dir, { ...loadStationSettings(dir), sounds: false });
    expect(loadSettings(dir).station).toBe('Desk 4');
    expect(loadStationSettings(dir).sounds).toBe(false);
    for (const file of [settingsPath(dir), stationSettingsPath(dir)]) expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['kiosk-settings.json', 'settings.json']);
  });
});
