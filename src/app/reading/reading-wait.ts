/**
 * The station's wait for a device's first reading (a clinic desk: the patient takes one at the
 * counter). One wait at a time: a station serves one patient, so a new wait stops the last, and the
 * screen stops it when it moves on (the next scan, another screen). The engine paces the looks.
 */
import type { ReadingWaitResult } from '../../ipc/schemas.js';
import type { FirstReadingResult } from '../../onboarding/first-reading.js';

export interface ReadingSubject {
  readonly jobId: string;
  readonly uid: string;
  readonly imei: string;
}

export interface ReadingProgress {
  readonly jobId: string;
  readonly polls: number;
  readonly startedAt: string;
  readonly giveUpAt: string;
}

/** The engine's confirmFirstReading, as the wait uses it. */
export type ConfirmReading = (
  uid: string,
  imei: string,
  options: { waitMs: number; signal?: AbortSignal; onPoll?: (polls: number) => void },
) => Promise<FirstReadingResult>;

export class ReadingWait {
  private current: { jobId: string; stop: AbortController } | undefined;

  constructor(private readonly onProgress: (progress: ReadingProgress) => void) {}

  async wait(subject: ReadingSubject, waitSeconds: number, confirm: ConfirmReading): Promise<ReadingWaitResult> {
    this.stop();
    const mine = { jobId: subject.jobId, stop: new AbortController() };
    this.current = mine;
    const startedAt = new Date();
    const giveUpAt = new Date(startedAt.getTime() + waitSeconds * 1000);
    try {
      const result = await confirm(subject.uid, subject.imei, {
        waitMs: waitSeconds * 1000,
        signal: mine.stop.signal,
        onPoll: (polls) => {
          if (!mine.stop.signal.aborted)
            this.onProgress({
              jobId: subject.jobId,
              polls,
              startedAt: startedAt.toISOString(),
              giveUpAt: giveUpAt.toISOString(),
            });
        },
      });
      if (result.confirmed && result.reading && result.confirmedAt) {
        return {
          status: 'confirmed',
          jobId: subject.jobId,
          confirmedAt: result.confirmedAt,
          reading: { ...result.reading, metrics: result.reading.metrics.map((m) => ({ ...m })) },
          calls: result.calls,
        };
      }
      return { status: mine.stop.signal.aborted ? 'stopped' : 'no_reading', jobId: subject.jobId, calls: result.calls };
    } finally {
      if (this.current === mine) this.current = undefined;
    }
  }

  /** Stops the wait (only if it is this job's, when one is named); true if one was stopped. */
  stop(jobId?: string): boolean {
    const current = this.current;
    if (!current || (jobId !== undefined && current.jobId !== jobId)) return false;
    current.stop.abort();
    this.current = undefined;
    return true;
  }
}
