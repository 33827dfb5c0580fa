/**
 * The ledger: append+fsync latency (one at a time), group-commit throughput (many writers at once),
 * and opening journals of 100,000 and 1,000,000 records generated in a temp folder: once with no
 * index snapshot (a full replay, which writes one), then again from the snapshot.
 */
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { luhnCheckDigit } from '../src/imei/index.js';
import {
  checkLedger,
  DEFAULT_MAX_SEGMENT_BYTES,
  encodeLine,
  ledgerDir,
  LedgerRecordBody,
  openLedger,
  segmentName,
  type LedgerRecord,
  type LedgerRecordInput,
} from '../src/ledger/index.js';
import { snapshotPath } from '../src/ledger/index-snapshot.js';
import { formatNumber, percentile, type BenchRow, type BenchSuite } from './bench-row.js';

const SEQUENTIAL_APPENDS = 2_000;
const CONCURRENT_WRITERS = 64;
const CONCURRENT_APPENDS = 20_000;

function imeiFor(n: number): string {
  const body = `35${String(n).padStart(12, '0')}`;
  return body + luhnCheckDigit(body);
}

/** One job's life in 7 records, as the engine would write it. */
function jobRecords(job: number): LedgerRecordInput[] {
  const jobId = `job-${job}`;
  const imei = imeiFor(job);
  const uid = `pat-${job % 50_000}`;
  return [
    { type: 'capture', source: 'wedge', raw: imei, imei, station: 'pack-1', operator: 'ann' },
    {
      type: 'job_intent',
      jobId,
      imei,
      uid,
      deviceType: 'bpm',
      operator: 'ann',
      station: 'pack-1',
      orderRef: `ORD-${job}`,
    },
    { type: 'job_transition', jobId, from: 'ready', to: 'connecting' },
    { type: 'api_attempt', jobId, call: 'connect', outcome: 'ok', httpStatus: 202, durationMs: 152.4, attempt: 1 },
    { type: 'job_transition', jobId, from: 'connecting', to: 'connected' },
    { type: 'verification', jobId, uid, imei, outcome: 'confirmed' },
    { type: 'job_transition', jobId, from: 'connected', to: 'verified' },
  ];
}

/** Writes a journal of `count` records straight to segment files (no fsync per line: this is setup). */
async function generateJournal(dataDir: string, count: number): Promise<void> {
  const dir = ledgerDir(dataDir);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const start = Date.parse('2026-01-01T00:00:00.000Z');
  let segment = 1;
  let chunks: string[] = [];
  let size = 0;
  let seq = 0;
  for (let job = 0; seq < count; job++) {
    for (const body of jobRecords(job)) {
      if (seq >= count) break;
      seq++;
      const record = {
        ...LedgerRecordBody.parse(body),
        seq,
        ts: new Date(start + seq * 250).toISOString(),
      } as LedgerRecord;
      const line = encodeLine(record);
      if (size + line.length > DEFAULT_MAX_SEGMENT_BYTES) {
        await writeFile(path.join(dir, segmentName(segment++)), chunks.join(''));
        chunks = [];
        size = 0;
      }
      chunks.push(line);
      size += line.length;
    }
  }
  await writeFile(path.join(dir, segmentName(segment)), chunks.join(''));
}

async function timedOpen(dataDir: string, count: number) {
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const ledger = await openLedger({ dataDir });
  const seconds = (performance.now() - t0) / 1000;
  const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const { records, segments, damaged, snapshot } = ledger.report;
  const jobs = ledger.jobs().length;
  // Closing waits for the snapshot the first open writes in the background.
  await ledger.close();
  if (damaged || records !== count) throw new Error(`open of ${count} read ${records} records, damaged=${damaged}`);
  return { seconds, heapMiB, segments, snapshot, jobs };
}

