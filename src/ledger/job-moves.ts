/**
 * The job state machine's moves. The journal refuses any other (history-check.ts), whoever writes
 * it; the engine asks `canTransition` first (src/onboarding/transitions.ts) to say why to a person.
 */
import type { JobState } from './records.js';

export const transitionTable: Readonly<Record<JobState, readonly JobState[]>> = {
  captured: ['ready', 'cancelled'],
  ready: ['connecting', 'queued', 'needs_attention', 'cancelled'],
  connecting: ['connected', 'queued', 'needs_attention'],
  // A 202 is the answer: a connected job only gains the type-level check, never goes back to the queue.
  connected: ['verified'],
  verified: [],
  queued: ['connecting', 'needs_attention', 'cancelled'],
  // needs_attention → connected: the device's first reading proves a connect whose answers were lost.
  needs_attention: ['ready', 'cancelled', 'connected'],
  cancelled: [],
};

export function canTransition(from: JobState, to: JobState): boolean {
  return transitionTable[from].includes(to);
}
