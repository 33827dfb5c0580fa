/** The host's pushed events: one emitter the window subscribes to. */
import type { z } from 'zod';
import type { KioskEvents } from '../ipc/contract.js';

export type KioskEventName = keyof KioskEvents & string;
export type KioskEventListener = <K extends KioskEventName>(event: K, payload: z.input<KioskEvents[K]>) => void;

export class HostEvents {
  private readonly listeners = new Set<KioskEventListener>();

  /** Returns an unsubscribe. */
  on(listener: KioskEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  readonly emit: KioskEventListener = (event, payload) => {
    this.listeners.forEach((listener) => listener(event, payload));
  };

  clear(): void {
    this.listeners.clear();
  }
}
