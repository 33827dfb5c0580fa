/** Where the journal lives on disk: `<dataDir>/ledger/segment-000001.jsonl`, `…000002…`, in order. */
import { mkdir, open, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const SEGMENT_NAME = /^segment-(\d{6,})\.jsonl$/;

export function ledgerDir(dataDir: string): string {
  return path.join(dataDir, 'ledger');
}

/** Damaged tails moved aside on open, one file each, never deleted by the kiosk. */
export function damagedDir(dataDir: string): string {
  return path.join(ledgerDir(dataDir), 'damaged');
}

export function segmentName(index: number): string {
  return `segment-${String(index).padStart(6, '0')}.jsonl`;
}

export interface SegmentFile {
  readonly index: number;
  readonly name: string;
  readonly path: string;
}

/** The segments in order; none if the folder does not exist yet. */
export async function listSegments(dataDir: string): Promise<SegmentFile[]> {
  const dir = ledgerDir(dataDir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .map((name) => ({ name, match: SEGMENT_NAME.exec(name) }))
    .filter((entry): entry is { name: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ name, match }) => ({ index: Number(match[1]), name, path: path.join(dir, name) }))
    .sort((a, b) => a.index - b.index);
}

export async function ensureDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
}

/** fsync a directory so a file created or renamed in it survives a power cut. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A file's bytes, or undefined when it does not exist. */
export async function readFileIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
