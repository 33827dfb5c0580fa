/** One row of the `npm run bench` table. Each bench/*.bench.ts file default-exports a BenchSuite. */
export interface BenchRow {
  /** What was measured, e.g. "validate() throughput". */
  readonly name: string;
  /** The figure, formatted for reading, e.g. "1,234,567 inputs/s". */
  readonly value: string;
  /** The target from the issue, if any, e.g. "≥ 8× faster". */
  readonly target?: string;
  /** Conditions worth knowing: sample size, latency setting, engine. */
  readonly notes?: string;
}

export interface BenchSuite {
  readonly title: string;
  run(): Promise<BenchRow[]>;
}

export function percentile(sortedAscending: readonly number[], p: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  const index = Math.min(sortedAscending.length - 1, Math.max(0, Math.ceil((p / 100) * sortedAscending.length) - 1));
  return sortedAscending[index]!;
}

export function formatNumber(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
