/**
 * The ledger's core rules, in-process on real journals in a temp folder (the CLI tests spawn a
 * process, which mutation testing cannot see): what append refuses and with which words, group
 * commit and segment rotation, a failed write, closing, queries, listeners, snapshots, job
 * histories across sessions, `ledger check`'s verdicts, and the line codec's exact refusals.
 * Written against the survivors of the ledger's mutation run (docs/mutation.md).
 */
import { appendFile, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  checkLedger,
  checksum,
  decodeLine,
  encodeLine,
  highWaterPath,
  ledgerDir,
  LedgerLockedError,
  LedgerRecordError,
  LedgerWriteError,
  listSegments,
  openLedger,
  segmentName,
  type Ledger,
  type LedgerRecord,
  type LedgerRecordInput,
  type RecordFilter,
} from '../../src/ledger/index.js';
import { MAX_LINE_BYTES } from '../../src/ledger/segment-scan.js';
import { KNOWN_IMEI, makeImei } from '../support/imei.js';
import { jobIntent } from '../support/ledger-fixtures.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ledger-core-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dataDir, { recursive: true, force: true });
});

const TS = '2026-03-01T10:00:00.000Z';
const fixedClock = () => new Date(TS);
const OTHER_IMEI = makeImei('35693803', 564380);

const attempt = (durationMs = 5, about: { jobId?: string; uid?: string } = {}): LedgerRecordInput => ({
  type: 'api_attempt',
  call: 'connect',
  outcome: 'ok',
  durationMs,
  ...about,
});
/** The bytes `input` takes on disk as record `seq` written at TS. */
const lineBytes = (input: LedgerRecordInput, seq: number) =>
  Buffer.byteLength(encodeLine({ ...input, seq, ts: TS } as LedgerRecord));

/** How many lines each segment holds, in segment order. */
async function linesPerSegment(): Promise<number[]> {
  const counts: number[] = [];
  for (const segment of await listSegments(dataDir)) {
    const text = await readFile(segment.path, 'utf8');
    counts.push(text.split('\n').filter((l) => l !== '').length);
  }
  return counts;
}

async function seqsOf(ledger: Ledger, filter?: RecordFilter): Promise<number[]> {
  const seqs: number[] = [];
  for await (const record of ledger.records(filter)) seqs.push(record.seq);
  return seqs;
}

/** A line whose checksum covers `covered` (JSON ending in `}`), as another program could write it. */
const seal = (covered: string) => `${covered.slice(0, -1)},"sum":"${checksum(covered)}"}`;

/** An orders import whose line is exactly `bytes` long (newline included) as record `seq` at TS. */
function importOfBytes(bytes: number, seq: number): LedgerRecordInput {
  const body = (orders: number, source: string): LedgerRecordInput => ({
    type: 'orders_import',
    batchId: `batch-${seq}`,
    source,
    orders: Array.from({ length: orders }, () => ({ row: 1, uid: 'u'.repeat(200), deviceType: 'bpm' })),
  });
  const base = lineBytes(body(1, ''), seq);
  const perOrder = lineBytes(body(2, ''), seq) - base;
  const orders = 1 + Math.floor((bytes - base) / perOrder);
  const padded = body(orders, 's'.repeat(bytes - lineBytes(body(orders, ''), seq)));
  expect(lineBytes(padded, seq)).toBe(bytes);
  return padded;
}

