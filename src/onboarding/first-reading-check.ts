/**
 * The proof that a device works: its first reading on Validic (source.device.id = the IMEI),
 * looked for once or polled for a while within the verification share of the budget, and journaled
 * when found. A reading also settles a job whose connect's answers were lost.
 */
import type { JobView } from '../ledger/job-index.js';
import { englishProblem } from '../messages/index.js';
import { ValidicError } from '../validic/errors.js';
import type { Reading } from '../validic/schemas.js';
import { firstReadingWindow, matchFirstReading, type FirstReadingResult } from './first-reading.js';
import { reasonOf, type JobJournal } from './job-journal.js';

export interface ConfirmOptions {
  readonly waitMs: number;
  readonly signal?: AbortSignal;
  readonly onPoll?: (polls: number) => void;
}

export class FirstReadings {
  constructor(
    private readonly journal: JobJournal,
    /** First-reading polls are at least this far apart (Validic's budget is shared). */
    private readonly minPollMs: number,
  ) {}

  /**
   * Looks once for the device's first reading on Validic (source.type smart_meter, source.device.id
   * = the IMEI) and journals it when found. A job that already has one answers without a call.
   */
  async check(uid: string, imei: string): Promise<FirstReadingResult> {
    const journal = this.journal;
    const unconfirmed = this.unconfirmedJob(uid, imei);
    const job = this.boundJob(uid, imei) ?? unconfirmed;
    if (job?.confirmedAt !== undefined && job.firstReading)
      return { confirmed: true, confirmedAt: job.confirmedAt, reading: job.firstReading, calls: 0 };
    const window = firstReadingWindow(job?.connectedAt, new Date());
    const page = await journal.call(
      job,
      'get_readings',
      () => journal.client.getReadings(uid, window.startDate, window.endDate),
      uid,
    );
    const found: Reading | undefined = matchFirstReading(page.data, imei, job?.connectedAt);
    if (!found) return { confirmed: false, calls: 1 };
    const reading = {
      readingId: found.id.slice(0, 254),
      takenAt: found.start_time,
      metrics: found.metrics
        .slice(0, 32)
        .map((m) => ({ type: m.type.slice(0, 64), unit: m.unit.slice(0, 32), value: m.value })),
    };
    const record = await journal.ledger.append({
      type: 'first_reading',
      uid,
      imei,
      ...reading,
      ...(job ? { jobId: job.jobId } : {}),
    });
    if (unconfirmed && job === unconfirmed) {
      // The reading proves what the lost answers could not: the device is connected to this patient.
      await journal.transition(unconfirmed.jobId, 'connected', reasonOf(englishProblem('confirmed_by_reading', {})));
    }
    return { confirmed: true, confirmedAt: record.ts, reading, calls: 1 };
  }

  /**
   * Waits up to `waitMs` for the device's first reading, polling at most every `minPollMs`
   * within the verification share of the budget. Stops early on `signal`.
   */
  async confirm(uid: string, imei: string, options: ConfirmOptions): Promise<FirstReadingResult> {
    const pollMs = Math.max(1, this.minPollMs);
    const giveUpAt = Date.now() + Math.max(0, options.waitMs);
    let calls = 0;
    for (let polls = 1; ; polls++) {
      let nextAt = Date.now() + pollMs;
      try {
        const result = await this.check(uid, imei);
        calls += result.calls;
        if (result.confirmed) return { ...result, calls };
      } catch (error) {
        if (!(error instanceof ValidicError) || !error.retryable) throw error;
        calls++;
        if (error.retryAt !== undefined) nextAt = Math.max(nextAt, error.retryAt);
      }
      options.onPoll?.(polls);
      if (nextAt >= giveUpAt || options.signal?.aborted) return { confirmed: false, calls };
      await sleepUntil(nextAt, options.signal);
      if (options.signal?.aborted) return { confirmed: false, calls };
    }
  }

  /** A job for this IMEI and patient left for a person because its connect's answers were lost (a reading settles it). */
  private unconfirmedJob(uid: string, imei: string): JobView | undefined {
    return this.journal
      .jobsByImei(imei)
      .find(
        (j) =>
          j.uid === uid &&
          j.state === 'needs_attention' &&
          (j.reasonKind === 'connect_unconfirmed' || j.reasonKind === 'resend_refused'),
      );
  }

  /** The job that bound this IMEI to this patient (the latest), if this journal has one. */
  private boundJob(uid: string, imei: string): JobView | undefined {
    return this.journal
      .jobsByImei(imei)
      .filter((j) => j.uid === uid && j.connectedAt !== undefined)
      .sort((a, b) => b.intentSeq - a.intentSeq)[0];
  }
}

function sleepUntil(at: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, Math.max(0, at - Date.now()));
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
