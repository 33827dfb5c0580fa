/**
 * Opening the journal: what the caller may ask for, what it is told (segments, records, damage,
 * a moved tail, a loss), and the open files and replayed index a Ledger is built from.
 */
import { chmod, open, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { moveTailAside, type MovedTail } from './damaged-tail.js';
import { highWaterIssues, HighWaterWriter, readHighWater, tailWasAcknowledged } from './high-water.js';
import { loadSnapshot, removeStaleSnapshotTemps, type SnapshotLoad } from './index-snapshot.js';
import { JobIndex } from './job-index.js';
import { LedgerDamagedError } from './ledger-errors.js';
import { acquireLock, type LedgerLock } from './lock.js';
import { replaySegments, type LedgerIssue, type ReplayPosition } from './replay.js';
import { ensureDir, ledgerDir, listSegments, segmentName, syncDir } from './segments.js';

export const DEFAULT_MAX_SEGMENT_BYTES = 16 * 2 ** 20;
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

/** Where the journal ends and what it holds, kept current for index snapshots. */
export interface JournalTip {
  position: ReplayPosition;
  lastSeq: number;
  lastSum: string;
  records: number;
  sinceSnapshot: number;
}

/** What a Ledger is built from: the opened journal, its lock and files, and the replayed index. */
export interface OpenedJournal {
  readonly dataDir: string;
  readonly report: OpenReport;
  readonly index: JobIndex;
  readonly handle: FileHandle;
  readonly segmentIndex: number;
  readonly segmentSize: number;
  readonly lock: LedgerLock;
  readonly highWater: HighWaterWriter;
  readonly maxSegmentBytes: number;
  readonly clock: () => Date;
  readonly snapshotEvery: number;
  readonly tip: JournalTip;
  readonly replayIssues: readonly LedgerIssue[];
}

/**
 * Opens the journal for writing: takes the lock, replays the segments (from an index snapshot when
 * one is usable) into the index, moves a damaged tail aside, names a loss the high-water mark
 * proves, and opens the last segment for appends. On failure the lock and the mark are released.
 */
export async function openJournal(options: OpenLedgerOptions): Promise<OpenedJournal> {
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
    return {
      dataDir: options.dataDir,
      report,
      index,
      handle,
      segmentIndex: last.index,
      segmentSize: size,
      lock,
      highWater,
      maxSegmentBytes: options.maxSegmentBytes ?? DEFAULT_MAX_SEGMENT_BYTES,
      clock: options.clock ?? (() => new Date()),
      snapshotEvery: options.snapshotEveryRecords ?? SNAPSHOT_EVERY_RECORDS,
      tip: {
        position,
        lastSeq: replay.lastSeq,
        lastSum: replay.lastSum,
        records: replay.records,
        sinceSnapshot: replay.records - (snapshot.state === 'ok' ? snapshot.start.records : 0),
      },
      replayIssues: replay.issues,
    };
  } catch (error) {
    await highWater?.close();
    await lock.release();
    throw error;
  }
}
