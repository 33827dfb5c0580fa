/**
 * The queue worker: picks up every open job the journal holds (ready, queued when due, connecting
 * after a crash), a bounded number at a time; runs the type-level checks the service owes connected
 * jobs only when no connect is waiting and the budget has room; pauses everything on `unauthorized`
 * until resumed.
 */
import type { JobView } from '../ledger/job-index.js';
import type { Ledger } from '../ledger/ledger.js';
import type { LedgerRecord } from '../ledger/records.js';
import type { BudgetSnapshot } from '../validic/budget.js';
import type { ValidicClient } from '../validic/client.js';
import type { OnboardResult } from './onboard-result.js';
import type { ProblemKind } from './problems.js';
import { isSending } from './transitions.js';
import type { OwedCheck } from './verification.js';

export interface QueueStatus {
  /** Jobs the worker still has to connect (ready, connecting, queued), of this mode. */
  readonly depth: number;
  /** Open jobs of the other mode (or of none): never sent in this mode; they wait. */
  readonly otherMode: number;
  /** Age of the oldest of those, ms; null when there are none. */
  readonly oldestAgeMs: number | null;
  readonly inFlight: number;
  /** Why the queue is paused (unauthorized), or null. */
  readonly paused: string | null;
  /** The kind of that reason, for a translated text. */
  readonly pausedKind: ProblemKind | null;
  /** The earliest time a queued job is due. */
  readonly nextAttemptAt: string | null;
  /** Connected jobs still owed a type-level check in this session. */
  readonly unverified: number;
  readonly budget: BudgetSnapshot;
  /** The last unexpected failure (a ledger write, a bug), if any. */
  readonly lastError: string | null;
}

export interface WorkerOptions {
  readonly concurrency: number;
  readonly verifyReserve: number;
}

/** What the worker drives: the onboarding service's journal, budget and rooms, without knowing the service. */
export interface WorkerHost {
  readonly ledger: Pick<Ledger, 'openJobs'>;
  readonly client: Pick<ValidicClient, 'budget'>;
  sendsInThisMode(job: JobView): boolean;
  job(jobId: string): JobView | undefined;
  resultOf(job: JobView): OnboardResult;
  attempt(jobId: string): Promise<OnboardResult>;
  verify(jobId: string): Promise<JobView>;
  verificationsOwed(): ReadonlyMap<string, OwedCheck>;
  subscribe(listener: (job: JobView, record: LedgerRecord) => void): () => void;
}

