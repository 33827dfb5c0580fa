/**
 * The journal's segment rules, in-process (the CLI tests that cover several of them spawn a process,
 * which mutation testing cannot see): a segment read line by line in bounded chunks, its damaged
 * tail told apart from damage in the middle, the segment list, a damaged tail moved aside, and the
 * high-water mark's two slots and what the mark says about the journal's length. Real files in a
 * temp folder; lines over the 64 MiB bound are sparse files, so they take no disk.
 */
import { mkdir, mkdtemp, open, readdir, readFile, readlink, realpath, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moveTailAside, type MovedTail } from '../../src/ledger/damaged-tail.js';
import {
  HighWaterWriter,
  highWaterIssues,
  highWaterPath,
  readHighWater,
  tailWasAcknowledged,
  type HighWaterMark,
} from '../../src/ledger/high-water.js';
import {
  checkLedger,
  damagedDir,
  encodeLine,
  ledgerDir,
  listSegments,
  openLedger,
  replaySegments,
  segmentName,
  type LedgerRecord,
} from '../../src/ledger/index.js';
import { MAX_LINE_BYTES, scanSegment, scanSegmentFile, type DamagedLine } from '../../src/ledger/segment-scan.js';
import { attempt } from '../support/ledger-fixtures.js';

/** The reader's chunk size (CHUNK_BYTES in segment-scan.ts): lines placed across it span two reads. */
const CHUNK = 8 * 2 ** 20;
const TS = '2026-12-03T09:00:00.000Z';
const SEGMENT_1 = segmentName(1);

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ledger-segment-rules-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** A journal line (newline included) for an api_attempt record, with any fields added or overridden. */
function line(seq: number, extra: Record<string, unknown> = {}): string {
  return encodeLine({
    seq,
    ts: TS,
    type: 'api_attempt',
    call: 'connect',
    outcome: 'ok',
    durationMs: seq,
    ...extra,
  } as LedgerRecord);
}

/** A checksummed line of exactly `bytes` bytes, newline included (the padding field passes only unvalidated reads). */
function paddedLine(seq: number, bytes: number): string {
  const bare = line(seq, { pad: '' }).length;
  return line(seq, { pad: 'x'.repeat(bytes - bare) });
}

/** Collects what the scanner hands over for each good line. */
function collector(): {
  seen: Array<{ seq: number; line: number; offset: number; end: number; text: string }>;
  onRecord: Parameters<typeof scanSegment>[1];
} {
  const seen: Array<{ seq: number; line: number; offset: number; end: number; text: string }> = [];
  return {
    seen,
    onRecord: (record, n, offset, end, text) => seen.push({ seq: record.seq, line: n, offset, end, text }),
  };
}

