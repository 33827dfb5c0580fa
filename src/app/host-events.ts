/**
 * The host's pushed events: one emitter the window subscribes to. Events that carry patient data
 * (a job's patient and reasons, a reading) go out only while someone is signed in: a signed-out
 * screen has no one to show them to, and no channel answers it with patient data either.
 */
import type { z } from 'zod';
import type { KioskEvents } from '../ipc/contract.js';

export type KioskEventName = keyof KioskEvents & string;
export type KioskEventListener = <K extends KioskEventName>(event: K, payload: z.input<KioskEvents[K]>) => void;

/** Events about a patient's job or reading; the queue's counts and serial offers carry none. */
const PATIENT_EVENTS: ReadonlySet<KioskEventName> = new Set(['jobs.changed', 'reading.progress']);

export class HostEvents {
  private readonly listeners = new Set<KioskEventListener>();

  constructor(private readonly signedIn: () => boolean) {}

  /** Returns an unsubscribe. */
  on(listener: KioskEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  readonly emit: KioskEventListener = (event, payload) => {
    if (PATIENT_EVENTS.has(event) && !this.signedIn()) return;
    this.listeners.forEach((listener) => listener(event, payload));
  };

  clear(): void {
    this.listeners.clear();
  }
}
