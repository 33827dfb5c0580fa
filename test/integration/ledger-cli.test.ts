/** `imei-kiosk ledger check` and `imei-kiosk export` on real journals in a temp folder. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeLine, listSegments, openLedger, type Ledger } from '../../src/ledger/index.js';
import { runCliCaptured } from '../support/cli.js';

const IMEI_A = '490154203237518';
const IMEI_B = '356938035643809';
const IMEI_C = '353879234252633';

let dataDir: string;
let now: Date;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ledger-cli-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function connectJob(
  ledger: Ledger,
  jobId: string,
  imei: string,
  uid: string,
  at: string,
  verify: boolean,
  orderRef?: string,
  mode?: 'training' | 'production',
): Promise<void> {
  now = new Date(at);
  await ledger.append({
    type: 'job_intent',
    jobId,
    imei,
    uid,
    deviceType: 'bpm',
    operator: 'ann',
    station: 'pack-2',
    ...(orderRef ? { orderRef } : {}),
    ...(mode ? { mode } : {}),
  });
  await ledger.append({ type: 'job_transition', jobId, from: 'ready', to: 'connecting' });
  await ledger.append({ type: 'api_attempt', jobId, call: 'connect', outcome: 'ok', httpStatus: 202, durationMs: 140 });
  await ledger.append({ type: 'job_transition', jobId, from: 'connecting', to: 'connected' });
  if (verify) await ledger.append({ type: 'job_transition', jobId, from: 'connected', to: 'verified' });
}

/** Three connections (1 and 2 March, 5 March) and one job that never connected. */
async function seedJournal(): Promise<void> {
  const ledger = await openLedger({ dataDir, clock: () => now });
  await connectJob(ledger, 'job-1', IMEI_A, 'pat-0001', '2026-03-01T09:15:00.000Z', true, 'ORD-1');
  await connectJob(ledger, 'job-2', IMEI_B, 'pat-0002', '2026-03-02T23:59:59.999Z', false);
  await connectJob(ledger, 'job-3', IMEI_C, 'pat-0003', '2026-03-05T08:00:00.000Z', true);
  now = new Date('2026-03-02T10:00:00.000Z');
  await ledger.append({
    type: 'operator_action',
    action: 'disconnect',
    by: 'sue',
    supervisor: 'max',
    jobId: 'job-1',
    imei: IMEI_A,
    uid: 'pat-0001',
  });
  await ledger.append({
    type: 'job_intent',
    jobId: 'job-4',
    imei: '352099001761481',
    uid: 'pat-0004',
    deviceType: 'bpm',
    operator: 'ann',
    station: 'pack-2',
  });
  await ledger.append({
    type: 'job_transition',
    jobId: 'job-4',
    from: 'ready',
    to: 'needs_attention',
    nextAction: 'check the uid',
  });
  await ledger.close();
}

