import { useCallback, useEffect, useState } from 'react';
import { fill } from '../i18n/messages';
import { useKiosk } from './kiosk-context';

type Cause = 'dns' | 'refused' | 'timeout' | 'network';
const CAUSES: readonly string[] = ['dns', 'refused', 'timeout', 'network'];

/**
 * Validic out of reach: a banner that stays while jobs of this mode wait for the network, with the
 * queue depth and the reason in words, on every screen. A QUEUED result alone clears with the next
 * scan, while hundreds of devices could pile up.
 */
export function OfflineBanner() {
  const { t, mode } = useKiosk();
  const [shown, setShown] = useState<{ cause: Cause; depth: number }>();

  // Only a queue with jobs waiting can be offline: the queued jobs' reasons are read only then, so a
  // station that reaches Validic pays one cheap status call per change, not a job list as well.
  const showFor = useCallback(
    (depth: number) => {
      if (depth === 0) {
        setShown(undefined);
        return;
      }
      window.kiosk.jobs.list({ filter: 'queued', limit: 200 }).then(
        ({ jobs }) => {
          const newest = jobs.find(
            (job) =>
              job.mode === mode &&
              typeof job.reasonParams?.cause === 'string' &&
              CAUSES.includes(job.reasonParams.cause),
          );
          setShown(newest ? { cause: newest.reasonParams!.cause as Cause, depth } : undefined);
        },
        () => undefined,
      );
    },
    [mode],
  );

  useEffect(() => {
    const refresh = () =>
      window.kiosk.queue.status({}).then(
        (queue) => showFor(queue.depth),
        () => undefined,
      );
    refresh();
    const offJobs = window.kiosk.on('jobs.changed', refresh);
    // The queue's own event carries its status: no call needed.
    const offQueue = window.kiosk.on('queue.changed', (queue) => showFor(queue.depth));
    return () => {
      offJobs();
      offQueue();
    };
  }, [showFor]);

  if (!shown) return null;
  return (
    <div className="offline-banner" role="alert" data-testid="offline-banner">
      <strong>
        <span aria-hidden="true">⚠ </span>
        {fill(t.modes.offline, { cause: t.modes.causes[shown.cause] })}
      </strong>{' '}
      <span>{fill(t.modes.offlineDepth, { depth: shown.depth })}</span>
    </div>
  );
}
