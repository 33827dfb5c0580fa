/**
 * The ledger's record types: one zod schema per record, a discriminated union on `type`.
 * Every record on disk is an envelope `{seq, ts, type, ...fields, sum}` (see line-codec.ts).
 *
 * Secrets never enter the journal: there is no field for a token, the schemas are strict (an
 * unexpected field such as `token` is refused, not silently kept), and a configuration change of a
 * secret setting records only that it changed. Marketplace tokens are not journaled at all: the
 * engine keeps them in the main process's encrypted store and recovers a lost one with getUser.
 */
import { z } from 'zod';
import { Imei } from '../imei/schema.js';

/** The job states of the onboarding state machine (the transition table lives in src/onboarding). */
export const JOB_STATES = [
  'captured',
  'ready',
  'connecting',
  'connected',
  'verified',
  'queued',
  'needs_attention',
  'cancelled',
] as const;
export const JobState = z.enum(JOB_STATES);
export type JobState = z.infer<typeof JobState>;

/**
 * Final: nothing more will ever happen to the job on its own or by a person.
 * `connected` (Validic accepted the connect: its 202 is the answer, whatever a later read shows),
 * `verified` (connected, and a smart_meter source showed on the patient) and `cancelled`.
 * A connected job may still become verified, and gain a first reading; neither is owed.
 */
export const FINAL_STATES: readonly JobState[] = ['connected', 'verified', 'cancelled'];
/** Open = not final. Open jobs split into those the worker resumes and those waiting for a person. */
export const WORKER_STATES: readonly JobState[] = ['captured', 'ready', 'connecting', 'queued'];
/** needs_attention is open: a person may retry it (back to the worker) or cancel it (final). */
export const OPERATOR_STATES: readonly JobState[] = ['needs_attention'];

export function isFinalState(state: JobState): boolean {
  return FINAL_STATES.includes(state);
}
export function isOpenState(state: JobState): boolean {
  return !isFinalState(state);
}

/** Job ids, uids, operator and station names: printable, no line breaks, bounded. */
const Name = z
  .string()
  .min(1)
  .max(254)
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'must not contain control characters');
const IsoTime = z.iso.datetime({ offset: false });
const Text = z.string().max(2000);

export const CAPTURE_SOURCES = ['camera', 'wedge', 'serial_scanner', 'modem', 'typed', 'batch'] as const;
export const CaptureSource = z.enum(CAPTURE_SOURCES);
export type CaptureSource = z.infer<typeof CaptureSource>;

/** A scanned or typed IMEI that validated: the raw input is kept as evidence of what was read. */
export const CaptureRecord = z.strictObject({
  type: z.literal('capture'),
  source: CaptureSource,
  raw: z.string().max(4096),
  imei: Imei,
  station: Name.optional(),
  operator: Name.optional(),
});

/** The intent to onboard one device for one patient; written and fsynced before any API call. */
export const JobIntentRecord = z.strictObject({
  type: z.literal('job_intent'),
  jobId: Name,
  imei: Imei,
  uid: Name,
  deviceType: Name,
  operator: Name,
  station: Name,
  orderRef: Name.optional(),
  batchId: Name.optional(),
  /** The state the job starts in; `ready` unless the engine journals a job before uid and type are final. */
  initialState: z.enum(['captured', 'ready']).optional(),
  /**
   * Training (the built-in simulator) or production (Validic). A job is only ever sent in its own
   * mode; jobs of older journals have none and wait for a person (a retry gives them the mode of now).
   */
  mode: z.enum(['training', 'production']).optional(),
});

/** One step of the state machine. `from` must be the job's current state (the ledger refuses otherwise). */
export const JobTransitionRecord = z.strictObject({
  type: z.literal('job_transition'),
  jobId: Name,
  from: JobState,
  to: JobState,
  reason: Text.optional(),
  /**
   * What kind of reason `reason` is, so a screen can say it in the operator's language; `reason`
   * stays the English words (older records have only those).
   */
  reasonKind: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, 'a kind such as server_error')
    .optional(),
  /** The values the translated reason needs (never a token; another patient only as last 4). */
  reasonParams: z
    .record(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/), z.union([z.string().max(2000), z.number()]))
    .optional(),
  /** queued: when the worker will try again. */
  nextAttemptAt: IsoTime.optional(),
  /** needs_attention: the one thing a person should do next. */
  nextAction: Text.optional(),
});