describe('imei-kiosk ledger check', () => {
  it('passes a good journal', async () => {
    await seedJournal();
    const run = await runCliCaptured(['ledger', 'check', '--data-dir', dataDir]);
    expect(run.code).toBe(0);
    expect(run.stdout.at(-1)).toMatch(/^OK: 1 segment\(s\), 17 record\(s\), last seq 17, 4 job\(s\) \(1 open\)/);
  });

  it('fails a damaged journal, naming the file, the line and what is wrong', async () => {
    await seedJournal();
    const [segment] = await listSegments(dataDir);
    const lines = (await readFile(segment!.path, 'utf8')).split('\n');
    expect(lines[5]).toContain('pat-0002');
    lines[5] = lines[5]!.replace('pat-0002', 'pat-0009');
    await writeFile(segment!.path, lines.join('\n'));

    const run = await runCliCaptured(['ledger', 'check', '--data-dir', dataDir]);
    expect(run.code).toBe(1);
    expect(run.stdout[0]).toMatch(/^DAMAGE segment-000001\.jsonl line 6: checksum mismatch/);
    expect(run.stdout[1]).toMatch(/^DAMAGE segment-000001\.jsonl line 7 \(seq 7\): sequence jumps from 5 to 7/);
    expect(run.stdout.at(-1)).toMatch(/^DAMAGED: .*2 damaged line\(s\)/);

    const json = await runCliCaptured(['ledger', 'check', '--data-dir', dataDir, '--json']);
    expect(json.code).toBe(1);
    const result = JSON.parse(json.stdout[0]!) as { ok: boolean; issues: Array<{ severity: string }> };
    expect(result.ok).toBe(false);
    expect(result.issues.slice(0, 2)).toMatchObject([
      { file: 'segment-000001.jsonl', line: 6, kind: 'checksum' },
      { kind: 'sequence_gap' },
    ]);
    // The lost intent leaves later records of its job unexplained: warnings, after the damage.
    expect(result.issues.slice(2).every((i) => i.severity === 'warning')).toBe(true);
  });

  it('warns about, but passes, a torn last line (an unacknowledged write)', async () => {
    await seedJournal();
    const [segment] = await listSegments(dataDir);
    await writeFile(segment!.path, '{"seq":18,"ts":"2026-03', { flag: 'a' });
    const run = await runCliCaptured(['ledger', 'check', '--data-dir', dataDir]);
    expect(run.code).toBe(0);
    expect(run.stdout[0]).toMatch(/^WARNING segment-000001\.jsonl line 18: torn write/);
  });

  it('fails on a folder that holds no ledger, rather than passing it', async () => {
    const run = await runCliCaptured(['ledger', 'check', '--data-dir', path.join(dataDir, 'nowhere')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toEqual([expect.stringMatching(/^NO LEDGER: .*nowhere holds no ledger segments/)]);
  });

  it('reads the folder from IMEI_KIOSK_DATA_DIR when --data-dir is not given', async () => {
    await seedJournal();
    const saved = process.env.IMEI_KIOSK_DATA_DIR;
    process.env.IMEI_KIOSK_DATA_DIR = dataDir;
    try {
      const run = await runCliCaptured(['ledger', 'check']);
      expect(run.stdout.at(-1)).toContain(`17 record(s)`);
    } finally {
      if (saved === undefined) delete process.env.IMEI_KIOSK_DATA_DIR;
      else process.env.IMEI_KIOSK_DATA_DIR = saved;
    }
  });
});

describe('imei-kiosk export', () => {
  const csv = (stdout: string[]) => parse(stdout.join('\n'), { columns: true }) as Array<Record<string, string>>;

  it('prints the connections of the period with IMEIs masked to the last 4', async () => {
    await seedJournal();
    const run = await runCliCaptured(['export', '--from', '2026-03-01', '--to', '2026-03-02', '--data-dir', dataDir]);
    expect(run.code).toBe(0);
    expect(run.stdout.join('\n').split('\n')[0]).toBe(
      'time,station,operator,uid,imei,device_type,final_state,order_ref,confirmed_at,mode',
    );
    expect(csv(run.stdout)).toEqual([
      {
        time: '2026-03-01T09:15:00.000Z',
        station: 'pack-2',
        operator: 'ann',
        uid: 'pat-0001',
        imei: '…7518',
        device_type: 'bpm',
        final_state: 'disconnected',
        order_ref: 'ORD-1',
        confirmed_at: '',
        mode: 'unknown',
      },
      {
        time: '2026-03-02T23:59:59.999Z',
        station: 'pack-2',
        operator: 'ann',
        uid: 'pat-0002',
        imei: '…3809',
        device_type: 'bpm',
        final_state: 'connected',
        order_ref: '',
        confirmed_at: '',
        mode: 'unknown',
      },
    ]);
    expect(run.stdout.join('\n')).not.toContain(IMEI_A);
    // Jobs from before modes were recorded are listed in either mode: nothing was left out.
    expect(run.stderr.filter((line) => line.startsWith('note:'))).toEqual([]);
  });

  it('lists only the jobs of one mode: the engine’s by default, or the one --mode names; never a training job in production', async () => {
    const ledger = await openLedger({ dataDir, clock: () => now });
    await connectJob(ledger, 'job-t', IMEI_A, 'pat-train', '2026-03-01T09:00:00.000Z', false, undefined, 'training');
    await connectJob(ledger, 'job-p', IMEI_B, 'pat-live', '2026-03-01T10:00:00.000Z', false, undefined, 'production');
    await ledger.close();
    const uids = (run: { stdout: string[] }) => csv(run.stdout).map((row) => [row.uid, row.mode]);
    // No credentials in this folder's settings nor the environment: the engine is in training.
    const byDefault = await runCliCaptured([
      'export',
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-01',
      '--data-dir',
      dataDir,
    ]);
    expect(uids(byDefault)).toEqual([['pat-train', 'training']]);
    // What the guessed mode left out is said, so a kiosk folder's production manifest is not silently empty.
    expect(byDefault.code).toBe(0);
    expect(byDefault.stderr).toContain(
      'note: these are the training connections; the period also holds 1 production connection(s), not listed. Say --mode production to list them.',
    );
    const live = await runCliCaptured([
      'export',
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-01',
      '--mode',
      'production',
      '--data-dir',
      dataDir,
    ]);
    expect(uids(live)).toEqual([['pat-live', 'production']]);
    expect(live.stderr.filter((line) => line.startsWith('note:'))).toEqual([]);
    const bad = await runCliCaptured([
      'export',
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-01',
      '--mode',
      'live',
      '--data-dir',
      dataDir,
    ]);
    expect(bad.code).toBe(2);
    // `jobs` says each job's mode too.
    const jobs = await runCliCaptured(['jobs', '--state', 'all', '--data-dir', dataDir]);
    expect(jobs.stdout.find((line) => line.startsWith('job-t'))).toMatch(/^job-t\s+connected\s+training\s/);
    expect(jobs.stdout.find((line) => line.startsWith('job-p'))).toMatch(/^job-p\s+connected\s+production\s/);
  });

  it('gives confirmed_at, the time the first reading was journaled, for a confirmed device', async () => {
    await seedJournal();
    const ledger = await openLedger({ dataDir, clock: () => now });
    now = new Date('2026-03-03T07:30:00.000Z');
    await ledger.append({
      type: 'first_reading',
      jobId: 'job-2',
      uid: 'pat-0002',
      imei: IMEI_B,
      readingId: 'r-1',
      takenAt: '2026-03-03T07:29:41Z',
      metrics: [{ type: 'systolic', unit: 'mmHg', value: 121 }],
    });
    await ledger.close();
    const run = await runCliCaptured(['export', '--from', '2026-03-01', '--to', '2026-03-02', '--data-dir', dataDir]);
    expect(run.code).toBe(0);
    expect(csv(run.stdout).map((row) => [row.uid, row.confirmed_at])).toEqual([
      ['pat-0001', ''],
      ['pat-0002', '2026-03-03T07:30:00.000Z'],
    ]);
  });

  it('shows full IMEIs with --full-imei', async () => {
    await seedJournal();
    const run = await runCliCaptured([
      'export',
      '--from',
      '2026-03-05',
      '--to',
      '2026-03-05',
      '--full-imei',
      '--data-dir',
      dataDir,
    ]);
    expect(csv(run.stdout)).toEqual([
      expect.objectContaining({ uid: 'pat-0003', imei: IMEI_C, final_state: 'verified' }),
    ]);
  });

  it('prints the raw journal lines of the period, verbatim and verifiable', async () => {
    await seedJournal();
    const run = await runCliCaptured([
      'export',
      '--from',
      '2026-03-02',
      '--to',
      '2026-03-02',
      '--raw',
      '--data-dir',
      dataDir,
    ]);
    expect(run.code).toBe(0);
    const records = run.stdout.map((line) => {
      const decoded = decodeLine(line);
      if (!decoded.ok) throw new Error(decoded.message);
      return decoded.record;
    });
    expect(records.map((r) => r.seq)).toEqual([6, 7, 8, 9, 15, 16, 17]);
    expect(records.every((r) => r.ts.startsWith('2026-03-02'))).toBe(true);
  });

  it('refuses a date that is not a calendar date, or a period that ends before it starts', async () => {
    const bad = await runCliCaptured(['export', '--from', '2026-02-30', '--to', '2026-03-01', '--data-dir', dataDir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toEqual(['error: --from: not a calendar date']);
    const backwards = await runCliCaptured([
      'export',
      '--from',
      '2026-03-02',
      '--to',
      '2026-03-01',
      '--data-dir',
      dataDir,
    ]);
    expect(backwards.code).toBe(2);
    expect(backwards.stderr[0]).toMatch(/--to 2026-03-01 is before --from 2026-03-02/);
  });
});