describe('append refuses, before anything is written', () => {
  it('an invalid record, naming its type, the field and what is wrong with it', async () => {
    const ledger = await openLedger({ dataDir });
    await expect(ledger.append({ type: 'capture', source: 'wedge', raw: 'x', imei: '12345' } as never)).rejects.toThrow(
      new LedgerRecordError('invalid capture record: imei: an IMEI is exactly 15 digits'),
    );
    // A field no kiosk writes is wrong with the record as a whole: no field name in front.
    await expect(ledger.append({ type: 'pin_failed', role: 'admin', colour: 'red' } as never)).rejects.toThrow(
      new LedgerRecordError('invalid pin_failed record: Unrecognized key: "colour"'),
    );
    expect(ledger.lastSeq).toBe(0);
    // The refused records took no sequence numbers.
    expect((await ledger.append(attempt())).seq).toBe(1);
    await ledger.close();
  });

  it('a wrong nested field, named by its dotted path', async () => {
    const ledger = await openLedger({ dataDir });
    const bad = { type: 'job_transition', jobId: 'job-1', from: 'ready', to: 'queued', reasonParams: { sent: true } };
    await expect(ledger.append(bad as never)).rejects.toThrow(/^invalid job_transition record: reasonParams\.sent: ./);
    await ledger.close();
  });

  it('a record whose line is exactly the line bound is written; one byte more is refused', async () => {
    const ledger = await openLedger({ dataDir, clock: fixedClock });
    // 1,000-character values up to the bound (each entry adds its own bytes), then one that makes up the rest.
    const params: Record<string, string> = { last: '' };
    const record = (): LedgerRecordInput => ({
      type: 'job_transition',
      jobId: 'job-1',
      from: 'ready',
      to: 'queued',
      reasonParams: params,
    });
    let bytes = lineBytes(record(), 1);
    for (let n = 0; ; n++) {
      const key = `p${n}`;
      const entry = Buffer.byteLength(`,"${key}":""`) + 1_000;
      if (bytes + entry > MAX_LINE_BYTES) break;
      params[key] = 'x'.repeat(1_000);
      bytes += entry;
    }
    params.last = 'x'.repeat(MAX_LINE_BYTES - bytes);
    expect(lineBytes(record(), 1)).toBe(MAX_LINE_BYTES);
    await ledger.append(jobIntent('job-1'));
    params.last += 'x';
    await expect(ledger.append(record())).rejects.toThrow(
      new LedgerRecordError(`job_transition record of ${MAX_LINE_BYTES + 1} bytes is over the 64 MiB line bound`),
    );
    params.last = params.last.slice(1);
    expect(lineBytes(record(), 2)).toBe(MAX_LINE_BYTES);
    expect((await ledger.append(record())).seq).toBe(2);
    await ledger.close();
  });

  it('a record whose line would be over the line bound the reader enforces', async () => {
    const ledger = await openLedger({ dataDir, clock: fixedClock });
    const huge: LedgerRecordInput = {
      type: 'job_transition',
      jobId: 'job-1',
      from: 'ready',
      to: 'queued',
      reasonParams: Object.fromEntries(
        Array.from({ length: Math.ceil(MAX_LINE_BYTES / 2010) }, (_, i) => [`p${i}`, 'x'.repeat(2000)]),
      ),
    };
    const bytes = lineBytes(huge, 1);
    expect(bytes).toBeGreaterThan(MAX_LINE_BYTES);
    await expect(ledger.append(huge)).rejects.toThrow(
      new LedgerRecordError(`job_transition record of ${bytes} bytes is over the 64 MiB line bound`),
    );
    expect((await ledger.append(attempt())).seq).toBe(1);
    await ledger.close();
    expect(await linesPerSegment()).toEqual([1]);
  });

  it('a second intent for a job id, in this session or an earlier one, naming only the last 4 IMEI digits', async () => {
    const first = await openLedger({ dataDir });
    await first.append(jobIntent('job-1'));
    await expect(first.append(jobIntent('job-1', { imei: OTHER_IMEI }))).rejects.toThrow(
      new LedgerRecordError(`job job-1 already exists (IMEI …${OTHER_IMEI.slice(-4)})`),
    );
    await first.close();
    // Reopened: the job is known from the journal only.
    const again = await openLedger({ dataDir });
    await expect(again.append(jobIntent('job-1'))).rejects.toThrow(
      new LedgerRecordError('job job-1 already exists (IMEI …7518)'),
    );
    // Records naming the earlier session's job are accepted.
    await again.append({ type: 'verification', jobId: 'job-1', uid: 'pat-0001', imei: KNOWN_IMEI, outcome: 'absent' });
    await again.append(attempt(5, { jobId: 'job-1' }));
    expect(again.lastSeq).toBe(3);
    await again.close();
  });

  it('a verification, API attempt or operator action naming a job with no intent; without a job id they are fine', async () => {
    const ledger = await openLedger({ dataDir });
    const noIntent = new LedgerRecordError('job job-9 has no intent in the ledger');
    await expect(
      ledger.append({ type: 'verification', jobId: 'job-9', uid: 'pat-0001', imei: KNOWN_IMEI, outcome: 'absent' }),
    ).rejects.toThrow(noIntent);
    await expect(ledger.append(attempt(5, { jobId: 'job-9' }))).rejects.toThrow(noIntent);
    await expect(
      ledger.append({ type: 'operator_action', action: 'cancel', by: 'ann', jobId: 'job-9' }),
    ).rejects.toThrow(noIntent);
    await ledger.append(attempt());
    await ledger.append({ type: 'operator_action', action: 'cancel', by: 'ann' });
    expect(ledger.lastSeq).toBe(2);
    await ledger.close();
  });
});

