/**
 * Crash safety, under every simulator profile: a child process runs a batch against the simulator
 * with faults (5xx, resets, hangs; the gateway profile adds connects applied then answered 502) and
 * is killed with SIGKILL at random moments, restarted each time with the same orders and scans. At
 * the end no IMEI is held by two patients or by the wrong one, no device got more than two connect
 * requests (the first and one deliberate re-send), every job is final or waits for a person with the
 * reason why (its answers were lost twice), no scan is lost, and `ledger check` passes.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSettings } from '../../src/config/index.js';
import { makeImei } from '../support/imei.js';
import { readLedger } from '../../src/ledger/index.js';
import { seededRandom } from '../../src/simulator/random.js';
import {
  startSimulator,
  type FaultsInput,
  type SimProfileName,
  type SimulatorHandle,
} from '../../src/simulator/index.js';
import { runCliCaptured } from '../support/cli.js';

// The batch command in a child of its own, bundled once (see the fixture for why not bin/imei-kiosk.mjs).
const root = mkdtempSync(path.join(os.tmpdir(), 'crash-batch-'));
const child = path.join(root, 'batch-child.mjs');

interface Scenario {
  readonly profile: SimProfileName;
  readonly devices: number;
  readonly kills: number;
  readonly faults: FaultsInput;
  readonly seed: number;
  /** Kills land at a random moment within this long after the batch starts work. */
  readonly killWindowMs: number;
}

const SCENARIOS: readonly Scenario[] = [
  {
    profile: 'optimistic',
    devices: 500,
    kills: 20,
    faults: { serverErrorShare: 0.2, resetShare: 0.05, hangShare: 0.02 },
    seed: 11,
    killWindowMs: 400,
  },
  {
    profile: 'published',
    devices: 150,
    kills: 8,
    faults: { serverErrorShare: 0.1, resetShare: 0.05, hangShare: 0.02 },
    seed: 12,
    killWindowMs: 300,
  },
  {
    profile: 'gateway',
    devices: 150,
    kills: 8,
    faults: { serverErrorShare: 0.05, resetShare: 0.02 },
    seed: 13,
    killWindowMs: 300,
  },
];

/** Why a job may be left for a person: Validic's answers to its connects were lost twice, or its re-send was refused. */
const LEFT_FOR_A_PERSON = ['connect_unconfirmed', 'resend_refused'];

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
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
}