async function measureReplay(root: string, count: number): Promise<BenchRow[]> {
  const dataDir = path.join(root, `replay-${count}`);
  await generateJournal(dataDir, count);
  const full = await timedOpen(dataDir, count);
  if (full.snapshot !== 'none') throw new Error(`expected no snapshot on the first open, got ${full.snapshot}`);
  const snapshotBytes = (await stat(snapshotPath(dataDir))).size;
  const fast = await timedOpen(dataDir, count);
  if (fast.snapshot !== 'used') throw new Error(`expected the snapshot to be used, got ${fast.snapshot}`);

  const t1 = performance.now();
  const check = await checkLedger(dataDir);
  const checkSeconds = (performance.now() - t1) / 1000;
  if (!check.ok) throw new Error(`ledger check of ${count} records failed`);
  await rm(dataDir, { recursive: true, force: true });
  const load = `load average ${formatNumber(os.loadavg()[0] ?? 0, 1)} on ${os.cpus().length} cores`;
  return [
    {
      name: `open ${formatNumber(count)} records, no snapshot (full replay)`,
      value: `${formatNumber(full.seconds, 2)} s`,
      notes: `${formatNumber(count / full.seconds)} records/s; ${load}; ${full.segments} segments of ≤16 MiB; SHA-256, sequence, envelope and type per line; ${formatNumber(full.jobs)} jobs indexed; heap +${formatNumber(full.heapMiB)} MiB`,
    },
    {
      name: `open ${formatNumber(count)} records from the index snapshot`,
      value: `${formatNumber(fast.seconds, 2)} s`,
      ...(count >= 1_000_000 ? { target: '≤ 1 s' } : {}),
      notes: `snapshot ${formatNumber(snapshotBytes / 2 ** 20, 1)} MiB (hash-checked, anchored to its last record); ${load}; heap +${formatNumber(fast.heapMiB)} MiB`,
    },
    {
      name: `ledger check ${formatNumber(count)} records`,
      value: `${formatNumber(checkSeconds, 2)} s`,
      notes: `full replay (never the snapshot), plus every record through its zod schema and the high-water mark`,
    },
  ];
}

const suite: BenchSuite = {
  title: 'ledger',
  async run() {
    const root = await mkdtemp(path.join(os.tmpdir(), 'ledger-bench-'));
    try {
      const rows: BenchRow[] = [];
      // No job id: an append whose history needs no earlier intent, about the size of a typical record.
      const attempt: LedgerRecordInput = {
        type: 'api_attempt',
        call: 'connect',
        outcome: 'ok',
        httpStatus: 202,
        durationMs: 152.4,
        attempt: 1,
        uid: 'pat-12345',
      };

      // Sequential: each append awaited before the next, so every one pays its own fsync.
      {
        const ledger = await openLedger({ dataDir: path.join(root, 'sequential') });
        const samples: number[] = [];
        for (let i = 0; i < SEQUENTIAL_APPENDS; i++) {
          const t0 = performance.now();
          await ledger.append(attempt);
          samples.push(performance.now() - t0);
        }
        await ledger.close();
        samples.sort((a, b) => a - b);
        rows.push({
          name: 'append+fsync latency, one at a time',
          value: `p50 ${formatNumber(percentile(samples, 50), 2)} ms, p99 ${formatNumber(percentile(samples, 99), 2)} ms`,
          notes: `${formatNumber(SEQUENTIAL_APPENDS)} appends of a ~190-byte api_attempt; fdatasync on ext4 (/tmp), virtual disk`,
        });
      }

      // Concurrent: many writers at once; the queue writes what has gathered with one fsync.
      {
        const ledger = await openLedger({ dataDir: path.join(root, 'concurrent') });
        const latencies: number[] = [];
        let issued = 0;
        const t0 = performance.now();
        const writer = async () => {
          while (issued < CONCURRENT_APPENDS) {
            issued++;
            const a = performance.now();
            await ledger.append(attempt);
            latencies.push(performance.now() - a);
          }
        };
        await Promise.all(Array.from({ length: CONCURRENT_WRITERS }, writer));
        const seconds = (performance.now() - t0) / 1000;
        await ledger.close();
        latencies.sort((a, b) => a - b);
        rows.push({
          name: `append+fsync throughput, ${CONCURRENT_WRITERS} concurrent writers`,
          value: `${formatNumber(CONCURRENT_APPENDS / seconds)} appends/s`,
          notes: `group commit; per-append p50 ${formatNumber(percentile(latencies, 50), 2)} ms, p99 ${formatNumber(percentile(latencies, 99), 2)} ms; ${formatNumber(CONCURRENT_APPENDS)} appends`,
        });
      }

      rows.push(...(await measureReplay(root, 100_000)));
      rows.push(...(await measureReplay(root, 1_000_000)));
      return rows;
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  },
};

export default suite;