describe('group commit and segments', () => {
  it('appends queued behind a write are written together, up to 4 MiB a batch, and a batch never splits across segments', async () => {
    const MiB = 2 ** 20;
    const ledger = await openLedger({ dataDir, clock: fixedClock, maxSegmentBytes: 4.5 * MiB });
    await ledger.append(attempt());
    // Six lines of exactly 1 MiB, queued at once: the first is written alone (nothing else was
    // queued yet), then four (exactly the 4 MiB bound), then the last; each batch that would take
    // the segment past its bound starts a new segment.
    const records = Array.from({ length: 6 }, (_, i) => importOfBytes(MiB, i + 2));
    const written = await Promise.all(records.map((r) => ledger.append(r)));
    expect(written.map((r) => r.seq)).toEqual([2, 3, 4, 5, 6, 7]);
    await ledger.close();
    expect(await linesPerSegment()).toEqual([2, 4, 1]);
  });

  it('a segment takes records until the next would take it past its bound; exactly at the bound is not past it', async () => {
    const ledger = await openLedger({ dataDir, clock: fixedClock, maxSegmentBytes: 2 * lineBytes(attempt(), 1) });
    for (let i = 0; i < 3; i++) await ledger.append(attempt());
    await ledger.close();
    expect(await linesPerSegment()).toEqual([2, 1]);
  });

  it('a record larger than the segment bound goes into the empty segment, leaving no empty segment behind', async () => {
    const ledger = await openLedger({ dataDir, maxSegmentBytes: 10 });
    await ledger.append(attempt());
    await ledger.append(attempt());
    await ledger.close();
    expect(await linesPerSegment()).toEqual([1, 1]);
  });

  it('after acknowledged records were lost, their numbers stay unused: the next append continues after the loss', async () => {
    const first = await openLedger({ dataDir });
    for (let i = 0; i < 5; i++) await first.append(attempt(i));
    await first.close();
    const [segment] = await listSegments(dataDir);
    const text = await readFile(segment!.path, 'utf8');
    await truncate(segment!.path, Buffer.byteLength(text.split('\n').slice(0, 2).join('\n') + '\n'));
    const ledger = await openLedger({ dataDir });
    expect(ledger.report.lost).toEqual({ fromSeq: 3, count: 3 });
    expect(ledger.lastSeq).toBe(5);
    expect((await ledger.append(attempt())).seq).toBe(6);
    await ledger.close();
  });
});

describe('a failed write', () => {
  it('rejects its batch and everything queued, then every later append, each saying why', async () => {
    const ledger = await openLedger({ dataDir, maxSegmentBytes: 10 });
    await ledger.append(attempt(1));
    // The next write must start segment 2; a file already there makes that fail (EEXIST).
    await writeFile(path.join(ledgerDir(dataDir), segmentName(2)), '');
    const outcomes = await Promise.allSettled([ledger.append(attempt(2)), ledger.append(attempt(3))]);
    const reasons = outcomes.map((o) => (o.status === 'rejected' ? (o.reason as LedgerWriteError) : undefined));
    expect(reasons[0]).toBeInstanceOf(LedgerWriteError);
    expect(reasons[0]!.message).toMatch(/^could not write the ledger: EEXIST: /);
    expect((reasons[0]!.cause as NodeJS.ErrnoException).code).toBe('EEXIST');
    // The queued append shares the batch's fate.
    expect(reasons[1]).toBe(reasons[0]);

    const later = await ledger.append(attempt(4)).catch((error: unknown) => error as LedgerWriteError);
    expect(later).toBeInstanceOf(LedgerWriteError);
    expect(later).toMatchObject({
      message: expect.stringMatching(/^the ledger stopped after a failed write: EEXIST: /),
    });
    expect(((later as LedgerWriteError).cause as NodeJS.ErrnoException).code).toBe('EEXIST');
    expect(ledger.lastSeq).toBe(1);
    await ledger.close();
    expect(await linesPerSegment()).toEqual([1, 0]);
  });
});

