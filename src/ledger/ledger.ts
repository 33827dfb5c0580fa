/**
 * The durable journal: openLedger() replays every segment into the indexes, moves a damaged tail
 * aside, and returns a Ledger whose append() resolves only after the record is fsynced.
 *
 * Appends go through one queue. While one write+fsync is in flight, later appends wait and are
 * then written together with a single fsync (group commit); nobody is told "written" before the
 * fsync covering their line has returned. Sequence numbers are given out in call order.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, open, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { maskImei } from '../imei/format.js';
import { highWaterIssues, HighWaterWriter, readHighWater, tailWasAcknowledged } from './high-water.js';
import {
  encodeSnapshot,
  loadSnapshot,
  removeStaleSnapshotTemps,
  writeSnapshot,
  type SnapshotLoad,
} from './index-snapshot.js';
import { JobIndex, type JobView } from './job-index.js';
import { encodeLine } from './line-codec.js';
import { acquireLock, type LedgerLock } from './lock.js';
import { LedgerRecordBody, type JobState, type LedgerRecord, type LedgerRecordInput } from './records.js';
import { lineSum, replaySegments, type LedgerIssue, type ReplayPosition, type SegmentTail } from './replay.js';
import { MAX_LINE_BYTES, scanSegmentFile } from './segment-scan.js';
import { damagedDir, ensureDir, ledgerDir, listSegments, segmentName, syncDir } from './segments.js';
import { inRange, type TimeRange } from './time-range.js';

export const DEFAULT_MAX_SEGMENT_BYTES = 16 * 2 ** 20;
/** Upper bound on one group commit, so one write stays a sensible size. */
const MAX_BATCH_BYTES = 4 * 2 ** 20;
/** An index snapshot is written (at open, rotation or close) once this many records are past the last one. */
export const SNAPSHOT_EVERY_RECORDS = 20_000;

export interface OpenLedgerOptions {
  /** The kiosk's data folder; the journal lives in `<dataDir>/ledger/`. */
  readonly dataDir: string;
  /** A new segment starts when the next write would take the current one past this size. */
  readonly maxSegmentBytes?: number;
  /** Time source for record timestamps (tests). */
  readonly clock?: () => Date;
  /**
   * Damage in the middle of the journal: `report` (default) opens anyway, skipping the damaged
   * lines, and lists them in `report.issues`; `refuse` throws LedgerDamagedError.
   */
  readonly onMiddleDamage?: 'report' | 'refuse';
  /**
   * Validate every replayed record with its zod schema (default false: checksums, sequence, envelope
   * and record type are always checked; `ledger check` runs the full schemas).
   */
  readonly validateOnReplay?: boolean;
  /** Write an index snapshot once this many records are past the last one (default SNAPSHOT_EVERY_RECORDS). */
  readonly snapshotEveryRecords?: number;
}

/** A damaged tail that open() moved out of the journal into a file of its own. */
export interface MovedTail {
  readonly segment: string;
  /** 1-based line in the segment where the damage began. */
  readonly line: number;
  readonly offset: number;
  readonly bytes: number;
  readonly movedTo: string;
  readonly reasons: readonly string[];
  /**
   * The high-water mark says these bytes held acknowledged records: this is loss (also in
   * `issues`), not an unacknowledged write cut short.
   */
  readonly acknowledged: boolean;
}

export interface OpenReport {
  readonly segments: number;
  readonly records: number;
  readonly lastSeq: number;
  readonly issues: readonly LedgerIssue[];
  readonly movedTail?: MovedTail;
  /** Whether replay started from an index snapshot, found none, or ignored one (and why). */
  readonly snapshot: 'used' | 'none' | `ignored: ${string}`;
  /** Acknowledged records missing from the end: their sequence numbers are not given out again. */
  readonly lost?: { readonly fromSeq: number; readonly count: number };
  /** True when any issue is damage (not just a warning). */
  readonly damaged: boolean;
}

/** The data folder cannot be written (read-only mount, wrong owner): nothing was changed. */
export class LedgerAccessError extends Error {
  constructor(
    readonly dataDir: string,
    readonly code: string,
    detail: string,
  ) {
    super(`the kiosk data folder ${dataDir} cannot be written (${code}: ${detail}); the journal can only be read`);
    this.name = 'LedgerAccessError';
  }
}

const ACCESS_CODES = new Set(['EACCES', 'EPERM', 'EROFS']);

