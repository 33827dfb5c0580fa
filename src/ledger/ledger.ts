/**
 * The durable journal: openLedger() replays every segment into the indexes, moves a damaged tail
 * aside, and returns a Ledger whose append() resolves only after the record is fsynced.
 *
 * Appends go through one queue. While one write+fsync is in flight, later appends wait and are
 * then written together with a single fsync (group commit); nobody is told "written" before the
 * fsync covering their line has returned. Sequence numbers are given out in call order.
 */
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { HighWaterWriter } from './high-water.js';
import { HistoryCheck } from './history-check.js';
import { encodeSnapshot, writeSnapshot } from './index-snapshot.js';
import type { JobIndex, JobView } from './job-index.js';
import { LedgerRecordError, LedgerWriteError, toAccessError } from './ledger-errors.js';
import {
  openJournal,
  type JournalTip,
  type OpenedJournal,
  type OpenLedgerOptions,
  type OpenReport,
} from './ledger-open.js';
import { encodeLine } from './line-codec.js';
import type { LedgerLock } from './lock.js';
import { LedgerRecordBody, type LedgerRecord, type LedgerRecordInput } from './records.js';
import { lineSum, type LedgerIssue } from './replay.js';
import { MAX_LINE_BYTES, scanSegmentFile } from './segment-scan.js';
import { ledgerDir, listSegments, segmentName, syncDir } from './segments.js';
import { inRange, type TimeRange } from './time-range.js';

export {
  LedgerAccessError,
  LedgerDamagedError,
  LedgerRecordError,
  LedgerWriteError,
  toAccessError,
} from './ledger-errors.js';
export { DEFAULT_MAX_SEGMENT_BYTES, SNAPSHOT_EVERY_RECORDS } from './ledger-open.js';
export type { MovedTail } from './damaged-tail.js';
export type { OpenLedgerOptions, OpenReport } from './ledger-open.js';

/** Upper bound on one group commit, so one write stays a sensible size. */
const MAX_BATCH_BYTES = 4 * 2 ** 20;

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
  private readonly history: HistoryCheck;
  private nextSeq: number;
  private committedSeq: number;
  /** Where the journal ends and what it holds, kept current for index snapshots. */
  private tip: JournalTip;
  private readonly replayIssues: readonly LedgerIssue[];
  private snapshotting: Promise<void> = Promise.resolve();
  readonly dataDir: string;
  readonly report: OpenReport;
  private readonly index: JobIndex;
  private handle: FileHandle;
  private segmentIndex: number;
  private segmentSize: number;
  private readonly lock: LedgerLock;
  private readonly highWater: HighWaterWriter;
  private readonly maxSegmentBytes: number;
  private readonly clock: () => Date;
  private readonly snapshotEvery: number;

  private constructor(opened: OpenedJournal) {
    this.dataDir = opened.dataDir;
    this.report = opened.report;
    this.index = opened.index;
    this.handle = opened.handle;
    this.segmentIndex = opened.segmentIndex;
    this.segmentSize = opened.segmentSize;
    this.lock = opened.lock;
    this.highWater = opened.highWater;
    this.maxSegmentBytes = opened.maxSegmentBytes;
    this.clock = opened.clock;
    this.snapshotEvery = opened.snapshotEvery;
    this.tip = opened.tip;
    this.replayIssues = opened.replayIssues;
    // After a loss the lost numbers stay unused: the gap keeps the loss visible to every check.
    const report = opened.report;
    const last = Math.max(report.lastSeq, (report.lost?.fromSeq ?? 0) + (report.lost?.count ?? 0) - 1);
    this.nextSeq = last + 1;
    this.committedSeq = last;
    this.history = new HistoryCheck(opened.index);
  }

  static async open(options: OpenLedgerOptions): Promise<Ledger> {
    try {
      const opened = await openJournal(options);
      try {
        const ledger = new Ledger(opened);
        ledger.checkpointIfDue();
        return ledger;
      } catch (error) {
        await opened.highWater.close();
        await opened.lock.release();
        throw error;
      }
    } catch (error) {
      throw toAccessError(options.dataDir, error);
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
    const refusal = this.history.refusal(body);
    if (refusal) return Promise.reject(new LedgerRecordError(refusal));
    this.nextSeq++;
    return new Promise<LedgerRecord>((resolve, reject) => {
      this.pending.push({ record, line, resolve, reject });
      this.flushing ??= this.flush();
    });
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

export interface RecordFilter extends TimeRange {
  readonly imei?: string;
  readonly uid?: string;
  readonly jobId?: string;
}

export function openLedger(options: OpenLedgerOptions): Promise<Ledger> {
  return Ledger.open(options);
}
