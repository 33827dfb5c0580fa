/**
 * `checkLedger` in-process (the CLI's `ledger check` is tested by spawning it, which mutation testing
 * cannot see): a good journal, an altered line, a torn unacknowledged write, acknowledged records
 * cut from the end, and tails an earlier open moved aside. Real journals in a temp folder.
 */
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkLedger, listSegments, openLedger } from '../../src/ledger/index.js';
import { testImei } from '../support/imei.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ledger-check-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** Two jobs: one connected (4 records), one still ready (1 record). */
async function journal(): Promise<string> {
  const ledger = await openLedger({ dataDir });
  for (const [jobId, n] of [
    ['chk-1', 1],
    ['chk-2', 2],
  ] as const) {
    await ledger.append({
      type: 'job_intent',
      jobId,
      imei: testImei(n),
      uid: `chk-000${n}`,
      deviceType: 'bpm',
      operator: 'ann',
      station: 'pack-2',
    });
  }
  await ledger.append({ type: 'job_transition', jobId: 'chk-1', from: 'ready', to: 'connecting' });
  await ledger.append({ type: 'job_transition', jobId: 'chk-1', from: 'connecting', to: 'connected' });
  await ledger.close();
  const [segment] = await listSegments(dataDir);
  return segment!.path;
}

describe('checkLedger', () => {
  it('passes a good journal and counts it', async () => {
    await journal();
    expect(await checkLedger(dataDir)).toStrictEqual({
      ok: true,
      segments: 1,
      records: 4,
      lastSeq: 4,
      jobs: 2,
      openJobs: 1,
      issues: [],
      movedAside: [],
    });
  });

  it('fails an altered line, damage listed before warnings', async () => {
    const file = await journal();
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines[0] = lines[0]!.replace('chk-0001', 'chk-0009');
    await writeFile(file, lines.join('\n'));
    const check = await checkLedger(dataDir);
    expect(check.ok).toBe(false);
    expect(check.issues[0]).toMatchObject({ severity: 'damage', kind: 'checksum', line: 1 });
    const severities = check.issues.map((i) => i.severity);
    expect(severities).toEqual([...severities].sort((a, b) => (a === b ? 0 : a === 'damage' ? -1 : 1)));
    expect(severities).toContain('warning');
  });

  it('warns about, but passes, a torn last line that was never acknowledged', async () => {
    const file = await journal();
    await writeFile(file, '{"seq":5,"ts":"2026-03', { flag: 'a' });
    const check = await checkLedger(dataDir);
    expect(check.ok).toBe(true);
    expect(check.issues).toEqual([
      expect.objectContaining({
        severity: 'warning',
        kind: 'torn',
        line: 5,
        message: expect.stringMatching(
          / \(an unacknowledged write cut short by a crash; it is moved aside when the ledger is next opened\)$/,
        ),
      }),
    ]);
  });

  it('names the acknowledged records cut from the end', async () => {
    const file = await journal();
    const text = await readFile(file, 'utf8');
    const keep = text.split('\n').slice(0, 2).join('\n') + '\n';
    await truncate(file, Buffer.byteLength(keep));
    const check = await checkLedger(dataDir);
    expect(check.ok).toBe(false);
    expect(check.lost).toEqual({ fromSeq: 3, count: 2 });
    expect(check.lastSeq).toBe(2);
  });

  it('lists the tails an earlier open moved aside', async () => {
    const file = await journal();
    await writeFile(file, '{"seq":5,"ts":"2026-03', { flag: 'a' });
    await (await openLedger({ dataDir })).close();
    const check = await checkLedger(dataDir);
    expect(check.ok).toBe(true);
    expect(check.issues).toEqual([]);
    expect(check.movedAside).toHaveLength(1);
  });
});
