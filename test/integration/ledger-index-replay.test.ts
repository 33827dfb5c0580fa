/**
 * The job index, the replay and the index snapshot, in-process (the CLI tests that spawn the kiosk
 * cannot tell mutation testing what they cover): journals are written line by line into a temp
 * folder, replayed with replaySegments, snapshotted with encodeSnapshot/writeSnapshot and read back
 * with loadSnapshot, so each rule is seen on its own.
 */
import { hash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, readlink, realpath, rm, stat, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  checksum,
  decodeLine,
  encodeLine,
  ledgerDir,
  LedgerRecordBody,
  segmentName,
  type LedgerRecord,
  type LedgerRecordInput,
} from '../../src/ledger/index.js';
import {
  encodeSnapshot,
  loadSnapshot,
  removeStaleSnapshotTemps,
  SNAPSHOT_FILE,
  snapshotPath,
  writeSnapshot,
} from '../../src/ledger/index-snapshot.js';
import { JOB_INDEX_VERSION, JobIndex, type JobIndexState } from '../../src/ledger/job-index.js';
import { lineSum, replaySegments, type LedgerIssue, type ReplayStart } from '../../src/ledger/replay.js';
import { testImei } from '../support/imei.js';
import { jobIntent } from '../support/ledger-fixtures.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ledger-index-replay-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const TS = '2026-03-01T09:00:00.000Z';
const IMEI = testImei(41);

/** A record as replay hands it over. */
const at = (seq: number, body: LedgerRecordInput, ts = TS): LedgerRecord =>
  ({ ...LedgerRecordBody.parse(body), seq, ts }) as LedgerRecord;

/** The journal line of a record, without its newline. */
const line = (seq: number, body: LedgerRecordInput): string => encodeLine(at(seq, body)).slice(0, -1);

/** A line whose checksum holds around any JSON object text (what another program or version might write). */
const sealed = (json: string): string => `${json.slice(0, -1)},"sum":"${checksum(json)}"}`;

const capture = (raw = IMEI): LedgerRecordInput => ({ type: 'capture', source: 'typed', raw, imei: IMEI });
const intent = (jobId: string, extra: object = {}) => jobIntent(jobId, { imei: IMEI, uid: `pat-${jobId}`, ...extra });
const move = (jobId: string, from: string, to: string, extra: object = {}): LedgerRecordInput =>
  ({ type: 'job_transition', jobId, from, to, ...extra }) as LedgerRecordInput;

/** Writes a segment file from lines; `end` is what follows the last line ('\n' unless torn). */
async function writeSegment(n: number, lines: readonly string[], end = '\n'): Promise<string> {
  await mkdir(ledgerDir(dataDir), { recursive: true });
  const file = path.join(ledgerDir(dataDir), segmentName(n));
  await writeFile(file, lines.length === 0 ? '' : lines.join('\n') + end);
  return file;
}

/** Where a line begins and ends (the offset of its newline) in a segment made of `lines`. */
function span(lines: readonly string[], i: number): { offset: number; end: number } {
  const offset = lines.slice(0, i).reduce((sum, l) => sum + Buffer.byteLength(l) + 1, 0);
  return { offset, end: offset + Buffer.byteLength(lines[i]!) };
}

/** Replays the journal as it is and snapshots the result, as the ledger does at a checkpoint. */
async function snapshotNow(): Promise<{ start: ReplayStart; index: JobIndex }> {
  const index = new JobIndex();
  const replay = await replaySegments(dataDir, { index });
  const start: ReplayStart = {
    position: replay.end,
    lastSeq: replay.lastSeq,
    lastSum: replay.lastSum,
    records: replay.records,
    issues: replay.issues,
  };
  await writeSnapshot(dataDir, encodeSnapshot({ start, index: index.exportState() }));
  return { start, index };
}

