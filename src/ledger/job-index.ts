/**
 * The in-memory view rebuilt from the journal: every job's current state, and the jobs by IMEI,
 * by uid and still open. Fed one committed record at a time, on replay and after each fsync.
 */
import { isOpenState, type JobState, type LedgerRecord, type ReadingMetric } from './records.js';

/** The device's first reading, as journaled. */
export interface FirstReading {
  readonly readingId: string;
  readonly takenAt: string;
  readonly metrics: readonly ReadingMetric[];
}

/** One job as the journal tells it, after every record so far. Absent optional fields are undefined. */
export interface JobView {
  readonly jobId: string;
  readonly imei: string;
  readonly uid: string;
  readonly deviceType: string;
  readonly operator: string;
  readonly station: string;
  readonly orderRef?: string;
  readonly batchId?: string;
  /** The mode the job was journaled in (absent in older journals: such a job waits for a person). */
  readonly mode?: 'training' | 'production';
  readonly state: JobState;
  /** The intent's time. */
  readonly createdAt: string;
  /** The time of the last record about this job. */
  readonly updatedAt: string;
  readonly intentSeq: number;
  readonly lastSeq: number;
  /** The last transition's reason, next attempt time and next action (cleared by a later transition without them). */
  readonly reason?: string;
  /** The reason's kind and values, for a translated text (absent in older journals). */
  readonly reasonKind?: string;
  readonly reasonParams?: Readonly<Record<string, string | number>>;
  readonly nextAttemptAt?: string;
  readonly nextAction?: string;
  /** First time the job reached `connected` (or `verified` directly). */
  readonly connectedAt?: string;
  readonly verifiedAt?: string;
  /** Set by an operator `disconnect` action naming this job: the device is no longer bound to the uid. */
  readonly disconnectedAt?: string;
  readonly disconnectedBy?: string;
  /** When the device's first reading was seen on Validic, and the reading. */
  readonly confirmedAt?: string;
  readonly firstReading?: FirstReading;
  /** The last type-level verification's outcome (verification records). */
  readonly verification?: 'confirmed' | 'absent' | 'failed' | 'skipped';
  readonly apiAttempts: number;
  /** Connect requests sent for this job (api_attempt records of call `connect`), re-sends included. */
  readonly connectSends: number;
  /** Transitions into `connecting`: each may have sent a request whose outcome was never journaled (a crash). */
  readonly connectStarts: number;
  readonly transitions: number;
}

/** Something in the journal that does not add up, though each line is intact. */
export interface ConsistencyIssue {
  readonly seq: number;
  readonly kind: 'unknown_job' | 'duplicate_job' | 'transition_mismatch';
  readonly message: string;
}

/**
 * Bump when what apply() derives from the same records changes (a new JobView field, say): index
 * snapshots of another version are then ignored and the journal replayed. Record schema changes are
 * noticed on their own (index-snapshot.ts fingerprints them).
 */
export const JOB_INDEX_VERSION = 2;

/**
 * What an index snapshot holds, column by column (arrays of plain values read back several times
 * faster than as many objects): `columns.imei[i]` is the imei of the i-th job in intent order;
 * captures are the IMEIs, how many seqs each has, and those seqs one after another.
 */
export interface JobIndexState {
  readonly columns: Readonly<Record<string, readonly unknown[]>>;
  readonly captureImeis: readonly string[];
  readonly captureCounts: readonly number[];
  readonly captureSeqs: readonly number[];
}

type Columns = Readonly<Record<keyof JobView, readonly unknown[]>>;

/** The i-th job from the columns, as one literal: every restored view has the shape replay gives it. */
function jobAt(c: Columns, i: number): JobView {
  const view = {
    jobId: c.jobId[i],
    imei: c.imei[i],
    uid: c.uid[i],
    deviceType: c.deviceType[i],
    operator: c.operator[i],
    station: c.station[i],
    orderRef: c.orderRef[i],
    batchId: c.batchId[i],
    mode: c.mode[i],
    state: c.state[i],
    createdAt: c.createdAt[i],
    updatedAt: c.updatedAt[i],
    intentSeq: c.intentSeq[i],
    lastSeq: c.lastSeq[i],
    reason: c.reason[i],
    reasonKind: c.reasonKind[i],
    reasonParams: c.reasonParams[i],
    nextAttemptAt: c.nextAttemptAt[i],
    nextAction: c.nextAction[i],
    connectedAt: c.connectedAt[i],
    verifiedAt: c.verifiedAt[i],
    disconnectedAt: c.disconnectedAt[i],
    disconnectedBy: c.disconnectedBy[i],
    confirmedAt: c.confirmedAt[i],
    firstReading: c.firstReading[i],
    verification: c.verification[i],
    apiAttempts: c.apiAttempts[i],
    connectSends: c.connectSends[i],
    connectStarts: c.connectStarts[i],
    transitions: c.transitions[i],
  } satisfies Record<keyof JobView, unknown>;
  return view as JobView;
}

