/**
 * The journal's own length: `ledger/HIGH-WATER` holds the sequence number and checksum of the last
 * acknowledged record, rewritten and fsynced after every group commit and before anyone is told
 * "written". Records cut off the end of the journal (a truncated or restored file) then show as
 * loss: the mark names a record the segments no longer hold.
 *
 * Two fixed 256-byte slots, written in turn: a write torn by a power cut spoils one slot and the
 * other still holds the previous mark (whose commit was not yet acknowledged either).
 */
import { hash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { LedgerIssue, ReplayResult } from './replay.js';
import { ledgerDir, readFileIfExists } from './segments.js';

export const HIGH_WATER_FILE = 'HIGH-WATER';
const SLOT_BYTES = 256;

const Mark = z.strictObject({
  seq: z.number().int().nonnegative(),
  /** The record's line checksum (the `sum` on the line); empty for seq 0. */
  sum: z.string().regex(/^([0-9a-f]{64})?$/),
  segment: z.string().max(64),
});
export type HighWaterMark = z.infer<typeof Mark>;

const Slot = z.strictObject({ mark: Mark, check: z.string() });

export function highWaterPath(dataDir: string): string {
  return path.join(ledgerDir(dataDir), HIGH_WATER_FILE);
}

function encodeSlot(mark: HighWaterMark): Buffer {
  const json = JSON.stringify({ mark, check: hash('sha256', JSON.stringify(mark), 'hex') });
  const slot = Buffer.alloc(SLOT_BYTES, 0x20);
  slot.write(json, 0, 'utf8');
  slot[SLOT_BYTES - 1] = 0x0a;
  return slot;
}

function decodeSlot(bytes: Buffer): HighWaterMark | undefined {
  try {
    const slot = Slot.safeParse(JSON.parse(bytes.toString('utf8').trim()));
    if (!slot.success || hash('sha256', JSON.stringify(slot.data.mark), 'hex') !== slot.data.check) return undefined;
    return slot.data.mark;
  } catch {
    return undefined;
  }
}

export type HighWaterRead =
  | { readonly state: 'missing' }
  | { readonly state: 'unreadable'; readonly message: string }
  | { readonly state: 'ok'; readonly mark: HighWaterMark };

/** The newest intact slot; `missing` when there is no file (a journal from before the mark existed). */
export async function readHighWater(dataDir: string): Promise<HighWaterRead> {
  const bytes = await readFileIfExists(highWaterPath(dataDir));
  if (!bytes) return { state: 'missing' };
  const marks = [0, 1]
    .map((i) => decodeSlot(bytes.subarray(i * SLOT_BYTES, (i + 1) * SLOT_BYTES)))
    .filter((m) => m !== undefined);
  if (marks.length === 0)
    return { state: 'unreadable', message: `${HIGH_WATER_FILE} holds no intact mark (${bytes.length} bytes)` };
  return { state: 'ok', mark: marks.reduce((a, b) => (b.seq > a.seq ? b : a)) };
}

/** The writer's handle on the mark file: one slot write and one fdatasync per commit. */
export class HighWaterWriter {
  private next = 0;
  private constructor(
    private readonly handle: FileHandle,
    private current: HighWaterMark | undefined,
  ) {}

  static async open(dataDir: string, current: HighWaterMark | undefined): Promise<HighWaterWriter> {
    const file = highWaterPath(dataDir);
    // r+ (not a+): positional writes into a slot, which O_APPEND would turn into appends.
    const handle = await open(file, 'r+').catch(async (error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return open(file, 'w+', 0o600);
    });
    await handle.chmod(0o600);
    const writer = new HighWaterWriter(handle, current);
    // Overwrite the older slot first, so the newest intact mark survives a torn write.
    const bytes = Buffer.alloc(2 * SLOT_BYTES);
    await handle.read(bytes, 0, bytes.length, 0);
    const [a, b] = [decodeSlot(bytes.subarray(0, SLOT_BYTES)), decodeSlot(bytes.subarray(SLOT_BYTES))];
    writer.next = a !== undefined && (b === undefined || a.seq >= b.seq) ? 1 : 0;
    return writer;
  }

  get mark(): HighWaterMark | undefined {
    return this.current;
  }

  async write(mark: HighWaterMark): Promise<void> {
    const slot = encodeSlot(mark);
    await this.handle.write(slot, 0, SLOT_BYTES, this.next * SLOT_BYTES);
    await this.handle.datasync();
    this.next = 1 - this.next;
    this.current = mark;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/**
 * What the mark says about the journal as replayed: acknowledged records missing from its end
 * (loss), a different record where the acknowledged one was (rewritten), or no mark at all.
 */
export function highWaterIssues(read: HighWaterRead, replay: ReplayResult): LedgerIssue[] {
  if (read.state === 'missing') {
    if (replay.records === 0) return [];
    return [
      {
        severity: 'warning',
        kind: 'high_water',
        file: HIGH_WATER_FILE,
        line: 1,
        message:
          'no high-water mark (a journal from an older version, or the file was removed): records cut off the end of the journal cannot be noticed until the kiosk next opens it',
      },
    ];
  }
  if (read.state === 'unreadable') {
    return [
      {
        severity: 'damage',
        kind: 'high_water',
        file: HIGH_WATER_FILE,
        line: 1,
        message: `${read.message}: the journal's length cannot be checked`,
      },
    ];
  }
  const { mark } = read;
  if (mark.seq > replay.lastSeq) {
    const missing = mark.seq - replay.lastSeq;
    const lastSegment = replay.segments[replay.segments.length - 1];
    return [
      {
        severity: 'damage',
        kind: 'lost_records',
        file: replay.tail?.segment.name ?? lastSegment?.name ?? mark.segment,
        line: replay.tail?.lines[0]?.line ?? replay.end.line + 1,
        seq: replay.lastSeq + 1,
        message: `${missing} acknowledged record(s) missing from the end of the journal, seq ${replay.lastSeq + 1} to ${mark.seq} (the high-water mark in ${HIGH_WATER_FILE} names seq ${mark.seq} in ${mark.segment})`,
      },
    ];
  }
  if (mark.seq > 0 && replay.watchedSum !== undefined && replay.watchedSum !== mark.sum) {
    return [
      {
        severity: 'damage',
        kind: 'high_water',
        file: mark.segment,
        line: 1,
        seq: mark.seq,
        message: `the record with seq ${mark.seq} is not the one acknowledged (its checksum differs from the high-water mark): the journal was rewritten or restored from another copy`,
      },
    ];
  }
  return [];
}

/** Whether the mark says the journal's damaged tail held acknowledged records (loss, not a torn unacknowledged write). */
export function tailWasAcknowledged(read: HighWaterRead, replay: ReplayResult): boolean {
  return read.state === 'ok' && replay.tail !== undefined && read.mark.seq > replay.lastSeq;
}
