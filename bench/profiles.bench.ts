/**
 * API calls per device under each simulator profile (how Validic's published material may answer):
 * new patients, returning patients at a second station, with and without the gateway fault (connects
 * applied, then answered 502), and the budget verification spends per 100 devices.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { luhnCheckDigit } from '../src/imei/index.js';
import { openLedger } from '../src/ledger/index.js';
import { OnboardingService } from '../src/onboarding/service.js';
import { startSimulator, type SimProfileName, type SimulatorHandle } from '../src/simulator/index.js';
import { ValidicClient } from '../src/validic/index.js';
import { formatNumber, type BenchRow, type BenchSuite } from './bench-row.js';

const DEVICES = 100;

const imeiFor = (n: number) => {
  const body = `35${String(8_000_000 + n).padStart(12, '0')}`;
  return body + luhnCheckDigit(body);
};

interface StationRun {
  readonly requests: number;
  readonly verificationCalls: number;
  readonly connects: number;
}

/** One station (its own journal) onboarding one device for each uid; counts what reached the simulator. */
async function station(
  sim: SimulatorHandle,
  root: string,
  name: string,
  uids: readonly string[],
  firstImei: number,
): Promise<StationRun> {
  const ledger = await openLedger({ dataDir: path.join(root, name) });
  const client = new ValidicClient({
    orgId: sim.orgId,
    orgToken: sim.token,
    apiBase: sim.baseUrl,
    directBase: sim.baseUrl,
    rateLimit: { limit: 1_000_000, windowMs: 3_600_000 },
  });
  const service = new OnboardingService({
    ledger,
    client,
    station: name,
    operator: 'bench',
    retryBaseMs: 20,
    retryMaxMs: 100,
  });
  const before = sim.requestCount();
  const connectsBefore = sim.requestLog().byRoute.connect ?? 0;
  try {
    await Promise.all(
      uids.map((uid, i) =>
        service.onboard({ imei: imeiFor(firstImei + i), uid, deviceType: 'blood_glucose', confirmSecondDevice: true }),
      ),
    );
    await service.worker.idle();
    return {
      requests: sim.requestCount() - before,
      verificationCalls: client.budgetSnapshot().verificationUsed,
      connects: (sim.requestLog().byRoute.connect ?? 0) - connectsBefore,
    };
  } finally {
    await service.close();
    await ledger.close();
  }
}

const suite: BenchSuite = {
  title: 'profiles',
  async run() {
    const rows: BenchRow[] = [];
    const cases: Array<{ profile: SimProfileName; label: string }> = [
      { profile: 'optimistic', label: 'optimistic (first build)' },
      { profile: 'published', label: 'published' },
      { profile: 'gateway', label: 'published + 20% gateway 502 after apply' },
    ];
    for (const { profile, label } of cases) {
      const root = mkdtempSync(path.join(os.tmpdir(), `bench-profile-${profile}-`));
      const sim = await startSimulator({
        profile,
        firstReadingDelayMs: null,
        seed: 9,
        rateLimit: { limit: 1_000_000, windowMs: 3_600_000 },
      });
      try {
        const uids = Array.from({ length: DEVICES }, (_, i) => `bench-${profile}-${String(i).padStart(4, '0')}`);
        const fresh = await station(sim, root, 'station-a', uids, 0);
        // The same patients' second devices at another station: the journal there does not know them.
        const returning = await station(sim, root, 'station-b', uids, DEVICES);
        const perDevice = (n: number) => formatNumber(n / DEVICES, 2);
        rows.push({
          name: `API calls per device, new patient — ${label}`,
          value: perDevice(fresh.requests),
          target: '≤ 5',
          notes: `${DEVICES} devices; connects ${perDevice(fresh.connects)} per device (≤ 2)`,
        });
        rows.push({
          name: `API calls per device, returning patient at a second station — ${label}`,
          value: perDevice(returning.requests),
          target: '≤ 5',
          notes: `connects ${perDevice(returning.connects)} per device`,
        });
        rows.push({
          name: `verification calls per 100 devices — ${label}`,
          value: formatNumber(((fresh.verificationCalls + returning.verificationCalls) / (2 * DEVICES)) * 100, 0),
          notes: "type-level reads, from the budget's verification share (10%)",
        });
      } finally {
        await sim.close();
        rmSync(root, { recursive: true, force: true });
      }
    }
    return rows;
  },
};

export default suite;