/** Writes snapshot bytes with a body of our choosing, under a header whose hash and length fit it. */
async function writeSnapshotWithBody(body: Buffer): Promise<void> {
  const good = encodeSnapshot({
    start: { position: { segment: 1, offset: 0, line: 0 }, lastSeq: 0, lastSum: '', records: 0, issues: [] },
    index: new JobIndex().exportState(),
  });
  const header = JSON.parse(good.toString('utf8', 0, good.indexOf(0x0a))) as Record<string, unknown>;
  const fitted = { ...header, bodySha256: hash('sha256', body, 'hex'), bodyBytes: body.length };
  await writeFile(snapshotPath(dataDir), Buffer.concat([Buffer.from(`${JSON.stringify(fitted)}\n`), body]));
}

/** Files under the test's folder this process still holds open (Linux: /proc/self/fd). */
async function filesLeftOpen(): Promise<string[]> {
  const real = await realpath(dataDir);
  const fds = await readdir('/proc/self/fd');
  const targets = await Promise.all(fds.map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')));
  return targets.filter((target) => target.startsWith(real));
}

describe('job index', () => {
  it('keeps the first intent of a job id and reports the second as a duplicate', () => {
    const index = new JobIndex();
    index.apply(at(1, intent('j1')));
    index.apply(at(2, intent('j1', { uid: 'pat-other' })));
    expect(index.job('j1')?.uid).toBe('pat-j1');
    expect(index.jobsByUid('pat-other')).toEqual([]);
    expect(index.issues).toEqual([
      { seq: 2, kind: 'duplicate_job', message: 'job j1 has a second intent; the first is kept' },
    ]);
  });

  it('names the job and both states when a transition starts from a state the job is not in', () => {
    const index = new JobIndex();
    index.apply(at(1, intent('j1')));
    index.apply(at(2, move('j1', 'connecting', 'queued')));
    expect(index.issues).toEqual([
      {
        seq: 2,
        kind: 'transition_mismatch',
        message: 'job j1: transition from connecting but the job was ready; applied',
      },
    ]);
    // Applied all the same: the journal is the truth.
    expect(index.job('j1')?.state).toBe('queued');
  });

  it('names the job of a record that has no intent', () => {
    const index = new JobIndex();
    index.apply(at(1, { type: 'verification', jobId: 'j9', uid: 'pat-9', imei: IMEI, outcome: 'confirmed' }));
    expect(index.issues).toEqual([{ seq: 1, kind: 'unknown_job', message: 'record for job j9, which has no intent' }]);
    expect(index.jobCount).toBe(0);
  });

  it('refuses a record type it does not know instead of dropping it silently', () => {
    const index = new JobIndex();
    const foreign = { type: 'from_the_future', seq: 1, ts: TS } as unknown as LedgerRecord;
    expect(() => index.apply(foreign)).toThrow('unhandled record {"type":"from_the_future","seq":1,"ts":"2026-03-01');
  });

  it('counts a job as connected when it goes straight to verified', () => {
    const index = new JobIndex();
    index.apply(at(1, intent('j1')));
    index.apply(at(2, move('j1', 'ready', 'connecting')));
    index.apply(at(3, move('j1', 'connecting', 'verified'), '2026-03-01T09:05:00.000Z'));
    expect(index.job('j1')).toMatchObject({
      connectedAt: '2026-03-01T09:05:00.000Z',
      verifiedAt: '2026-03-01T09:05:00.000Z',
    });
  });

  it('counts each transition into connecting as a connect start, and no other', () => {
    const index = new JobIndex();
    index.apply(at(1, intent('j1')));
    index.apply(at(2, move('j1', 'ready', 'connecting')));
    index.apply(at(3, move('j1', 'connecting', 'queued')));
    index.apply(at(4, move('j1', 'queued', 'connecting')));
    expect(index.job('j1')).toMatchObject({ connectStarts: 2, transitions: 3 });
  });

  it('keeps the first reading of a job; a later one does not replace it', () => {
    const index = new JobIndex();
    index.apply(at(1, intent('j1')));
    const reading = (readingId: string): LedgerRecordInput => ({
      type: 'first_reading',
      jobId: 'j1',
      uid: 'pat-j1',
      imei: IMEI,
      readingId,
      takenAt: '2026-03-01T08:00:00.000Z',
      metrics: [{ type: 'spo2', unit: 'percent', value: 98 }],
    });
    index.apply(at(2, reading('r-1'), '2026-03-01T09:01:00.000Z'));
    index.apply(at(3, reading('r-2'), '2026-03-01T09:02:00.000Z'));
    expect(index.job('j1')).toMatchObject({
      confirmedAt: '2026-03-01T09:01:00.000Z',
      firstReading: { readingId: 'r-1' },
      lastSeq: 2,
    });
  });

  describe('mode adoption', () => {
    const action = (jobId: string, act: string, mode?: string): LedgerRecordInput =>
      ({ type: 'operator_action', action: act, by: 'sue', jobId, ...(mode ? { mode } : {}) }) as LedgerRecordInput;

    it('gives a job without a mode the mode of an adopt_mode action', () => {
      const index = new JobIndex();
      index.apply(at(1, intent('old')));
      index.apply(at(2, action('old', 'adopt_mode', 'production')));
      expect(index.job('old')?.mode).toBe('production');
    });

    it('never changes the mode a job already has, even by adopt_mode', () => {
      const index = new JobIndex();
      index.apply(at(1, intent('j1', { mode: 'training' })));
      index.apply(at(2, action('j1', 'adopt_mode', 'production')));
      expect(index.job('j1')?.mode).toBe('training');
    });

    it('takes a mode only from adopt_mode: another action naming one leaves the job as it was', () => {
      const index = new JobIndex();
      index.apply(at(1, intent('old')));
      index.apply(at(2, intent('j2', { mode: 'training' })));
      index.apply(at(3, action('old', 'retry', 'production')));
      index.apply(at(4, action('j2', 'retry', 'production')));
      index.apply(at(5, action('j2', 'disconnect')));
      expect(index.job('old')?.mode).toBeUndefined();
      expect(index.job('j2')).toMatchObject({ mode: 'training', disconnectedBy: 'sue', lastSeq: 5 });
    });
  });
});

describe('job index state (what a snapshot keeps)', () => {
  function twoJobs(): JobIndex {
    const index = new JobIndex();
    index.apply(at(1, intent('j1')));
    index.apply(at(2, intent('j2', { orderRef: 'R-2' })));
    index.apply(at(3, capture()));
    index.apply(at(4, move('j2', 'ready', 'cancelled')));
    return index;
  }

  it('stores a field no job has as an empty column, and a field some job has in full', () => {
    const state = twoJobs().exportState();
    expect(state.columns.reasonParams).toEqual([]);
    expect(state.columns.disconnectedBy).toEqual([]);
    expect(state.columns.orderRef).toEqual([undefined, 'R-2']);
    expect(state.columns.jobId).toEqual(['j1', 'j2']);
  });

  it('restores the same jobs, lookups and captures from its state', () => {
    const index = twoJobs();
    const restored = JobIndex.fromState(index.exportState());
    expect(restored.allJobs()).toEqual(index.allJobs());
    expect(restored.openJobs().map((j) => j.jobId)).toEqual(['j1']);
    expect(restored.jobsByImei(IMEI).map((j) => j.jobId)).toEqual(['j1', 'j2']);
    expect(restored.captureSeqs(IMEI)).toEqual([3]);
  });

  const columnsOf = (state: JobIndexState) => ({ ...state.columns }) as Record<string, unknown>;
  /** The state with other columns, as a snapshot of another version (or a damaged one) might hold. */
  const withColumns = (state: JobIndexState, columns: Record<string, unknown>) =>
    ({ ...state, columns }) as unknown as JobIndexState;

  it('refuses a state with a job field this version does not have', () => {
    const state = twoJobs().exportState();
    const columns = { ...columnsOf(state), colour: [] };
    expect(() => JobIndex.fromState(withColumns(state, columns))).toThrow('the snapshot holds other job fields');
  });

  it('refuses a state with one job field renamed (as many fields, not the same ones)', () => {
    const state = twoJobs().exportState();
    const { mode, ...rest } = columnsOf(state);
    const columns = { ...rest, modus: mode };
    expect(() => JobIndex.fromState(withColumns(state, columns))).toThrow('the snapshot holds other job fields');
  });

  it('refuses a state whose job field is not a column', () => {
    const state = twoJobs().exportState();
    const columns = { ...columnsOf(state), uid: 'pat-j1' };
    expect(() => JobIndex.fromState(withColumns(state, columns))).toThrow('the snapshot holds other job fields');
  });

  it('refuses a state whose columns are of different lengths', () => {
    const state = twoJobs().exportState();
    const columns = { ...columnsOf(state), uid: ['pat-j1'] };
    expect(() => JobIndex.fromState(withColumns(state, columns))).toThrow('the snapshot columns differ in length');
  });
});

describe('ledger record schemas', () => {
  it('refuse a value for a setting flagged secret, even when its name does not look secret', () => {
    const result = LedgerRecordBody.safeParse({
      type: 'config_change',
      key: 'station.name',
      value: 'Desk 4',
      secret: true,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [['value'], 'a secret setting is journaled without its value (secret: true, no value)'],
    ]);
  });
});

describe('replaySegments', () => {
  it('replays no journal as nothing: no records, no checksum, at the start', async () => {
    expect(await replaySegments(dataDir)).toStrictEqual({
      segments: [],
      records: 0,
      lastSeq: 0,
      lastSum: '',
      issues: [],
      end: { segment: 0, offset: 0, line: 0 },
    });
  });

  it('tells intact lines of another version (a warning) from altered and damaged lines (damage)', async () => {
    const good = line(1, capture());
    const foreign = sealed(`{"seq":2,"ts":"${TS}","type":"from_the_future","x":1}`);
    const altered = line(3, capture()).replace(IMEI, testImei(42));
    const badField = sealed(`{"seq":4,"ts":"${TS}","type":"capture","source":"typed","raw":"1","imei":"123"}`);
    await writeSegment(1, [good, foreign, altered, badField, line(5, capture())]);
    const message = (text: string) => {
      const decoded = decodeLine(text);
      if (decoded.ok) throw new Error('expected a bad line');
      return decoded.message;
    };
    const replay = await replaySegments(dataDir);
    const file = segmentName(1);
    expect(replay.issues).toEqual([
      {
        severity: 'warning',
        kind: 'invalid_record',
        file,
        line: 2,
        message: `${message(foreign)} (intact line, skipped: written by another version?)`,
      },
      { severity: 'damage', kind: 'checksum', file, line: 3, message: message(altered) },
      {
        severity: 'damage',
        kind: 'invalid_field',
        file,
        line: 4,
        message: `${message(badField)} (its checksum holds, so the line was altered or written by another program; skipped)`,
      },
      {
        severity: 'damage',
        kind: 'sequence_gap',
        file,
        line: 5,
        seq: 5,
        message: 'sequence jumps from 1 to 5: 3 record(s) missing',
      },
    ]);
    expect(replay.records).toBe(2);
  });

  it('validates every record with its schema unless told not to', async () => {
    const badField = sealed(`{"seq":2,"ts":"${TS}","type":"capture","source":"typed","raw":"1","imei":"123"}`);
    await writeSegment(1, [line(1, capture()), badField, line(3, capture())]);
    const checked = await replaySegments(dataDir);
    expect(checked.records).toBe(2);
    // The skipped line leaves a hole in the sequence as well.
    expect(checked.issues.map((i) => i.kind)).toEqual(['invalid_field', 'sequence_gap']);
    // Fast replay checks only the checksum and the envelope: the line is read as a record.
    const fast = await replaySegments(dataDir, { validate: false });
    expect(fast.records).toBe(3);
    expect(fast.issues).toEqual([]);
  });

  it('reports a repeated or out-of-order seq as a repeat, not as a gap, and keeps the highest seq', async () => {
    await writeSegment(1, [line(1, capture()), line(3, capture()), line(2, capture()), line(3, capture('x'))]);
    const replay = await replaySegments(dataDir);
    const file = segmentName(1);
    expect(replay.issues).toEqual([
      {
        severity: 'damage',
        kind: 'sequence_gap',
        file,
        line: 2,
        seq: 3,
        message: 'sequence jumps from 1 to 3: 1 record(s) missing',
      },
      {
        severity: 'damage',
        kind: 'sequence_repeat',
        file,
        line: 3,
        seq: 2,
        message: 'sequence 2 after 3: repeated or out of order',
      },
      {
        severity: 'damage',
        kind: 'sequence_repeat',
        file,
        line: 4,
        seq: 3,
        message: 'sequence 3 after 3: repeated or out of order',
      },
    ]);
    expect(replay.lastSeq).toBe(3);
  });

  it('passes the index’s consistency warnings on, with the file and line they come from', async () => {
    await writeSegment(1, [line(1, intent('j1')), line(2, move('j9', 'ready', 'connecting'))]);
    const replay = await replaySegments(dataDir, { index: new JobIndex() });
    expect(replay.issues).toEqual([
      {
        severity: 'warning',
        kind: 'unknown_job',
        file: segmentName(1),
        line: 2,
        seq: 2,
        message: 'record for job j9, which has no intent',
      },
    ]);
  });

  it('keeps the checksum of the watched seq, and says nothing when that seq is not read', async () => {
    const lines = [line(1, capture()), line(2, capture()), line(3, capture())];
    await writeSegment(1, lines);
    expect((await replaySegments(dataDir, { watchSeq: 2 })).watchedSum).toBe(lineSum(lines[1]!));
    expect((await replaySegments(dataDir, { watchSeq: 2 })).lastSum).toBe(lineSum(lines[2]!));
    expect('watchedSum' in (await replaySegments(dataDir, { watchSeq: 9 }))).toBe(false);
  });

  it('moves a damaged tail aside only in the last segment: a bad end of an earlier one is damage', async () => {
    const torn = `{"seq":3,"ts":"2026`;
    await writeSegment(1, [line(1, capture()), line(2, capture()), torn], '');
    await writeSegment(2, [line(3, capture())]);
    const replay = await replaySegments(dataDir);
    expect(replay.tail).toBeUndefined();
    expect(replay.issues).toEqual([
      {
        severity: 'damage',
        kind: 'torn',
        file: segmentName(1),
        line: 3,
        message: `torn write: ${torn.length} bytes with no newline at the end of the file`,
      },
    ]);
    expect(replay.lastSeq).toBe(3);
  });

  it('ends before the damaged tail of the last segment, on the last good line', async () => {
    const lines = [line(1, capture()), line(2, capture()), line(3, capture())];
    const torn = `{"seq":4,"ts":"2026`;
    const file = await writeSegment(1, [...lines, torn], '');
    const replay = await replaySegments(dataDir);
    const good = span(lines, 2).end + 1;
    expect(replay.tail).toMatchObject({ offset: good, bytes: torn.length, lines: [{ line: 4, problem: 'torn' }] });
    expect(replay.end).toEqual({ segment: 1, offset: good, line: 3, lastRecord: { segment: 1, ...span(lines, 2) } });
    // Replay only reads: moving the tail aside is the writer's job.
    expect((await stat(file)).size).toBe(good + torn.length);
  });

  it('remembers the last record across a freshly rotated, still empty segment', async () => {
    const lines = [line(1, capture()), line(2, capture())];
    await writeSegment(1, lines);
    await writeSegment(2, []);
    const replay = await replaySegments(dataDir);
    expect(replay.end).toEqual({ segment: 2, offset: 0, line: 0, lastRecord: { segment: 1, ...span(lines, 1) } });
  });

  describe('resuming after a snapshot', () => {
    async function startAfterTwo(): Promise<{ start: ReplayStart; lines: string[] }> {
      const lines = [line(1, capture()), line(2, capture())];
      await writeSegment(1, lines);
      const first = await replaySegments(dataDir);
      const earlier: LedgerIssue = {
        severity: 'damage',
        kind: 'checksum',
        file: segmentName(1),
        line: 1,
        message: 'an issue found before the snapshot',
      };
      const start: ReplayStart = {
        position: first.end,
        lastSeq: first.lastSeq,
        lastSum: first.lastSum,
        records: first.records,
        issues: [earlier],
      };
      lines.push(line(3, capture()));
      await writeSegment(1, lines);
      return { start, lines };
    }

    it('reads only what came after, and keeps the issues found before', async () => {
      const { start } = await startAfterTwo();
      const seen: number[] = [];
      const replay = await replaySegments(dataDir, { start, onRecord: (r) => seen.push(r.seq) });
      expect(seen).toEqual([3]);
      expect(replay).toMatchObject({ records: 3, lastSeq: 3, issues: start.issues });
    });

    it('keeps the snapshot’s checksum when the watched seq is the snapshot’s last', async () => {
      const { start, lines } = await startAfterTwo();
      expect((await replaySegments(dataDir, { start, watchSeq: 2 })).watchedSum).toBe(lineSum(lines[1]!));
      expect((await replaySegments(dataDir, { start, watchSeq: 3 })).watchedSum).toBe(lineSum(lines[2]!));
      expect('watchedSum' in (await replaySegments(dataDir, { start, watchSeq: 99 }))).toBe(false);
    });
  });
});

describe('index snapshot', () => {
  /** Three records and an unknown-job warning (an issue the snapshot must carry). */
  async function journal(): Promise<string[]> {
    const lines = [
      line(1, intent('j1')),
      line(2, move('j1', 'ready', 'connecting')),
      line(3, move('j9', 'ready', 'cancelled')),
    ];
    await writeSegment(1, lines);
    return lines;
  }

  it('gives back the position, the issues and the index it was written with', async () => {
    await journal();
    const { start, index } = await snapshotNow();
    expect(start.issues).toHaveLength(1);
    const loaded = await loadSnapshot(dataDir);
    expect(loaded).toMatchObject({ state: 'ok', start });
    expect(loaded.state === 'ok' ? loaded.index.allJobs() : []).toEqual(index.allJobs());
  });

  it('is private to the kiosk user and leaves no temporary file or open file behind', async () => {
    await journal();
    await snapshotNow();
    expect(((await stat(snapshotPath(dataDir))).mode & 0o777).toString(8)).toBe('600');
    expect((await readdir(ledgerDir(dataDir))).sort()).toEqual([SNAPSHOT_FILE, segmentName(1)]);
    // A handle left open would pile up over a kiosk's lifetime (one per checkpoint and per start).
    expect(await filesLeftOpen()).toEqual([]);
    expect((await loadSnapshot(dataDir)).state).toBe('ok');
    expect(await filesLeftOpen()).toEqual([]);
  });

  it('is tied to the index version, V8’s version and the record schemas by its fingerprint', async () => {
    // Computed here on its own: a fingerprint that ignored any of the three would let a stale snapshot in.
    const expected = hash(
      'sha256',
      `${JOB_INDEX_VERSION}\n${process.versions.v8}\n${JSON.stringify(z.toJSONSchema(LedgerRecordBody, { unrepresentable: 'any' }))}`,
      'hex',
    );
    const bytes = encodeSnapshot({
      start: { position: { segment: 0, offset: 0, line: 0 }, lastSeq: 0, lastSum: '', records: 0, issues: [] },
      index: new JobIndex().exportState(),
    });
    expect(JSON.parse(bytes.toString('utf8', 0, bytes.indexOf(0x0a)))).toMatchObject({
      format: 2,
      fingerprint: expected,
    });
  });

  it('a failed write is reported with its own error and leaves no temporary file', async () => {
    // No ledger folder: the temporary file cannot be created.
    await expect(writeSnapshot(dataDir, Buffer.from('x'))).rejects.toMatchObject({ code: 'ENOENT', syscall: 'open' });
    await mkdir(ledgerDir(dataDir));
    await mkdir(snapshotPath(dataDir));
    await writeFile(path.join(snapshotPath(dataDir), 'occupied'), '');
    // The snapshot's name is taken by a folder: the rename fails and the temporary file is removed.
    await expect(writeSnapshot(dataDir, Buffer.from('x'))).rejects.toMatchObject({ syscall: 'rename' });
    expect(await readdir(ledgerDir(dataDir))).toEqual([SNAPSHOT_FILE]);
  });

  it('removes only the temporary files of snapshot writes cut short', async () => {
    await journal();
    await snapshotNow();
    const dir = ledgerDir(dataDir);
    await writeFile(path.join(dir, `${SNAPSHOT_FILE}.4242.tmp`), 'half');
    await writeFile(path.join(dir, `${SNAPSHOT_FILE}.bak`), 'kept by a person');
    await writeFile(path.join(dir, 'notes.tmp'), 'not ours');
    await removeStaleSnapshotTemps(dataDir);
    expect((await readdir(dir)).sort()).toEqual(['INDEX-SNAPSHOT', 'INDEX-SNAPSHOT.bak', 'notes.tmp', segmentName(1)]);
  });

  it('is none when there is no snapshot, and ignored when its header cannot be read', async () => {
    expect(await loadSnapshot(dataDir)).toEqual({ state: 'none' });
    await mkdir(ledgerDir(dataDir));
    await writeFile(snapshotPath(dataDir), 'not a header\nbody');
    expect(await loadSnapshot(dataDir)).toEqual({ state: 'ignored', reason: 'unreadable header' });
  });

  it('is ignored as damaged when its body does not match the header’s hash or length', async () => {
    await journal();
    await snapshotNow();
    const bytes = await readFile(snapshotPath(dataDir));
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 3] = flipped[flipped.length - 3]! ^ 0x01;
    await writeFile(snapshotPath(dataDir), flipped);
    expect(await loadSnapshot(dataDir)).toEqual({ state: 'ignored', reason: 'damaged (hash mismatch)' });
    await writeFile(snapshotPath(dataDir), Buffer.concat([bytes, Buffer.from([0])]));
    expect(await loadSnapshot(dataDir)).toEqual({ state: 'ignored', reason: 'damaged (hash mismatch)' });
  });

  it('is ignored when its body is not V8-serialised data', async () => {
    await writeSegment(1, []);
    await writeSnapshotWithBody(Buffer.from('plain text, not v8'));
    expect(await loadSnapshot(dataDir)).toEqual({ state: 'ignored', reason: 'unreadable body' });
  });

  it('is ignored when its body does not have the expected shape', async () => {
    await writeSegment(1, []);
    await writeSnapshotWithBody(v8.serialize({ position: { segment: 1, offset: 0, line: 0 } }));
    expect(await loadSnapshot(dataDir)).toEqual({ state: 'ignored', reason: 'unexpected content' });
  });

  it('is ignored when an issue it carries is not an object', async () => {
    await journal();
    const { start, index } = await snapshotNow();
    // Only the envelope of each issue is checked (the body's hash vouches for the rest): it must be an object.
    for (const odd of [null, 'checksum']) {
      const issues = [...start.issues, odd] as unknown as LedgerIssue[];
      await writeSnapshot(dataDir, encodeSnapshot({ start: { ...start, issues }, index: index.exportState() }));
      expect(await loadSnapshot(dataDir)).toEqual({ state: 'ignored', reason: 'unexpected content' });
    }
  });

  it('is ignored when the segment it points into is gone', async () => {
    await journal();
    await snapshotNow();
    await rm(path.join(ledgerDir(dataDir), segmentName(1)));
    expect(await loadSnapshot(dataDir)).toEqual({
      state: 'ignored',
      reason: 'its segment segment-000001.jsonl is gone',
    });
  });

  it('is ignored when the journal is shorter than the position it covers', async () => {
    const lines = await journal();
    await snapshotNow();
    // Only the last newline is cut: the last record itself is still whole.
    await truncate(path.join(ledgerDir(dataDir), segmentName(1)), span(lines, 2).end);
    expect(await loadSnapshot(dataDir)).toEqual({
      state: 'ignored',
      reason: 'the journal is shorter than the snapshot',
    });
    expect(await filesLeftOpen()).toEqual([]);
  });

  it('of an empty journal holds without a last record; one claiming records without it is ignored', async () => {
    await writeSegment(1, []);
    const { start, index } = await snapshotNow();
    expect(start).toEqual({
      position: { segment: 1, offset: 0, line: 0 },
      lastSeq: 0,
      lastSum: '',
      records: 0,
      issues: [],
    });
    expect((await loadSnapshot(dataDir)).state).toBe('ok');
    await writeSnapshot(dataDir, encodeSnapshot({ start: { ...start, lastSeq: 3 }, index: index.exportState() }));
    expect(await loadSnapshot(dataDir)).toEqual({ state: 'ignored', reason: 'no last record' });
  });

  it('is ignored when the segment of its last record is gone', async () => {
    await writeSegment(1, [line(1, capture()), line(2, capture())]);
    await writeSegment(2, []);
    const { start } = await snapshotNow();
    expect(start.position).toMatchObject({ segment: 2, lastRecord: { segment: 1 } });
    await rm(path.join(ledgerDir(dataDir), segmentName(1)));
    expect(await loadSnapshot(dataDir)).toEqual({
      state: 'ignored',
      reason: 'its segment segment-000001.jsonl is gone',
    });
  });

  describe('its last record', () => {
    const gone = { state: 'ignored', reason: 'its last record is no longer in the journal' };

    it('must still be the same record: same seq, same checksum', async () => {
      const lines = await journal();
      await snapshotNow();
      // Another journal in its place (restored from another kiosk): same seq at the same place, another record.
      const other = line(3, move('j8', 'ready', 'cancelled'));
      expect(other.length).toBe(lines[2]!.length);
      await writeSegment(1, [...lines.slice(0, 2), other]);
      expect(await loadSnapshot(dataDir)).toEqual(gone);
    });

    it('must still be a readable line', async () => {
      const lines = await journal();
      await snapshotNow();
      const { offset, end } = span(lines, 2);
      const bytes = await readFile(path.join(ledgerDir(dataDir), segmentName(1)));
      bytes.fill('#', offset, end);
      await writeFile(path.join(ledgerDir(dataDir), segmentName(1)), bytes);
      expect(await loadSnapshot(dataDir)).toEqual(gone);
    });

    it('must have the seq the snapshot names, not only its checksum', async () => {
      await journal();
      const { start, index } = await snapshotNow();
      await writeSnapshot(dataDir, encodeSnapshot({ start: { ...start, lastSeq: 7 }, index: index.exportState() }));
      expect(await loadSnapshot(dataDir)).toEqual(gone);
    });

    it('is matched by seq and checksum as fast replay reads it, without the record schema', async () => {
      // A field this version's schema does not know (a newer kiosk's): fast replay reads it as a record.
      const newer = sealed(`{"seq":1,"ts":"${TS}","type":"capture","source":"typed","raw":"1","imei":"${IMEI}","x":1}`);
      await writeSegment(1, [newer]);
      const index = new JobIndex();
      const replay = await replaySegments(dataDir, { index, validate: false });
      expect(replay.records).toBe(1);
      const start: ReplayStart = {
        position: replay.end,
        lastSeq: 1,
        lastSum: replay.lastSum,
        records: 1,
        issues: [],
      };
      await writeSnapshot(dataDir, encodeSnapshot({ start, index: index.exportState() }));
      expect(await loadSnapshot(dataDir)).toMatchObject({ state: 'ok', start });
    });
  });
});