describe.each(SCENARIOS)('crash safety, $profile profile', (scenario) => {
  const dataDir = path.join(root, scenario.profile, 'data');
  const ordersFile = path.join(root, scenario.profile, 'orders.csv');
  const imeis = Array.from({ length: scenario.devices }, (_, i) => makeImei('86000004', i * 7));
  const uids = Array.from({ length: scenario.devices }, (_, i) => `crash-${String(i + 1).padStart(4, '0')}`);
  const random = seededRandom(20_26 + scenario.seed);
  let sim: SimulatorHandle;

  beforeAll(async () => {
    sim = await startSimulator({
      profile: scenario.profile,
      faults: scenario.faults,
      rateLimit: { limit: 1_000_000, windowMs: 3_600_000 },
      seed: scenario.seed,
      firstReadingDelayMs: null,
    });
    mkdirSync(path.dirname(ordersFile), { recursive: true });
    writeFileSync(
      ordersFile,
      `uid,device_type,order_ref\n${uids.map((u, i) => `${u},blood_glucose,ORD-${i + 1}`).join('\n')}\n`,
    );
    // Hung requests must fail fast for the test to keep moving; retries as in production.
    saveSettings(dataDir, {
      station: 'crash-station',
      operator: 'crash-test',
      client: { timeoutMs: 400, retries: 4, concurrency: 16 },
    });
  });
  afterAll(async () => {
    await sim?.close();
  });

  /** Runs `batch` with every scan on stdin; with killAfterMs, SIGKILLs it that long after it has started work. */
  function runBatch(killAfterMs?: number): Promise<Run> {
    return new Promise((resolve, reject) => {
      const proc = spawn(process.execPath, [child, 'batch', ordersFile, '--data-dir', dataDir, '--patience', '30'], {
        env: {
          ...process.env,
          VALIDIC_API_BASE: sim.baseUrl,
          VALIDIC_DIRECT_BASE: sim.baseUrl,
          VALIDIC_ORG_ID: sim.orgId,
          VALIDIC_TOKEN: sim.token,
        },
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

  it(`${scenario.devices} devices, ${scenario.kills} SIGKILLs: no IMEI on two patients, at most two connects each, every job final or left for a person with the reason, nothing lost`, async () => {
    let killed = 0;
    for (let i = 0; i < scenario.kills; i++) {
      const t0 = Date.now();
      const run = await runBatch(Math.floor(random() * scenario.killWindowMs));
      if (process.env.CRASH_DEBUG)
        process.stderr.write(`run ${i}: ${run.signal ?? run.code} after ${Date.now() - t0} ms\n`);
      if (run.signal === 'SIGKILL') killed++;
    }
    expect(killed).toBeGreaterThanOrEqual(Math.ceil(scenario.kills / 2)); // a run may finish before its kill lands

    const t0 = Date.now();
    const final = await runBatch();
    if (process.env.CRASH_DEBUG) process.stderr.write(`final run: ${Date.now() - t0} ms\n${final.stdout}\n`);
    const summary = JSON.parse(final.stdout.trim().split('\n').pop()!) as Record<string, number>;
    expect(final.code, final.stdout).toBe(summary.needs_attention === 0 ? 0 : 1);
    expect((summary.connected ?? 0) + (summary.already_connected ?? 0) + (summary.needs_attention ?? 0)).toBe(
      scenario.devices,
    );
    expect(summary.queued).toBe(0);

    // The simulator: no IMEI on two patients, none on the wrong one, never disconnected; at most 2 connects per IMEI.
    const state = sim.state();
    const active = state.users.flatMap((u) =>
      u.connections.filter((c) => c.deleted_at === null).map((c) => ({ uid: u.uid, imei: c.device_id })),
    );
    expect(new Set(active.map((a) => a.imei)).size).toBe(active.length);
    expect(state.users.every((u) => u.connections.length <= 1)).toBe(true);
    expect(state.counts.disconnect + state.counts.disconnect_all).toBe(0);
    const connects = sim.requestLog().connectsByImei;
    for (const imei of imeis) expect(connects[imei] ?? 0, imei).toBeLessThanOrEqual(2);

    // The ledger: every scan has a job; every job is final, or left for a person with the reason why.
    const { index } = await readLedger(dataDir);
    const jobs = index.allJobs();
    const byImei = new Map(jobs.filter((j) => j.state !== 'cancelled').map((j) => [j.imei, j]));
    const heldBy = new Map(active.map((a) => [a.imei, a.uid]));
    for (const imei of imeis) {
      const job = byImei.get(imei);
      expect(job, imei).toBeDefined();
      if (job!.state === 'needs_attention') {
        expect(LEFT_FOR_A_PERSON, `${imei}: ${job!.reason ?? ''}`).toContain(job!.reasonKind);
        if (heldBy.has(imei)) expect(heldBy.get(imei)).toBe(job!.uid);
      } else {
        expect(['connected', 'verified'], imei).toContain(job!.state);
        // Connected per the journal = held by its own patient at Validic.
        expect(heldBy.get(imei), imei).toBe(job!.uid);
      }
    }
    expect(index.openJobs().every((j) => j.state === 'needs_attention')).toBe(true);
    if (process.env.CRASH_DEBUG)
      process.stderr.write(`${scenario.profile}: ${summary.needs_attention ?? 0} left for a person\n`);

    const check = await runCliCaptured(['ledger', 'check', '--data-dir', dataDir]);
    expect(check.code, check.stdout.join('\n')).toBe(0);
  }, 300_000);
});
