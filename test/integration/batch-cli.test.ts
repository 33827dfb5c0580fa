/** `batch`, `jobs`, `retry`, `cancel` in training mode on a temp data folder. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeImei } from '../support/imei.js';
import { readLedger } from '../../src/ledger/index.js';
import { runCliCaptured } from '../support/cli.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'batch-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
for (const key of ['VALIDIC_ORG_ID', 'VALIDIC_TOKEN', 'VALIDIC_API_BASE', 'VALIDIC_DIRECT_BASE'])
  delete process.env[key];

const imei = (i: number) => makeImei('01000002', 345_600 + i);
const last = (lines: string[]) => JSON.parse(lines[lines.length - 1] ?? 'null') as Record<string, unknown>;

describe('batch', () => {
  it('a file with bad rows reports every one and imports nothing', async () => {
    const dataDir = path.join(root, 'bad');
    const file = path.join(root, 'bad.csv');
    writeFileSync(
      file,
      'uid,device_type,expected_imei\ngood-0001,blood_glucose,\nab,blood_glucose,\ngood-0002,toaster,\ngood-0003,weight_scale,123\n',
    );
    const run = await runCliCaptured(['batch', file, '--data-dir', dataDir], `${imei(1)}\n`);
    expect(run.code).toBe(1);
    const summary = last(run.stdout);
    expect(summary).toMatchObject({ ok: false, rejected_rows: 3, connected: 0 });
    expect((summary.errors as Array<{ row: number; column: string }>).map((e) => [e.row, e.column])).toEqual([
      [3, 'uid'],
      [4, 'device_type'],
      [5, 'expected_imei'],
    ]);
    const { index, replay } = await readLedger(dataDir);
    expect(index.jobCount).toBe(0);
    expect(replay.records).toBe(0);
  });

  it('assigns scans (expected IMEI first), connects them, and resumes without assigning twice', async () => {
    const dataDir = path.join(root, 'good');
    const file = path.join(root, 'good.csv');
    writeFileSync(
      file,
      `uid,device_type,order_ref,expected_imei\nbatch-0001,blood_glucose,R1,\nbatch-0002,blood_pressure,R2,${imei(2)}\nbatch-0003,weight_scale,R3,\n`,
    );
    const first = await runCliCaptured(
      ['batch', file, '--data-dir', dataDir, '--json'],
      `${imei(2)}\n${imei(3)}\nnot-an-imei\n`,
    );
    expect(first.code).toBe(1); // one scan rejected
    expect(last(first.stdout)).toMatchObject({
      mode: 'training',
      connected: 2,
      already_connected: 0,
      queued: 0,
      needs_attention: 0,
      rejected_rows: 0,
      rejected_scans: 1,
      open_orders: 1,
    });
    expect(first.stderr.join('\n')).toContain('TRAINING');

    const again = await runCliCaptured(
      ['batch', file, '--data-dir', dataDir, '--json'],
      `${imei(2)}\n${imei(3)}\n${imei(4)}\n`,
    );
    expect(again.code).toBe(0);
    expect(last(again.stdout)).toMatchObject({ connected: 1, already_connected: 2, open_orders: 0 });
    expect(again.stderr.join('\n')).toContain('Resuming batch');

    const jobs = await runCliCaptured(['jobs', '--state', 'all', '--json', '--data-dir', dataDir]);
    const listed = (
      last(jobs.stdout).jobs as Array<{ imei: string; uid: string; orderRef: string; state: string }>
    ).map((j) => [j.imei, j.uid, j.orderRef, j.state]);
    expect(listed).toEqual([
      [imei(2), 'batch-0002', 'R2', 'connected'],
      [imei(3), 'batch-0001', 'R1', 'connected'],
      [imei(4), 'batch-0003', 'R3', 'connected'],
    ]);
    const extra = await runCliCaptured(['batch', file, '--data-dir', dataDir, '--json'], `${imei(5)}\n`);
    expect(extra.code).toBe(1);
    expect(last(extra.stdout)).toMatchObject({ rejected_scans: 1 });
  });
});

describe('jobs, retry, cancel', () => {
  it('a blocked job can be listed, retried (still blocked) and cancelled; a final job cannot be cancelled', async () => {
    const dataDir = path.join(root, 'ops');
    const connect = (uid: string) =>
      runCliCaptured([
        'connect',
        '--uid',
        uid,
        '--imei',
        imei(9),
        '--type',
        'blood_glucose',
        '--json',
        '--data-dir',
        dataDir,
      ]);
    expect((await connect('ops-owner-1')).code).toBe(0);
    const blocked = await connect('ops-other-2');
    expect(blocked.code).toBe(1);
    const jobId = String(last(blocked.stdout).jobId);

    const attention = await runCliCaptured(['jobs', '--state', 'needs_attention', '--json', '--data-dir', dataDir]);
    expect((last(attention.stdout).jobs as Array<{ jobId: string }>).map((j) => j.jobId)).toEqual([jobId]);

    const retried = await runCliCaptured(['retry', jobId, '--json', '--data-dir', dataDir]);
    expect(retried.code).toBe(1);
    expect(last(retried.stdout)).toMatchObject({ ok: false, state: 'needs_attention' });

    const cancelled = await runCliCaptured(['cancel', jobId, '--json', '--data-dir', dataDir]);
    expect(cancelled.code).toBe(0);
    expect(last(cancelled.stdout)).toMatchObject({ ok: true, state: 'cancelled' });
    const again = await runCliCaptured(['cancel', jobId, '--json', '--data-dir', dataDir]);
    expect(again.code).toBe(1);
    expect(last(again.stdout)).toMatchObject({ ok: false, error: { kind: 'not_cancellable' } });
    for (const command of ['retry', 'cancel']) {
      const unknown = await runCliCaptured([command, 'no-such-job', '--json', '--data-dir', dataDir]);
      expect(unknown.code, command).toBe(1);
      expect(last(unknown.stdout), command).toMatchObject({
        ok: false,
        error: { kind: 'unknown_job', message: 'There is no job no-such-job in the journal.' },
      });
    }
  });
});