/** A permission or read-only-filesystem error as a LedgerAccessError; anything else unchanged. */
export function toAccessError(dataDir: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === undefined || !ACCESS_CODES.has(code)) return error;
  const file = (error as NodeJS.ErrnoException).path;
  return new LedgerAccessError(
    dataDir,
    code,
    `${(error as NodeJS.ErrnoException).syscall ?? 'access'} ${file ?? ''}`.trim(),
  );
}

export class LedgerDamagedError extends Error {
  constructor(readonly issues: readonly LedgerIssue[]) {
    super(`the ledger is damaged: ${issues.map((i) => `${i.file} line ${i.line}: ${i.message}`).join('; ')}`);
    this.name = 'LedgerDamagedError';
  }
}

/** Refused before anything was written: the record is invalid or breaks the job's history. */
export class LedgerRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerRecordError';
  }
}

/** A write or fsync failed: the ledger stops accepting appends until it is reopened. */
export class LedgerWriteError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LedgerWriteError';
  }
}

interface PendingAppend {
  readonly record: LedgerRecord;
  readonly line: string;
  resolve(record: LedgerRecord): void;
  reject(error: Error): void;
}

export type LedgerListener = (record: LedgerRecord) => void;

export class Ledger {
  private pending: PendingAppend[] = [];
  private flushing: Promise<void> | undefined;
  private failure: Error | undefined;
  private closed = false;
  private readonly listeners = new Set<LedgerListener>();
  /** The state each job will be in once everything queued is written: checked at append time. */
  private readonly stateAfterQueue: Map<string, JobState>;
  private nextSeq: number;
  private committedSeq: number;
  /** Where the journal ends and what it holds, kept current for index snapshots. */
  private tip: { position: ReplayPosition; lastSeq: number; lastSum: string; records: number; sinceSnapshot: number };
  private readonly replayIssues: readonly LedgerIssue[];
  private snapshotting: Promise<void> = Promise.resolve();

  private constructor(
    readonly dataDir: string,
    readonly report: OpenReport,
    private readonly index: JobIndex,
    private handle: FileHandle,
    private segmentIndex: number,
    private segmentSize: number,
    private readonly lock: LedgerLock,
    private readonly highWater: HighWaterWriter,
    private readonly maxSegmentBytes: number,
    private readonly clock: () => Date,
    private readonly snapshotEvery: number,
    tip: Ledger['tip'],
    replayIssues: readonly LedgerIssue[],
  ) {
    this.tip = tip;
    this.replayIssues = replayIssues;
    // After a loss the lost numbers stay unused: the gap keeps the loss visible to every check.
    const last = Math.max(report.lastSeq, (report.lost?.fromSeq ?? 0) + (report.lost?.count ?? 0) - 1);
    this.nextSeq = last + 1;
    this.committedSeq = last;
    this.stateAfterQueue = new StatesAfterQueue(index);
  }

  static async open(options: OpenLedgerOptions): Promise<Ledger> {
    try {
      return await Ledger.openForWriting(options);
    } catch (error) {
      throw toAccessError(options.dataDir, error);
    }
  }

