/**
 * Hot-plug for serial devices: serialport has no plug-in event, so the watcher polls the port
 * list (never more often than once a second) and re-polls at once when a port it knows reports
 * `close`. A newly attached modem port has its IMEI read and offered, for the main process to
 * forward to the UI.
 */
import { EventEmitter } from 'node:events';
import type { SerialPortStream } from '@serialport/stream';
import { z } from 'zod';
import { maskImei } from '../imei/format.js';
import { watchDevicePresence } from './device-presence.js';
import type { SerialError } from './errors.js';
import { readModemImei, type ModemReadResult, type ModemReadSuccess } from './modem-reader.js';
import { discoverPorts, type DiscoveredPort, type PortListResult } from './port-discovery.js';

export const PortWatcherSettings = z.object({
  pollIntervalMs: z.number().int().min(1_000, 'poll at most once a second: each poll runs udevadm').default(2_000),
  /** Read the IMEI of every modem port that appears. */
  autoRead: z.boolean().default(true),
});
export type PortWatcherSettings = z.input<typeof PortWatcherSettings>;

export interface ImeiOffer {
  readonly port: DiscoveredPort;
  readonly read: ModemReadSuccess;
}

interface PortWatcherEvents {
  attached: [DiscoveredPort];
  detached: [DiscoveredPort];
  imei: [ImeiOffer];
  'read-failed': [{ readonly port: DiscoveredPort; readonly error: SerialError }];
  /** The list itself failed (udevadm missing…); the watcher keeps polling. */
  'list-failed': [SerialError];
  /** Every successful poll, after attached/detached: the ports now (for holders of open ports to reconcile). */
  polled: [readonly DiscoveredPort[]];
}

export interface PortWatcherDependencies {
  readonly discover?: () => Promise<PortListResult>;
  readonly readImei?: (path: string) => Promise<ModemReadResult>;
  readonly log?: (message: string) => void;
}

/** One physical device: its ports share vendor, product and serial number. */
function deviceKey(port: DiscoveredPort): string {
  return port.serialNumber === null ? port.path : `${port.vendorId}:${port.productId}:${port.serialNumber}`;
}

function portKey(port: DiscoveredPort): string {
  return `${port.path}|${deviceKey(port)}`;
}

export class PortWatcher extends EventEmitter<PortWatcherEvents> {
  private readonly settings: z.output<typeof PortWatcherSettings>;
  private readonly discover: () => Promise<PortListResult>;
  private readonly readImei: (path: string) => Promise<ModemReadResult>;
  private readonly log: (message: string) => void;
  private known = new Map<string, DiscoveredPort>();
  private readonly reads = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private pollAgain = false;

  constructor(settings: PortWatcherSettings = {}, dependencies: PortWatcherDependencies = {}) {
    super();
    this.settings = PortWatcherSettings.parse(settings);
    this.discover = dependencies.discover ?? (() => discoverPorts());
    this.readImei = dependencies.readImei ?? ((path) => readModemImei({ path }));
    this.log = dependencies.log ?? (() => undefined);
  }

  /** The ports attached as of the last poll. */
  get ports(): readonly DiscoveredPort[] {
    return [...this.known.values()];
  }

  start(): void {
    if (this.timer) return;
    void this.poll();
    this.timer = setInterval(() => void this.poll(), this.settings.pollIntervalMs);
  }

  /** Stops polling and waits for reads in progress to finish. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.polling;
    await Promise.all([...this.reads]);
  }

  /**
   * A port the kiosk holds open: its `close` (unplug), or its device node vanishing when no close
   * comes, triggers a poll now rather than at the next tick.
   */
  watchOpenPort(port: SerialPortStream, path: string): void {
    const stopWatching = watchDevicePresence(path, () => void this.poll());
    port.once('close', () => {
      stopWatching();
      void this.poll();
    });
  }

  /** One poll: diff the list, emit attached/detached, start IMEI reads. Polls never overlap. */
  poll(): Promise<void> {
    if (this.polling) {
      this.pollAgain = true;
      return this.polling;
    }
    this.polling = (async () => {
      do {
        this.pollAgain = false;
        await this.pollOnce();
      } while (this.pollAgain);
    })().finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    const listed = await this.discover();
    if (!listed.ok) {
      this.emit('list-failed', listed.error);
      return;
    }
    const current = new Map(listed.ports.map((port) => [portKey(port), port]));
    const removed = [...this.known].filter(([key]) => !current.has(key)).map(([, port]) => port);
    const added = [...current].filter(([key]) => !this.known.has(key)).map(([, port]) => port);
    // The list is current before anyone hears of a change, so listeners may read `ports`.
    this.known = current;
    for (const port of removed) this.emit('detached', port);
    for (const port of added) this.emit('attached', port);
    if (this.settings.autoRead) this.readNewModems(added);
    this.emit('polled', this.ports);
  }

  /** Tries a new device's AT-capable ports one after the other until one gives its IMEI. */
  private readNewModems(added: readonly DiscoveredPort[]): void {
    const byDevice = new Map<string, DiscoveredPort[]>();
    for (const port of added.filter((p) => p.kind === 'modem' && p.atCapable)) {
      byDevice.set(deviceKey(port), [...(byDevice.get(deviceKey(port)) ?? []), port]);
    }
    for (const ports of byDevice.values()) {
      const read: Promise<void> = (async () => {
        for (const port of ports) {
          if (!this.known.has(portKey(port))) return; // unplugged meanwhile
          const result = await this.readImei(port.stablePath ?? port.path);
          if (result.ok) {
            this.log(`IMEI ${maskImei(result.imei)} read from ${port.path} (${Math.round(result.ms)} ms)`);
            this.emit('imei', { port, read: result });
            return;
          }
          this.emit('read-failed', { port, error: result.error });
          if (result.error.kind === 'disconnected') {
            void this.poll();
            return;
          }
        }
      })().finally(() => this.reads.delete(read));
      this.reads.add(read);
    }
  }
}
