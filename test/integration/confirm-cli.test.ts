/**
 * `imei-kiosk confirm` in training mode (a temp data folder, the embedded simulator over real HTTP):
 * after `connect`, the simulated device's first reading is found and printed; with no reading
 * within the wait it exits 1 and says so.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/cli.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'confirm-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const ENV_KEYS = [
  'VALIDIC_ORG_ID',
  'VALIDIC_TOKEN',
  'VALIDIC_API_BASE',
  'VALIDIC_DIRECT_BASE',
  'IMEI_KIOSK_TRAINING_READING_MS',
];
const savedEnv = { ...process.env };
afterEach(() => {
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
});
for (const key of ENV_KEYS) delete process.env[key];

const json = (line: string | undefined) => JSON.parse(line ?? 'null') as Record<string, unknown>;

describe('imei-kiosk confirm (training)', () => {
  it('connect, then confirm --wait 60 reports the first reading (the training default: 5 s after the connect)', async () => {
    const dataDir = path.join(root, 'default');
    const connect = await runCliCaptured([
      'connect',
      '--uid',
      'clinic-0001',
      '--imei',
      '490154203237518',
      '--type',
      'blood_pressure',
      '--json',
      '--data-dir',
      dataDir,
    ]);
    expect(connect.code).toBe(0);
    const connectedAt = Date.now();

    const run = await runCliCaptured([
      'confirm',
      '--uid',
      'clinic-0001',
      '--imei',
      '490154203237518',
      '--wait',
      '60',
      '--json',
      '--data-dir',
      dataDir,
    ]);
    expect(run.stderr.join('\n')).toContain('TRAINING');
    expect(run.code).toBe(0);
    expect(run.stdout).toHaveLength(1);
    const answer = json(run.stdout[0]);
    expect(answer).toMatchObject({
      ok: true,
      confirmed: true,
      mode: 'training',
      uid: 'clinic-0001',
      imei: '490154203237518',
    });
    const reading = answer.reading as {
      readingId: string;
      takenAt: string;
      metrics: Array<{ type: string; unit: string; value: number }>;
    };
    expect(reading.metrics.map((m) => `${m.type}/${m.unit}`)).toEqual(['systolic/mmHg', 'diastolic/mmHg', 'pulse/bpm']);
    expect(reading.metrics.every((m) => Number.isFinite(m.value) && m.value > 0)).toBe(true);
    // Taken by the device after its connect, not an older record.
    expect(Date.parse(reading.takenAt)).toBeGreaterThan(connectedAt - 60_000);
    expect(typeof answer.confirmedAt).toBe('string');
    // Paced: at most one look per 15 s of waiting, plus the first.
    const calls = answer.calls as number;
    expect(calls).toBeGreaterThanOrEqual(1);
    expect(calls).toBeLessThanOrEqual(5);

    // Journaled: asked again, the answer comes from the journal without a call to Validic.
    const again = await runCliCaptured([
      'confirm',
      '--uid',
      'clinic-0001',
      '--imei',
      '490154203237518',
      '--json',
      '--data-dir',
      dataDir,
    ]);
    expect(again.code).toBe(0);
    expect(json(again.stdout[0])).toMatchObject({
      confirmed: true,
      calls: 0,
      reading: { readingId: reading.readingId },
    });

    // The manifest carries when it was confirmed.
    const today = new Date().toISOString().slice(0, 10);
    const manifest = await runCliCaptured(['export', '--from', today, '--to', today, '--data-dir', dataDir]);
    expect(manifest.code).toBe(0);
    const [header, row] = manifest.stdout.join('\n').trim().split('\n');
    const column = header!.split(',').indexOf('confirmed_at');
    expect(column).toBeGreaterThanOrEqual(0);
    expect(row!.split(',')[column]).toBe(answer.confirmedAt);
  });

  it('exits 1 with confirmed false when no reading comes within the wait, and text output says so', async () => {
    const dataDir = path.join(root, 'silent');
    process.env.IMEI_KIOSK_TRAINING_READING_MS = '3600000';
    const connect = await runCliCaptured([
      'connect',
      '--uid',
      'clinic-0002',
      '--imei',
      '356938035643809',
      '--type',
      'pulse_oximeter',
      '--json',
      '--data-dir',
      dataDir,
    ]);
    expect(connect.code).toBe(0);

    const run = await runCliCaptured([
      'confirm',
      '--uid',
      'clinic-0002',
      '--imei',
      '356938035643809',
      '--wait',
      '1',
      '--json',
      '--data-dir',
      dataDir,
    ]);
    expect(run.code).toBe(1);
    expect(json(run.stdout[0])).toMatchObject({
      ok: false,
      confirmed: false,
      reading: null,
      error: { kind: 'no_reading' },
    });

    const text = await runCliCaptured([
      'confirm',
      '--uid',
      'clinic-0002',
      '--imei',
      '356938035643809',
      '--data-dir',
      dataDir,
    ]);
    expect(text.code).toBe(1);
    expect(text.stderr.join('\n')).toContain('Error (no_reading): No reading from IMEI 35-693803-564380-9');
  });

  it('says not confirmed, with Validic’s reason, for a patient Validic does not know', async () => {
    const dataDir = path.join(root, 'unknown');
    const run = await runCliCaptured([
      'confirm',
      '--uid',
      'nobody-0404',
      '--imei',
      '490154203237518',
      '--wait',
      '30',
      '--json',
      '--data-dir',
      dataDir,
    ]);
    expect(run.code).toBe(1);
    expect(json(run.stdout[0])).toMatchObject({
      ok: false,
      confirmed: false,
      reading: null,
      error: { kind: 'not_found' },
    });
  });

  it('refuses bad input before asking Validic: a bad IMEI, a bad uid, a bad --wait', async () => {
    const dataDir = path.join(root, 'input');
    const badImei = await runCliCaptured([
      'confirm',
      '--uid',
      'clinic-0003',
      '--imei',
      '490154203237519',
      '--json',
      '--data-dir',
      dataDir,
    ]);
    expect(badImei.code).toBe(1);
    expect(json(badImei.stdout[0])).toMatchObject({ ok: false, error: { kind: 'bad_check_digit' } });
    const badUid = await runCliCaptured([
      'confirm',
      '--uid',
      '-x-',
      '--imei',
      '490154203237518',
      '--json',
      '--data-dir',
      dataDir,
    ]);
    expect(json(badUid.stdout[0])).toMatchObject({ ok: false, error: { kind: 'invalid_uid' } });
    for (const wait of ['-1', '1.5', 'soon', '3601']) {
      const badWait = await runCliCaptured([
        'confirm',
        '--uid',
        'clinic-0003',
        '--imei',
        '490154203237518',
        '--wait',
        wait,
        '--json',
        '--data-dir',
        dataDir,
      ]);
      expect(badWait.code, wait).toBe(1);
      expect(json(badWait.stdout[0]), wait).toMatchObject({ ok: false, error: { kind: 'invalid_wait' } });
    }
    const help = await runCliCaptured(['confirm', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout.join('\n')).toContain('--wait <seconds>');
    expect(help.stdout.join('\n')).toContain('at most every 15 s');
  });
});