/** Every JobView field, in jobAt's order (its `satisfies` makes the compiler check the list is whole). */
const JOB_FIELDS = Object.keys(jobAt(new Proxy({} as Columns, { get: () => [] }), 0)) as Array<keyof JobView>;

function addTo(map: Map<string, string[]>, key: string, jobId: string): void {
  const list = map.get(key);
  if (list) list.push(jobId);
  else map.set(key, [jobId]);
}

export class JobIndex {
  private readonly jobs = new Map<string, JobView>();
  private readonly byImei = new Map<string, string[]>();
  private readonly byUid = new Map<string, string[]>();
  private readonly open = new Set<string>();
  private readonly captureSeqsByImei = new Map<string, number[]>();
  readonly issues: ConsistencyIssue[] = [];

  apply(record: LedgerRecord): void {
    switch (record.type) {
      case 'job_intent': {
        if (this.jobs.has(record.jobId)) {
          this.issues.push({
            seq: record.seq,
            kind: 'duplicate_job',
            message: `job ${record.jobId} has a second intent; the first is kept`,
          });
          return;
        }
        const view: JobView = {
          jobId: record.jobId,
          imei: record.imei,
          uid: record.uid,
          deviceType: record.deviceType,
          operator: record.operator,
          station: record.station,
          orderRef: record.orderRef,
          batchId: record.batchId,
          mode: record.mode,
          state: record.initialState ?? 'ready',
          createdAt: record.ts,
          updatedAt: record.ts,
          intentSeq: record.seq,
          lastSeq: record.seq,
          reason: undefined,
          reasonKind: undefined,
          reasonParams: undefined,
          nextAttemptAt: undefined,
          nextAction: undefined,
          connectedAt: undefined,
          verifiedAt: undefined,
          disconnectedAt: undefined,
          disconnectedBy: undefined,
          confirmedAt: undefined,
          firstReading: undefined,
          verification: undefined,
          apiAttempts: 0,
          connectSends: 0,
          connectStarts: 0,
          transitions: 0,
        };
        this.jobs.set(record.jobId, view);
        addTo(this.byImei, record.imei, record.jobId);
        addTo(this.byUid, record.uid, record.jobId);
        this.open.add(record.jobId);
        return;
      }
      case 'job_transition': {
        const job = this.known(record.seq, record.jobId);
        if (!job) return;
        if (job.state !== record.from) {
          this.issues.push({
            seq: record.seq,
            kind: 'transition_mismatch',
            message: `job ${record.jobId}: transition from ${record.from} but the job was ${job.state}; applied`,
          });
        }
        // One fixed shape (absent fields are undefined): replay builds a million of these.
        const reachedConnection = record.to === 'connected' || record.to === 'verified';
        const next: JobView = {
          ...job,
          state: record.to,
          updatedAt: record.ts,
          lastSeq: record.seq,
          transitions: job.transitions + 1,
          connectStarts: job.connectStarts + (record.to === 'connecting' ? 1 : 0),
          reason: record.reason,
          reasonKind: record.reasonKind,
          reasonParams: record.reasonParams,
          nextAttemptAt: record.nextAttemptAt,
          nextAction: record.nextAction,
          connectedAt: job.connectedAt ?? (reachedConnection ? record.ts : undefined),
          verifiedAt: record.to === 'verified' ? record.ts : job.verifiedAt,
        };
        this.jobs.set(record.jobId, next);
        if (isOpenState(record.to)) this.open.add(record.jobId);
        else this.open.delete(record.jobId);
        return;
      }
      case 'api_attempt': {
        if (record.jobId === undefined) return;
        const job = this.known(record.seq, record.jobId);
        if (job) {
          this.jobs.set(record.jobId, {
            ...job,
            apiAttempts: job.apiAttempts + 1,
            connectSends: job.connectSends + (record.call === 'connect' ? 1 : 0),
            updatedAt: record.ts,
            lastSeq: record.seq,
          });
        }
        return;
      }
      case 'verification': {
        const job = this.known(record.seq, record.jobId);
        if (job)
          this.jobs.set(record.jobId, {
            ...job,
            verification: record.outcome,
            updatedAt: record.ts,
            lastSeq: record.seq,
          });
        return;
      }
      case 'first_reading': {
        if (record.jobId === undefined) return;
        const job = this.known(record.seq, record.jobId);
        if (!job || job.confirmedAt !== undefined) return;
        const firstReading: FirstReading = {
          readingId: record.readingId,
          takenAt: record.takenAt,
          metrics: record.metrics,
        };
        this.jobs.set(record.jobId, {
          ...job,
          confirmedAt: record.ts,
          firstReading,
          updatedAt: record.ts,
          lastSeq: record.seq,
        });
        return;
      }
      case 'operator_action': {
        if (record.jobId === undefined) return;
        const job = this.known(record.seq, record.jobId);
        if (!job) return;
        const disconnected =
          record.action === 'disconnect' ? { disconnectedAt: record.ts, disconnectedBy: record.by } : {};
        const adopted =
          record.action === 'adopt_mode' && job.mode === undefined && record.mode !== undefined
            ? { mode: record.mode }
            : {};
        this.jobs.set(record.jobId, { ...job, ...disconnected, ...adopted, updatedAt: record.ts, lastSeq: record.seq });
        return;
      }
      case 'capture': {
        const seqs = this.captureSeqsByImei.get(record.imei);
        if (seqs) seqs.push(record.seq);
        else this.captureSeqsByImei.set(record.imei, [record.seq]);
        return;
      }
      case 'config_change':
      case 'orders_import':
      case 'pin_failed':
        return;
      default: {
        const never: never = record;
        throw new Error(`unhandled record ${JSON.stringify(never)}`);
      }
    }
  }

