/**
 * The domain schemas every channel and event of the contract is built from: what an IMEI check,
 * a job, the queue, the settings, a batch, the serial status and a first reading look like on the
 * wire. Validated on both sides of the process boundary.
 */
import { z } from 'zod';
import { WedgePrefixSetting } from '../capture/wedge.js';
import { Imei } from '../imei/schema.js';
import { CAPTURE_SOURCES, JOB_STATES } from '../ledger/records.js';
import { DEVICE_TYPE_ID_PATTERN } from '../config/device-type-id.js';
import { SERIAL_BAUD_RATES, SILENCE_MS_RANGE, ScannerFramingSchema } from '../serial/serial-profile.js';
import { Uid as PatientUid } from '../validic/uid.js';

/** Validic's uid rule, shared so the renderer can say what is wrong while the operator types. */
export const PatientUidSchema = PatientUid;

export const ImeiErrorKindSchema = z.enum([
  'empty',
  'non_digit',
  'too_short',
  'too_long',
  'bad_check_digit',
  'imeisv',
  'meid',
  'placeholder',
]);

export const ImeiErrorSchema = z.object({
  kind: ImeiErrorKindSchema,
  message: z.string(),
  length: z.number().int().nonnegative(),
  expectedCheckDigit: z.string().regex(/^\d$/).optional(),
  derivedImei: Imei.optional(),
  offending: z.array(z.object({ char: z.string(), position: z.number().int().positive() })).optional(),
});

export const ImeiValidationSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    imei: Imei,
    tac: z.string().regex(/^\d{8}$/),
    serial: z.string().regex(/^\d{6}$/),
    checkDigit: z.string().regex(/^\d$/),
    raw: z.string(),
  }),
  z.object({ ok: z.literal(false), error: ImeiErrorSchema, raw: z.string() }),
]);

export const AppModeSchema = z.enum(['training', 'production']);
export type AppMode = z.infer<typeof AppModeSchema>;

export const LanguageSchema = z.enum(['en', 'es']);
export type Language = z.infer<typeof LanguageSchema>;

export const JobStateSchema = z.enum(JOB_STATES);
export const CaptureSourceSchema = z.enum(CAPTURE_SOURCES);

const Uid = PatientUid;
export const PinSchema = z.string().regex(/^\d{4,12}$/, 'a PIN is 4 to 12 digits');
export const IsoTimeSchema = z.string();
export const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');
export const EmptySchema = z.object({}).strict();

/**
 * Values a translated problem text fills in (`{name}` placeholders). Never a token; another
 * patient's id only as its last 4.
 */
export const ProblemParamsSchema = z.record(
  z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/),
  z.union([z.string().max(2000), z.number()]),
);
export type ProblemParams = z.infer<typeof ProblemParamsSchema>;

/**
 * Something a person must act on: what happened, in words, and the one thing to do next. `kind`
 * (with `params`) is what the renderer translates; `message` and `nextAction` are the engine's
 * English, shown when the renderer does not know the kind. Kinds are not an enum here, so an
 * older renderer still accepts a newer engine's kinds.
 */