export class QueueWorker {
  private running = false;
  private paused: string | null = null;
  private pausedKind: ProblemKind | null = null;
  private readonly inFlight = new Map<string, Promise<OnboardResult | JobView>>();
  /** IMEIs overrides are moving between patients: how many, and their end. No attempt starts on their jobs meanwhile. */
  private readonly holds = new Map<
    string,
    { count: number; readonly ended: Promise<void>; readonly end: () => void }
  >();
  private verifying = 0;
  private timer: NodeJS.Timeout | undefined;
  private scheduled = false;
  private lastError: string | null = null;
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly service: WorkerHost,
    private readonly options: WorkerOptions,
  ) {}

  start(): void {
    this.running = true;
    this.kick();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.inFlight.values()]);
  }

  pause(reason: string, kind: ProblemKind): void {
    this.paused = reason;
    this.pausedKind = kind;
    this.notify();
  }

  resume(): void {
    this.paused = null;
    this.pausedKind = null;
    this.kick();
  }

  /**
   * Keeps attempts off the jobs of `imei` until the returned release is called: an override cancels
   * a queued holder, which must not turn `connecting` between the override's check and its cancel.
   */
  hold(imei: string): () => void {
    let hold = this.holds.get(imei);
    if (!hold) {
      let end!: () => void;
      const ended = new Promise<void>((resolve) => (end = resolve));
      hold = { count: 0, ended, end };
      this.holds.set(imei, hold);
    }
    const mine = hold;
    mine.count++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--mine.count > 0) return;
      this.holds.delete(imei);
      mine.end();
      this.kick();
    };
  }

  /** An attempt or a check of this job is running now. */
  isRunning(jobId: string): boolean {
    return this.inFlight.has(jobId);
  }

  /**
   * Runs one job now (an operator is waiting), whatever the queue's order; joins a run already
   * going, and waits out an override moving its IMEI (then runs it as that left it).
   */
  runNow(jobId: string): Promise<OnboardResult> {
    const going = this.inFlight.get(jobId);
    if (going) return going.then(() => this.service.resultOf(this.service.job(jobId)!));
    const job = this.service.job(jobId);
    const held = job && this.holds.get(job.imei);
    if (held) return held.ended.then(() => this.runNow(jobId));
    const run = this.track(jobId, this.service.attempt(jobId));
    return run.then((result) => {
      if (result.outcome === 'connected' && this.paused) this.resume();
      return result;
    });
  }

  /** Runs the type-level check a connected job is owed now (if any), or joins the run already going for it. */
  async verifyNow(jobId: string): Promise<JobView | undefined> {
    const going = this.inFlight.get(jobId);
    if (going) await going.catch(() => undefined);
    else if (this.service.verificationsOwed().has(jobId)) await this.track(jobId, this.service.verify(jobId));
    return this.service.job(jobId);
  }

  /** Resolves when nothing is in flight and no open job is due now (for tests and the CLI: an event, not a sleep). */
  idle(): Promise<void> {
    return this.until(() => {
      if (this.inFlight.size > 0 || this.scheduled) return false;
      if (this.paused !== null) return true;
      const now = Date.now();
      const dueWork = this.service.ledger
        .openJobs()
        .some(
          (j) =>
            isSending(j.state) &&
            this.service.sendsInThisMode(j) &&
            (j.state !== 'queued' || j.nextAttemptAt === undefined || Date.parse(j.nextAttemptAt) <= now),
        );
      const dueChecks = [...this.service.verificationsOwed().values()].some((v) => v.dueAt <= now);
      return !dueWork && !(dueChecks && !this.verificationDeferred());
    });
  }

  /** Schedules a pass over the journal's open jobs. */
  kick(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  /** Resolves once `done()` holds, re-checked after every job change and pass. */
  until(done: () => boolean): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (done()) {
          this.waiters.delete(check);
          unsubscribe();
          resolve();
        }
      };
      const unsubscribe = this.service.subscribe(check);
      this.waiters.add(check);
    });
  }

  /** True while the budget is too low for verification (it waits; connects go first). */
  verificationDeferred(): boolean {
    const budget = this.service.client.budget.snapshot();
    return budget.remaining - this.inFlight.size - this.options.verifyReserve <= 0;
  }

  status(): QueueStatus {
    const now = Date.now();
    const open = this.service.ledger.openJobs();
    const work = open.filter((j) => isSending(j.state) && this.service.sendsInThisMode(j));
    const queuedTimes = work
      .filter((j) => j.state === 'queued' && j.nextAttemptAt)
      .map((j) => j.nextAttemptAt!)
      .sort();
    return {
      depth: work.length,
      otherMode: open.filter((j) => !this.service.sendsInThisMode(j)).length,
      oldestAgeMs: work.length > 0 ? now - Date.parse(work[0]!.createdAt) : null,
      inFlight: this.inFlight.size,
      paused: this.paused,
      pausedKind: this.pausedKind,
      nextAttemptAt: queuedTimes[0] ?? null,
      unverified: this.service.verificationsOwed().size,
      budget: this.service.client.budget.snapshot(),
      lastError: this.lastError,
    };
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  private track<T extends OnboardResult | JobView>(jobId: string, run: Promise<T>): Promise<T> {
    this.inFlight.set(jobId, run);
    run
      .catch((error: unknown) => {
        this.lastError = error instanceof Error ? error.message : String(error);
      })
      .finally(() => {
        this.inFlight.delete(jobId);
        this.kick();
        this.notify();
      });
    return run;
  }

  private pump(): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const now = Date.now();
    let wakeAt = Number.POSITIVE_INFINITY;
    let connectWaiting = false;
    const open = this.service.ledger.openJobs();

    if (this.paused === null) {
      for (const job of open) {
        if (!isSending(job.state) || this.inFlight.has(job.jobId) || !this.service.sendsInThisMode(job)) continue;
        if (this.holds.has(job.imei)) continue;
        const due = job.state !== 'queued' || job.nextAttemptAt === undefined ? now : Date.parse(job.nextAttemptAt);
        if (due > now) {
          wakeAt = Math.min(wakeAt, due);
          continue;
        }
        if (this.inFlight.size >= this.options.concurrency) {
          connectWaiting = true;
          break;
        }
        this.track(job.jobId, this.service.attempt(job.jobId));
      }

      if (!connectWaiting) {
        const budget = this.service.client.budget.snapshot();
        let room = budget.remaining - this.inFlight.size - this.options.verifyReserve;
        if (room <= 0 && budget.nextSlotAt !== null) wakeAt = Math.min(wakeAt, budget.nextSlotAt);
        if (room <= 0 && budget.nextSlotAt === null) wakeAt = Math.min(wakeAt, now + 1_000);
        const maxVerifying = Math.max(1, Math.floor(this.options.concurrency / 2));
        for (const [jobId, owed] of this.service.verificationsOwed()) {
          if (room <= 0 || this.verifying >= maxVerifying || this.inFlight.size >= this.options.concurrency) break;
          if (this.inFlight.has(jobId)) continue;
          if (owed.dueAt > now) {
            wakeAt = Math.min(wakeAt, owed.dueAt);
            continue;
          }
          this.verifying++;
          room--;
          const run = this.service.verify(jobId).finally(() => this.verifying--);
          this.track(jobId, run);
        }
      }
    }

    if (Number.isFinite(wakeAt)) this.timer = setTimeout(() => this.pump(), Math.max(10, wakeAt - now));
    this.notify();
  }
}