  private known(seq: number, jobId: string): JobView | undefined {
    const job = this.jobs.get(jobId);
    if (!job) this.issues.push({ seq, kind: 'unknown_job', message: `record for job ${jobId}, which has no intent` });
    return job;
  }

  job(jobId: string): JobView | undefined {
    return this.jobs.get(jobId);
  }

  allJobs(): JobView[] {
    return [...this.jobs.values()];
  }

  jobsByImei(imei: string): JobView[] {
    return (this.byImei.get(imei) ?? []).map((id) => this.jobs.get(id)!);
  }

  jobsByUid(uid: string): JobView[] {
    return (this.byUid.get(uid) ?? []).map((id) => this.jobs.get(id)!);
  }

  openJobs(): JobView[] {
    return [...this.open].map((id) => this.jobs.get(id)!);
  }

  captureSeqs(imei: string): readonly number[] {
    return this.captureSeqsByImei.get(imei) ?? [];
  }

  get jobCount(): number {
    return this.jobs.size;
  }

  /** The state a snapshot keeps (consistency issues travel separately, as ledger issues). */
  exportState(): JobIndexState {
    const jobs = [...this.jobs.values()];
    const captureSeqs: number[] = [];
    for (const seqs of this.captureSeqsByImei.values()) captureSeqs.push(...seqs);
    return {
      // A field no job has (reasonParams, disconnectedBy… in most journals) is stored as []: reads give undefined.
      columns: Object.fromEntries(
        JOB_FIELDS.map((field) => {
          const column = jobs.map((job) => job[field]);
          return [field, column.every((v) => v === undefined) ? [] : column];
        }),
      ),
      captureImeis: [...this.captureSeqsByImei.keys()],
      captureCounts: [...this.captureSeqsByImei.values()].map((seqs) => seqs.length),
      captureSeqs,
    };
  }

  /** An index as it was when `state` was exported (same fields, or throws); the lookups are rebuilt. */
  static fromState(state: JobIndexState): JobIndex {
    const names = Object.keys(state.columns);
    if (names.length !== JOB_FIELDS.length || !JOB_FIELDS.every((f) => Array.isArray(state.columns[f])))
      throw new Error('the snapshot holds other job fields');
    const columns = state.columns as Columns;
    const count = columns.jobId.length;
    if (JOB_FIELDS.some((f) => columns[f].length !== count && columns[f].length !== 0))
      throw new Error('the snapshot columns differ in length');
    const index = new JobIndex();
    for (let i = 0; i < count; i++) {
      const view = jobAt(columns, i);
      index.jobs.set(view.jobId, view);
      addTo(index.byImei, view.imei, view.jobId);
      addTo(index.byUid, view.uid, view.jobId);
      if (isOpenState(view.state)) index.open.add(view.jobId);
    }
    let at = 0;
    state.captureImeis.forEach((imei, i) => {
      const n = state.captureCounts[i]!;
      index.captureSeqsByImei.set(imei, state.captureSeqs.slice(at, at + n));
      at += n;
    });
    return index;
  }
}
