/** What the CLI echoes back: never a raw terminal control, never an unbounded list of bad rows. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_ROW_ERRORS_SHOWN } from '../../src/cli/commands/batch.js';
import { decodeLine, listSegments, openLedger } from '../../src/ledger/index.js';
import { runCliCaptured } from '../support/cli.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'cli-output-safety-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
for (const key of ['VALIDIC_ORG_ID', 'VALIDIC_TOKEN', 'VALIDIC_API_BASE', 'VALIDIC_DIRECT_BASE'])
  delete process.env[key];

// ESC, CSI, BEL, CR, backspace, a C1 CSI and a right-to-left override: none may reach a terminal raw.
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/;
const HOSTILE = '\u001b[2J\u001b]0;pwned\u0007\r\b\u009b31m\u202e';

describe('echoed input is printed terminal-safe', () => {
  it('a CSV header cell with escape sequences is shown escaped, in stderr and in the summary JSON', async () => {
    const file = path.join(root, 'escapes.csv');
    const cell = '\u001b[2J\u001b]0;pwned\u0007\b\u009b31m\u202enotes'; // no CR: that would end the CSV row
    writeFileSync(file, `uid,device_type,${cell}\nP-0001,blood_glucose,x\n`);
    const run = await runCliCaptured(['batch', file, '--data-dir', path.join(root, 'escapes')]);
    expect(run.code).toBe(1);
    const all = [...run.stdout, ...run.stderr].join('\n');
    expect(all).not.toMatch(RAW_CONTROL);
    expect(run.stderr.join('\n')).toContain(
      'unknown column "\\u001b[2J\\u001b]0;pwned\\u0007\\u0008\\u009b31m\\u202enotes"',
    );
    // The JSON still parses, and carries the cell exactly as it was in the file.
    const summary = JSON.parse(run.stdout.at(-1)!) as { errors: Array<{ column: string }> };
    expect(summary.errors[0]!.column).toBe(cell);
  });

  it('an argument commander echoes back (an unknown option) is escaped too', async () => {
    const run = await runCliCaptured(['validate', `--${HOSTILE}`, '490154203237518']);
    expect(run.code).toBe(2);
    expect(run.stderr.join('\n')).toContain('\\u001b[2J');
    expect(run.stderr.join('\n')).not.toMatch(RAW_CONTROL);
  });

  it('validate echoes a hostile input inside valid JSON, escaped', async () => {
    const run = await runCliCaptured(['validate', `${HOSTILE}490154203237518`]);
    expect(run.stdout.join('\n')).not.toMatch(RAW_CONTROL);
    expect((JSON.parse(run.stdout[0]!) as { input: string }).input).toBe(`${HOSTILE}490154203237518`);
  });
});

describe('batch lists a bounded number of bad rows', () => {
  it(`lists the first ${MAX_ROW_ERRORS_SHOWN} and counts the rest, once in stderr and once in the summary`, async () => {
    const rows = 2_500;
    const file = path.join(root, 'many-bad.csv');
    writeFileSync(
      file,
      `uid,device_type\n${Array.from({ length: rows }, (_, i) => `P-${String(i).padStart(5, '0')},toaster`).join('\n')}\n`,
    );
    const run = await runCliCaptured(['batch', file, '--data-dir', path.join(root, 'many-bad')]);
    expect(run.code).toBe(1);
    const summary = JSON.parse(run.stdout.at(-1)!) as {
      rejected_rows: number;
      errors: Array<{ row: number }>;
      errors_not_shown: number;
    };
    expect(summary.rejected_rows).toBe(rows);
    expect(summary.errors).toHaveLength(MAX_ROW_ERRORS_SHOWN);
    expect(summary.errors[0]!.row).toBe(2);
    expect(summary.errors_not_shown).toBe(rows - MAX_ROW_ERRORS_SHOWN);
    expect(run.stderr.filter((l) => l.startsWith('row '))).toHaveLength(MAX_ROW_ERRORS_SHOWN);
    expect(run.stderr).toContain(
      `… and ${rows - MAX_ROW_ERRORS_SHOWN} more bad rows not listed; fix these and run it again to see the rest.`,
    );
  });

  it('cuts a huge echoed cell short', async () => {
    const file = path.join(root, 'huge-cell.csv');
    writeFileSync(file, `uid,device_type\nP-0001,${'x'.repeat(100_000)}\n`);
    const run = await runCliCaptured(['batch', file, '--data-dir', path.join(root, 'huge-cell')]);
    expect(run.code).toBe(1);
    expect(Math.max(...run.stderr.map((l) => l.length))).toBeLessThan(1_000);
    // The row's reason echoes at most 200 characters of the cell (the catalogue's text is filled with that much).
    expect(run.stderr.join('\n')).toContain(`unknown device type "${'x'.repeat(200)}"`);
    expect(run.stderr.join('\n')).not.toContain('x'.repeat(201));
  });
});

describe('exported data is written verbatim, not escaped', () => {
  it('export --raw prints a journal line holding C1 and bidi characters byte for byte, so its checksum still verifies', async () => {
    const dataDir = path.join(root, 'verbatim');
    const at = new Date('2026-03-02T10:00:00.000Z');
    const ledger = await openLedger({ dataDir, clock: () => at });
    const operator = 'desk\u0085\u2028\u202e1';
    await ledger.append({
      type: 'job_intent',
      jobId: 'job-1',
      imei: '490154203237518',
      uid: 'pat-0001',
      deviceType: 'bpm',
      operator,
      station: 'pack-2',
    });
    await ledger.close();
    const [segment] = await listSegments(dataDir);
    const fileLines = readFileSync(segment!.path, 'utf8').split('\n').filter(Boolean);
    expect(fileLines.join('\n')).toContain(operator); // JSON leaves these characters raw

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
    expect(run.stdout).toEqual(fileLines);
    expect(run.stdout.map((line) => decodeLine(line).ok)).toEqual([true]);
  });
});
