/**
 * The host's small mutable state: the engine of now (reopened after a settings change), the
 * station's settings as saved, who is signed in, the open batch, the first-reading wait and the
 * event emitter. Handlers read and change it only through these accessors, so every change of
 * engine, session or batch happens in one place.
 */
import type { KioskEngine } from '../onboarding/engine.js';
import { BatchRun } from '../onboarding/batch.js';
import type { Order } from '../onboarding/orders-csv.js';
import { HostEvents } from './host-events.js';
import { ReadingWait } from './reading/reading-wait.js';
import type { CredentialStore } from './session/credential-store.js';
import { createPinAttempts, type PinAttempts, type PinLockOptions } from './session/pin-attempts.js';
import { openPinLockoutStore } from './session/pin-lockout-store.js';
import { loadStationSettings, saveStationSettings, type StationSettings } from './session/station-settings.js';

/** What the host was opened with that handlers read (never changes). */
export interface HostConfig {
  readonly dataDir: string;
  readonly version: string;
  readonly name?: string | undefined;
  readonly credentials: CredentialStore;
  readonly pinLock?: PinLockOptions | undefined;
  /** Called with an unexpected exception (for the log), e.g. a failed pin_failed journal append. */
  readonly onHandlerError?: ((channel: string, error: unknown) => void) | undefined;
}

export interface HostHooks {
  /** A fresh engine for the data folder and the settings saved now. */
  open(): Promise<KioskEngine>;
  /** Starts pushing the engine's events; returns the stop. */
  watch(engine: KioskEngine): () => void;
}

export interface Session {
  readonly operator: string;
  readonly signedInAt: string;
}

export interface OpenBatch {
  readonly run: BatchRun;
  readonly fileName?: string;
}

export class HostState {
  readonly events = new HostEvents(() => this.sessionNow !== undefined);
  readonly readingWait = new ReadingWait((progress) => this.events.emit('reading.progress', progress));
  readonly pinAttempts: PinAttempts;
  private engineNow: KioskEngine | undefined;
  private stationNow: StationSettings;
  private sessionNow: Session | undefined;
  private batchNow: OpenBatch | undefined;
  private unwatch: () => void = () => {};
  private reopening: Promise<void> | undefined;

  constructor(
    readonly config: HostConfig,
    private readonly hooks: HostHooks,
  ) {
    this.stationNow = loadStationSettings(config.dataDir);
    // Wrong PINs are counted in a file (a restart does not reset a lockout) and each is journaled.
    this.pinAttempts = createPinAttempts({
      ...config.pinLock,
      store: openPinLockoutStore(config.dataDir),
      journal: (record) => this.engine().ledger.append(record),
      station: () => this.engine().station,
      onJournalError: (error) => config.onHandlerError?.('pin_failed', error),
    });
  }

  async start(): Promise<void> {
    this.engineNow = await this.hooks.open();
    this.unwatch = this.hooks.watch(this.engineNow);
  }

  engine(): KioskEngine {
    if (!this.engineNow) throw new Error('The kiosk host has not started.');
    return this.engineNow;
  }

  station(): StationSettings {
    return this.stationNow;
  }

  /** Writes the station's settings and keeps what was written (the file is the truth). */
  saveStation(next: StationSettings): StationSettings {
    this.stationNow = saveStationSettings(this.config.dataDir, next);
    return this.stationNow;
  }

  operator(): string | undefined {
    return this.sessionNow?.operator;
  }

  session(): Session | undefined {
    return this.sessionNow;
  }

  signIn(operator: string): Session {
    this.sessionNow = { operator, signedInAt: new Date().toISOString() };
    return this.sessionNow;
  }

  /** Ends the session and any wait for a reading (its patient is no longer at the counter). */
  signOut(): boolean {
    const was = this.sessionNow !== undefined;
    this.readingWait.stop();
    this.sessionNow = undefined;
    return was;
  }

  batch(): OpenBatch | undefined {
    return this.batchNow;
  }

  openBatch(batchId: string, orders: readonly Order[], by: string, fileName?: string): OpenBatch {
    this.batchNow = {
      run: new BatchRun(this.engine().onboarding, batchId, orders, by),
      ...(fileName ? { fileName } : {}),
    };
    return this.batchNow;
  }

  closeBatch(): void {
    this.batchNow = undefined;
  }

  /**
   * The open batch over the engine of now, read again from its journal (after the engine was
   * reopened: the old run's service is closed). The pace for its ETA starts again from here.
   */
  private reloadBatch(): void {
    const open = this.batchNow;
    if (open)
      this.batchNow = {
        ...open,
        run: new BatchRun(this.engine().onboarding, open.run.batchId, open.run.orders, open.run.by),
      };
  }

  /**
   * A fresh engine after a settings change: the engine of now is closed, then one is opened with the
   * settings saved now; until it is open, settled() keeps new calls waiting (in between there is only
   * a closed engine). `keepBatch`: a station or base URL change keeps the mode, so the open batch
   * goes on (its orders and jobs are in the journal); a switch between training and production
   * closes it, since its jobs belong to the other mode.
   */
  reopenEngine(keepBatch = false): Promise<void> {
    const run = this.reopenNow(keepBatch);
    const over = run.then(
      () => undefined,
      () => undefined,
    );
    this.reopening = over;
    void over.then(() => {
      if (this.reopening === over) this.reopening = undefined;
    });
    return run;
  }

  /** Resolves once no reopen is under way (at once when none is). */
  async settled(): Promise<void> {
    while (this.reopening) await this.reopening;
  }

  private async reopenNow(keepBatch: boolean): Promise<void> {
    this.readingWait.stop();
    this.unwatch();
    const engine = this.engine();
    const mode = engine.mode;
    const keep = keepBatch ? this.batchNow : undefined;
    this.batchNow = undefined;
    await engine.close();
    this.engineNow = await this.hooks.open();
    this.unwatch = this.hooks.watch(this.engineNow);
    if (keep && this.engineNow.mode === mode) {
      this.batchNow = keep;
      this.reloadBatch();
    }
  }

  async close(): Promise<void> {
    this.readingWait.stop();
    this.unwatch();
    this.events.clear();
    await this.engineNow?.close();
  }
}
