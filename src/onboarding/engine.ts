/**
 * openKioskEngine: everything a host (the Electron main process, the CLI, the e2e harness) needs,
 * built from a data folder and the environment: the mode, the Validic client (training: against
 * the embedded simulator), the ledger and the onboarding service with its worker. No electron,
 * no DOM.
 */
import os from 'node:os';
import { openBackend, type Backend } from '../config/backend.js';
import type { AppMode } from '../config/credentials.js';
import type { DeviceType, Settings } from '../config/settings.js';
import { loadSettings } from '../config/store.js';
import { openLedger, type Ledger } from '../ledger/ledger.js';
import type { SimulatorHandle } from '../simulator/server.js';
import type { ClientLogger, ValidicClient } from '../validic/client.js';
import { OnboardingService, type OnboardingOptions } from './service.js';

export interface KioskEngineOptions {
  readonly dataDir: string;
  readonly env?: NodeJS.ProcessEnv;
  /** This station's name for the journal (default: settings.station, else the host name). */
  readonly station?: string;
  /** Who is working (default: settings.operator, else the OS user). */
  readonly operator?: string;
  readonly settings?: Settings;
  readonly logger?: ClientLogger;
  /** Tuning for the service (tests and benches). */
  readonly onboarding?: Partial<Omit<OnboardingOptions, 'ledger' | 'client' | 'station' | 'operator'>>;
}

export interface KioskEngine {
  readonly mode: AppMode;
  readonly dataDir: string;
  readonly station: string;
  readonly operator: string;
  /** As loaded, with the device types as they are now. */
  readonly settings: Settings;
  readonly deviceTypes: readonly DeviceType[];
  readonly client: ValidicClient;
  readonly ledger: Ledger;
  readonly onboarding: OnboardingService;
  /** Training mode only. */
  readonly simulator?: SimulatorHandle;
  /**
   * The device types from now on (the admin edited them; the caller saved them): connect, batch
   * import and the screen read them here, so no restart is needed. Training: the simulator accepts them too.
   */
  setDeviceTypes(deviceTypes: readonly DeviceType[]): void;
  close(): Promise<void>;
}

/** The signed-in account's name, or `operator` where it has none (a container's uid without a passwd entry). */
export function defaultOperator(userInfo: () => { readonly username: string } = os.userInfo): string {
  try {
    return userInfo().username || 'operator';
  } catch {
    return 'operator';
  }
}

export async function openKioskEngine(options: KioskEngineOptions): Promise<KioskEngine> {
  const settings = options.settings ?? loadSettings(options.dataDir);
  const backend: Backend = await openBackend({
    dataDir: options.dataDir,
    settings,
    ...(options.env ? { env: options.env } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  let ledger: Ledger;
  try {
    ledger = await openLedger({ dataDir: options.dataDir });
  } catch (error) {
    await backend.close();
    throw error;
  }
  const station = options.station ?? settings.station ?? os.hostname();
  const operator = options.operator ?? settings.operator ?? defaultOperator();
  const onboarding = new OnboardingService({
    ledger,
    client: backend.client,
    station,
    operator,
    mode: backend.mode,
    concurrency: settings.client.concurrency,
    ...options.onboarding,
  });
  let closed = false;
  let deviceTypes = backend.deviceTypes;
  return {
    mode: backend.mode,
    dataDir: options.dataDir,
    station,
    operator,
    get settings() {
      return { ...settings, deviceTypes: [...deviceTypes] };
    },
    get deviceTypes() {
      return deviceTypes;
    },
    client: backend.client,
    ledger,
    onboarding,
    ...(backend.simulator ? { simulator: backend.simulator } : {}),
    setDeviceTypes(next) {
      deviceTypes = next.map((type) => ({ ...type }));
      backend.simulator?.setDeviceTypes(deviceTypes.map((type) => type.id));
    },
    async close() {
      if (closed) return;
      closed = true;
      await onboarding.close();
      await ledger.close();
      await backend.close();
    },
  };
}
