/**
 * The index snapshot: the job index and the replay's position, written at checkpoints so opening
 * a long journal reads only what came after the last one. `ledger/INDEX-SNAPSHOT` is one header
 * line (format, fingerprint, the body's SHA-256 and length) and a body in V8's serialisation format
 * (node:v8), which reads a million-record index about twice as fast as JSON.parse does.
 *
 * It is only a cache: a snapshot whose hash, fingerprint (record schemas and index version) or
 * anchor (the last record it covers, re-read from its segment: same seq, same checksum) does not
 * match is ignored and the journal replayed in full. `ledger check` never uses it.
 */
import { hash } from 'node:crypto';
import { open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
import { z } from 'zod';
import { JOB_INDEX_VERSION, JobIndex, type JobIndexState } from './job-index.js';
import { decodeLine } from './line-codec.js';
import { LedgerRecordBody } from './records.js';
import { lineSum, type LedgerIssue, type ReplayPosition, type ReplayStart } from './replay.js';
import { ledgerDir, readFileIfExists, segmentName, syncDir } from './segments.js';

export const SNAPSHOT_FILE = 'INDEX-SNAPSHOT';
const FORMAT = 2;

const Header = z.strictObject({
  format: z.literal(FORMAT),
  fingerprint: z.string(),
  bodySha256: z.string().regex(/^[0-9a-f]{64}$/),
  bodyBytes: z.number().int().nonnegative(),
});

const Position = z.strictObject({
  segment: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  line: z.number().int().nonnegative(),
  lastRecord: z
    .strictObject({
      segment: z.number().int().positive(),
      offset: z.number().int().nonnegative(),
      end: z.number().int().nonnegative(),
    })
    .optional(),
});

/**
 * The body's envelope is checked with zod; the jobs themselves are not (a million-record journal
 * has ~150,000): the body's hash proves they are what this version wrote from checked records.
 */
const Body = z.strictObject({
  position: Position,
  lastSeq: z.number().int().nonnegative(),
  lastSum: z.string(),
  records: z.number().int().nonnegative(),
  issues: z.array(z.custom<LedgerIssue>((v) => typeof v === 'object' && v !== null)),
  index: z.strictObject({
    columns: z.record(
      z.string(),
      z.custom<unknown[]>((v) => Array.isArray(v)),
    ),
    captureImeis: z.custom<string[]>((v) => Array.isArray(v)),
    captureCounts: z.custom<number[]>((v) => Array.isArray(v)),
    captureSeqs: z.custom<number[]>((v) => Array.isArray(v)),
  }),
});

let fingerprintCache: string | undefined;
/** Changes whenever a record schema, the index's version or V8's serialisation format does. */
function fingerprint(): string {
  fingerprintCache ??= hash(
    'sha256',
    `${JOB_INDEX_VERSION}\n${process.versions.v8}\n${JSON.stringify(z.toJSONSchema(LedgerRecordBody, { unrepresentable: 'any' }))}`,
    'hex',
  );
  return fingerprintCache;
}

export function snapshotPath(dataDir: string): string {
  return path.join(ledgerDir(dataDir), SNAPSHOT_FILE);
}

export interface SnapshotContent {
  readonly start: ReplayStart;
  readonly index: JobIndexState;
}

/** Serialises now (the caller's state at this instant); the returned bytes are written by writeSnapshot. */
export function encodeSnapshot(content: SnapshotContent): Buffer {
  const { position, lastSeq, lastSum, records, issues } = content.start;
  const body = v8.serialize({ position, lastSeq, lastSum, records, issues, index: content.index });
  const header = JSON.stringify({
    format: FORMAT,
    fingerprint: fingerprint(),
    bodySha256: hash('sha256', body, 'hex'),
    bodyBytes: body.length,
  });
  return Buffer.concat([Buffer.from(`${header}\n`), body]);
}

/** Writes a new snapshot whole (temporary file, fsync, rename, folder fsync), private to the kiosk user. */
export async function writeSnapshot(dataDir: string, bytes: Buffer): Promise<void> {
  const file = snapshotPath(dataDir);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
    await syncDir(ledgerDir(dataDir));
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Temporary files of snapshot writes cut short by a crash (the caller holds the lock: none is live). */
export async function removeStaleSnapshotTemps(dataDir: string): Promise<void> {
  const names = await readdir(ledgerDir(dataDir)).catch(() => [] as string[]);
  const stale = names.filter((name) => name.startsWith(`${SNAPSHOT_FILE}.`) && name.endsWith('.tmp'));
  await Promise.all(stale.map((name) => rm(path.join(ledgerDir(dataDir), name), { force: true })));
}

export type SnapshotLoad =
  | { readonly state: 'none' }
  | { readonly state: 'ignored'; readonly reason: string }
  | { readonly state: 'ok'; readonly start: ReplayStart; readonly index: JobIndex };

/** The snapshot, if it is intact, of this version, and still matches the journal. */
export async function loadSnapshot(dataDir: string): Promise<SnapshotLoad> {
  const bytes = await readFileIfExists(snapshotPath(dataDir));
  if (!bytes) return { state: 'none' };
  const newline = bytes.indexOf(0x0a);
  let header: z.infer<typeof Header>;
  try {
    header = Header.parse(JSON.parse(bytes.toString('utf8', 0, Math.max(0, newline))));
  } catch {
    return { state: 'ignored', reason: 'unreadable header' };
  }
  if (header.fingerprint !== fingerprint()) return { state: 'ignored', reason: 'written by another version' };
  const body = bytes.subarray(newline + 1);
  if (body.length !== header.bodyBytes || hash('sha256', body, 'hex') !== header.bodySha256) {
    return { state: 'ignored', reason: 'damaged (hash mismatch)' };
  }
  let value: unknown;
  try {
    value = v8.deserialize(body);
  } catch {
    return { state: 'ignored', reason: 'unreadable body' };
  }
  const parsed = Body.safeParse(value);
  if (!parsed.success) return { state: 'ignored', reason: 'unexpected content' };
  const { position, lastSeq, lastSum, records, issues, index } = parsed.data;
  const anchored = await anchorHolds(dataDir, position, lastSeq, lastSum);
  if (anchored !== true) return { state: 'ignored', reason: anchored };
  let restored: JobIndex;
  try {
    restored = JobIndex.fromState(index);
  } catch (error) {
    return { state: 'ignored', reason: (error as Error).message };
  }
  return { state: 'ok', start: { position, lastSeq, lastSum, records, issues }, index: restored };
}

/** The last record the snapshot covers is still where it was, the same record. */
async function anchorHolds(
  dataDir: string,
  position: ReplayPosition,
  lastSeq: number,
  lastSum: string,
): Promise<true | string> {
  const file = path.join(ledgerDir(dataDir), segmentName(position.segment));
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return `its segment ${segmentName(position.segment)} is gone`;
  try {
    if ((await handle.stat()).size < position.offset) return 'the journal is shorter than the snapshot';
  } finally {
    await handle.close();
  }
  const last = position.lastRecord;
  if (!last) return lastSeq === 0 ? true : 'no last record';
  const anchor = await open(path.join(ledgerDir(dataDir), segmentName(last.segment)), 'r').catch(() => undefined);
  if (!anchor) return `its segment ${segmentName(last.segment)} is gone`;
  try {
    const line = Buffer.alloc(last.end - last.offset);
    const { bytesRead } = await anchor.read(line, 0, line.length, last.offset);
    const text = line.toString('utf8', 0, bytesRead);
    const decoded = decodeLine(text, false);
    if (!decoded.ok || decoded.record.seq !== lastSeq || lineSum(text) !== lastSum)
      return 'its last record is no longer in the journal';
    return true;
  } finally {
    await anchor.close();
  }
}
