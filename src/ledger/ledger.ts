/**
 * The durable journal: openLedger() replays every segment into the indexes, moves a damaged tail
 * aside, and returns a Ledger whose append() resolves only after the record is fsynced.
 *
 * Appends go through one queue. While one write+fsync is in flight, later appends wait and are
 * then written together with a single fsync (group commit); nobody is told "written" before the
 * fsync covering their line has returned. Sequence numbers are given out in call order.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { maskImei } from '../imei/format.js';
import { JobIndex, type JobView } from './job-index.js';
import { encodeLine } from './line-codec.js';
import { acquireLock, type LedgerLock } from './lock.js';
import { LedgerRecordBody, type JobState, type LedgerRecord, type LedgerRecordInput } from './records.js';
import { replaySegments, type LedgerIssue, type SegmentTail } from './replay.js';
import { scanSegment } from './segment-scan.js';
import { damagedDir, ensureDir, ledgerDir, listSegments, segmentName, syncDir } from './segments.js';
import { inRange, type TimeRange } from './time-range.js';

export const DEFAULT_MAX_SEGMENT_BYTES = 16 * 2 ** 20;
/** Upper bound on one group commit, so one write stays a sensible size. */
const MAX_BATCH_BYTES = 4 * 2 ** 20;

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
}

export interface OpenReport {
  readonly segments: number;
  readonly records: number;
  readonly lastSeq: number;
  readonly issues: readonly LedgerIssue[];
  readonly movedTail?: MovedTail;
  /** True when any issue is damage (not just a warning). */
  readonly damaged: boolean;
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
  private readonly stateAfterQueue = new Map<string, JobState>();
  private nextSeq: number;
  private committedSeq: number;

  private constructor(
    readonly dataDir: string,
    readonly report: OpenReport,
    private readonly index: JobIndex,
    private handle: FileHandle,
    private segmentIndex: number,
    private segmentSize: number,
    private readonly lock: LedgerLock,
    private readonly maxSegmentBytes: number,
    private readonly clock: () => Date,
  ) {
    this.nextSeq = report.lastSeq + 1;
    this.committedSeq = report.lastSeq;
    for (const job of index.allJobs()) this.stateAfterQueue.set(job.jobId, job.state);
  }

  static async open(options: OpenLedgerOptions): Promise<Ledger> {
    const dir = ledgerDir(options.dataDir);
    await ensureDir(dir);
    const lock = await acquireLock(dir);
    try {
      const index = new JobIndex();
      const replay = await replaySegments(options.dataDir, { index, validate: options.validateOnReplay ?? false });
      const damaged = replay.issues.some((i) => i.severity === 'damage');
      if (damaged && options.onMiddleDamage === 'refuse') {
        throw new LedgerDamagedError(replay.issues.filter((i) => i.severity === 'damage'));
      }
      const movedTail = replay.tail ? await moveTailAside(options.dataDir, replay.tail) : undefined;

      let segments = replay.segments;
      if (segments.length === 0) {
        await writeFile(path.join(dir, segmentName(1)), '', { flag: 'wx' });
        await syncDir(dir);
        segments = await listSegments(options.dataDir);
      }
      const last = segments[segments.length - 1]!;
      const handle = await open(last.path, 'a');
      const size = (await handle.stat()).size;
      const report: OpenReport = {
        segments: segments.length,
        records: replay.records,
        lastSeq: replay.lastSeq,
        issues: replay.issues,
        damaged,
        ...(movedTail ? { movedTail } : {}),
      };
      return new Ledger(
        options.dataDir,
        report,
        index,
        handle,
        last.index,
        size,
        lock,
        options.maxSegmentBytes ?? DEFAULT_MAX_SEGMENT_BYTES,
        options.clock ?? (() => new Date()),
      );
    } catch (error) {
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
    if (this.failure) return Promise.reject(new LedgerWriteError(`the ledger stopped after a failed write: ${this.failure.message}`, { cause: this.failure }));
    const parsed = LedgerRecordBody.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return Promise.reject(new LedgerRecordError(`invalid ${String((input as { type?: unknown }).type)} record: ${where}${issue?.message ?? 'invalid'}`));
    }
    const body = parsed.data;
    const refusal = this.checkHistory(body);
    if (refusal) return Promise.reject(new LedgerRecordError(refusal));

    const record = { ...body, seq: this.nextSeq++, ts: this.clock().toISOString() } as LedgerRecord;
    const line = encodeLine(record);
    return new Promise<LedgerRecord>((resolve, reject) => {
      this.pending.push({ record, line, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  private checkHistory(body: LedgerRecordBody): string | undefined {
    switch (body.type) {
      case 'job_intent':
        if (this.stateAfterQueue.has(body.jobId)) return `job ${body.jobId} already exists (IMEI ${maskImei(body.imei)})`;
        this.stateAfterQueue.set(body.jobId, body.initialState ?? 'ready');
        return undefined;
      case 'job_transition': {
        const state = this.stateAfterQueue.get(body.jobId);
        if (state === undefined) return `job ${body.jobId} has no intent in the ledger`;
        if (state !== body.from) return `job ${body.jobId} is ${state}, not ${body.from}: transition to ${body.to} refused`;
        this.stateAfterQueue.set(body.jobId, body.to);
        return undefined;
      }
      case 'verification':
        return this.stateAfterQueue.has(body.jobId) ? undefined : `job ${body.jobId} has no intent in the ledger`;
      case 'api_attempt':
      case 'operator_action':
        return body.jobId === undefined || this.stateAfterQueue.has(body.jobId) ? undefined : `job ${body.jobId} has no intent in the ledger`;
      case 'capture':
      case 'config_change':
      case 'orders_import':
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
          this.segmentSize += buffer.length;
        } catch (error) {
          this.failure = error as Error;
          const failed = new LedgerWriteError(`could not write the ledger: ${(error as Error).message}`, { cause: error });
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

  /** Closes the full segment (already fsynced) and starts the next one, fsyncing the folder. */
  private async rotate(): Promise<void> {
    const next = this.segmentIndex + 1;
    const file = path.join(ledgerDir(this.dataDir), segmentName(next));
    const handle = await open(file, 'wx');
    await syncDir(ledgerDir(this.dataDir));
    await this.handle.close();
    this.handle = handle;
    this.segmentIndex = next;
    this.segmentSize = 0;
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
      scanSegment(await readFile(segment.path), (record) => void (matches(record) && found.push(record)), false);
      yield* found;
    }
  }

  /** Waits for queued appends, then releases the file and the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    while (this.flushing) await this.flushing;
    this.closed = true;
    await this.handle.close();
    await this.lock.release();
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

/** Copies the damaged bytes to a file of their own (fsynced), then cuts them off the segment. */
async function moveTailAside(dataDir: string, tail: SegmentTail): Promise<MovedTail> {
  const dir = damagedDir(dataDir);
  await ensureDir(dir);
  const bytes = (await readFile(tail.segment.path)).subarray(tail.offset);
  // Wall-clock time plus a random suffix: a name that never collides, even with a test clock.
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const movedTo = path.join(dir, `${tail.segment.name}.at-${tail.offset}.${stamp}.${randomBytes(3).toString('hex')}.tail`);
  await writeFile(movedTo, bytes, { flag: 'wx' });
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
    bytes: bytes.length,
    movedTo,
    reasons: tail.lines.map((l) => `line ${l.line}: ${l.message}`),
  };
}
