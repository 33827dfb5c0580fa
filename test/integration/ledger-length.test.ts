/**
 * The journal knows its own length: acknowledged records cut off its end are loss (ledger check
 * exit 1, how many, from which seq), an oversize line is damage and never a crash, a read-only
 * folder gets a clear answer, and the journal's files are private to the kiosk user.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkLedger, damagedDir, ledgerDir, listSegments, openLedger } from '../../src/ledger/index.js';
import { highWaterPath, readHighWater } from '../../src/ledger/high-water.js';
import { runCliCaptured } from '../support/cli.js';
import { attempt } from '../support/ledger-fixtures.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ledger-length-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function writeRecords(count: number): Promise<void> {
  const ledger = await openLedger({ dataDir });
  for (let i = 0; i < count; i++) await ledger.append(attempt(i));
  await ledger.close();
}

async function segmentText(): Promise<{ file: string; text: string }> {
  const [segment] = await listSegments(dataDir);
  return { file: segment!.path, text: await readFile(segment!.path, 'utf8') };
}

describe('acknowledged records missing from the end', () => {
  it('keeping the first two-thirds of the lines fails ledger check: how many, from which seq', async () => {
    await writeRecords(30);
    const { file, text } = await segmentText();
    const lines = text.split('\n').filter((l) => l !== '');
    await writeFile(file, `${lines.slice(0, 20).join('\n')}\n`);

    const run = await runCliCaptured(['ledger', 'check', '--data-dir', dataDir]);
    expect(run.code).toBe(1);
    expect(run.stdout[0]).toMatch(
      /^DAMAGE segment-000001\.jsonl line 21 \(seq 21\): 10 acknowledged record\(s\) missing from the end of the journal, seq 21 to 30/,
    );
    expect(run.stdout).toContain('LOST: 10 acknowledged record(s), from seq 21');
    expect(run.stdout.at(-1)).toMatch(/^DAMAGED: /);
    const json = JSON.parse(
      (await runCliCaptured(['ledger', 'check', '--data-dir', dataDir, '--json'])).stdout[0]!,
    ) as { ok: boolean; lost: unknown };
    expect(json).toMatchObject({ ok: false, lost: { fromSeq: 21, count: 10 } });
  });

  it('a cut mid-line in acknowledged data is loss, not a torn unacknowledged write; open moves it aside, says so and never reuses the lost seqs', async () => {
    await writeRecords(12);
    const { file, text } = await segmentText();
    const cut = text.length - 40; // inside line 12
    await writeFile(file, text.slice(0, cut));

    const check = await runCliCaptured(['ledger', 'check', '--data-dir', dataDir]);
    expect(check.code).toBe(1);
    expect(check.stdout.join('\n')).toMatch(
      /DAMAGE segment-000001\.jsonl line 12: torn write: .*acknowledged data cut short/,
    );
    expect(check.stdout).toContain('LOST: 1 acknowledged record(s), from seq 12');

    const ledger = await openLedger({ dataDir });
    expect(ledger.report).toMatchObject({
      damaged: true,
      records: 11,
      lost: { fromSeq: 12, count: 1 },
      movedTail: { line: 12, acknowledged: true },
    });
    expect(ledger.report.movedTail!.movedTo).toMatch(/\.lost$/);
    expect(await readFile(ledger.report.movedTail!.movedTo, 'utf8')).toBe(
      text.slice(text.lastIndexOf('\n', cut - 1) + 1, cut),
    );
    expect((await ledger.append(attempt(99))).seq).toBe(13);
    await ledger.close();

    // The gap stays: every later check reports the missing record.
    const after = await checkLedger(dataDir);
    expect(after.ok).toBe(false);
    expect(after.issues[0]).toMatchObject({ kind: 'sequence_gap', seq: 13 });
  });

  it('a journal cut at any byte before its end: check reports exactly the acknowledged records lost, from the right seq', async () => {
    await writeRecords(12);
    const { file, text } = await segmentText();
    const bytes = Buffer.from(text);
    const lineEnds = [...bytes.entries()].filter(([, b]) => b === 0x0a).map(([i]) => i + 1);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: bytes.length - 1 }), async (cut) => {
        await writeFile(file, bytes.subarray(0, cut));
        const whole = lineEnds.filter((end) => end <= cut).length;
        const result = await checkLedger(dataDir);
        expect(result.ok).toBe(false);
        expect(result.lost).toEqual({ fromSeq: whole + 1, count: 12 - whole });
      }),
      { numRuns: 30, seed: 7 },
    );
  });

  it('a torn write past the mark (never acknowledged) is still only a warning, and moved aside as before', async () => {
    await writeRecords(5);
    const { file } = await segmentText();
    await writeFile(file, '{"seq":6,"ts":"2026-03', { flag: 'a' });
    const result = await checkLedger(dataDir);
    expect(result.ok).toBe(true);
    expect(result.issues).toEqual([expect.objectContaining({ severity: 'warning', kind: 'torn', line: 6 })]);
    const ledger = await openLedger({ dataDir });
    expect(ledger.report).toMatchObject({ damaged: false, movedTail: { acknowledged: false } });
    expect(ledger.report.lost).toBeUndefined();
    await ledger.close();
  });

  it('the mark survives a torn write of one of its two slots, and a record rewritten in place is caught', async () => {
    await writeRecords(7);
    const mark = await readHighWater(dataDir);
    expect(mark).toMatchObject({ state: 'ok', mark: { seq: 7, segment: 'segment-000001.jsonl' } });
    // Spoil the slot holding seq 7: the other holds seq 6, whose commit was acknowledged before.
    const handle = await open(highWaterPath(dataDir), 'r+');
    const bytes = await readFile(highWaterPath(dataDir));
    const newest = bytes.indexOf('"seq":7') < 256 ? 0 : 256;
    await handle.write(Buffer.alloc(256, 0), 0, 256, newest);
    await handle.close();
    expect(await readHighWater(dataDir)).toMatchObject({ state: 'ok', mark: { seq: 6 } });

    // Line 6 replaced by a well-formed record with the same seq (another copy of the journal).
    const { file, text } = await segmentText();
    const lines = text.split('\n');
    const other = await mkdtemp(path.join(os.tmpdir(), 'ledger-other-'));
    const copy = await openLedger({ dataDir: other });
    for (let i = 0; i < 6; i++) await copy.append(attempt(i + 100));
    await copy.close();
    const otherLines = (await readFile(path.join(ledgerDir(other), 'segment-000001.jsonl'), 'utf8')).split('\n');
    lines[5] = otherLines[5]!;
    await writeFile(file, lines.join('\n'));
    await rm(other, { recursive: true, force: true });
    const result = await checkLedger(dataDir);
    expect(result.issues).toContainEqual(expect.objectContaining({ severity: 'damage', kind: 'high_water', seq: 6 }));
  });
});

describe('bounded line reading', () => {
  it('a line of 600 MB (a sparse file) is reported as damage by ledger check and skipped by open, never a crash', async () => {
    await writeRecords(4);
    const { file, text } = await segmentText();
    const lines = text.split('\n').filter((l) => l !== '');
    // Lines 1–2, then 600 MB of NULs (what a crash can leave) and a newline, then lines 3–4: no disk used for the hole.
    const head = Buffer.from(`${lines.slice(0, 2).join('\n')}\n`);
    const hole = 600 * 2 ** 20;
    const handle = await open(file, 'w');
    await handle.write(head, 0, head.length, 0);
    await handle.write(Buffer.from(`\n${lines.slice(2).join('\n')}\n`), 0, undefined, head.length + hole);
    await handle.close();
    expect((await stat(file)).blocks * 512).toBeLessThan(2 ** 20);

    const run = await runCliCaptured(['ledger', 'check', '--data-dir', dataDir]);
    expect(run.code).toBe(1);
    expect(run.stdout[0]).toMatch(
      /^DAMAGE segment-000001\.jsonl line 3: a line of 629145600 bytes, over the 64 MiB bound/,
    );
    expect(run.stdout.at(-1)).toMatch(/4 record\(s\), last seq 4/);

    const ledger = await openLedger({ dataDir });
    expect(ledger.report).toMatchObject({ records: 4, damaged: true });
    expect(ledger.report.movedTail).toBeUndefined();
    expect((await ledger.append(attempt(5))).seq).toBe(5);
    await ledger.close();
  });
});

describe('files and folders', () => {
  it('segments, the high-water mark and moved tails are private to the kiosk user (0600)', async () => {
    const saved = process.umask(0o022);
    try {
      await writeRecords(3);
      const { file } = await segmentText();
      await writeFile(file, '{"seq":4,"ts":"2026', { flag: 'a' });
      const ledger = await openLedger({ dataDir });
      await ledger.close();
      const moved = (await readdir(damagedDir(dataDir))).map((name) => path.join(damagedDir(dataDir), name));
      for (const p of [file, highWaterPath(dataDir), ...moved])
        expect(((await stat(p)).mode & 0o777).toString(8), p).toBe('600');
    } finally {
      process.umask(saved);
    }
  });

  // Root may write anywhere, so a read-only folder needs another user: run the CLI as nobody.
  it.skipIf(process.getuid?.() !== 0)(
    'a folder this user may not write: check, export and jobs read it; opening it for writing is a LedgerAccessError',
    async () => {
      await writeRecords(2);
      const writer = await openLedger({ dataDir });
      await writer.append({
        type: 'job_intent',
        jobId: 'job-ro',
        imei: '490154203237518',
        uid: 'pat-1',
        deviceType: 'bpm',
        operator: 'ann',
        station: 'pack-1',
      });
      await writer.close();
      for (const dir of [dataDir, ledgerDir(dataDir)]) await chmod(dir, 0o755);
      for (const { path: p } of await listSegments(dataDir)) await chmod(p, 0o644);
      await chmod(highWaterPath(dataDir), 0o644);
      const bin = fileURLToPath(new URL('../../bin/imei-kiosk.mjs', import.meta.url));
      const asNobody = (args: string[]) =>
        promisify(execFile)(
          'setpriv',
          ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, bin, ...args],
          { env: { ...process.env, HOME: '/tmp' } },
        ).catch((error: { code: number; stdout: string; stderr: string }) => error);
      const check = await asNobody(['ledger', 'check', '--data-dir', dataDir]);
      expect(String(check.stdout)).toMatch(/^OK: 1 segment\(s\), 3 record\(s\)/m);
      const exported = await asNobody([
        'export',
        '--from',
        '2020-01-01',
        '--to',
        '2030-01-01',
        '--raw',
        '--data-dir',
        dataDir,
      ]);
      expect(String(exported.stdout).trim().split('\n')).toHaveLength(3);
      const jobs = await asNobody(['jobs', '--state', 'all', '--json', '--data-dir', dataDir]);
      expect(JSON.parse(String(jobs.stdout).trim().split('\n').at(-1)!)).toMatchObject({
        ok: true,
        jobs: [{ jobId: 'job-ro', state: 'ready' }],
        queue: { depth: 1 },
      });

      // Opening for writing, as nobody: a typed error that says what is wrong, nothing changed.
      const ledgerIndex = fileURLToPath(new URL('../../src/ledger/index.ts', import.meta.url));
      const script = `import { openLedger } from ${JSON.stringify(ledgerIndex)}; try { await openLedger({ dataDir: ${JSON.stringify(dataDir)} }); console.log('opened'); } catch (e) { console.log(e.name + ': ' + e.message); }`;
      const opened = await promisify(execFile)(
        'setpriv',
        [
          '--reuid=65534',
          '--regid=65534',
          '--clear-groups',
          process.execPath,
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          script,
        ],
        {
          env: { ...process.env, HOME: '/tmp' },
          cwd: fileURLToPath(new URL('../..', import.meta.url)),
        },
      );
      expect(opened.stdout.trim()).toMatch(
        /^LedgerAccessError: the kiosk data folder .* cannot be written \(EACCES: open .*LOCK.*\); the journal can only be read$/,
      );
      expect(await readdir(ledgerDir(dataDir))).not.toContain('LOCK');

      // A command that writes (connect) on that folder: exit 3 and one clear line, never a stack.
      const connect = await asNobody([
        'connect',
        '--uid',
        'pat-2',
        '--imei',
        '490154203237518',
        '--type',
        'blood_glucose',
        '--data-dir',
        dataDir,
      ]);
      expect(connect).toMatchObject({ code: 3 });
      expect(String(connect.stderr)).toMatch(/cannot be written \(EACCES\)/);
      expect(String(connect.stderr)).not.toMatch(/\n\s+at /);
    },
  );

  it('an unreadable folder: ledger check answers exit 3 with a clear message, not a stack', async () => {
    if (process.getuid?.() === 0) {
      const bin = fileURLToPath(new URL('../../bin/imei-kiosk.mjs', import.meta.url));
      await writeRecords(2);
      await chmod(dataDir, 0o711);
      await chmod(ledgerDir(dataDir), 0o700);
      const result = await promisify(execFile)(
        'setpriv',
        [
          '--reuid=65534',
          '--regid=65534',
          '--clear-groups',
          process.execPath,
          bin,
          'ledger',
          'check',
          '--data-dir',
          dataDir,
        ],
        {
          env: { ...process.env, HOME: '/tmp' },
        },
      ).catch((error: { code: number; stdout: string; stderr: string }) => error);
      expect(result).toMatchObject({ code: 3 });
      expect(String(result.stderr)).toMatch(/^Error \(unreadable\): cannot read the journal in .* \(EACCES/m);
      expect(String(result.stderr)).not.toMatch(/\n\s+at /);
    } else {
      await writeRecords(2);
      await chmod(ledgerDir(dataDir), 0o000);
      try {
        const run = await runCliCaptured(['ledger', 'check', '--data-dir', dataDir]);
        expect(run.code).toBe(3);
        expect(run.stderr[0]).toMatch(/^Error \(unreadable\): cannot read the journal/);
      } finally {
        await chmod(ledgerDir(dataDir), 0o755);
      }
    }
  });
});
