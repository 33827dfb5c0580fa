/**
 * A damaged tail found at open, moved out of the journal into a file of its own under `damaged/`
 * (copied, fsynced, then cut off the segment), so the journal goes on from its last good line.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { SegmentTail } from './replay.js';
import { damagedDir, ensureDir, syncDir } from './segments.js';

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

/** Copies the damaged bytes to a file of their own (fsynced, streamed: a tail may be huge), then cuts them off the segment. */
export async function moveTailAside(dataDir: string, tail: SegmentTail, acknowledged: boolean): Promise<MovedTail> {
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