/** What this process's open file descriptors point at (Linux). */
async function openFiles(): Promise<string[]> {
  const fds = await readdir('/proc/self/fd');
  return Promise.all(fds.map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')));
}

async function writeRecords(count: number, maxSegmentBytes?: number): Promise<void> {
  const ledger = await openLedger({ dataDir, ...(maxSegmentBytes ? { maxSegmentBytes } : {}) });
  for (let i = 0; i < count; i++) await ledger.append(attempt(i));
  await ledger.close();
}

async function firstSegment(): Promise<{ file: string; text: string }> {
  const file = path.join(ledgerDir(dataDir), SEGMENT_1);
  return { file, text: await readFile(file, 'utf8') };
}

describe('reading a segment', () => {
  it('a record that spans two reads is read whole, and every line after it keeps its line number and offsets', async () => {
    // Line 1 ends 100 bytes before the first read's end, so line 2 starts in one read and ends in the next.
    const lines = [paddedLine(1, CHUNK - 100), paddedLine(2, 300), line(3)];
    const torn = '{"seq":4,"ts":"2026-12';
    const file = path.join(dataDir, SEGMENT_1);
    await writeFile(file, lines.join('') + torn);
    const { seen, onRecord } = collector();
    const scan = await scanSegmentFile(file, onRecord, false);

    const starts = [0, CHUNK - 100, CHUNK + 200, CHUNK + 200 + lines[2]!.length];
    expect(seen).toEqual(
      lines.map((l, i) => ({
        seq: i + 1,
        line: i + 1,
        offset: starts[i],
        end: starts[i + 1]! - 1,
        text: l.slice(0, -1),
      })),
    );
    expect(scan).toEqual({
      middle: [],
      tail: [
        {
          line: 4,
          offset: starts[3],
          problem: 'torn',
          message: `torn write: ${torn.length} bytes with no newline at the end of the file`,
        },
      ],
      goodLength: starts[3],
      length: starts[3]! + torn.length,
      lineCount: 4,
    });
  });

  it('a line of exactly 64 MiB is read as a line; one byte more is oversize: counted, skipped, never decoded', async () => {
    const file = path.join(dataDir, SEGMENT_1);
    // Sparse: NUL runs (what a crash can leave) of MAX and MAX + 1 bytes, a good record, then an oversize last line.
    const good = line(1);
    const handle = await open(file, 'w');
    await handle.write('\n', MAX_LINE_BYTES);
    const secondEnd = MAX_LINE_BYTES + 1 + MAX_LINE_BYTES + 1;
    await handle.write(`\n${good}`, secondEnd);
    const goodStart = secondEnd + 1;
    const lastStart = goodStart + good.length;
    await handle.truncate(lastStart + MAX_LINE_BYTES + 1);
    await handle.close();

    const { seen, onRecord } = collector();
    const scan = await scanSegmentFile(file, onRecord);
    expect(seen.map((r) => [r.seq, r.line, r.offset])).toEqual([[1, 3, goodStart]]);
    const over = `a line of ${MAX_LINE_BYTES + 1} bytes, over the 64 MiB bound (no line the kiosk writes is this long): skipped`;
    expect(scan.middle).toEqual([
      { line: 1, offset: 0, problem: 'checksum', message: 'no checksum at the end of the line' },
      { line: 2, offset: MAX_LINE_BYTES + 1, problem: 'oversize', message: over },
    ]);
    expect(scan.tail).toEqual([
      { line: 4, offset: lastStart, problem: 'oversize', message: `${over}, with no newline at the end of the file` },
    ]);
    expect(scan).toMatchObject({ goodLength: lastStart, length: lastStart + MAX_LINE_BYTES + 1, lineCount: 4 });
  });

  it('a line over 64 MiB held in memory in one piece is oversize too, and the lines after it are read', () => {
    const good = line(1);
    const bytes = Buffer.concat([Buffer.alloc(MAX_LINE_BYTES + 1), Buffer.from(`\n${good}`)]);
    const { seen, onRecord } = collector();
    const scan = scanSegment(bytes, onRecord);
    expect(scan.middle).toEqual<DamagedLine[]>([
      {
        line: 1,
        offset: 0,
        problem: 'oversize',
        message: `a line of ${MAX_LINE_BYTES + 1} bytes, over the 64 MiB bound (no line the kiosk writes is this long): skipped`,
      },
    ]);
    expect(seen.map((r) => [r.seq, r.line, r.offset])).toEqual([[1, 2, MAX_LINE_BYTES + 2]]);
    expect(scan).toMatchObject({ tail: [], goodLength: bytes.length, lineCount: 2 });
  });

  it('the tail is every damaged line after the last good one, however many', () => {
    const good = line(1);
    // Three lines whose checksums fail (one character changed in each).
    const bad = [2, 3, 4].map((seq) => line(seq).replace('"outcome":"ok"', '"outcome":"ko"'));
    const scan = scanSegment(Buffer.from(good + bad.join('')), () => {});
    expect(scan.middle).toEqual([]);
    expect(scan.tail.map((d) => [d.line, d.problem])).toEqual([
      [2, 'checksum'],
      [3, 'checksum'],
      [4, 'checksum'],
    ]);
    expect(scan.goodLength).toBe(good.length);
  });

  it('an intact record this version cannot read is kept in place, not part of the tail; only the damage after it is', () => {
    const good = line(1);
    const unknownType = line(2, { type: 'from_a_newer_version' });
    const torn = '{"seq":3';
    const scan = scanSegment(Buffer.from(good + unknownType + torn), () => {});
    expect(scan.middle.map((d) => [d.line, d.problem])).toEqual([[2, 'invalid_record']]);
    expect(scan.tail.map((d) => [d.line, d.problem, d.offset])).toEqual([
      [3, 'torn', good.length + unknownType.length],
    ]);
    expect(scan.goodLength).toBe(good.length + unknownType.length);
  });

  it('an intact record with a field no kiosk writes is kept in place too (it is an altered line, not a torn write)', () => {
    const good = line(1);
    const badField = line(2, { durationMs: -5 });
    const badSum = line(3).replace('"outcome":"ok"', '"outcome":"ko"');
    const scan = scanSegment(Buffer.from(good + badField + badSum), () => {});
    expect(scan.middle.map((d) => [d.line, d.problem])).toEqual([[2, 'invalid_field']]);
    expect(scan.tail.map((d) => [d.line, d.problem])).toEqual([[3, 'checksum']]);
  });

  it('records are checked against their schemas unless the caller says not to', async () => {
    const text = line(1, { durationMs: -5 }) + line(2);
    const file = path.join(dataDir, SEGMENT_1);
    await writeFile(file, text);
    const problems = (scan: { middle: DamagedLine[] }) => scan.middle.map((d) => [d.line, d.problem]);
    expect(problems(scanSegment(Buffer.from(text), () => {}))).toEqual([[1, 'invalid_field']]);
    expect(problems(await scanSegmentFile(file, () => {}))).toEqual([[1, 'invalid_field']]);
    // Without the schemas the checksum, envelope and type still hold: the record is read.
    const { seen, onRecord } = collector();
    expect(problems(await scanSegmentFile(file, onRecord, false))).toEqual([]);
    expect(seen.map((r) => r.seq)).toEqual([1, 2]);
  });

  it.skipIf(process.platform !== 'linux')('reading a segment file leaves it closed', async () => {
    const file = path.join(dataDir, SEGMENT_1);
    await writeFile(file, line(1) + line(2));
    const { seen, onRecord } = collector();
    await scanSegmentFile(file, onRecord);
    expect(seen).toHaveLength(2);
    expect(await openFiles()).not.toContain(await realpath(file));
  });
});

describe('the segment list', () => {
  it('no ledger folder yet means no segments; a ledger path that is not a folder is an error', async () => {
    expect(await listSegments(dataDir)).toEqual([]);
    await writeFile(ledgerDir(dataDir), 'not a folder');
    await expect(listSegments(dataDir)).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it('segments come in number order, past six digits too, and other files in the folder are not segments', async () => {
    await mkdir(ledgerDir(dataDir));
    const names = [
      'segment-000010.jsonl',
      'segment-1000000.jsonl',
      'segment-000002.jsonl',
      'segment-999999.jsonl',
      'segment-000001.jsonl',
      'segment-000100.jsonl',
      'segment-000003.jsonl',
      // Not segments: too few digits, another extension, a moved-aside tail, the mark.
      'segment-12345.jsonl',
      'segment-000004.json',
      'segment-000005.jsonl.at-0.tail',
      'HIGH-WATER',
    ];
    for (const name of names) await writeFile(path.join(ledgerDir(dataDir), name), '');
    expect(await listSegments(dataDir)).toEqual(
      [1, 2, 3, 10, 100, 999_999, 1_000_000].map((index) => ({
        index,
        name: segmentName(index),
        path: path.join(ledgerDir(dataDir), segmentName(index)),
      })),
    );
  });
});

describe('moving a damaged tail aside', () => {
  it.skipIf(process.platform !== 'linux')(
    'an unacknowledged torn tail goes to damaged/<segment>.at-<offset>.<time>.<random>.tail, private and byte for byte; the segment is cut to its good part and closed',
    async () => {
      await writeRecords(3);
      const { file, text } = await firstSegment();
      const torn = '{"seq":4,"ts":"2026-12';
      await writeFile(file, torn, { flag: 'a' });
      const replay = await replaySegments(dataDir);
      expect(tailWasAcknowledged(await readHighWater(dataDir), replay)).toBe(false);

      // The file is made private by the move itself, not by the umask: the usual 022 would leave it 644.
      // (Setting the umask here is not possible: mutation testing runs test files in worker threads.)
      const before = new Date().toISOString();
      const moved: MovedTail = await moveTailAside(dataDir, replay.tail!, false);
      const after = new Date().toISOString();
      expect(moved).toEqual({
        segment: SEGMENT_1,
        line: 4,
        offset: text.length,
        bytes: torn.length,
        movedTo: expect.any(String) as string,
        reasons: [`line 4: torn write: ${torn.length} bytes with no newline at the end of the file`],
        acknowledged: false,
      });
      expect(path.dirname(moved.movedTo)).toBe(damagedDir(dataDir));
      // The time in the name is the wall clock's, with ':' and '.' made '-' so any file system takes it.
      const name =
        /^segment-000001\.jsonl\.at-(\d+)\.(\d{4}-\d\d-\d\dT\d\d)-(\d\d)-(\d\d)-(\d{3})Z\.[0-9a-f]{6}\.tail$/.exec(
          path.basename(moved.movedTo),
        );
      expect(name, path.basename(moved.movedTo)).not.toBeNull();
      expect(name![1]).toBe(String(text.length));
      const stamp = `${name![2]}:${name![3]}:${name![4]}.${name![5]}Z`;
      expect(stamp >= before && stamp <= after, `${stamp} between ${before} and ${after}`).toBe(true);
      expect(await readFile(moved.movedTo, 'utf8')).toBe(torn);
      expect(((await stat(moved.movedTo)).mode & 0o777).toString(8)).toBe('600');
      expect(await readFile(file, 'utf8')).toBe(text);
      const stillOpen = await openFiles();
      expect(stillOpen).not.toContain(await realpath(file));
      expect(stillOpen).not.toContain(await realpath(moved.movedTo));
    },
  );

  it('a cut in acknowledged data is moved aside as .lost, and open says it was acknowledged', async () => {
    await writeRecords(4);
    const { file, text } = await firstSegment();
    await writeFile(file, text.slice(0, -30));
    const ledger = await openLedger({ dataDir });
    try {
      expect(ledger.report.movedTail).toMatchObject({ line: 4, acknowledged: true });
      expect(ledger.report.movedTail!.movedTo).toMatch(/\.[0-9a-f]{6}\.lost$/);
      expect(await readdir(damagedDir(dataDir))).toEqual([path.basename(ledger.report.movedTail!.movedTo)]);
    } finally {
      await ledger.close();
    }
  });

  it('a torn write past the mark is moved aside as an unacknowledged .tail when the ledger opens', async () => {
    await writeRecords(4);
    const { file } = await firstSegment();
    await writeFile(file, '{"seq":5,"ts":"2026-12', { flag: 'a' });
    const ledger = await openLedger({ dataDir });
    try {
      expect(ledger.report.movedTail).toMatchObject({ line: 5, acknowledged: false });
      expect(ledger.report.movedTail!.movedTo).toMatch(/\.[0-9a-f]{6}\.tail$/);
      expect(ledger.report.lost).toBeUndefined();
    } finally {
      await ledger.close();
    }
  });
});

describe('the high-water mark file', () => {
  const mark = (seq: number): HighWaterMark => ({
    seq,
    sum: seq.toString(16).padStart(64, '0'),
    segment: SEGMENT_1,
  });

  /** Each slot's seq as the file holds it (null for a slot never written or spoiled). */
  async function slotSeqs(): Promise<Array<number | null>> {
    const bytes = await readFile(highWaterPath(dataDir));
    return [0, 1].map((i) => {
      const text = bytes
        .subarray(i * 256, (i + 1) * 256)
        .toString('utf8')
        .replaceAll('\0', '')
        .trim();
      return text === '' ? null : (JSON.parse(text) as { mark: HighWaterMark }).mark.seq;
    });
  }

  /** One commit by a writer opened afresh, as after every kiosk start. */
  async function writeAfterOpen(seq: number): Promise<void> {
    const writer = await HighWaterWriter.open(dataDir, undefined);
    await writer.write(mark(seq));
    await writer.close();
  }

  it('a reopened writer always overwrites the older slot, so the newest mark survives a torn write; readers take the newest', async () => {
    await mkdir(ledgerDir(dataDir));
    const states: Array<[Array<number | null>, number | undefined]> = [];
    for (const seq of [1, 2, 3, 4]) {
      await writeAfterOpen(seq);
      const read = await readHighWater(dataDir);
      states.push([await slotSeqs(), read.state === 'ok' ? read.mark.seq : undefined]);
    }
    expect(states).toEqual([
      [[1, null], 1],
      [[1, 2], 2],
      [[3, 2], 3],
      [[3, 4], 4],
    ]);
    // Two fixed 256-byte slots, each one line.
    const bytes = await readFile(highWaterPath(dataDir));
    expect([bytes.length, bytes[255], bytes[511]]).toEqual([512, 0x0a, 0x0a]);

    // A spoiled first slot is the one to write next, whatever the other holds.
    const handle = await open(highWaterPath(dataDir), 'r+');
    await handle.write(Buffer.alloc(256), 0, 256, 0);
    await handle.close();
    expect(await readHighWater(dataDir)).toEqual({ state: 'ok', mark: mark(4) });
    await writeAfterOpen(5);
    expect(await slotSeqs()).toEqual([5, 4]);
  });

  it('a slot whose check does not match its mark is not trusted; no intact slot at all is unreadable', async () => {
    await mkdir(ledgerDir(dataDir));
    await writeAfterOpen(3);
    await writeAfterOpen(4);
    const bytes = await readFile(highWaterPath(dataDir));
    // The newer slot's seq altered, its JSON still well-formed: the older mark is the one read.
    await writeFile(highWaterPath(dataDir), bytes.toString('latin1').replace('"seq":4', '"seq":9'), 'latin1');
    expect(await readHighWater(dataDir)).toEqual({ state: 'ok', mark: mark(3) });

    await writeFile(highWaterPath(dataDir), 'not a mark\n');
    expect(await readHighWater(dataDir)).toEqual({
      state: 'unreadable',
      message: 'HIGH-WATER holds no intact mark (11 bytes)',
    });
  });

  it('a HIGH-WATER that is a folder is an error, not a missing mark', async () => {
    await mkdir(highWaterPath(dataDir), { recursive: true });
    await expect(readHighWater(dataDir)).rejects.toMatchObject({ code: 'EISDIR' });
  });
});

describe('what the mark says about the journal', () => {
  it('acknowledged records cut off the end: one damage issue naming how many, from which seq, at the line after the last good one', async () => {
    await writeRecords(4);
    const { file, text } = await firstSegment();
    await writeFile(file, `${text.split('\n').slice(0, 2).join('\n')}\n`);
    const check = await checkLedger(dataDir);
    expect(check.issues).toEqual([
      {
        severity: 'damage',
        kind: 'lost_records',
        file: SEGMENT_1,
        line: 3,
        seq: 3,
        message:
          '2 acknowledged record(s) missing from the end of the journal, seq 3 to 4 (the high-water mark in HIGH-WATER names seq 4 in segment-000001.jsonl)',
      },
    ]);
    // No damaged tail here (the cut fell between lines): nothing of the tail's was acknowledged.
    const replay = await replaySegments(dataDir);
    expect(replay.tail).toBeUndefined();
    expect(tailWasAcknowledged(await readHighWater(dataDir), replay)).toBe(false);
  });

  it('records lost with their whole last segment are reported at the end of the segment left', async () => {
    await writeRecords(20, 1500);
    const segments = await listSegments(dataDir);
    expect(segments.length).toBeGreaterThan(2);
    const [kept, gone] = segments.slice(-2) as [(typeof segments)[0], (typeof segments)[0]];
    const keptLines = (await readFile(kept.path, 'utf8')).split('\n').filter((l) => l !== '');
    const lastKeptSeq = (JSON.parse(keptLines.at(-1)!) as { seq: number }).seq;
    await rm(gone.path);
    const check = await checkLedger(dataDir);
    expect(check.issues).toEqual([
      expect.objectContaining({
        kind: 'lost_records',
        file: kept.name,
        line: keptLines.length + 1,
        seq: lastKeptSeq + 1,
        message: expect.stringMatching(
          new RegExp(
            `^${20 - lastKeptSeq} acknowledged record\\(s\\) missing .* names seq 20 in ${gone.name.replace('.', '\\.')}\\)$`,
          ),
        ) as string,
      }),
    ]);
  });

  it('a record rewritten in place (same seq, from another copy of the journal) is damage naming that seq', async () => {
    await writeRecords(7);
    expect((await checkLedger(dataDir)).issues).toEqual([]);
    const other = path.join(dataDir, 'other');
    const copy = await openLedger({ dataDir: other });
    for (let i = 0; i < 7; i++) await copy.append(attempt(i + 100));
    await copy.close();
    const otherLines = (await readFile(path.join(ledgerDir(other), SEGMENT_1), 'utf8')).split('\n');
    const { file, text } = await firstSegment();
    const lines = text.split('\n');
    lines[6] = otherLines[6]!;
    await writeFile(file, lines.join('\n'));

    const check = await checkLedger(dataDir);
    expect(check.ok).toBe(false);
    expect(check.issues).toEqual([
      {
        severity: 'damage',
        kind: 'high_water',
        file: SEGMENT_1,
        line: 1,
        seq: 7,
        message:
          'the record with seq 7 is not the one acknowledged (its checksum differs from the high-water mark): the journal was rewritten or restored from another copy',
      },
    ]);
  });

  it('a marked record that is later damaged is reported as that damage only, not also as a rewrite', async () => {
    await writeRecords(5);
    // A crash after records 4–5 were fsynced but before the mark moved on: the mark names seq 3 (both slots).
    const { file, text } = await firstSegment();
    const lines = text.split('\n');
    const markOf3: HighWaterMark = { seq: 3, sum: lines[2]!.slice(-66, -2), segment: SEGMENT_1 };
    await rm(highWaterPath(dataDir));
    const writer = await HighWaterWriter.open(dataDir, undefined);
    await writer.write(markOf3);
    await writer.write(markOf3);
    await writer.close();
    expect((await checkLedger(dataDir)).issues).toEqual([]);

    lines[2] = lines[2]!.replace('"outcome":"ok"', '"outcome":"ko"');
    await writeFile(file, lines.join('\n'));
    const check = await checkLedger(dataDir);
    expect(check.issues.map((i) => [i.kind, i.line])).toEqual([
      ['checksum', 3],
      ['sequence_gap', 4],
    ]);
  });

  it('a journal without a mark is only a warning that a cut end cannot be noticed', async () => {
    await writeRecords(2);
    await rm(highWaterPath(dataDir));
    const check = await checkLedger(dataDir);
    expect(check.ok).toBe(true);
    expect(check.issues).toEqual([
      {
        severity: 'warning',
        kind: 'high_water',
        file: 'HIGH-WATER',
        line: 1,
        message:
          'no high-water mark (a journal from an older version, or the file was removed): records cut off the end of the journal cannot be noticed until the kiosk next opens it',
      },
    ]);
  });

  it('a mark that cannot be read is damage: the journal length cannot be checked', async () => {
    await writeRecords(2);
    await writeFile(highWaterPath(dataDir), 'not a mark\n');
    const check = await checkLedger(dataDir);
    expect(check.ok).toBe(false);
    expect(check.issues).toEqual([
      {
        severity: 'damage',
        kind: 'high_water',
        file: 'HIGH-WATER',
        line: 1,
        message: "HIGH-WATER holds no intact mark (11 bytes): the journal's length cannot be checked",
      },
    ]);
    // The same answer straight from the mark and a replay.
    expect(highWaterIssues(await readHighWater(dataDir), await replaySegments(dataDir))).toEqual(check.issues);
  });
});