export const ProblemSchema = z.object({
  kind: z.string(),
  message: z.string(),
  nextAction: z.string(),
  params: ProblemParamsSchema.optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

/** A job as the operator sees it. The full IMEI is the operator's own scan; logs mask it. */
export const JobSummarySchema = z.object({
  id: z.string(),
  imei: Imei,
  uid: Uid,
  deviceType: z.string(),
  state: JobStateSchema,
  operator: z.string(),
  station: z.string(),
  orderRef: z.string().optional(),
  createdAt: IsoTimeSchema,
  updatedAt: IsoTimeSchema,
  /** queued: when the worker tries again. */
  nextAttemptAt: IsoTimeSchema.optional(),
  /** The latest reason, e.g. the error that queued the job, in the engine's English. */
  reason: z.string().optional(),
  /** The reason's kind and values, to say it in the operator's language (absent for older jobs). */
  reasonKind: z.string().optional(),
  reasonParams: ProblemParamsSchema.optional(),
  /** needs_attention: the one next action. */
  nextAction: z.string().optional(),
  /** When the device's first reading was seen on Validic: it works. */
  confirmedAt: IsoTimeSchema.optional(),
  /** The mode the job was journaled in; absent for an older journal's job (it waits for a person). */
  mode: AppModeSchema.optional(),
  /** A person may cancel it now (transitions.ts isCancellable): the Queue screen keeps no list of its own. */
  cancellable: z.boolean(),
  /** Not final: a connect still to send, or a person to act (records.ts isFinalState). */
  open: z.boolean(),
});
export type JobSummary = z.infer<typeof JobSummarySchema>;

export const QueueStatusSchema = z.object({
  depth: z.number().int().nonnegative(),
  oldestAgeMs: z.number().nonnegative().nullable(),
  inFlight: z.number().int().nonnegative(),
  paused: z.boolean(),
  pauseReason: z.string().optional(),
  /** The pause reason's kind, to say it in the operator's language. */
  pauseReasonKind: z.string().optional(),
  /** Connected (202) but not yet verified on the user's sources. */
  unverified: z.number().int().nonnegative(),
  needsAttention: z.number().int().nonnegative(),
  /** Open jobs of the other mode (or of none): never sent in this mode, they wait for theirs. */
  otherMode: z.number().int().nonnegative().optional(),
  budget: z.object({ limit: z.number(), remaining: z.number(), resetsAt: IsoTimeSchema.nullable() }).optional(),
});
export type QueueStatus = z.infer<typeof QueueStatusSchema>;

/** What the big status area shows after a scan is confirmed. */
export const OnboardOutcomeSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('connected'), job: JobSummarySchema, queue: QueueStatusSchema }),
  z.object({
    outcome: z.literal('already_connected'),
    job: JobSummarySchema,
    at: IsoTimeSchema,
    by: z.string(),
    queue: QueueStatusSchema,
  }),
  z.object({ outcome: z.literal('queued'), job: JobSummarySchema, problem: ProblemSchema, queue: QueueStatusSchema }),
  z.object({
    outcome: z.literal('needs_attention'),
    job: JobSummarySchema,
    problem: ProblemSchema,
    queue: QueueStatusSchema,
  }),
  /** A second device of the same type for this uid: ask, then resubmit with confirmSecondDevice. */
  z.object({ outcome: z.literal('needs_confirmation'), problem: ProblemSchema, existing: JobSummarySchema }),
  /** The IMEI is on another patient: only a supervisor override moves it (jobs.override). */
  z.object({
    outcome: z.literal('blocked'),
    problem: ProblemSchema,
    job: JobSummarySchema,
    otherUidLast4: z.string().optional(),
    queue: QueueStatusSchema,
  }),
  /** The label and the modem disagree: the wrong device may be in the box. */
  z.object({ outcome: z.literal('mismatch'), problem: ProblemSchema }),
]);
export type OnboardOutcome = z.infer<typeof OnboardOutcomeSchema>;

export const DeviceTypeInfoSchema = z.object({
  id: z.string(),
  label: z.string(),
  labelEs: z.string().optional(),
  confirmed: z.boolean(),
});
/** What the admin edits of a device type; the engine checks it (device-type-rules.ts) and decides `confirmed`. */
export const DeviceTypeEditSchema = z.object({
  id: z.string().max(80),
  label: z.string().max(200),
  labelEs: z.string().max(200).optional(),
});
/** An extra USB id for discovery; the engine checks it (serial-profile.ts) and says what is wrong. */
export const UsbDeviceInfoSchema = z.object({
  vendorId: z.string().max(8),
  productId: z.string().max(8).optional(),
  maker: z.string().max(80),
  kind: z.enum(['modem', 'scanner']),
});
/** Shared so the Settings screen can say what is wrong while the admin types; the engine checks again. */
export { DEVICE_TYPE_ID_PATTERN, SERIAL_BAUD_RATES, SILENCE_MS_RANGE, ScannerFramingSchema };

/** Settings as the renderer may see them: never a token, only whether one is stored. */
export const PublicSettingsSchema = z.object({
  mode: AppModeSchema,
  station: z.string(),
  language: LanguageSchema,
  orgId: z.string(),
  hasToken: z.boolean(),
  apiBase: z.string(),
  directBase: z.string(),
  deviceTypes: z.array(DeviceTypeInfoSchema),
  idleMinutes: z.number().int().min(1).max(240),
  sounds: z.boolean(),
  kiosk: z.boolean(),
  /** A clinic desk: after each connect, ask for the device's first reading without a click. */
  askReading: z.boolean(),
  cameraDeviceId: z.string().optional(),
  /** The key wedge scanners send before each scan, '' for none. */
  wedgePrefix: WedgePrefixSetting,
  serialBaud: z.number().int().positive(),
  /** Serial-mode scanners' speed (USB CDC scanners ignore it). */
  scannerBaud: z.number().int().positive(),
  scannerFraming: ScannerFramingSchema,
  /** Recognised by discovery beside the built-in list. */
  extraUsbDevices: z.array(UsbDeviceInfoSchema).max(64),
  /** Roles still on the training PINs (admin 1234, supervisor 5678): the training banner names them. */
  defaultPins: z.array(z.enum(['admin', 'supervisor'])),
  /** Who may sign in (empty: anyone), and whether each has a PIN. Never the PIN or its hash. */
  operators: z.array(z.object({ id: z.string(), hasPin: z.boolean() })),
});
export type PublicSettings = z.infer<typeof PublicSettingsSchema>;

/** The part of the settings a signed-out station shows by: no operator, org or connection data. */
export const StationLookSchema = PublicSettingsSchema.pick({
  mode: true,
  station: true,
  language: true,
  idleMinutes: true,
  sounds: true,
  kiosk: true,
  cameraDeviceId: true,
  wedgePrefix: true,
  defaultPins: true,
});
export type StationLook = z.infer<typeof StationLookSchema>;

