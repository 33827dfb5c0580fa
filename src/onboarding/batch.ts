/**
 * Batch orders: import a CSV of orders (all or nothing, journaled once per file content), then
 * scan-to-assign: each scanned IMEI goes to the order expecting it, else to the next open order.
 * A batch is identified by its file's content, and its jobs by `<batchId>.r<row>`, so running the
 * same file again after a crash resumes it: no order is assigned twice.
 */
import { createHash } from 'node:crypto';
import type { JobView } from '../ledger/job-index.js';
import type { CaptureSource, JobState } from '../ledger/records.js';
import { englishText, type MessageParams } from '../messages/index.js';
import { orderRefKey, parseOrdersCsv, type Order, type OrderRowError } from './orders-csv.js';
import type { OnboardingService, OnboardResult } from './service.js';
import { isBound } from './transitions.js';

export type ImportResult =
  | { readonly ok: true; readonly batchId: string; readonly orders: readonly Order[]; readonly resumed: boolean }
  | { readonly ok: false; readonly errors: readonly OrderRowError[] };

export function batchIdFor(text: string): string {
  return `batch-${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
}

/** Validates the whole file first; journals the orders once (a second import of the same file resumes it). */
export async function importOrders(
  service: OnboardingService,
  input: {
    readonly text: string;
    readonly source: string;
    readonly deviceTypes: readonly string[];
    readonly by?: string;
  },
): Promise<ImportResult> {
  const parsed = parseOrdersCsv(input.text, input.deviceTypes);
  if (!parsed.ok) return parsed;
  const batchId = batchIdFor(input.text);
  for await (const record of service.ledger.records()) {
    if (record.type === 'orders_import' && record.batchId === batchId)
      return { ok: true, batchId, orders: parsed.orders, resumed: true };
  }
  await service.ledger.append({
    type: 'orders_import',
    batchId,
    source: input.source.slice(0, 2000),
    ...(input.by ? { by: input.by } : {}),
    orders: parsed.orders.map((o) => ({
      row: o.row,
      uid: o.uid,
      deviceType: o.deviceType,
      ...(o.orderRef !== undefined ? { orderRef: o.orderRef } : {}),
      ...(o.expectedImei !== undefined ? { expectedImei: o.expectedImei } : {}),
    })),
  });
  return { ok: true, batchId, orders: parsed.orders, resumed: false };
}

export type ScanOutcome =
  | { readonly kind: 'assigned'; readonly order: Order; readonly job: JobView; readonly result: OnboardResult }
  | { readonly kind: 'already_connected'; readonly job: JobView }
  | { readonly kind: 'in_batch'; readonly job: JobView }
  | {
      readonly kind: 'rejected';
      /** The catalogue's English for reasonKind, filled with params. */
      readonly reason: string;
      readonly nextAction: string;
      readonly reasonKind: RejectionKind;
      /** Every value the reason's text needs, the scanned IMEI's last 4 included. */
      readonly params: Readonly<Record<string, string>>;
    };

type RejectionKind =
  | 'order_already_assigned'
  | 'no_open_order'
  | 'busy_outside_batch'
  | 'order_expects_other_device'
  | 'device_expected_by_other_order';

/** A scan no order takes, in the catalogue's words. */
function rejected<K extends RejectionKind>(
  reasonKind: K,
  params: MessageParams<K> & Readonly<Record<string, string>>,
): ScanOutcome {
  const { message, nextAction } = englishText(reasonKind, params);
  return { kind: 'rejected', reasonKind, reason: message, nextAction, params };
}

export interface BatchProgress {
  readonly orders: number;
  readonly assigned: number;
  readonly connected: number;
  readonly open: number;
  /** Estimated ms until every assigned job is connected, from the pace so far; null before any. */
  readonly etaMs: number | null;
}

const SETTLED: readonly JobState[] = ['connected', 'verified', 'needs_attention', 'cancelled'];

interface StartInput {
  readonly imei: string;
  readonly raw: string;
  /** How the IMEI was read, for the capture record. */
  readonly source: CaptureSource;
  /** Batch scans queue the job for the worker; the Onboard screen connects it now and shows the result. */
  readonly enqueueOnly: boolean;
  readonly operator?: string;
}

export class BatchRun {
  /** The job per order row; a row whose job was cancelled since (from Queue, the CLI or an override) is open again: see liveJobOf. */
  private readonly jobByRow = new Map<number, string>();
  /** Rows a job is being started for right now: taken, so two scans at once cannot both fill one. */
  private readonly startingRows = new Set<number>();
  private readonly attemptsByRow = new Map<number, number>();
  /** Scans being started right now, by IMEI: a second scan of the same device waits for the first. */
  private readonly startingByImei = new Map<string, Promise<ScanOutcome>>();
  private readonly startedAt = Date.now();
  private readonly connectedAtStart: number;

  constructor(
    private readonly service: OnboardingService,
    readonly batchId: string,
    readonly orders: readonly Order[],
    /** Who imported the orders: the operator its scans are journaled under when none is named. */
    readonly by?: string,
  ) {
    for (const job of this.jobs()) {
      const row = this.rowOf(job.jobId);
      if (row === undefined) continue;
      this.attemptsByRow.set(row, (this.attemptsByRow.get(row) ?? 0) + 1);
      if (job.state !== 'cancelled') this.jobByRow.set(row, job.jobId);
    }
    this.connectedAtStart = this.jobs().filter((j) => j.connectedAt !== undefined).length;
  }

  jobs(): JobView[] {
    return this.service.ledger.jobs().filter((j) => j.batchId === this.batchId);
  }

  /** Assigns one scanned (already validated) IMEI to an order and starts its job; `source` is how the IMEI was read. */
  async scan(imei: string, raw: string, source: CaptureSource = 'batch'): Promise<ScanOutcome> {
    // The same device scanned twice at once (a double trigger, two scanners): the second answers as
    // a scan after the first would (in the batch, or refused as the first was), never a second order.
    const pending = this.startingByImei.get(imei);
    if (pending) {
      await pending.catch(() => undefined);
      return this.scan(imei, raw, source);
    }
    const started = this.scanOnce(imei, raw, source);
    this.startingByImei.set(imei, started);
    try {
      return await started;
    } finally {
      this.startingByImei.delete(imei);
    }
  }

  private async scanOnce(imei: string, raw: string, source: CaptureSource): Promise<ScanOutcome> {
    const existing = this.existingJobOf(imei);
    if (existing) return existing;
    const order = this.orderForScan(imei);
    if (!order) {
      const expectedElsewhere = this.orders.some((o) => o.expectedImei === imei);
      return rejected(expectedElsewhere ? 'order_already_assigned' : 'no_open_order', { imeiLast4: imei.slice(-4) });
    }
    return this.start(order, { imei, raw, source, enqueueOnly: true });
  }

  /**
   * The open order a scan of this IMEI would go to, without starting it: the order expecting this
   * device, and none other while it is taken (its device must never land on another patient's
   * order); else the next open order that expects no particular device.
   */
  orderForScan(imei: string): Order | undefined {
    const expecting = this.orders.find((o) => o.expectedImei === imei);
    if (expecting) return this.isOpen(expecting) ? expecting : undefined;
    return this.orders.find((o) => o.expectedImei === undefined && this.isOpen(o));
  }

  /** An order by its reference (case and spaces ignored): one without a device yet first, as a batch journaled before the file refused references differing only in case may have several. */
  findOrder(orderRef: string): Order | undefined {
    const matches = this.ordersWithRef(orderRef);
    return matches.find((o) => this.isOpen(o)) ?? matches[0];
  }

  private ordersWithRef(orderRef: string): Order[] {
    const wanted = orderRefKey(orderRef);
    return this.orders.filter((o) => o.orderRef !== undefined && orderRefKey(o.orderRef) === wanted);
  }

  private isOpen(order: Order): boolean {
    return this.liveJobOf(order.row) === undefined && !this.startingRows.has(order.row);
  }

  /**
   * The row's job while it is not cancelled. A cancel reaches the journal by whichever path (the
   * Queue screen, the CLI, an override superseding it), so the run asks the journal rather than
   * waiting to be told: the order is open again at once, and its next job is a new attempt.
   */
  private liveJobOf(row: number): string | undefined {
    const jobId = this.jobByRow.get(row);
    if (jobId === undefined || this.service.job(jobId)?.state !== 'cancelled') return jobId;
    this.jobByRow.delete(row);
    return undefined;
  }

  /**
   * The Onboard screen's order barcode: the order with this reference for this patient and type.
   * `open` when one has no device yet (first by row); `filled` with the job that has it otherwise;
   * undefined when this batch has no such order.
   */
  orderFor(
    orderRef: string,
    uid: string,
    deviceType: string,
    imei?: string,
  ): { readonly open: Order } | { readonly filled: JobView } | undefined {
    const matches = this.ordersWithRef(orderRef).filter((o) => o.uid === uid && o.deviceType === deviceType);
    // Of several open orders under one reference, the one expecting this device, then one expecting none.
    const openOnes = matches.filter((o) => this.isOpen(o));
    const open =
      openOnes.find((o) => imei !== undefined && o.expectedImei === imei) ??
      openOnes.find((o) => o.expectedImei === undefined) ??
      openOnes[0];
    if (open) return { open };
    const first = matches[0];
    const filledBy = first ? this.liveJobOf(first.row) : undefined;
    const job = filledBy !== undefined ? this.service.job(filledBy) : undefined;
    return job ? { filled: job } : undefined;
  }

  /**
   * Connects a device to one chosen open order now (the Onboard screen scanned the order, then the
   * device), as a job of this batch: the order is filled, and a batch scan never assigns it again.
   */
  async assign(
    order: Order,
    input: { readonly imei: string; readonly raw: string; readonly source: CaptureSource; readonly operator?: string },
  ): Promise<ScanOutcome> {
    const imeiLast4 = input.imei.slice(-4);
    if (!this.isOpen(order)) return rejected('order_already_assigned', { imeiLast4 });
    // The order file names the device for this order, or this device for another order: a different
    // device would put one patient's readings on another's chart.
    if (order.expectedImei !== undefined && order.expectedImei !== input.imei) {
      return rejected('order_expects_other_device', { imeiLast4, expectedLast4: order.expectedImei.slice(-4) });
    }
    const expectedBy = this.orders.find((o) => o !== order && o.expectedImei === input.imei);
    if (expectedBy) {
      return rejected('device_expected_by_other_order', { imeiLast4, row: String(expectedBy.row) });
    }
    return this.existingJobOf(input.imei) ?? this.start(order, { ...input, enqueueOnly: false });
  }

  /** This IMEI's live job in the batch, if it has one: already connected, or on its way. */
  private existingJobOf(imei: string): ScanOutcome | undefined {
    const mine = this.jobs().find((j) => j.imei === imei && j.state !== 'cancelled');
    if (!mine) return undefined;
    return isBound(mine) ? { kind: 'already_connected', job: mine } : { kind: 'in_batch', job: mine };
  }

  /** Starts the order's job; the row counts as taken from the first line, so two scans at once cannot both fill it. */
  private async start(order: Order, input: StartInput): Promise<ScanOutcome> {
    this.startingRows.add(order.row);
    try {
      return await this.startJob(order, input);
    } finally {
      this.startingRows.delete(order.row);
    }
  }

  private async startJob(order: Order, input: StartInput): Promise<ScanOutcome> {
    const { imei } = input;
    const attempt = (this.attemptsByRow.get(order.row) ?? 0) + 1;
    const jobId = `${this.batchId}.r${order.row}${attempt > 1 ? `.${attempt}` : ''}`;
    const operator = input.operator ?? this.by;
    const result = await this.service.onboard({
      imei,
      uid: order.uid,
      deviceType: order.deviceType,
      batchId: this.batchId,
      jobId,
      source: input.source,
      raw: input.raw,
      // The order file is the confirmation for a second device of the same type.
      confirmSecondDevice: true,
      enqueueOnly: input.enqueueOnly,
      ...(order.orderRef !== undefined ? { orderRef: order.orderRef } : {}),
      ...(operator !== undefined ? { operator } : {}),
    });
    const job = this.service.job(jobId);
    if (!job) {
      // Not journaled as a job of this batch (e.g. bound to this uid outside the batch): the order stays open.
      if (result.outcome === 'already_connected') return { kind: 'already_connected', job: result.job };
      return rejected('busy_outside_batch', { imeiLast4: imei.slice(-4) });
    }
    this.attemptsByRow.set(order.row, attempt);
    this.jobByRow.set(order.row, jobId);
    return { kind: 'assigned', order, job, result };
  }

  /** Resolves when every job of the batch is settled: verified, waiting for a person, cancelled, or waiting beyond `patienceMs`. */
  settled(patienceMs = 60_000): Promise<void> {
    const done = () => {
      const now = Date.now();
      const status = this.service.queueStatus();
      return this.jobs().every((j) => {
        if (SETTLED.includes(j.state)) return true;
        if (j.state === 'queued')
          return (
            status.paused !== null || (j.nextAttemptAt !== undefined && Date.parse(j.nextAttemptAt) - now > patienceMs)
          );
        return false;
      });
    };
    return this.service.worker.until(done);
  }

  progress(): BatchProgress {
    const jobs = this.jobs().filter((j) => j.state !== 'cancelled');
    const connected = jobs.filter((j) => j.connectedAt !== undefined).length;
    const sinceStart = connected - this.connectedAtStart;
    const elapsed = Date.now() - this.startedAt;
    const remaining = jobs.length - connected;
    const assigned = this.orders.filter((o) => this.liveJobOf(o.row) !== undefined).length;
    return {
      orders: this.orders.length,
      assigned,
      connected,
      open: this.orders.length - assigned,
      etaMs: sinceStart > 0 ? Math.round((elapsed / sinceStart) * remaining) : null,
    };
  }

  private rowOf(jobId: string): number | undefined {
    const match = new RegExp(`^${this.batchId}\\.r(\\d+)(?:\\.\\d+)?$`).exec(jobId);
    return match ? Number(match[1]) : undefined;
  }
}
