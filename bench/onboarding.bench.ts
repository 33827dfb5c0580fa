/**
 * The onboarding engine end to end (journal on disk, worker, simulator over loopback at 150 ms):
 * a 1,000-device batch against a sequential baseline, API calls per device, peak RSS; and a
 * 150-device batch under a scaled-down rate limit (200 calls per 10 s) that must see no 429.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { luhnCheckDigit } from '../src/imei/index.js';
import { openLedger } from '../src/ledger/index.js';
import { BatchRun, importOrders } from '../src/onboarding/batch.js';
import { OnboardingService } from '../src/onboarding/index.js';
import { startSimulator } from '../src/simulator/index.js';
import { ValidicClient, type RateLimitConfig } from '../src/validic/index.js';
import { formatNumber, type BenchSuite } from './bench-row.js';

const LATENCY = { latencyMs: 150, jitterMs: 20 };
const HIGH_LIMIT: RateLimitConfig = { limit: 10_000_000, windowMs: 3_600_000 };

const imeiFor = (prefix: string, i: number) => {
  const body = `${prefix}${String(i).padStart(14 - prefix.length, '0')}`;
  return body + luhnCheckDigit(body);
};

async function withEngine<T>(
  rateLimit: RateLimitConfig,
  simRate: { limit: number; windowMs: number },
  work: (s: OnboardingService, sim: Awaited<ReturnType<typeof startSimulator>>) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'onboarding-bench-'));
  const sim = await startSimulator({ faults: LATENCY, rateLimit: simRate });
  const ledger = await openLedger({ dataDir: dir });
  const client = new ValidicClient({
    orgId: sim.orgId,
    orgToken: sim.token,
    apiBase: sim.baseUrl,
    directBase: sim.baseUrl,
    rateLimit,
    maxBudgetWaitMs: 60_000,
  });
  const service = new OnboardingService({ ledger, client, station: 'bench', operator: 'bench', verifyReserve: 0 });
  try {
    return await work(service, sim);
  } finally {
    await service.close();
    await ledger.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Imports `count` orders and scans one IMEI for each, then waits for every job to be verified. */
async function runBatch(service: OnboardingService, count: number, prefix: string): Promise<number> {
  const csv = `uid,device_type\n${Array.from({ length: count }, (_, i) => `${prefix}-u${String(i).padStart(5, '0')},blood_glucose`).join('\n')}\n`;
  const start = performance.now();
  const imported = await importOrders(service, { text: csv, source: 'bench', deviceTypes: ['blood_glucose'] });
  if (!imported.ok) throw new Error('bench orders did not parse');
  const run = new BatchRun(service, imported.batchId, imported.orders);
  for (let i = 0; i < count; i++) await run.scan(imeiFor(prefix === 'big' ? '86' : '87', i), 'bench');
  await service.worker.until(() => run.jobs().every((j) => j.state === 'verified'));
  return performance.now() - start;
}

const suite: BenchSuite = {
  title: 'onboarding',
  async run() {
    const rows = [];

    // Sequential baseline: one device at a time through the same engine (connect, then verify).
    const SAMPLE = 30;
    const sequentialPerDevice = await withEngine(HIGH_LIMIT, HIGH_LIMIT, async (service) => {
      const start = performance.now();
      for (let i = 0; i < SAMPLE; i++) {
        const result = await service.onboard({
          imei: imeiFor('88', i),
          uid: `seq-u${String(i).padStart(5, '0')}`,
          deviceType: 'blood_glucose',
        });
        if (result.outcome !== 'connected') throw new Error(`sequential device ${i}: ${result.outcome}`);
        await service.worker.verifyNow(result.job.jobId);
      }
      return (performance.now() - start) / SAMPLE;
    });

    const BIG = 1000;
    const big = await withEngine(HIGH_LIMIT, HIGH_LIMIT, async (service, sim) => {
      const wall = await runBatch(service, BIG, 'big');
      return { wall, calls: sim.requestCount(), rss: process.resourceUsage().maxRSS * 1024 };
    });
    const sequentialEstimate = sequentialPerDevice * BIG;
    rows.push(
      {
        name: `${formatNumber(BIG)}-device batch`,
        value: `${formatNumber(big.wall / 1000, 1)} s`,
        notes: `import + ${formatNumber(BIG)} scans + connect + verify, latency 150 ± 20 ms, rate limit high, journal fsynced`,
      },
      {
        name: `${formatNumber(BIG)}-device batch vs sequential`,
        value: `${formatNumber(sequentialEstimate / big.wall, 1)}× faster`,
        target: '≥ 8×',
        notes: `sequential ${formatNumber(sequentialPerDevice)} ms/device measured on ${SAMPLE} devices → ${formatNumber(sequentialEstimate / 1000)} s for ${formatNumber(BIG)}`,
      },
      {
        name: 'API calls per device (batch, new users)',
        value: formatNumber(big.calls / BIG, 2),
        notes: 'provision + connect + one verification read',
      },
      {
        name: 'peak RSS',
        value: `${formatNumber(big.rss / 2 ** 20)} MiB`,
        notes: 'whole bench process, simulator included',
      },
    );

    const SMALL = 150;
    const scaled = { limit: 200, windowMs: 10_000 };
    const limited = await withEngine(scaled, scaled, async (service, sim) => {
      const wall = await runBatch(service, SMALL, 'small');
      return { wall, rejected: sim.state().counts.rejected, calls: sim.requestCount() };
    });
    rows.push({
      name: `${SMALL}-device batch at 200 calls / 10 s`,
      value: `${formatNumber(limited.wall / 1000, 1)} s, ${limited.rejected} × 429`,
      target: '0 × 429',
      notes: `${limited.calls} calls; the budget paces to the window (Validic's 2,000/h scaled down)`,
    });
    return rows;
  },
};

export default suite;