  private static async openForWriting(options: OpenLedgerOptions): Promise<Ledger> {
    const dir = ledgerDir(options.dataDir);
    await ensureDir(dir);
    const lock = await acquireLock(dir);
    let highWater: HighWaterWriter | undefined;
    try {
      const mark = await readHighWater(options.dataDir);
      await removeStaleSnapshotTemps(options.dataDir);
      // A damaged or stale snapshot is only a slower start: replay in full.
      const snapshot: SnapshotLoad = await loadSnapshot(options.dataDir).catch((error: unknown) => ({
        state: 'ignored',
        reason: (error as Error).message,
      }));
      const index = snapshot.state === 'ok' ? snapshot.index : new JobIndex();
      const replay = await replaySegments(options.dataDir, {
        index,
        validate: options.validateOnReplay ?? false,
        ...(mark.state === 'ok' ? { watchSeq: mark.mark.seq } : {}),
        ...(snapshot.state === 'ok' ? { start: snapshot.start } : {}),
      });
      const issues = [...replay.issues, ...highWaterIssues(mark, replay)];
      const damaged = issues.some((i) => i.severity === 'damage');
      if (damaged && options.onMiddleDamage === 'refuse') {
        throw new LedgerDamagedError(issues.filter((i) => i.severity === 'damage'));
      }
      const movedTail = replay.tail
        ? await moveTailAside(options.dataDir, replay.tail, tailWasAcknowledged(mark, replay))
        : undefined;
      const lost =
        mark.state === 'ok' && mark.mark.seq > replay.lastSeq
          ? { fromSeq: replay.lastSeq + 1, count: mark.mark.seq - replay.lastSeq }
          : undefined;

      let segments = replay.segments;
      if (segments.length === 0) {
        await writeFile(path.join(dir, segmentName(1)), '', { flag: 'wx', mode: 0o600 });
        await syncDir(dir);
        segments = await listSegments(options.dataDir);
      }
      // Journals written before segments were private: make them so.
      await Promise.all(segments.map((segment) => chmod(segment.path, 0o600)));
      const last = segments[segments.length - 1]!;
      highWater = await HighWaterWriter.open(options.dataDir, mark.state === 'ok' ? mark.mark : undefined);
      // Records fsynced but not yet marked (a crash between the two), or no mark yet: mark them now.
      // After a loss the mark stays as it is, naming what is missing, until the next append.
      if (!lost && (mark.state !== 'ok' || mark.mark.seq !== replay.lastSeq)) {
        const segment = replay.end.lastRecord ? segmentName(replay.end.lastRecord.segment) : last.name;
        await highWater.write({ seq: replay.lastSeq, sum: replay.lastSum, segment });
      }
      const handle = await open(last.path, 'a');
      const size = (await handle.stat()).size;
      const report: OpenReport = {
        segments: segments.length,
        records: replay.records,
        lastSeq: replay.lastSeq,
        issues,
        damaged,
        snapshot: snapshot.state === 'ok' ? 'used' : snapshot.state === 'none' ? 'none' : `ignored: ${snapshot.reason}`,
        ...(movedTail ? { movedTail } : {}),
        ...(lost ? { lost } : {}),
      };
      const position =
        replay.end.segment === last.index
          ? replay.end
          : {
              segment: last.index,
              offset: size,
              line: 0,
              ...(replay.end.lastRecord ? { lastRecord: replay.end.lastRecord } : {}),
            };
      const ledger = new Ledger(
        options.dataDir,
        report,
        index,
        handle,
        last.index,
        size,
        lock,
        highWater,
        options.maxSegmentBytes ?? DEFAULT_MAX_SEGMENT_BYTES,
        options.clock ?? (() => new Date()),
        options.snapshotEveryRecords ?? SNAPSHOT_EVERY_RECORDS,
        {
          position,
          lastSeq: replay.lastSeq,
          lastSum: replay.lastSum,
          records: replay.records,
          sinceSnapshot: replay.records - (snapshot.state === 'ok' ? snapshot.start.records : 0),
        },
        replay.issues,
      );
      ledger.checkpointIfDue();
      return ledger;
    } catch (error) {
      await highWater?.close();
      await lock.release();
      throw error;
    }
  }

