/**
 * The onboarding engine's integration harness: one simulator per test file (a generous rate limit),
 * stations (ledger + service) on fresh temp folders, closed after each test with anything else the
 * test opened (proxies), and jobs seeded straight into a journal in the state a case needs.
 * Call `onboardingHarness` at the top of a test file: it registers the file's hooks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { openLedger, type Ledger } from '../../src/ledger/index.js';
import type { JobState } from '../../src/ledger/records.js';
import type { ProblemKind } from '../../src/onboarding/index.js';
import { OnboardingService, type OnboardingOptions } from '../../src/onboarding/index.js';
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from '../../src/simulator/index.js';
import { ValidicClient, type ValidicClientOptions } from '../../src/validic/index.js';

export interface Station {
  readonly service: OnboardingService;
  readonly ledger: Ledger;
  readonly dir: string;
}

export interface StationOptions extends Partial<Omit<OnboardingOptions, 'ledger' | 'client'>> {
  /** The data folder (default: a new one). */
  readonly dir?: string;
  /** Where the client sends (default: the simulator; e.g. a lossy proxy in front of it). */
  readonly base?: string;
  readonly clientOptions?: Partial<ValidicClientOptions>;
}

export interface OnboardingHarness {
  readonly sim: SimulatorHandle;
  /** A new, empty data folder. */
  dir(): string;
  /** A client of the simulator's organization, at `base` (default: the simulator). */
  client(base?: string, overrides?: Partial<ValidicClientOptions>): ValidicClient;
  /** A station (station 'st', operator 'op', production) closed after the test. */
  station(options?: StationOptions): Promise<Station>;
  /** Runs after the test, after the stations close (a proxy's close, a second simulator's). */
  later(cleanup: () => Promise<void>): void;
  /** Closes every station now (a test that restarts on the same folder). */
  closeStations(): Promise<void>;
  /** The IMEIs the simulator has connected (not disconnected) to this patient. */
  liveDevices(uid: string): string[];
}

export function onboardingHarness(name: string, simOptions: SimulatorOptions = {}): OnboardingHarness {
  const root = mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  let sim: SimulatorHandle | undefined;
  let n = 0;
  const stations: Station[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  const closeStations = async () => {
    for (const { service, ledger } of stations.splice(0)) {
      await service.close();
      await ledger.close();
    }
  };
  beforeAll(async () => {
    sim = await startSimulator({ rateLimit: { limit: 1_000_000, windowMs: 3_600_000 }, ...simOptions });
  });
  afterEach(async () => {
    sim?.setFaults({});
    await closeStations();
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  afterAll(async () => {
    await sim?.close();
    rmSync(root, { recursive: true, force: true });
  });
  const harness: OnboardingHarness = {
    get sim() {
      if (!sim) throw new Error('the simulator starts in beforeAll');
      return sim;
    },
    dir: () => path.join(root, `case-${n++}`),
    client(base = harness.sim.baseUrl, overrides = {}) {
      const { orgId, token } = harness.sim;
      return new ValidicClient({ orgId, orgToken: token, apiBase: base, directBase: base, ...overrides });
    },
    async station(options = {}) {
      const { dir = harness.dir(), base, clientOptions, ...service } = options;
      const ledger = await openLedger({ dataDir: dir });
      const station: Station = {
        ledger,
        dir,
        service: new OnboardingService({
          ledger,
          client: harness.client(base, clientOptions),
          station: 'st',
          operator: 'op',
          ...service,
        }),
      };
      stations.push(station);
      return station;
    },
    later: (cleanup) => cleanups.push(cleanup),
    closeStations,
    liveDevices: (uid) =>
      (harness.sim.state().users.find((u) => u.uid === uid)?.connections ?? [])
        .filter((c) => c.deleted_at === null)
        .map((c) => c.device_id),
  };
  return harness;
}

/** The transitions that bring a new (ready) job to each state. */
const PATH: Record<JobState, Array<[JobState, JobState]>> = {
  captured: [],
  ready: [],
  connecting: [['ready', 'connecting']],
  connected: [
    ['ready', 'connecting'],
    ['connecting', 'connected'],
  ],
  verified: [
    ['ready', 'connecting'],
    ['connecting', 'connected'],
    ['connected', 'verified'],
  ],
  queued: [['ready', 'queued']],
  needs_attention: [['ready', 'needs_attention']],
  cancelled: [['ready', 'cancelled']],
};

export interface SeededJob {
  readonly jobId: string;
  readonly uid: string;
  readonly imei: string;
  readonly state: JobState;
  readonly deviceType?: string;
  /** Default production; null: an older journal's job with no mode. */
  readonly mode?: 'training' | 'production' | null;
  /** On the last transition. */
  readonly reasonKind?: ProblemKind;
  readonly nextAttemptAt?: string;
}

/** Journals a job straight into `state` (station 'st', operator 'op'), as an earlier session would have. */
export async function seedJob(ledger: Ledger, job: SeededJob): Promise<void> {
  const mode = job.mode === undefined ? 'production' : job.mode;
  await ledger.append({
    type: 'job_intent',
    jobId: job.jobId,
    uid: job.uid,
    imei: job.imei,
    deviceType: job.deviceType ?? 'blood_glucose',
    operator: 'op',
    station: 'st',
    ...(mode !== null ? { mode } : {}),
    ...(job.state === 'captured' ? { initialState: 'captured' as const } : {}),
  });
  const steps = PATH[job.state];
  for (const [i, [from, to]] of steps.entries()) {
    const last = i === steps.length - 1;
    await ledger.append({
      type: 'job_transition',
      jobId: job.jobId,
      from,
      to,
      ...(last && job.reasonKind ? { reasonKind: job.reasonKind } : {}),
      ...(last && job.nextAttemptAt ? { nextAttemptAt: job.nextAttemptAt } : {}),
    });
  }
}
