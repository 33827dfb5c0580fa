/**
 * Validic client against the simulator over loopback HTTP at 150 ms latency: connect latency,
 * 200 connects sequential vs the client's default concurrency, API calls per device.
 */
import { performance } from 'node:perf_hooks';
import { luhnCheckDigit } from '../src/imei/index.js';
import { startSimulator, type SimulatorHandle } from '../src/simulator/index.js';
import { ValidicClient } from '../src/validic/index.js';
import { formatNumber, percentile, type BenchSuite } from './bench-row.js';
import { ensureUser } from '../test/support/validic-user.js';

const LATENCY_MS = 150;
const JITTER_MS = 20;
const CONNECTS = 200;

const imeiFor = (n: number) => {
  const body = `35${String(n).padStart(12, '0')}`;
  return body + luhnCheckDigit(body);
};

function clientFor(sim: SimulatorHandle): ValidicClient {
  return new ValidicClient({
    orgId: sim.orgId,
    orgToken: sim.token,
    apiBase: sim.baseUrl,
    directBase: sim.baseUrl,
    rateLimit: { limit: 1_000_000, windowMs: 3_600_000 },
  });
}

const suite: BenchSuite = {
  title: 'validic',
  async run() {
    const sim = await startSimulator({
      faults: { latencyMs: LATENCY_MS, jitterMs: JITTER_MS },
      rateLimit: { limit: 1_000_000, windowMs: 3_600_000 },
    });
    try {
      // Users first (at latency too), so the connect runs measure connects only.
      const setup = clientFor(sim);
      const users = await Promise.all(
        Array.from({ length: 2 * CONNECTS }, (_, i) => setup.provisionUser(`bench-${String(i).padStart(5, '0')}`)),
      );

      const sequentialClient = clientFor(sim);
      const latencies: number[] = [];
      const seqStart = performance.now();
      for (let i = 0; i < CONNECTS; i++) {
        const t0 = performance.now();
        await sequentialClient.connect(users[i]!.marketplace.token, imeiFor(i), 'blood_glucose');
        latencies.push(performance.now() - t0);
      }
      const sequentialMs = performance.now() - seqStart;
      latencies.sort((a, b) => a - b);

      const concurrentClient = clientFor(sim);
      const conStart = performance.now();
      await Promise.all(
        Array.from({ length: CONNECTS }, (_, i) =>
          concurrentClient.connect(users[CONNECTS + i]!.marketplace.token, imeiFor(CONNECTS + i), 'blood_glucose'),
        ),
      );
      const concurrentMs = performance.now() - conStart;

      // Calls per device: a new user (provision + connect), a returning user with a stored token (connect).
      const fresh = clientFor(sim);
      const newUser = await ensureUser(fresh, 'bench-new-user-0001');
      await fresh.connect(newUser.marketplace.token, imeiFor(900_001), 'blood_pressure');
      const newUserCalls = fresh.stats().requests;
      const returning = clientFor(sim);
      await returning.connect(newUser.marketplace.token, imeiFor(900_002), 'weight_scale');
      const returningCalls = returning.stats().requests;

      const conditions = `simulator on loopback, latency ${LATENCY_MS} ± ${JITTER_MS} ms, no faults`;
      return [
        {
          name: 'connect latency p50 / p95',
          value: `${formatNumber(percentile(latencies, 50))} / ${formatNumber(percentile(latencies, 95))} ms`,
          notes: `${CONNECTS} sequential connects; ${conditions}`,
        },
        {
          name: `${CONNECTS} connects, sequential`,
          value: `${formatNumber(sequentialMs / 1000, 2)} s`,
          notes: conditions,
        },
        {
          name: `${CONNECTS} connects, default concurrency (16)`,
          value: `${formatNumber(concurrentMs / 1000, 2)} s (${formatNumber(sequentialMs / concurrentMs, 1)}× faster)`,
          notes: conditions,
        },
        { name: 'API calls per device, new user', value: String(newUserCalls), target: '2 (provision + connect)' },
        {
          name: 'API calls per device, returning user (token stored)',
          value: String(returningCalls),
          target: '1 (connect)',
        },
      ];
    } finally {
      await sim.close();
    }
  },
};

export default suite;
