/**
 * openKioskEngine in-process: with no credentials it is a training station on its embedded
 * simulator; station and operator come from the options, else the settings, else the machine; the
 * device types change without a restart; a ledger that cannot open leaves nothing running.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../src/config/settings.js';
import { openKioskEngine } from '../../src/onboarding/index.js';
import { testImei } from '../support/imei.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'onboarding-kiosk-engine-'));
let n = 0;
const dir = () => path.join(root, `case-${n++}`);
// No production credentials in the environment: training.
const env = { IMEI_KIOSK_TRAINING_READING_MS: '0' };

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('openKioskEngine', () => {
  it('names station and operator from the options first, then the settings, then the machine', async () => {
    const settings: Settings = { ...defaultSettings, station: 'Bench 2', operator: 'op-set' };
    const named = await openKioskEngine({ dataDir: dir(), env, settings, station: 'Bench 9', operator: 'op-opt' });
    const fromSettings = await openKioskEngine({ dataDir: dir(), env, settings });
    const plain = await openKioskEngine({ dataDir: dir(), env, settings: defaultSettings });
    try {
      expect([named.station, named.operator]).toEqual(['Bench 9', 'op-opt']);
      expect([fromSettings.station, fromSettings.operator]).toEqual(['Bench 2', 'op-set']);
      expect(plain.station).toBe(os.hostname());
      expect(plain.operator).toBe(os.userInfo().username || 'operator');
      expect(named.mode).toBe('training');
      expect(named.simulator).toBeDefined();
      expect(named.onboarding.mode).toBe('training');
    } finally {
      await Promise.all([named.close(), fromSettings.close(), plain.close()]);
    }
  });

  it('connects in training on its simulator, and takes new device types without a restart', async () => {
    const engine = await openKioskEngine({ dataDir: dir(), env, settings: defaultSettings });
    try {
      const first = engine.deviceTypes[0]!;
      const imei = testImei(1, '35880000');
      const result = await engine.onboarding.onboard({ imei, uid: 'eng-0001', deviceType: first.id });
      expect(result.outcome).toBe('connected');
      expect(result.outcome === 'connected' && result.job).toMatchObject({ station: engine.station, mode: 'training' });

      const renamed = { ...first, id: 'glucose_meter_2' };
      engine.setDeviceTypes([renamed]);
      expect(engine.deviceTypes).toEqual([renamed]);
      expect(engine.settings.deviceTypes).toEqual([renamed]);
      // A copy: editing the list given does not change the engine's.
      expect(engine.deviceTypes[0]).not.toBe(renamed);
      // The simulator accepts the new type and refuses the old.
      const old = await engine.onboarding.onboard({
        imei: testImei(2, '35880000'),
        uid: 'eng-0002',
        deviceType: first.id,
      });
      expect(old.outcome).toBe('needs_attention');
      const now = await engine.onboarding.onboard({
        imei: testImei(3, '35880000'),
        uid: 'eng-0003',
        deviceType: renamed.id,
      });
      expect(now.outcome).toBe('connected');
    } finally {
      await engine.close();
    }
    // Closing twice is harmless.
    await engine.close();
    await expect(engine.ledger.append({ type: 'pin_failed', role: 'operator' })).rejects.toThrow(/closed/);
  });

  it('a data folder another engine holds is refused, and leaves no simulator running', async () => {
    const folder = dir();
    const holder = await openKioskEngine({ dataDir: folder, env, settings: defaultSettings });
    try {
      await expect(openKioskEngine({ dataDir: folder, env, settings: defaultSettings })).rejects.toThrow();
    } finally {
      await holder.close();
    }
    // The folder is free again, and a new engine there works.
    const again = await openKioskEngine({ dataDir: folder, env, settings: defaultSettings });
    await again.close();
  });
});
