/**
 * Crash safety: a child process runs a 500-device batch against the simulator with faults (20% 5xx,
 * 5% resets, 2% hangs) and is killed with SIGKILL at random moments 20 times, restarted each time
 * with the same orders and scans. At the end every device is connected exactly once in the
 * simulator (connect_repeat explains every repeat), every job in the ledger is final, no scan is
 * lost, and `ledger check` passes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSettings } from '../../src/config/index.js';
import { luhnCheckDigit } from '../../src/imei/index.js';
import { readLedger } from '../../src/ledger/index.js';
import { seededRandom } from '../../src/simulator/random.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/index.js';
import { runCliCaptured } from '../support/cli.js';

const DEVICES = 500;
const KILLS = 20;
// The batch command in a child of its own, bundled once (see the fixture for why not bin/imei-kiosk.mjs).
const root = mkdtempSync(path.join(os.tmpdir(), 'crash-batch-'));
const dataDir = path.join(root, 'data');
const ordersFile = path.join(root, 'orders.csv');
const child = path.join(root, 'batch-child.mjs');
const imeis = Array.from({ length: DEVICES }, (_, i) => {
  const body = `86${String(4_000_000 + i * 7).padStart(12, '0')}`;
  return body + luhnCheckDigit(body);
});
const uids = Array.from({ length: DEVICES }, (_, i) => `crash-${String(i + 1).padStart(4, '0')}`);
const random = seededRandom(20_26);
let sim: SimulatorHandle;

beforeAll(async () => {
  await build({
    entryPoints: [path.resolve('test/fixtures/onboarding/batch-child.ts')],
    outfile: child,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Bundled CommonJS dependencies call require(): give the ES module one.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'error',
  });
  sim = await startSimulator({ faults: { serverErrorShare: 0.2, resetShare: 0.05, hangShare: 0.02 }, rateLimit: { limit: 1_000_000, windowMs: 3_600_000 }, seed: 11 });
  writeFileSync(ordersFile, `uid,device_type,order_ref\n${uids.map((u, i) => `${u},blood_glucose,ORD-${i + 1}`).join('\n')}\n`);
  // Hung requests must fail fast for the test to keep moving; retries as in production.
  saveSettings(dataDir, { station: 'crash-station', operator: 'crash-test', client: { timeoutMs: 400, retries: 4, concurrency: 16 } });
});
afterAll(async () => {
  await sim?.close();
  rmSync(root, { recursive: true, force: true });
});

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
}

/** Runs `batch` with every scan on stdin; with killAfterMs, SIGKILLs it that long after it has started work. */
function runBatch(killAfterMs?: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, 'batch', ordersFile, '--data-dir', dataDir, '--patience', '30'], {
      env: { ...process.env, VALIDIC_API_BASE: sim.baseUrl, VALIDIC_DIRECT_BASE: sim.baseUrl, VALIDIC_ORG_ID: sim.orgId, VALIDIC_TOKEN: sim.token },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let armed = false;
    proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    proc.stderr.on('data', (c: Buffer) => {
      // Kill only once the batch is under way (after the import line), at a random moment.
      if (killAfterMs !== undefined && !armed && /(Imported|Resuming) batch/.test(c.toString())) {
        armed = true;
        setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
      }
    });
    proc.stdin.on('error', () => undefined); // the child may die before reading everything
    proc.stdin.end(`${imeis.join('\n')}\n`);
    proc.once('error', reject);
    proc.once('exit', (code, signal) => resolve({ code, signal, stdout }));
  });
}

describe('crash safety', () => {
  it(`${DEVICES} devices, ${KILLS} SIGKILLs: every device connected exactly once, every job final, nothing lost`, async () => {
    let killed = 0;
    for (let i = 0; i < KILLS; i++) {
      const t0 = Date.now();
      const run = await runBatch(Math.floor(random() * 1000));
      if (process.env.CRASH_DEBUG) process.stderr.write(`run ${i}: ${run.signal ?? run.code} after ${Date.now() - t0} ms\n`);
      if (run.signal === 'SIGKILL') killed++;
    }
    expect(killed).toBeGreaterThanOrEqual(KILLS - 2); // a run may finish before its kill lands

    const t0 = Date.now();
    const final = await runBatch();
    if (process.env.CRASH_DEBUG) process.stderr.write(`final run: ${Date.now() - t0} ms\n${final.stdout}\n`);
    expect(final.code, final.stdout).toBe(0);
    const summary = JSON.parse(final.stdout.trim().split('\n').pop()!) as Record<string, number>;
    expect((summary.connected ?? 0) + (summary.already_connected ?? 0)).toBe(DEVICES);
    expect(summary.needs_attention).toBe(0);
    expect(summary.queued).toBe(0);

    // The simulator: each IMEI held once, by its own patient, never disconnected; repeats explained.
    const state = sim.state();
    const active = state.users.flatMap((u) => u.connections.filter((c) => c.deleted_at === null).map((c) => ({ uid: u.uid, imei: c.device_id })));
    expect(active).toHaveLength(DEVICES);
    expect(new Set(active.map((a) => a.imei)).size).toBe(DEVICES);
    expect(state.users.every((u) => u.connections.length === 1)).toBe(true);
    expect(state.counts.connect - state.counts.connect_repeat).toBe(DEVICES);
    expect(state.counts.disconnect + state.counts.disconnect_all).toBe(0);

    // The ledger: every scan has a job, every job is final (verified).
    const { index } = await readLedger(dataDir);
    const jobs = index.allJobs();
    const byImei = new Map(jobs.filter((j) => j.state !== 'cancelled').map((j) => [j.imei, j]));
    for (const imei of imeis) expect(byImei.get(imei)?.state, imei).toBe('verified');
    expect(index.openJobs()).toEqual([]);
    // The simulator and the ledger agree on who holds what.
    for (const a of active) expect(byImei.get(a.imei)?.uid).toBe(a.uid);

    const check = await runCliCaptured(['ledger', 'check', '--data-dir', dataDir]);
    expect(check.code, check.stdout.join('\n')).toBe(0);
  }, 240_000);
});