/** One HTTP call to Validic and how it ended. `outcome` is the client's error kind, or `ok`. */
export const ApiAttemptRecord = z.strictObject({
  type: z.literal('api_attempt'),
  jobId: Name.optional(),
  call: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a call name such as connect or get_user'),
  outcome: z.string().regex(/^[a-z][a-z0-9_]*$/, 'an outcome kind such as ok or rate_limited'),
  httpStatus: z.number().int().min(100).max(599).optional(),
  durationMs: z.number().nonnegative(),
  attempt: z.number().int().positive().optional(),
  uid: Name.optional(),
  detail: Text.optional(),
});

/** The type-level check after a 202: one read of the user's sources (which name source types, never IMEIs). */
export const VerificationRecord = z.strictObject({
  type: z.literal('verification'),
  jobId: Name,
  uid: Name,
  imei: Imei,
  /**
   * confirmed: a smart_meter source shows on a patient who had none before; absent: not (yet) — the
   * job stays connected; failed: the read failed; skipped: a read could not tell (the patient already
   * had a smart_meter source, or the verification share of the budget was spent).
   */
  outcome: z.enum(['confirmed', 'absent', 'failed', 'skipped']),
  detail: Text.optional(),
});

/** One metric of a reading, as Validic sends it (spo2 99 percent, systolic 121 mmHg, …). */
export const ReadingMetric = z.strictObject({
  type: z.string().min(1).max(64),
  unit: z.string().max(32),
  value: z.number().finite(),
});

/** The device's first reading seen on Validic (source.type smart_meter, source.device.id = the IMEI): it works. */
export const FirstReadingRecord = z.strictObject({
  type: z.literal('first_reading'),
  /** The job that connected the device, when this journal has one. */
  jobId: Name.optional(),
  uid: Name,
  imei: Imei,
  /** Validic's id of the reading, and when the device took it. */
  readingId: Name,
  takenAt: z.iso.datetime({ offset: true }),
  metrics: z.array(ReadingMetric).max(32),
});

export const OPERATOR_ACTIONS = [
  'disconnect',
  'override',
  'cancel',
  'retry',
  'confirm_second_device',
  'adopt_mode',
] as const;
/** What a person did, and who. An override names the supervisor who allowed it. */
export const OperatorActionRecord = z.strictObject({
  type: z.literal('operator_action'),
  action: z.enum(OPERATOR_ACTIONS),
  by: Name,
  supervisor: Name.optional(),
  jobId: Name.optional(),
  imei: Imei.optional(),
  uid: Name.optional(),
  reason: Text.optional(),
  /** adopt_mode: the mode a job without one (an older journal) is given by a person's retry. */
  mode: z.enum(['training', 'production']).optional(),
});

/** Setting names that hold secrets: their values are never journaled. */
const SECRET_KEY = /(token|secret|password|passphrase|credential|api[_-]?key|private)/i;
export function isSecretSettingKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** A settings change. Secret settings record only that they changed (`secret: true`, no value). */
export const ConfigChangeRecord = z
  .strictObject({
    type: z.literal('config_change'),
    key: z.string().regex(/^[A-Za-z][\w.-]{0,127}$/, 'a setting name such as validic.baseUrl'),
    value: z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]).optional(),
    secret: z.boolean(),
    by: Name.optional(),
  })
  .refine((r) => !(r.secret || isSecretSettingKey(r.key)) || r.value === undefined, {
    message: 'a secret setting is journaled without its value (secret: true, no value)',
    path: ['value'],
  })
  .refine((r) => r.secret || !isSecretSettingKey(r.key), {
    message: 'this setting name looks secret: journal it with secret: true and no value',
    path: ['secret'],
  });

