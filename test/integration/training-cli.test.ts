/** The CLI end to end: training mode in a temp data folder, production against a separately started simulator. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { saveSettings, trainingStateFile } from '../../src/config/index.js';
import { luhnCheckDigit } from '../../src/imei/index.js';
import { runCliCaptured } from '../support/cli.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'training-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const savedEnv = { ...process.env };
afterEach(() => {
  for (const key of [
    'VALIDIC_ORG_ID',
    'VALIDIC_TOKEN',
    'VALIDIC_API_BASE',
    'VALIDIC_DIRECT_BASE',
    'IMEI_KIOSK_DATA_DIR',
  ]) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
});
for (const key of ['VALIDIC_ORG_ID', 'VALIDIC_TOKEN', 'VALIDIC_API_BASE', 'VALIDIC_DIRECT_BASE'])
  delete process.env[key];

const json = (line: string | undefined) => JSON.parse(line ?? 'null') as Record<string, unknown>;

describe('training mode', () => {
  const dataDir = path.join(root, 'training');
  const connect = [
    'connect',
    '--uid',
    'demo-0001',
    '--imei',
    '490154203237518',
    '--type',
    'blood_glucose',
    '--json',
    '--data-dir',
    dataDir,
  ];

  it('connects, then answers already_connected from the journal, then disconnects all', async () => {
    const first = await runCliCaptured(connect);
    expect(first.code).toBe(0);
    expect(json(first.stdout[0])).toMatchObject({
      ok: true,
      state: 'connected',
      mode: 'training',
      connection: { credentials: { device_id: '490154203237518', device_type: 'blood_glucose' }, type: 'smart_meter' },
    });
    expect(first.stderr.join('\n')).toContain('TRAINING');

    const second = await runCliCaptured(connect);
    expect(second.code).toBe(0);
    expect(json(second.stdout[0])).toMatchObject({ ok: true, state: 'already_connected', mode: 'training' });
    const state = JSON.parse(readFileSync(trainingStateFile(dataDir), 'utf8')) as {
      users: Array<{ uid: string; connections: unknown[] }>;
      counts: { connect: number };
    };
    expect(state.users.find((u) => u.uid === 'demo-0001')?.connections).toHaveLength(1);
    expect(state.counts.connect).toBe(1);
    // The training state holds the training organization's token and patients: its owner's alone.
    expect(statSync(trainingStateFile(dataDir)).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(trainingStateFile(dataDir))).mode & 0o077).toBe(0);

    const all = await runCliCaptured(['disconnect', '--uid', 'demo-0001', '--all', '--json', '--data-dir', dataDir]);
    expect(all.code).toBe(0);
    expect(json(all.stdout[0])).toMatchObject({ ok: true, state: 'disconnected', mode: 'training', total: 1 });

    const shown = await runCliCaptured(['user', 'show', 'demo-0001', '--json', '--data-dir', dataDir]);
    expect(shown.code).toBe(0);
    const user = json(shown.stdout[0]).user as { sources: unknown[]; marketplace: { token: string } };
    expect(user.sources).toEqual([]);
    expect(user.marketplace.token).toMatch(/^…/);
  });

  it('human output prints a TRAINING line on stderr and the result on stdout', async () => {
    const run = await runCliCaptured([
      'connect',
      '--uid',
      'demo-0002',
      '--imei',
      '356938035643809',
      '--type',
      'weight_scale',
      '--data-dir',
      dataDir,
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr[0]).toMatch(/^TRAINING/);
    expect(run.stdout[0]).toMatch(/^CONNECTED 35-693803-564380-9 → demo-0002/);
  });

  it('refuses bad input with exit 1 and a usage error with exit 2', async () => {
    const bad = await runCliCaptured([
      'connect',
      '--uid',
      'demo-0001',
      '--imei',
      '490154203237519',
      '--type',
      'blood_glucose',
      '--json',
      '--data-dir',
      dataDir,
    ]);
    expect(bad.code).toBe(1);
    expect(json(bad.stdout[0])).toMatchObject({ ok: false, mode: 'training', error: { kind: 'bad_check_digit' } });
    expect(bad.stderr[0]).toMatch(/^TRAINING/);
    const type = await runCliCaptured([
      'connect',
      '--uid',
      'demo-0001',
      '--imei',
      '490154203237518',
      '--type',
      'toaster',
      '--json',
      '--data-dir',
      dataDir,
    ]);
    expect(type.code).toBe(1);
    expect(json(type.stdout[0])).toMatchObject({ ok: false, mode: 'training', error: { kind: 'invalid_device_type' } });
    const usage = await runCliCaptured(['connect', '--uid', 'demo-0001']);
    expect(usage.code).toBe(2);
    const both = await runCliCaptured(['disconnect', '--uid', 'demo-0001', '--data-dir', dataDir]);
    expect(both.code).toBe(2);
  });

  it('asks before a second device of the same type for one patient', async () => {
    const d = path.join(root, 'second');
    expect(
      (
        await runCliCaptured([
          'connect',
          '--uid',
          'two-devices',
          '--imei',
          '490154203237518',
          '--type',
          'blood_glucose',
          '--data-dir',
          d,
        ])
      ).code,
    ).toBe(0);
    const second = await runCliCaptured([
      'connect',
      '--uid',
      'two-devices',
      '--imei',
      '356938035643809',
      '--type',
      'blood_glucose',
      '--json',
      '--data-dir',
      d,
    ]);
    expect(second.code).toBe(1);
    expect(json(second.stdout[0])).toMatchObject({
      ok: false,
      state: 'needs_confirmation',
      error: { kind: 'second_device' },
    });
    const confirmed = await runCliCaptured([
      'connect',
      '--uid',
      'two-devices',
      '--imei',
      '356938035643809',
      '--type',
      'blood_glucose',
      '--json',
      '--confirm-second-device',
      '--data-dir',
      d,
    ]);
    expect(confirmed.code).toBe(0);
    const other = await runCliCaptured([
      'connect',
      '--uid',
      'someone-else',
      '--imei',
      '356938035643809',
      '--type',
      'blood_glucose',
      '--json',
      '--data-dir',
      d,
    ]);
    expect(other.code).toBe(1);
    // The journal holds it for another patient (Validic's own 409 is 'conflict'), named only by its last 4.
    expect(json(other.stdout[0])).toMatchObject({
      ok: false,
      state: 'needs_attention',
      error: { kind: 'held_by_other_patient', message: 'IMEI …3809 is connected to another patient (…ices).' },
    });
  });
});

describe('production mode against `imei-kiosk simulator`', () => {
  it('connects through 30% 5xx; a wrong token exits 3 and is never printed; incomplete settings exit 3', async () => {
    const bin = path.resolve('bin/imei-kiosk.mjs');
    // Seeded: the dice fall the same way every run (requests are sequential), so the outcome is fixed.
    const child = spawn(process.execPath, [bin, 'simulator', '--faults', '5xx=0.3', '--seed', '3'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const first = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', () => reject(new Error('the simulator exited early')));
      });
      const sim = JSON.parse(first) as { baseUrl: string; orgId: string; token: string };
      Object.assign(process.env, {
        VALIDIC_API_BASE: sim.baseUrl,
        VALIDIC_DIRECT_BASE: sim.baseUrl,
        VALIDIC_ORG_ID: sim.orgId,
        VALIDIC_TOKEN: sim.token,
      });
      const dataDir = path.join(root, 'production');
      // 30% 5xx: reads and provisioning are retried by the client; a connect's lost answer is re-sent once by the engine.
      saveSettings(dataDir, { client: { retries: 10, timeoutMs: 10_000, concurrency: 16 } });
      const outputs: string[] = [];
      for (let i = 0; i < 5; i++) {
        const body = `3520990017614${i}`;
        const imei = body + luhnCheckDigit(body);
        const run = await runCliCaptured([
          'connect',
          '--uid',
          `prod-000${i}`,
          '--imei',
          imei,
          '--type',
          'blood_glucose',
          '--json',
          '--data-dir',
          dataDir,
        ]);
        outputs.push(...run.stdout, ...run.stderr);
        expect(run.code, run.stdout.join('\n')).toBe(0);
        expect(json(run.stdout[0])).toMatchObject({ ok: true, state: 'connected', mode: 'production' });
        expect(run.stderr.join('\n')).not.toContain('TRAINING');
      }
      const state = (await (await fetch(`${sim.baseUrl}/_sim/state`)).json()) as { users: unknown[] };
      expect(state.users).toHaveLength(5);

      process.env.VALIDIC_TOKEN = 'not-the-token-0123456789';
      const denied = await runCliCaptured([
        'connect',
        '--uid',
        'prod-deny',
        '--imei',
        '490154203237518',
        '--type',
        'blood_glucose',
        '--json',
        '--data-dir',
        path.join(root, 'denied'),
      ]);
      outputs.push(...denied.stdout, ...denied.stderr);
      expect(denied.code).toBe(3);
      expect(json(denied.stdout[0])).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });

      delete process.env.VALIDIC_TOKEN;
      const incomplete = await runCliCaptured(['user', 'show', 'prod-0000', '--json', '--data-dir', dataDir]);
      expect(incomplete.code).toBe(3);
      expect(json(incomplete.stdout[0])).toMatchObject({ ok: false, error: { kind: 'configuration' } });

      for (const line of outputs) {
        expect(line).not.toContain(sim.token);
        expect(line).not.toContain('not-the-token-0123456789');
      }
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
