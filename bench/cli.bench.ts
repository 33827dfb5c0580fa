/**
 * `imei-kiosk validate` start-up: whole-process wall time of the CLI as users run it
 * (bin/imei-kiosk.mjs on the bundle) against a bare `node -e 0`, run alternately in one loop so both
 * see the same machine load. IT scripts call the CLI once per device, so start-up is the cost.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { formatNumber, type BenchSuite } from './bench-row.js';

const PAIRS = 15;
const WARM_UP = 2;
const IMEI = '490154203237518';

function wallMs(args: readonly string[]): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const elapsed = performance.now() - start;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  return elapsed;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const suite: BenchSuite = {
  title: 'cli',
  async run() {
    // Measure the current sources: build the bundle as `npm ci` does.
    const build = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`scripts/build-cli.mjs failed: ${build.stderr}`);
    const check = spawnSync(process.execPath, ['bin/imei-kiosk.mjs', 'validate', IMEI], { encoding: 'utf8' });
    if (!check.stdout.includes('"ok":true'))
      throw new Error(`imei-kiosk validate did not answer: ${check.stdout}${check.stderr}`);

    const bare: number[] = [];
    const cli: number[] = [];
    for (let i = 0; i < WARM_UP + PAIRS; i++) {
      const nodeMs = wallMs(['-e', '0']);
      const cliMs = wallMs(['bin/imei-kiosk.mjs', 'validate', IMEI]);
      if (i < WARM_UP) continue;
      bare.push(nodeMs);
      cli.push(cliMs);
    }
    const nodeMedian = median(bare);
    const cliMedian = median(cli);
    return [
      {
        name: '`imei-kiosk validate <imei>` wall time',
        value: `${formatNumber(cliMedian, 1)} ms = ${formatNumber(cliMedian / nodeMedian, 2)}× node -e 0`,
        target: '≤ 2× node -e 0',
        notes: `medians of ${PAIRS} alternating pairs; node -e 0: ${formatNumber(nodeMedian, 1)} ms`,
      },
    ];
  },
};

export default suite;
