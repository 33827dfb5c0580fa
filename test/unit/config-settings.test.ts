import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  defaultSettings,
  loadSettings,
  resolveCredentials,
  resolveDataDir,
  saveSettings,
  SettingsSchema,
} from '../../src/config/index.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('settings', () => {
  it('gives built-in types saved before Spanish labels their Spanish label, and leaves relabelled or new types alone', () => {
    const parsed = SettingsSchema.parse({
      deviceTypes: [
        { id: 'blood_glucose', label: 'Glucose meter', confirmed: true },
        { id: 'weight_scale', label: 'Scale', confirmed: true },
        { id: 'thermometer', label: 'Thermometer', confirmed: false },
        { id: 'blood_pressure', label: 'Blood pressure monitor', labelEs: 'Monitor de presión', confirmed: true },
      ],
    });
    expect(parsed.deviceTypes.map((d) => d.labelEs)).toEqual([
      'Glucómetro',
      undefined,
      undefined,
      'Monitor de presión',
    ]);
  });

  it('defaults: the confirmed device types and the assumed pulse oximeter, Validic bases and limits', () => {
    expect(defaultSettings.deviceTypes.map((d) => [d.id, d.confirmed])).toEqual([
      ['blood_glucose', true],
      ['blood_pressure', true],
      ['weight_scale', true],
      ['pulse_oximeter', false],
    ]);
    expect(defaultSettings.validic.apiBase).toBe('https://api.v2.validic.com');
    expect(defaultSettings.validic.directBase).toBe('https://syncmydevice.com');
    expect(defaultSettings.validic.paths.connect).toBe('/direct/auth/smart_meter/connect');
    expect(defaultSettings.rateLimit).toEqual({ limit: 2000, windowMs: 3_600_000 });
    expect(defaultSettings.client.timeoutMs).toBe(10_000);
  });
  it('saves and loads back', () => {
    const d = path.join(dir, 'roundtrip');
    saveSettings(d, { station: 'pack-3', validic: { orgId: 'org', token: 'tok' } });
    expect(loadSettings(d)).toMatchObject({ station: 'pack-3', validic: { orgId: 'org', token: 'tok' } });
  });
  it('no file means defaults', () => {
    expect(loadSettings(path.join(dir, 'none'))).toEqual(defaultSettings);
  });
  it('a bad file is a configuration error naming the field', () => {
    const d = path.join(dir, 'bad');
    saveSettings(d, {});
    writeFileSync(path.join(d, 'settings.json'), JSON.stringify({ client: { timeoutMs: 5 } }));
    expect(() => loadSettings(d)).toThrow(ConfigurationError);
    expect(() => loadSettings(d)).toThrow(/client\.timeoutMs/);
    writeFileSync(path.join(d, 'settings.json'), '{nope');
    expect(() => loadSettings(d)).toThrow(/not valid JSON/);
  });
  it('a custom path naming a value its call lacks is refused when read, naming the field and the value', () => {
    const d = path.join(dir, 'bad-path');
    saveSettings(d, {});
    writeFileSync(
      path.join(d, 'settings.json'),
      JSON.stringify({ validic: { paths: { disconnect: '/smart_meter/disconnect/{device}' } } }),
    );
    expect(() => loadSettings(d)).toThrow(
      /"validic\.paths\.disconnect": the disconnect path \/smart_meter\/disconnect\/\{device\} names \{device\}; it may name only \{imei\}\.$/,
    );
    expect(() => saveSettings(d, { validic: { paths: { connect: '/connect/{imei}' } } })).toThrow(/may name no value/);
    expect(saveSettings(d, { validic: { paths: { user: '/people/{uid}' } } }).validic.paths.user).toBe('/people/{uid}');
  });
  it('unknown keys are refused', () => {
    expect(SettingsSchema.safeParse({ colour: 'red' }).success).toBe(false);
  });
});

describe('resolveCredentials', () => {
  it('nothing configured → training', () => {
    expect(resolveCredentials(defaultSettings, {})).toEqual({ mode: 'training' });
  });
  it('environment over settings → production', () => {
    const settings = SettingsSchema.parse({ validic: { orgId: 'from-settings', token: 'settings-token' } });
    expect(
      resolveCredentials(settings, {
        VALIDIC_ORG_ID: 'env-org',
        VALIDIC_API_BASE: 'http://127.0.0.1:9',
        VALIDIC_DIRECT_BASE: 'http://127.0.0.1:9',
      }),
    ).toEqual({
      mode: 'production',
      orgId: 'env-org',
      token: 'settings-token',
      apiBase: 'http://127.0.0.1:9',
      directBase: 'http://127.0.0.1:9',
    });
  });
  it('some but not all → incomplete, saying what is missing', () => {
    const result = resolveCredentials(defaultSettings, { VALIDIC_ORG_ID: 'org' });
    expect(result.mode).toBe('incomplete');
    if (result.mode === 'incomplete') expect(result.problems.join(' ')).toMatch(/token is missing/);
  });
  it('plain HTTP to a remote host is incomplete', () => {
    const result = resolveCredentials(defaultSettings, {
      VALIDIC_ORG_ID: 'o',
      VALIDIC_TOKEN: 't',
      VALIDIC_API_BASE: 'http://validic.example',
    });
    expect(result.mode).toBe('incomplete');
  });
});

describe('resolveDataDir', () => {
  it('--data-dir, then IMEI_KIOSK_DATA_DIR, then the platform folder', () => {
    expect(resolveDataDir({ flag: '/x/flag', env: { IMEI_KIOSK_DATA_DIR: '/x/env' } })).toBe('/x/flag');
    expect(resolveDataDir({ env: { IMEI_KIOSK_DATA_DIR: '/x/env' } })).toBe('/x/env');
    expect(resolveDataDir({ env: {}, platform: 'linux', home: '/home/k' })).toBe('/home/k/.config/imei-kiosk');
    expect(resolveDataDir({ env: {}, platform: 'darwin', home: '/Users/k' })).toBe(
      '/Users/k/Library/Application Support/imei-kiosk',
    );
  });
});
