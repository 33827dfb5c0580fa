/** Where the data folder is: --data-dir, else IMEI_KIOSK_DATA_DIR, else the platform's app-data folder. */
import { describe, expect, it } from 'vitest';
import { dayRange, resolveDataDir } from '../../src/ledger/index.js';

describe('resolveDataDir', () => {
  it('prefers the flag, then the environment, then the platform folder', () => {
    const env = { IMEI_KIOSK_DATA_DIR: '/srv/kiosk' };
    expect(resolveDataDir({ flag: '/tmp/d', env, platform: 'linux', home: '/home/a' })).toBe('/tmp/d');
    expect(resolveDataDir({ env, platform: 'linux', home: '/home/a' })).toBe('/srv/kiosk');
    expect(resolveDataDir({ env: {}, platform: 'linux', home: '/home/a' })).toBe('/home/a/.config/imei-kiosk');
    expect(resolveDataDir({ env: { XDG_CONFIG_HOME: '/x' }, platform: 'linux', home: '/home/a' })).toBe(
      '/x/imei-kiosk',
    );
    expect(resolveDataDir({ env: {}, platform: 'darwin', home: '/Users/a' })).toBe(
      '/Users/a/Library/Application Support/imei-kiosk',
    );
  });
});

describe('dayRange', () => {
  it('covers whole UTC days, both ends inclusive', () => {
    expect(dayRange('2026-02-28', '2026-03-01')).toEqual({
      from: '2026-02-28T00:00:00.000Z',
      to: '2026-03-02T00:00:00.000Z',
    });
    expect(() => dayRange('2026-02-29', '2026-03-01')).toThrow(/not a calendar date/);
  });
});
