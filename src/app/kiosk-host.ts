/**
 * The kiosk's engine host: opens the engine for the data folder, answers every channel of the
 * contract through one dispatcher, and pushes engine events. The Electron main process, the e2e
 * harness and the browser dev host all run this same object; only the transport differs.
 *
 * Composition only: the state lives in host-state.ts, each namespace's handlers in handlers/, the
 * access guard in access-guard.ts.
 */
import type { Settings } from '../config/settings.js';
import { loadSettings } from '../config/store.js';
import { contract, type KioskContract } from '../ipc/contract.js';
import { createDispatcher, type Dispatcher } from '../ipc/dispatcher.js';
import { openKioskEngine, type KioskEngine, type KioskEngineOptions } from '../onboarding/engine.js';
import { usbMatchesWith, type ScannerFramingSetting } from '../serial/serial-profile.js';
import type { UsbDeviceMatch } from '../serial/usb-ids.js';
import { accessGuard } from './access-guard.js';
import { pushEngineEvents } from './engine-events.js';
import { appHandlers } from './handlers/app-info.js';
import { batchHandlers } from './handlers/batch.js';
import { disconnectHandlers } from './handlers/disconnect.js';
import { exportsHandlers } from './handlers/exports.js';
import { imeiHandlers } from './handlers/imei.js';
import { jobsHandlers } from './handlers/jobs.js';
import { onboardHandlers } from './handlers/onboard.js';
import { queueHandlers } from './handlers/queue.js';
import { readingHandlers } from './handlers/reading.js';
import { serialHandlers } from './handlers/serial.js';
import { authHandlers, pinChecks, sessionHandlers } from './handlers/session.js';
import { settingsHandlers } from './handlers/settings.js';
import type { KioskEventListener } from './host-events.js';
import { HostState } from './host-state.js';
import { SerialOffers } from './serial/serial-offers.js';
import type { CredentialStore } from './session/credential-store.js';
import type { PinLockOptions } from './session/pin-attempts.js';

export type { KioskEventListener, KioskEventName } from './host-events.js';

export interface SerialProfile {
  /** Modems (UART modules; USB CDC ignores it). */
  readonly baudRate: number;
  readonly scannerBaudRate: number;
  readonly scannerFraming: ScannerFramingSetting;
  /** The station's extra USB ids, then the built-in list. */
  readonly usbMatches: readonly UsbDeviceMatch[];
}

export interface KioskHostOptions {
  readonly dataDir: string;
  readonly version: string;
  readonly name?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly credentials: CredentialStore;
  readonly serial?: SerialOffers;
  /** Engine tuning for tests and benches (worker timing, station name). */
  readonly engine?: Partial<Omit<KioskEngineOptions, 'dataDir' | 'env' | 'settings'>>;
  /** Called with a handler's unexpected exception (for the log); the renderer gets a generic error. */
  readonly onHandlerError?: (channel: string, error: unknown) => void;
  /** Wrong PINs (within a window) before PIN checks lock, and for how long (pin-attempts.ts defaults: 5 in 5 min, 1 min). */
  readonly pinLock?: PinLockOptions;
}

export interface KioskHost {
  readonly dispatcher: Dispatcher<KioskContract>;
  readonly serial: SerialOffers;
  engine(): KioskEngine;
  /** Engine events for the window; returns an unsubscribe. */
  onEvent(listener: KioskEventListener): () => void;
  /** Jobs still in flight (for the close confirmation). */
  inFlight(): number;
  /** The station's serial profile as saved now: the serial watch reads it at every poll, so a change applies without a restart. */
  serialProfile(): SerialProfile;
  close(): Promise<void>;
}

export async function openKioskHost(options: KioskHostOptions): Promise<KioskHost> {
  const serial = options.serial ?? new SerialOffers();

  /** The engine with the settings saved now and the organization's credentials from their store. */
  async function openEngine(): Promise<KioskEngine> {
    const stored = await options.credentials.read();
    const base = loadSettings(options.dataDir);
    const settings: Settings = stored
      ? { ...base, validic: { ...base.validic, orgId: stored.orgId, token: stored.token } }
      : base;
    return openKioskEngine({
      ...options.engine,
      dataDir: options.dataDir,
      settings,
      ...(options.env ? { env: options.env } : {}),
    });
  }

  const state: HostState = new HostState(options, {
    open: openEngine,
    watch: (engine) => pushEngineEvents(engine, state.events),
  });
  await state.start();
  const { emit } = state.events;
  const serialEvents = [
    serial.onOffer((offer) => emit('serial.offer', offer)),
    serial.onChange(() => emit('serial.changed', serial.status())),
    serial.onScan((scan) => emit('serial.scan', scan)),
  ];

  const pins = pinChecks(state);
  const guarded = accessGuard(state, pins);
  const dispatcher = createDispatcher(
    contract,
    {
      imei: imeiHandlers(),
      app: appHandlers(state),
      session: sessionHandlers(state, pins),
      auth: authHandlers(state, pins),
      settings: settingsHandlers(state, pins),
      onboard: onboardHandlers(state),
      jobs: jobsHandlers(state),
      queue: queueHandlers(state),
      batch: batchHandlers(state),
      exports: exportsHandlers(state),
      disconnect: disconnectHandlers(state),
      serial: serialHandlers(serial),
      reading: readingHandlers(state),
    },
    {
      // A call that arrives while the engine reopens (a settings save) waits for the new engine.
      guard: async (access, request, channel) => {
        await state.settled();
        return guarded(access, request, channel);
      },
      ...(options.onHandlerError ? { onHandlerError: options.onHandlerError } : {}),
    },
  );

  return {
    dispatcher,
    serial,
    engine: () => state.engine(),
    onEvent: (listener) => state.events.on(listener),
    inFlight: () => state.engine().onboarding.queueStatus().inFlight,
    serialProfile: () => {
      const station = state.station();
      return {
        baudRate: station.serialBaud,
        scannerBaudRate: station.scannerBaud,
        scannerFraming: station.scannerFraming,
        usbMatches: usbMatchesWith(station.extraUsbDevices),
      };
    },
    async close() {
      serialEvents.forEach((off) => off());
      await state.close();
    },
  };
}