describe('closing', () => {
  it('waits for queued appends, then refuses more with its own words', async () => {
    const ledger = await openLedger({ dataDir });
    const queued = [ledger.append(attempt(1)), ledger.append(attempt(2)), ledger.append(attempt(3))];
    await ledger.close();
    expect((await Promise.all(queued)).map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(await linesPerSegment()).toEqual([3]);
    await expect(ledger.append(attempt(4))).rejects.toThrow(new LedgerWriteError('the ledger is closed'));
  });

  it('closing again does nothing: it never releases the lock a later opening holds', async () => {
    const first = await openLedger({ dataDir });
    await first.close();
    const second = await openLedger({ dataDir });
    await first.close();
    await expect(openLedger({ dataDir })).rejects.toBeInstanceOf(LedgerLockedError);
    await second.close();
  });
});

describe('listeners', () => {
  it('are told each committed record until they unsubscribe', async () => {
    const ledger = await openLedger({ dataDir });
    const kept: number[] = [];
    const dropped: number[] = [];
    ledger.subscribe((r) => kept.push(r.seq));
    const unsubscribe = ledger.subscribe((r) => dropped.push(r.seq));
    await ledger.append(attempt());
    unsubscribe();
    await ledger.append(attempt());
    expect(kept).toEqual([1, 2]);
    expect(dropped).toEqual([1]);
    await ledger.close();
  });

  it('a listener that throws does not stop the append nor the other listeners; its error is thrown on its own', async () => {
    const boom = new Error('listener failed');
    // The error is rethrown from a microtask (an uncaught error in the app); capture it here instead.
    const deferred: Array<() => void> = [];
    vi.spyOn(globalThis, 'queueMicrotask').mockImplementation((callback) => void deferred.push(callback));
    const ledger = await openLedger({ dataDir });
    const seen: number[] = [];
    ledger.subscribe(() => {
      throw boom;
    });
    ledger.subscribe((r) => seen.push(r.seq));
    expect((await ledger.append(attempt())).seq).toBe(1);
    vi.restoreAllMocks();
    expect(seen).toEqual([1]);
    expect(deferred).toHaveLength(1);
    expect(() => deferred[0]!()).toThrow(boom);
    await ledger.close();
  });
});

describe('queries', () => {
  it('records() filters by job id, by uid (its own or its job’s) and by time (from inclusive, to exclusive)', async () => {
    let now = new Date('2026-03-01T10:00:00.000Z');
    const ledger = await openLedger({ dataDir, clock: () => now });
    await ledger.append({ type: 'capture', source: 'wedge', raw: KNOWN_IMEI, imei: KNOWN_IMEI }); // 1
    await ledger.append(jobIntent('job-1', { imei: KNOWN_IMEI, uid: 'pat-1' })); // 2
    await ledger.append(jobIntent('job-2', { imei: OTHER_IMEI, uid: 'pat-2' })); // 3
    now = new Date('2026-03-02T00:00:00.000Z');
    await ledger.append(attempt(5, { jobId: 'job-1' })); // 4: its job names pat-1
    await ledger.append(attempt(5, { uid: 'pat-2' })); // 5: names pat-2 itself, no job
    await ledger.append({ type: 'operator_action', action: 'cancel', by: 'ann', jobId: 'job-2' }); // 6
    now = new Date('2026-03-03T00:00:00.000Z');
    await ledger.append({ type: 'verification', jobId: 'job-1', uid: 'pat-1', imei: KNOWN_IMEI, outcome: 'absent' }); // 7

    expect(await seqsOf(ledger, { jobId: 'job-1' })).toEqual([2, 4, 7]);
    expect(await seqsOf(ledger, { jobId: 'job-2' })).toEqual([3, 6]);
    expect(await seqsOf(ledger, { uid: 'pat-2' })).toEqual([3, 5, 6]);
    expect(await seqsOf(ledger, { uid: 'pat-1' })).toEqual([2, 4, 7]);
    expect(await seqsOf(ledger, { from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' })).toEqual([
      4, 5, 6,
    ]);
    expect(await seqsOf(ledger, { jobId: 'job-1', from: '2026-03-02T00:00:00.000Z' })).toEqual([4, 7]);
    expect(await seqsOf(ledger)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    await ledger.close();
  });

  it('records() reads what was committed when it began: a record appended while it reads is not among them', async () => {
    const ledger = await openLedger({ dataDir, clock: fixedClock, maxSegmentBytes: 2 * lineBytes(attempt(), 1) });
    for (let i = 0; i < 3; i++) await ledger.append(attempt()); // segments: [1, 2], [3]
    const reading = ledger.records();
    const first = await reading.next();
    // The first segment is read; the second, where the next record goes, is not yet.
    await ledger.append(attempt());
    const rest: number[] = [];
    for await (const record of reading) rest.push(record.seq);
    expect([first.value?.seq, ...rest]).toEqual([1, 2, 3]);
    expect(await seqsOf(ledger)).toEqual([1, 2, 3, 4]);
    await ledger.close();
  });

  it('records() reads back every record replay accepted, also one of a newer version the schema would refuse', async () => {
    const first = await openLedger({ dataDir });
    await first.append(attempt());
    await first.close();
    const [segment] = await listSegments(dataDir);
    // A newer kiosk's pin_failed with a field this version does not know: its checksum holds.
    await appendFile(
      segment!.path,
      `${seal(`{"seq":2,"ts":"${TS}","type":"pin_failed","role":"admin","colour":"red"}`)}\n`,
    );
    const ledger = await openLedger({ dataDir });
    expect(ledger.report.records).toBe(2);
    expect(await seqsOf(ledger)).toEqual([1, 2]);
    await ledger.close();
  });

  it('openJobs() lists open jobs in the order they were created, whatever open states they moved through', async () => {
    const ledger = await openLedger({ dataDir });
    await ledger.append(jobIntent('job-1', { imei: KNOWN_IMEI }));
    await ledger.append(jobIntent('job-2', { imei: OTHER_IMEI }));
    await ledger.append(jobIntent('job-3', { imei: makeImei('35693803', 1) }));
    for (const [from, to] of [
      ['ready', 'queued'],
      ['queued', 'needs_attention'],
      ['needs_attention', 'ready'],
    ] as const)
      await ledger.append({ type: 'job_transition', jobId: 'job-1', from, to });
    await ledger.append({ type: 'job_transition', jobId: 'job-2', from: 'ready', to: 'cancelled' });
    expect(ledger.openJobs().map((j) => j.jobId)).toEqual(['job-1', 'job-3']);
    await ledger.close();
  });
});

describe('index snapshots', () => {
  it('are written once the configured number of records is past the last one, and not before', async () => {
    const below = await openLedger({ dataDir, snapshotEveryRecords: 3 });
    for (let i = 0; i < 2; i++) await below.append(attempt(i));
    await below.close();
    const reopened = await openLedger({ dataDir, snapshotEveryRecords: 3 });
    expect(reopened.report.snapshot).toBe('none');
    // One more makes 3 since the start: written at close, and used by the next open.
    await reopened.append(attempt(3));
    await reopened.close();
    const last = await openLedger({ dataDir, snapshotEveryRecords: 3 });
    expect(last.report.snapshot).toBe('used');
    expect(last.lastSeq).toBe(3);
    await last.close();
  });
});

describe('ledger check', () => {
  /** A closed journal of `count` API attempts; returns its segment's path. */
  async function journal(count: number): Promise<string> {
    const ledger = await openLedger({ dataDir });
    for (let i = 0; i < count; i++) await ledger.append(attempt(i));
    await ledger.close();
    return (await listSegments(dataDir))[0]!.path;
  }

  it('runs every record’s schema: a line whose checksum holds but whose field no kiosk writes is damage', async () => {
    const file = await journal(1);
    await appendFile(
      file,
      encodeLine({ ...jobIntent('job-2', { imei: 'abc' }), seq: 2, ts: TS } as unknown as LedgerRecord) +
        encodeLine({ ...attempt(), seq: 3, ts: TS } as LedgerRecord),
    );
    const check = await checkLedger(dataDir);
    expect(check.ok).toBe(false);
    // The altered line is skipped, so the next record also reads as a gap.
    expect(check.issues.map((i) => [i.severity, i.kind, i.line])).toEqual([
      ['damage', 'invalid_field', 2],
      ['damage', 'sequence_gap', 3],
    ]);
    expect(check.issues[0]!.message).toMatch(/^a job_intent record that no kiosk writes: imei: /);
  });

  it('an empty journal without a high-water mark is fine; one with records is warned about', async () => {
    await journal(0);
    await rm(highWaterPath(dataDir));
    expect((await checkLedger(dataDir)).issues).toEqual([]);
    await rm(dataDir, { recursive: true, force: true });
    await journal(1);
    await rm(highWaterPath(dataDir));
    expect((await checkLedger(dataDir)).issues.map((i) => [i.severity, i.kind])).toEqual([['warning', 'high_water']]);
  });

  it('calls a cut in acknowledged records damage, part of the loss', async () => {
    const file = await journal(4);
    const size = (await readFile(file)).length;
    await truncate(file, size - 10);
    const check = await checkLedger(dataDir);
    expect(check.ok).toBe(false);
    expect(check.lost).toEqual({ fromSeq: 4, count: 1 });
    expect(check.issues.find((i) => i.kind === 'torn')).toEqual({
      severity: 'damage',
      kind: 'torn',
      file: 'segment-000001.jsonl',
      line: 4,
      message: expect.stringMatching(
        / \(acknowledged data cut short: part of the loss; it is moved aside when the ledger is next opened\)$/,
      ),
    });
  });

  it('calls an unacknowledged tail damage when it is more than a torn write', async () => {
    const file = await journal(2);
    const altered = encodeLine({ ...attempt(7), seq: 3, ts: TS } as LedgerRecord).replace(
      '"durationMs":7',
      '"durationMs":8',
    );
    await appendFile(file, `${altered}{"seq":4,"ts":"2026-03`);
    const check = await checkLedger(dataDir);
    expect(check.ok).toBe(false);
    expect(check.issues.map((i) => [i.severity, i.kind, i.line])).toEqual([
      ['damage', 'checksum', 3],
      ['damage', 'torn', 4],
    ]);
    for (const issue of check.issues) {
      expect(issue.message).toMatch(/ \(damaged tail; it is moved aside when the ledger is next opened\)$/);
    }
    // Nothing acknowledged is missing: the mark names seq 2, which is there.
    expect(check).not.toHaveProperty('lost');
  });

  it('lists damage before warnings, each group in journal order', async () => {
    const file = await journal(3);
    const good = (seq: number) => encodeLine({ ...attempt(seq), seq, ts: TS } as LedgerRecord);
    await appendFile(
      file,
      [
        `${seal(`{"seq":4,"ts":"${TS}","type":"future_record"}`)}\n`, // line 4: a newer version's record (warning)
        good(5).replace('"durationMs":5', '"durationMs":6'), // line 5: altered (damage)
        good(6), // line 6: after a gap (damage)
        `${seal(`{"seq":7,"ts":"${TS}","type":"future_record"}`)}\n`, // line 7: warning
        good(8), // line 8: after a gap (damage)
        '{"seq":9,"ts":"2026-03', // line 9: torn, never acknowledged (warning)
      ].join(''),
    );
    const check = await checkLedger(dataDir);
    expect(check.issues.map((i) => [i.severity, i.line])).toEqual([
      ['damage', 5],
      ['damage', 6],
      ['damage', 8],
      ['warning', 4],
      ['warning', 7],
      ['warning', 9],
    ]);
    expect(check.issues.at(-1)!.message).toMatch(
      / \(an unacknowledged write cut short by a crash; it is moved aside when the ledger is next opened\)$/,
    );
  });
});

describe('decodeLine, exact refusals', () => {
  const decoded = (covered: string) => decodeLine(seal(covered));

  it('a record of an unknown type names the types it could be', () => {
    const result = decoded(`{"seq":1,"ts":"${TS}","type":"party"}`);
    expect(result).toMatchObject({ ok: false, problem: 'invalid_record' });
    expect(result.ok ? '' : result.message).toMatch(/^not a valid ledger record: type: .*'capture'.*'pin_failed'/);
  });

  it('an unknown extra field is named without a field path in front', () => {
    expect(decoded(`{"seq":1,"ts":"${TS}","type":"pin_failed","role":"admin","colour":"red"}`)).toEqual({
      ok: false,
      problem: 'invalid_record',
      message: 'not a valid ledger record: Unrecognized key: "colour"',
    });
  });

  it('a wrong nested field is named by its dotted path', () => {
    const line = `{"seq":1,"ts":"${TS}","type":"job_transition","jobId":"job-1","from":"ready","to":"queued","reasonParams":{"sent":true}}`;
    expect(decoded(line)).toMatchObject({
      ok: false,
      problem: 'invalid_field',
      message: expect.stringMatching(/^a job_transition record that no kiosk writes: reasonParams\.sent: ./),
    });
  });

  it('a wrong field is an altered line even when a newer version’s extra field is there too', () => {
    expect(decoded(`{"seq":1,"ts":"${TS}","type":"pin_failed","role":"cook","colour":"red"}`)).toMatchObject({
      ok: false,
      problem: 'invalid_field',
      message: expect.stringMatching(/^a pin_failed record that no kiosk writes: role: /),
    });
  });
});