/** A batch of orders accepted from a CSV (already validated by parseOrdersCsv). */
export const OrdersImportRecord = z.strictObject({
  type: z.literal('orders_import'),
  batchId: Name,
  source: Text,
  by: Name.optional(),
  orders: z.array(
    z.strictObject({
      row: z.number().int().positive(),
      uid: Name,
      deviceType: Name,
      orderRef: Name.optional(),
      expectedImei: Imei.optional(),
    }),
  ),
});

export const PIN_FAILED_ROLES = ['admin', 'supervisor', 'operator'] as const;
/**
 * A PIN typed at this station and found wrong: whose PIN it was meant to be and the lock it caused.
 * Never the PIN (nor any part or hash of it): the schema is strict and has no field for one.
 */
export const PinFailedRecord = z.strictObject({
  type: z.literal('pin_failed'),
  /** Whose PIN was asked for: the admin's, the supervisor's or an operator's at sign-in. */
  role: z.enum(PIN_FAILED_ROLES),
  station: Name.optional(),
  /** The operator signing in (role operator), or the one signed in when an admin or supervisor PIN was asked. */
  operator: Name.optional(),
  /** When this wrong PIN locked the PIN checks: for how long, until when, and which lockout in a row it is. */
  lockSeconds: z.number().int().positive().optional(),
  lockedUntil: IsoTime.optional(),
  lockout: z.number().int().positive().optional(),
});

/** What a caller passes to append(): one record without its envelope (seq, ts, sum). */
export const LedgerRecordBody = z.discriminatedUnion('type', [
  CaptureRecord,
  JobIntentRecord,
  JobTransitionRecord,
  ApiAttemptRecord,
  VerificationRecord,
  FirstReadingRecord,
  OperatorActionRecord,
  ConfigChangeRecord,
  OrdersImportRecord,
  PinFailedRecord,
]);
export type LedgerRecordBody = z.infer<typeof LedgerRecordBody>;
/** The input form (before branding): callers may pass a plain string for an IMEI they validated. */
export type LedgerRecordInput = z.input<typeof LedgerRecordBody>;
export type LedgerRecordType = LedgerRecordBody['type'];
export const RECORD_TYPES: ReadonlySet<string> = new Set<LedgerRecordType>([
  'capture',
  'job_intent',
  'job_transition',
  'api_attempt',
  'verification',
  'first_reading',
  'operator_action',
  'config_change',
  'orders_import',
  'pin_failed',
]);

export const RecordEnvelope = z.strictObject({
  /** 1, 2, 3, … across all segments, no gaps. */
  seq: z.number().int().positive(),
  /** When the record was appended (UTC, ISO 8601 with milliseconds). */
  ts: IsoTime,
});

/** A record as stored and replayed. */
export type LedgerRecord = LedgerRecordBody & { readonly seq: number; readonly ts: string };
export type LedgerRecordOf<T extends LedgerRecordType> = Extract<LedgerRecordBody, { type: T }> & {
  readonly seq: number;
  readonly ts: string;
};

export type CaptureRecord = z.infer<typeof CaptureRecord>;
export type JobIntentRecord = z.infer<typeof JobIntentRecord>;
export type JobTransitionRecord = z.infer<typeof JobTransitionRecord>;
export type ApiAttemptRecord = z.infer<typeof ApiAttemptRecord>;
export type VerificationRecord = z.infer<typeof VerificationRecord>;
export type FirstReadingRecord = z.infer<typeof FirstReadingRecord>;
export type ReadingMetric = z.infer<typeof ReadingMetric>;
export type OperatorActionRecord = z.infer<typeof OperatorActionRecord>;
export type ConfigChangeRecord = z.infer<typeof ConfigChangeRecord>;
export type OrdersImportRecord = z.infer<typeof OrdersImportRecord>;
export type PinFailedRecord = z.infer<typeof PinFailedRecord>;
