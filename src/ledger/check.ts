/**
 * `ledger check`: every checksum, the sequence across segments, the journal's length against its
 * high-water mark, and the damaged tails already moved aside. A torn last line past the mark (a
 * write cut short by a crash, never acknowledged) is a warning: the next open moves it aside.
 * Acknowledged records missing from the end, and anything else that is not what the kiosk wrote,
 * are damage.
 */
import { readdir } from 'node:fs/promises';
import { tailWasAcknowledged } from './high-water.js';
import type { LedgerIssue } from './replay.js';
import { readLedger } from './read-only.js';
import { damagedDir } from './segments.js';

export interface LedgerCheck {
  /** No damage (warnings allowed). */
  readonly ok: boolean;
  readonly segments: number;
  readonly records: number;
  readonly lastSeq: number;
  readonly jobs: number;
  readonly openJobs: number;
  /** Damage first, then warnings; each names its file and line. */
  readonly issues: readonly LedgerIssue[];
  /** Files in ledger/damaged/: tails moved aside by earlier opens, kept as evidence. */
  readonly movedAside: readonly string[];
  /** Acknowledged records missing from the end (per the high-water mark). */
  readonly lost?: { readonly fromSeq: number; readonly count: number };
}

export async function checkLedger(dataDir: string): Promise<LedgerCheck> {
  const { index, replay, highWater } = await readLedger(dataDir, { validate: true });
  const issues: LedgerIssue[] = [...replay.issues];
  const lost =
    highWater.state === 'ok' && highWater.mark.seq > replay.lastSeq
      ? { fromSeq: replay.lastSeq + 1, count: highWater.mark.seq - replay.lastSeq }
      : undefined;
  if (replay.tail && tailWasAcknowledged(highWater, replay)) {
    // The mark says these bytes held acknowledged records: a cut in them is loss, not a torn write.
    for (const l of replay.tail.lines) {
      issues.push({
        severity: 'damage',
        kind: l.problem,
        file: replay.tail.segment.name,
        line: l.line,
        message: `${l.message} (acknowledged data cut short: part of the loss; it is moved aside when the ledger is next opened)`,
      });
    }
  } else if (replay.tail) {
    const onlyTorn = replay.tail.lines.every((l) => l.problem === 'torn');
    for (const l of replay.tail.lines) {
      issues.push({
        severity: onlyTorn ? 'warning' : 'damage',
        kind: l.problem,
        file: replay.tail.segment.name,
        line: l.line,
        message: onlyTorn
          ? `${l.message} (an unacknowledged write cut short by a crash; it is moved aside when the ledger is next opened)`
          : `${l.message} (damaged tail; it is moved aside when the ledger is next opened)`,
      });
    }
  }
  const movedAside = await readdir(damagedDir(dataDir)).catch(() => [] as string[]);
  issues.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'damage' ? -1 : 1));
  return {
    ok: !issues.some((i) => i.severity === 'damage'),
    segments: replay.segments.length,
    records: replay.records,
    lastSeq: replay.lastSeq,
    jobs: index.jobCount,
    openJobs: index.openJobs().length,
    issues,
    movedAside: movedAside.sort(),
    ...(lost ? { lost } : {}),
  };
}