export const SettingsPatchSchema = PublicSettingsSchema.omit({
  mode: true,
  hasToken: true,
  defaultPins: true,
  deviceTypes: true,
  operators: true,
})
  .extend({ deviceTypes: z.array(DeviceTypeEditSchema).max(50) })
  .partial()
  .strict();

/** A bad row of an orders file: `kind` and `params` to translate, `reason` the engine's English. */
export const OrderRowErrorSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  reason: z.string(),
  kind: z.string().optional(),
  params: ProblemParamsSchema.optional(),
});
export const BatchStatusSchema = z.object({
  active: z.boolean(),
  fileName: z.string().optional(),
  total: z.number().int().nonnegative(),
  assigned: z.number().int().nonnegative(),
  connected: z.number().int().nonnegative(),
  remaining: z.number().int().nonnegative(),
  etaMs: z.number().nonnegative().nullable(),
  next: z.object({ uid: Uid, deviceType: z.string(), orderRef: z.string().optional() }).optional(),
});
export type BatchStatus = z.infer<typeof BatchStatusSchema>;

export const SerialOfferSchema = z.object({
  imei: Imei,
  port: z.string(),
  manufacturer: z.string().optional(),
  model: z.string().optional(),
  readAt: IsoTimeSchema,
});
export const SerialStatusSchema = z.object({
  ports: z.array(z.object({ path: z.string(), label: z.string(), kind: z.enum(['modem', 'scanner', 'unknown']) })),
  offer: SerialOfferSchema.optional(),
  problem: ProblemSchema.optional(),
});
export type SerialStatus = z.infer<typeof SerialStatusSchema>;

/**
 * A scan from a serial-mode scanner. `text` is read by the screen exactly like a keyboard-wedge
 * scan (an IMEI, a patient or an order barcode); `imeis` are the valid IMEIs the engine found in
 * it. Garbled or overlong bytes arrive as a problem, never as text.
 */
export const SerialScanSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('scan'), port: z.string(), text: z.string().max(4096), imeis: z.array(Imei) }),
  z.object({ kind: z.literal('rejected'), port: z.string(), problem: ProblemSchema }),
]);
export type SerialScanEvent = z.infer<typeof SerialScanSchema>;

/** One value of a reading as Validic sent it (systolic 121 mmHg, spo2 97 percent, …). */
export const ReadingMetricSchema = z.object({ type: z.string().max(64), unit: z.string().max(32), value: z.number() });
/** A device's first reading on Validic (source.device.id = the IMEI): proof that it works. */
export const FirstReadingSchema = z.object({
  readingId: z.string().max(254),
  takenAt: IsoTimeSchema,
  metrics: z.array(ReadingMetricSchema).max(32),
});
export type FirstReading = z.infer<typeof FirstReadingSchema>;
/** Polled at most every 15 s (Validic's budget is shared), so a few minutes is the useful range. */
export const READING_WAIT_SECONDS = { min: 1, max: 900 } as const;
export const JobIdSchema = z.string().min(1).max(254);
/** How a first-reading wait ended: the reading, none within the wait, or stopped (next scan, screen left). */
export const ReadingWaitResultSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('confirmed'),
    jobId: JobIdSchema,
    confirmedAt: IsoTimeSchema,
    reading: FirstReadingSchema,
    calls: z.number().int().nonnegative(),
  }),
  z.object({ status: z.literal('no_reading'), jobId: JobIdSchema, calls: z.number().int().nonnegative() }),
  z.object({ status: z.literal('stopped'), jobId: JobIdSchema, calls: z.number().int().nonnegative() }),
]);
export type ReadingWaitResult = z.infer<typeof ReadingWaitResultSchema>;
/** Each look at Validic that found nothing yet, while a wait goes on. */
export const ReadingProgressSchema = z.object({
  jobId: JobIdSchema,
  polls: z.number().int().positive(),
  startedAt: IsoTimeSchema,
  giveUpAt: IsoTimeSchema,
});

/**
 * A switch between training and production with open jobs of the mode of now: `keep` leaves them
 * waiting for their mode, `cancel` cancels them (journaled). Without it the host refuses the switch
 * (`open_jobs_in_mode`, params: count, mode) so the screen can ask.
 */
export const OpenJobsChoiceSchema = z.enum(['keep', 'cancel']);
export type OpenJobsChoice = z.infer<typeof OpenJobsChoiceSchema>;

/** "Test connection": whether Validic accepted the org id and token, or what went wrong (a kind to translate). */
export const ConnectionTestSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), ms: z.number().nonnegative() }),
  z.object({
    ok: z.literal(false),
    ms: z.number().nonnegative(),
    kind: z.string(),
    message: z.string(),
    nextAction: z.string(),
  }),
]);
export type ConnectionTest = z.infer<typeof ConnectionTestSchema>;

export const ConnectionLineSchema = z.object({
  imei: Imei,
  deviceType: z.string(),
  connectedAt: IsoTimeSchema.optional(),
});