  /**
   * Writes one record and resolves with it (seq and ts filled in) once it is on disk (fsynced).
   * Rejects with LedgerRecordError, before anything is written, for an invalid record, a job id
   * used twice, or a transition whose `from` is not the job's state.
   */
  append(input: LedgerRecordInput): Promise<LedgerRecord> {
    if (this.closed) return Promise.reject(new LedgerWriteError('the ledger is closed'));
    if (this.failure)
      return Promise.reject(
        new LedgerWriteError(`the ledger stopped after a failed write: ${this.failure.message}`, {
          cause: this.failure,
        }),
      );
    const parsed = LedgerRecordBody.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return Promise.reject(
        new LedgerRecordError(
          `invalid ${String((input as { type?: unknown }).type)} record: ${where}${issue?.message ?? 'invalid'}`,
        ),
      );
    }
    const body = parsed.data;
    const record = { ...body, seq: this.nextSeq, ts: this.clock().toISOString() } as LedgerRecord;
    const line = encodeLine(record);
    // Never write a line the reader would refuse as oversize.
    const bytes = Buffer.byteLength(line);
    if (bytes > MAX_LINE_BYTES) {
      return Promise.reject(
        new LedgerRecordError(
          `${body.type} record of ${bytes} bytes is over the ${MAX_LINE_BYTES / 2 ** 20} MiB line bound`,
        ),
      );
    }
    const refusal = this.checkHistory(body);
    if (refusal) return Promise.reject(new LedgerRecordError(refusal));
    this.nextSeq++;
    return new Promise<LedgerRecord>((resolve, reject) => {
      this.pending.push({ record, line, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  private checkHistory(body: LedgerRecordBody): string | undefined {
    switch (body.type) {
      case 'job_intent':
        if (this.stateAfterQueue.has(body.jobId))
          return `job ${body.jobId} already exists (IMEI ${maskImei(body.imei)})`;
        this.stateAfterQueue.set(body.jobId, body.initialState ?? 'ready');
        return undefined;
      case 'job_transition': {
        const state = this.stateAfterQueue.get(body.jobId);
        if (state === undefined) return `job ${body.jobId} has no intent in the ledger`;
        if (state !== body.from)
          return `job ${body.jobId} is ${state}, not ${body.from}: transition to ${body.to} refused`;
        this.stateAfterQueue.set(body.jobId, body.to);
        return undefined;
      }
      case 'verification':
        return this.stateAfterQueue.has(body.jobId) ? undefined : `job ${body.jobId} has no intent in the ledger`;
      case 'api_attempt':
      case 'operator_action':
        return body.jobId === undefined || this.stateAfterQueue.has(body.jobId)
          ? undefined
          : `job ${body.jobId} has no intent in the ledger`;
      case 'capture':
      case 'config_change':
      case 'orders_import':
      case 'pin_failed':
        return undefined;
    }
  }

  private async flush(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        let bytes = 0;
        let count = 0;
        while (count < this.pending.length && (count === 0 || bytes < MAX_BATCH_BYTES)) {
          bytes += Buffer.byteLength(this.pending[count]!.line);
          count++;
        }
        const batch = this.pending.splice(0, count);
        try {
          if (this.segmentSize > 0 && this.segmentSize + bytes > this.maxSegmentBytes) await this.rotate();
          const buffer = Buffer.from(batch.map((p) => p.line).join(''));
          let written = 0;
          while (written < buffer.length) {
            const { bytesWritten } = await this.handle.write(buffer, written, buffer.length - written);
            written += bytesWritten;
          }
          await this.handle.datasync();
          this.advanceTip(batch);
          this.segmentSize += buffer.length;
          // Acknowledged only once the mark names the batch's last record.
          await this.highWater.write({
            seq: this.tip.lastSeq,
            sum: this.tip.lastSum,
            segment: segmentName(this.segmentIndex),
          });
        } catch (error) {
          this.failure = error as Error;
          const failed = new LedgerWriteError(`could not write the ledger: ${(error as Error).message}`, {
            cause: error,
          });
          for (const p of [...batch, ...this.pending.splice(0)]) p.reject(failed);
          return;
        }
        for (const p of batch) {
          this.index.apply(p.record);
          this.committedSeq = p.record.seq;
          for (const listener of this.listeners) {
            try {
              listener(p.record);
            } catch (error) {
              // A failing listener must not stall the queue; let it surface as an uncaught error.
              queueMicrotask(() => {
                throw error;
              });
            }
          }
          p.resolve(p.record);
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }

  /** Moves the snapshot position past a written batch (committedSeq is set as the batch is applied). */
  private advanceTip(batch: readonly PendingAppend[]): void {
    let { offset, line, lastRecord } = this.tip.position;
    for (const p of batch) {
      const bytes = Buffer.byteLength(p.line);
      lastRecord = { segment: this.segmentIndex, offset, end: offset + bytes - 1 };
      offset += bytes;
      line++;
    }
    const last = batch[batch.length - 1]!;
    this.tip = {
      position: { segment: this.segmentIndex, offset, line, ...(lastRecord ? { lastRecord } : {}) },
      lastSeq: last.record.seq,
      lastSum: lineSum(last.line.slice(0, -1)),
      records: this.tip.records + batch.length,
      sinceSnapshot: this.tip.sinceSnapshot + batch.length,
    };
  }

  /**
   * Writes an index snapshot when enough records are past the last one. The index and position are
   * serialised now, where they agree (between batches); the file is written in the background.
   */
  private checkpointIfDue(): void {
    if (this.tip.sinceSnapshot < this.snapshotEvery) return;
    const bytes = encodeSnapshot({
      start: {
        position: this.tip.position,
        lastSeq: this.tip.lastSeq,
        lastSum: this.tip.lastSum,
        records: this.tip.records,
        issues: this.replayIssues,
      },
      index: this.index.exportState(),
    });
    this.tip = { ...this.tip, sinceSnapshot: 0 };
    // Only a cache: a failed write costs the next start a longer replay, nothing else.
    this.snapshotting = this.snapshotting.then(() => writeSnapshot(this.dataDir, bytes)).catch(() => undefined);
  }

  /** Closes the full segment (already fsynced) and starts the next one, fsyncing the folder. */
  private async rotate(): Promise<void> {
    this.checkpointIfDue();
    const next = this.segmentIndex + 1;
    const file = path.join(ledgerDir(this.dataDir), segmentName(next));
    const handle = await open(file, 'wx', 0o600);
    await syncDir(ledgerDir(this.dataDir));
    await this.handle.close();
    this.handle = handle;
    this.segmentIndex = next;
    this.segmentSize = 0;
    this.tip = { ...this.tip, position: { ...this.tip.position, segment: next, offset: 0, line: 0 } };
  }

  /** Called after each record is committed, in sequence order. */
  subscribe(listener: LedgerListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get lastSeq(): number {
    return this.committedSeq;
  }

  job(jobId: string): JobView | undefined {
    return this.index.job(jobId);
  }
  jobs(): JobView[] {
    return this.index.allJobs();
  }
  jobsByImei(imei: string): JobView[] {
    return this.index.jobsByImei(imei);
  }
  jobsByUid(uid: string): JobView[] {
    return this.index.jobsByUid(uid);
  }
  /** Jobs not in a final state (see FINAL_STATES), in the order they were created. */
  openJobs(): JobView[] {
    return this.index.openJobs().sort((a, b) => a.intentSeq - b.intentSeq);
  }
  /** Sequence numbers of the capture records of one IMEI. */
  captureSeqs(imei: string): readonly number[] {
    return this.index.captureSeqs(imei);
  }

  /**
   * Committed records, read back from disk in order. Filters combine: a time range (from <= ts < to),
   * and an IMEI, uid or job id — matching records that name it, or that belong to a job that does.
   */
  async *records(filter: RecordFilter = {}): AsyncGenerator<LedgerRecord> {
    const limit = this.committedSeq;
    const matches = (record: LedgerRecord): boolean => {
      if (record.seq > limit || !inRange(record.ts, filter)) return false;
      const fields = record as { jobId?: string; imei?: string; uid?: string };
      const job = fields.jobId !== undefined ? this.index.job(fields.jobId) : undefined;
      if (filter.jobId !== undefined && fields.jobId !== filter.jobId) return false;
      if (filter.imei !== undefined && fields.imei !== filter.imei && job?.imei !== filter.imei) return false;
      if (filter.uid !== undefined && fields.uid !== filter.uid && job?.uid !== filter.uid) return false;
      return true;
    };
    for (const segment of await listSegments(this.dataDir)) {
      const found: LedgerRecord[] = [];
      await scanSegmentFile(segment.path, (record) => void (matches(record) && found.push(record)), false);
      yield* found;
    }
  }

  /** Waits for queued appends, then releases the file and the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    while (this.flushing) await this.flushing;
    this.closed = true;
    this.checkpointIfDue();
    await this.snapshotting;
    await this.handle.close();
    await this.highWater.close();
    await this.lock.release();
  }
}

/**
 * Each job's state once the queued appends are written: the appends of this session on top of the
 * index, which answers for every other job (so opening does not copy 150,000 states).
 */
class StatesAfterQueue extends Map<string, JobState> {
  constructor(private readonly index: JobIndex) {
    super();
  }
  override get(jobId: string): JobState | undefined {
    return super.get(jobId) ?? this.index.job(jobId)?.state;
  }
  override has(jobId: string): boolean {
    return super.has(jobId) || this.index.job(jobId) !== undefined;
  }
}

export interface RecordFilter extends TimeRange {
  readonly imei?: string;
  readonly uid?: string;
  readonly jobId?: string;
}

export function openLedger(options: OpenLedgerOptions): Promise<Ledger> {
  return Ledger.open(options);
}

/** Copies the damaged bytes to a file of their own (fsynced, streamed: a tail may be huge), then cuts them off the segment. */
async function moveTailAside(dataDir: string, tail: SegmentTail, acknowledged: boolean): Promise<MovedTail> {
  const dir = damagedDir(dataDir);
  await ensureDir(dir);
  // Wall-clock time plus a random suffix: a name that never collides, even with a test clock.
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const kind = acknowledged ? 'lost' : 'tail';
  const movedTo = path.join(
    dir,
    `${tail.segment.name}.at-${tail.offset}.${stamp}.${randomBytes(3).toString('hex')}.${kind}`,
  );
  await pipeline(
    createReadStream(tail.segment.path, { start: tail.offset }),
    createWriteStream(movedTo, { flags: 'wx', mode: 0o600 }),
  );
  const copy = await open(movedTo, 'r');
  await copy.sync();
  await copy.close();
  await syncDir(dir);
  const segment = await open(tail.segment.path, 'r+');
  try {
    await segment.truncate(tail.offset);
    await segment.sync();
  } finally {
    await segment.close();
  }
  const first = tail.lines[0]!;
  return {
    segment: tail.segment.name,
    line: first.line,
    offset: tail.offset,
    bytes: tail.bytes,
    movedTo,
    reasons: tail.lines.map((l) => `line ${l.line}: ${l.message}`),
    acknowledged,
  };
}
