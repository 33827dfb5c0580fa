/**
 * openBackend: the Validic client for the mode the settings call for. Training (no credentials)
 * starts the embedded simulator in-process on a loopback port, its state kept in the data folder;
 * production builds the client from the credentials; incomplete credentials are a ConfigurationError.
 */
import { mkdirSync } from 'node:fs';
import { z } from 'zod';
import path from 'node:path';
import { startSimulator, type SimulatorHandle } from '../simulator/server.js';
import { ValidicClient, type ClientLogger } from '../validic/client.js';
import { resolveCredentials, type AppMode } from './credentials.js';
import { ConfigurationError } from './errors.js';
import type { DeviceType, Settings } from './settings.js';
import { loadSettings } from './store.js';

export interface Backend {
  readonly mode: AppMode;
  readonly client: ValidicClient;
  readonly settings: Settings;
  readonly deviceTypes: readonly DeviceType[];
  /** Training mode only: the embedded simulator. */
  readonly simulator?: SimulatorHandle;
  close(): Promise<void>;
}

export interface OpenBackendOptions {
  readonly dataDir: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Defaults to settings.json in the data folder. */
  readonly settings?: Settings;
  readonly logger?: ClientLogger;
}

export function trainingStateFile(dataDir: string): string {
  return path.join(dataDir, 'training', 'simulator-state.json');
}

const ReadingDelay = z.coerce.number().int().min(0).max(3_600_000);

/** IMEI_KIOSK_TRAINING_READING_MS: how long a training device takes to send its first reading (default 5 s). */
export function trainingReadingDelayMs(env: NodeJS.ProcessEnv): number {
  const raw = env.IMEI_KIOSK_TRAINING_READING_MS;
  if (raw === undefined || raw.trim() === '') return 5_000;
  const parsed = ReadingDelay.safeParse(raw);
  if (!parsed.success)
    throw new ConfigurationError(
      `IMEI_KIOSK_TRAINING_READING_MS must be a whole number of milliseconds (0 to 3600000); got "${raw}".`,
    );
  return parsed.data;
}

export async function openBackend(options: OpenBackendOptions): Promise<Backend> {
  const settings = options.settings ?? loadSettings(options.dataDir);
  const credentials = resolveCredentials(settings, options.env ?? process.env);
  const clientOptions = {
    paths: settings.validic.paths,
    timeoutMs: settings.client.timeoutMs,
    retries: settings.client.retries,
    concurrency: settings.client.concurrency,
    rateLimit: settings.rateLimit,
    ...(options.logger ? { logger: options.logger } : {}),
  };

  switch (credentials.mode) {
    case 'incomplete':
      throw new ConfigurationError(`Production settings are incomplete: ${credentials.problems.join('; ')}.`);
    case 'production': {
      const client = new ValidicClient({
        ...clientOptions,
        orgId: credentials.orgId,
        orgToken: credentials.token,
        apiBase: credentials.apiBase,
        directBase: credentials.directBase,
      });
      return { mode: 'production', client, settings, deviceTypes: settings.deviceTypes, close: async () => {} };
    }
    case 'training': {
      const stateFile = trainingStateFile(options.dataDir);
      mkdirSync(path.dirname(stateFile), { recursive: true, mode: 0o700 });
      // Training answers as Validic's published material does (sources by type, late), and a connected
      // device sends its first reading a few seconds after the connect, so the whole flow can be tried.
      const simulator = await startSimulator({
        stateFile,
        deviceTypes: settings.deviceTypes.map((d) => d.id),
        rateLimit: settings.rateLimit,
        profile: 'published',
        firstReadingDelayMs: trainingReadingDelayMs(options.env ?? process.env),
      });
      const client = new ValidicClient({
        ...clientOptions,
        orgId: simulator.orgId,
        orgToken: simulator.token,
        apiBase: simulator.baseUrl,
        directBase: simulator.baseUrl,
      });
      return {
        mode: 'training',
        client,
        settings,
        deviceTypes: settings.deviceTypes,
        simulator,
        close: () => simulator.close(),
      };
    }
    default: {
      const never: never = credentials;
      throw new Error(`unknown mode ${JSON.stringify(never)}`);
    }
  }
}
