import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  loadStationSettings,
  saveStationSettings,
  StationSettingsError,
  stationSettingsPath,
} from '../../src/app/session/station-settings.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'station-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('station settings', () => {
  it('loads a file written before serial profiles existed, with the new fields at their defaults', () => {
    writeFileSync(
      stationSettingsPath(dir),
      JSON.stringify({ version: 1, language: 'es', idleMinutes: 5, sounds: false, kiosk: true, serialBaud: 9600 }),
    );
    expect(loadStationSettings(dir)).toMatchObject({
      language: 'es',
      serialBaud: 9600,
      scannerBaud: 9600,
      scannerFraming: { mode: 'line', ending: 'cr' },
      extraUsbDevices: [],
      operators: [],
      wedgePrefix: '',
    });
  });

  it('keeps a serial profile across a save and a load (USB ids in lower case)', () => {
    const saved = saveStationSettings(dir, {
      ...loadStationSettings(dir),
      scannerFraming: { mode: 'silence', intervalMs: 60 },
      extraUsbDevices: [{ vendorId: '1A86', productId: '7523', maker: 'CH340 bench modem', kind: 'modem' }],
    });
    expect(saved.extraUsbDevices[0]).toEqual({
      vendorId: '1a86',
      productId: '7523',
      maker: 'CH340 bench modem',
      kind: 'modem',
    });
    expect(loadStationSettings(dir)).toEqual(saved);
    expect(JSON.parse(readFileSync(stationSettingsPath(dir), 'utf8'))).toMatchObject({
      scannerFraming: { mode: 'silence', intervalMs: 60 },
    });
  });

  it('names the field of a bad serial profile in the file', () => {
    writeFileSync(stationSettingsPath(dir), JSON.stringify({ scannerFraming: { mode: 'silence', intervalMs: 2 } }));
    expect(() => loadStationSettings(dir)).toThrow(StationSettingsError);
    expect(() => loadStationSettings(dir)).toThrow(/scannerFraming\.intervalMs/);
    writeFileSync(
      stationSettingsPath(dir),
      JSON.stringify({ extraUsbDevices: [{ vendorId: 'xyz', maker: 'M', kind: 'modem' }] }),
    );
    expect(() => loadStationSettings(dir)).toThrow(/extraUsbDevices\.0\.vendorId: a USB id is 4 hex digits/);
  });
});
