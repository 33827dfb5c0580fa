/**
 * The engine's journal as pushed events: each job as it is journaled, and the queue at most 4
 * times a second (a batch journals many records a second; the screen needs the counts, not each).
 */
import type { KioskEngine } from '../onboarding/engine.js';
import type { HostEvents } from './host-events.js';
import { queueNow } from './outcomes.js';
import { jobSummary } from './views/job-summary.js';

const QUEUE_EVENT_INTERVAL_MS = 250;

export function pushEngineEvents(engine: KioskEngine, events: HostEvents): () => void {
  let queueTimer: ReturnType<typeof setTimeout> | undefined;
  const off = engine.onboarding.subscribe((job) => {
    events.emit('jobs.changed', jobSummary(job));
    queueTimer ??= setTimeout(() => {
      queueTimer = undefined;
      events.emit('queue.changed', queueNow(engine));
    }, QUEUE_EVENT_INTERVAL_MS);
  });
  return () => {
    off();
    if (queueTimer) clearTimeout(queueTimer);
  };
}
