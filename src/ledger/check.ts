/**
 * `ledger check`: every checksum, the sequence across segments, and the damaged tails already moved
 * aside. A torn last line (a write cut short by a crash, never acknowledged) is a warning: the next
 * open moves it aside. Anything else that is not what the kiosk wrote is damage.
 */
import { readdir } from 'node:fs/promises';
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
}

export async function checkLedger(dataDir: string): Promise<LedgerCheck> {
  const { index, replay } = await readLedger(dataDir, { validate: true });
  const issues: LedgerIssue[] = [...replay.issues];
  if (replay.tail) {
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
  };
}
