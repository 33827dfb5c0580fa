/**
 * The one way across the process boundary. Every channel names its zod request and response schema;
 * the preload builds `window.kiosk` from this object (bridge.ts) and main registers one handler per
 * channel from it (dispatcher.ts). Both sides validate with these schemas.
 *
 * Channels are grouped as `namespace.method`; `window.kiosk.imei.validate(...)` calls `imei.validate`.
 */
import { z } from 'zod';
import { WedgePrefixSetting } from '../capture/wedge.js';
import { Imei } from '../imei/schema.js';
import { CAPTURE_SOURCES, JOB_STATES } from '../ledger/records.js';
import { DEVICE_TYPE_ID_PATTERN, DEVICE_TYPE_PROBLEM_KINDS } from '../config/device-type-id.js';
import {
  SERIAL_BAUD_RATES,
  SERIAL_PROFILE_PROBLEM_KINDS,
  SILENCE_MS_RANGE,
  ScannerFramingSchema,
} from '../serial/serial-profile.js';
import { Uid as PatientUid } from '../validic/uid.js';
import type { ValidicErrorKind } from '../validic/errors.js';

/** Validic's uid rule, shared so the renderer can say what is wrong while the operator types. */
export const PatientUidSchema = PatientUid;

export interface ChannelSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly request: Req;
  readonly response: Res;
}

export type ContractShape = Readonly<Record<string, Readonly<Record<string, ChannelSpec>>>>;
export type EventsShape = Readonly<Record<string, z.ZodType>>;

function channel<Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res): ChannelSpec<Req, Res> {
  return { request, response };
}

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
const Pin = z.string().regex(/^\d{4,12}$/, 'a PIN is 4 to 12 digits');
const IsoTime = z.string();
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');
const Empty = z.object({}).strict();

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
  createdAt: IsoTime,
  updatedAt: IsoTime,
  /** queued: when the worker tries again. */
  nextAttemptAt: IsoTime.optional(),
  /** The latest reason, e.g. the error that queued the job, in the engine's English. */
  reason: z.string().optional(),
  /** The reason's kind and values, to say it in the operator's language (absent for older jobs). */
  reasonKind: z.string().optional(),
  reasonParams: ProblemParamsSchema.optional(),
  /** needs_attention: the one next action. */
  nextAction: z.string().optional(),
  /** When the device's first reading was seen on Validic: it works. */
  confirmedAt: IsoTime.optional(),
  /** The mode the job was journaled in; absent for an older journal's job (it waits for a person). */
  mode: AppModeSchema.optional(),
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
  budget: z.object({ limit: z.number(), remaining: z.number(), resetsAt: IsoTime.nullable() }).optional(),
});
export type QueueStatus = z.infer<typeof QueueStatusSchema>;

/** What the big status area shows after a scan is confirmed. */
export const OnboardOutcomeSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('connected'), job: JobSummarySchema, queue: QueueStatusSchema }),
  z.object({
    outcome: z.literal('already_connected'),
    job: JobSummarySchema,
    at: IsoTime,
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
  readAt: IsoTime,
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
  takenAt: IsoTime,
  metrics: z.array(ReadingMetricSchema).max(32),
});
export type FirstReading = z.infer<typeof FirstReadingSchema>;
/** Polled at most every 15 s (Validic's budget is shared), so a few minutes is the useful range. */
export const READING_WAIT_SECONDS = { min: 1, max: 900 } as const;
const JobId = z.string().min(1).max(254);
/** How a first-reading wait ended: the reading, none within the wait, or stopped (next scan, screen left). */
export const ReadingWaitResultSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('confirmed'),
    jobId: JobId,
    confirmedAt: IsoTime,
    reading: FirstReadingSchema,
    calls: z.number().int().nonnegative(),
  }),
  z.object({ status: z.literal('no_reading'), jobId: JobId, calls: z.number().int().nonnegative() }),
  z.object({ status: z.literal('stopped'), jobId: JobId, calls: z.number().int().nonnegative() }),
]);
export type ReadingWaitResult = z.infer<typeof ReadingWaitResultSchema>;
/** Each look at Validic that found nothing yet, while a wait goes on. */
export const ReadingProgressSchema = z.object({
  jobId: JobId,
  polls: z.number().int().positive(),
  startedAt: IsoTime,
  giveUpAt: IsoTime,
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

export const ConnectionLineSchema = z.object({ imei: Imei, deviceType: z.string(), connectedAt: IsoTime.optional() });

export const contract = {
  imei: {
    validate: channel(z.object({ raw: z.string().max(10_000) }).strict(), ImeiValidationSchema),
  },
  app: {
    info: channel(
      Empty,
      z.object({
        name: z.string(),
        version: z.string(),
        mode: AppModeSchema,
        station: z.string().optional(),
        language: LanguageSchema.optional(),
      }),
    ),
  },
  session: {
    signIn: channel(
      z.object({ operatorId: z.string().trim().min(1).max(64), pin: Pin.optional() }).strict(),
      z.object({ operator: z.string(), station: z.string(), signedInAt: IsoTime }),
    ),
    /** What signing in as this ID needs: whether it is registered, and whether it has a PIN to type. */
    signInNeeds: channel(
      z.object({ operatorId: z.string().trim().min(1).max(64) }).strict(),
      z.object({ open: z.boolean(), registered: z.boolean(), pin: z.boolean() }),
    ),
    signOut: channel(Empty, z.object({ signedOut: z.boolean() })),
    /** Who is signed in, for a renderer that was reloaded (after a crash) to pick up where it was. */
    current: channel(
      Empty,
      z.object({ operator: z.string().optional(), station: z.string(), signedInAt: IsoTime.optional() }),
    ),
  },
  auth: {
    /** Checks a supervisor or admin PIN without doing anything else (to open a screen). */
    check: channel(
      z.object({ role: z.enum(['admin', 'supervisor']), pin: Pin }).strict(),
      z.object({ ok: z.boolean(), message: z.string().optional() }),
    ),
  },
  settings: {
    get: channel(Empty, PublicSettingsSchema),
    update: channel(z.object({ adminPin: Pin, patch: SettingsPatchSchema }).strict(), PublicSettingsSchema),
    /** Write-only: the token goes to the main process's encrypted store and never comes back. */
    setCredentials: channel(
      z
        .object({
          adminPin: Pin,
          orgId: z.string().trim().min(1).max(64),
          token: z.string().trim().min(8).max(512),
          openJobs: OpenJobsChoiceSchema.optional(),
        })
        .strict(),
      PublicSettingsSchema,
    ),
    clearCredentials: channel(
      z.object({ adminPin: Pin, openJobs: OpenJobsChoiceSchema.optional() }).strict(),
      PublicSettingsSchema,
    ),
    /** One cheap authenticated call with these credentials (nothing saved, nothing created). */
    testConnection: channel(
      z
        .object({ adminPin: Pin, orgId: z.string().trim().min(1).max(64), token: z.string().trim().min(8).max(512) })
        .strict(),
      ConnectionTestSchema,
    ),
    /** A new admin or supervisor PIN, stored only as a hash; needs the current admin PIN. */
    changePin: channel(
      z.object({ adminPin: Pin, role: z.enum(['admin', 'supervisor']), newPin: Pin }).strict(),
      PublicSettingsSchema,
    ),
    /** Registers an operator, or changes one's PIN: `pin` sets it, `clearPin` removes it, neither keeps it. */
    saveOperator: channel(
      z
        .object({
          adminPin: Pin,
          operatorId: z.string().trim().min(1).max(64),
          pin: Pin.optional(),
          clearPin: z.boolean().optional(),
        })
        .strict(),
      PublicSettingsSchema,
    ),
    removeOperator: channel(
      z.object({ adminPin: Pin, operatorId: z.string().trim().min(1).max(64) }).strict(),
      PublicSettingsSchema,
    ),
  },
  onboard: {
    submit: channel(
      z
        .object({
          imei: Imei,
          raw: z.string().max(4096),
          source: CaptureSourceSchema,
          uid: Uid,
          deviceType: z.string().min(1).max(64),
          orderRef: z.string().max(254).optional(),
          /** The IMEI the device's own modem reported, when it was read: checked against the label. */
          modemImei: Imei.optional(),
          confirmSecondDevice: z.boolean().optional(),
        })
        .strict(),
      OnboardOutcomeSchema,
    ),
    /**
     * The device type this kiosk has connected devices of the same model (TAC, the IMEI's first 8
     * digits) as, when it is one type; the screen preselects it and says why.
     */
    typeHint: channel(
      z.object({ imei: Imei }).strict(),
      z.object({
        tac: z.string().regex(/^\d{8}$/),
        deviceType: z.string().optional(),
        seen: z.number().int().nonnegative(),
      }),
    ),
  },
  jobs: {
    list: channel(
      z
        .object({
          filter: z.enum(['open', 'queued', 'needs_attention', 'today', 'all']),
          search: z.string().max(64).optional(),
          limit: z.number().int().min(1).max(1000).optional(),
        })
        .strict(),
      z.object({ jobs: z.array(JobSummarySchema) }),
    ),
    retry: channel(z.object({ jobId: z.string() }).strict(), JobSummarySchema),
    cancel: channel(z.object({ jobId: z.string(), reason: z.string().max(500).optional() }).strict(), JobSummarySchema),
    /**
     * Supervisor override for an IMEI on another patient: disconnects it there (journaled), then
     * connects it here. `fromUid` names that patient when only Validic knew of it (a 409).
     */
    override: channel(
      z.object({ jobId: z.string(), supervisorPin: Pin, fromUid: Uid.optional() }).strict(),
      OnboardOutcomeSchema,
    ),
  },
  queue: {
    status: channel(Empty, QueueStatusSchema),
  },
  batch: {
    import: channel(
      z.object({ csv: z.string().max(5_000_000), fileName: z.string().max(255).optional() }).strict(),
      z.discriminatedUnion('ok', [
        z.object({ ok: z.literal(true), status: BatchStatusSchema }),
        z.object({ ok: z.literal(false), errors: z.array(OrderRowErrorSchema) }),
      ]),
    ),
    status: channel(Empty, BatchStatusSchema),
    /** Scan-to-assign: the order this IMEI goes to (expected_imei match, else the next open order), then onboard it. */
    scan: channel(
      z
        .object({
          imei: Imei,
          raw: z.string().max(4096),
          source: CaptureSourceSchema,
          /** The order's device type, once the operator confirmed it for a model this kiosk knows as another type. */
          typeConfirmed: z.string().min(1).max(64).optional(),
        })
        .strict(),
      OnboardOutcomeSchema,
    ),
    close: channel(Empty, BatchStatusSchema),
    /** An order of the open batch by its reference, for an order barcode scanned on the Onboard screen. */
    findOrder: channel(
      z.object({ orderRef: z.string().trim().min(1).max(254) }).strict(),
      z.discriminatedUnion('found', [
        z.object({ found: z.literal(true), uid: Uid, deviceType: z.string(), orderRef: z.string() }),
        z.object({ found: z.literal(false) }),
      ]),
    ),
  },
  exports: {
    manifest: channel(
      z.object({ from: Day, to: Day, fullImei: z.boolean() }).strict(),
      z.object({ csv: z.string(), rows: z.number().int().nonnegative(), fileName: z.string() }),
    ),
  },
  disconnect: {
    /** Exactly what would be disconnected, for the confirmation. */
    /** By patient, by patient and IMEI, or by IMEI alone (a returned device: its patient comes from the journal). */
    preview: channel(
      z
        .object({ uid: Uid.optional(), imei: Imei.optional() })
        .strict()
        .refine((r) => r.uid !== undefined || r.imei !== undefined, 'a patient ID or an IMEI'),
      z.object({ uid: Uid, connections: z.array(ConnectionLineSchema) }),
    ),
    one: channel(
      z.object({ uid: Uid, imei: Imei }).strict(),
      z.object({ disconnected: z.array(ConnectionLineSchema) }),
    ),
    all: channel(
      z.object({ uid: Uid, supervisorPin: Pin }).strict(),
      z.object({ total: z.number().int().nonnegative(), disconnected: z.array(ConnectionLineSchema) }),
    ),
  },
  serial: {
    /** The latest IMEI read from a plugged-in device's modem, if any, and the ports seen. */
    status: channel(Empty, SerialStatusSchema),
  },
  reading: {
    /**
     * Waits for the connected device's first reading on Validic, up to waitSeconds (the engine
     * looks at most every 15 s); answers when it comes, when the wait ends, or when stopped. One
     * wait per station: a new one stops the last. Progress arrives as `reading.progress` events.
     */
    wait: channel(
      z
        .object({
          jobId: JobId,
          waitSeconds: z.number().int().min(READING_WAIT_SECONDS.min).max(READING_WAIT_SECONDS.max),
        })
        .strict(),
      ReadingWaitResultSchema,
    ),
    /** Stops the station's wait (for this job, when named): the next scan, or the screen left. */
    stop: channel(z.object({ jobId: JobId.optional() }).strict(), z.object({ stopped: z.boolean() })),
  },
} as const satisfies ContractShape;

/** Pushed from the engine to the renderer; the bridge validates each payload like a response. */
export const contractEvents = {
  'jobs.changed': JobSummarySchema,
  'queue.changed': QueueStatusSchema,
  'serial.offer': SerialOfferSchema,
  /** Ports, offer or problem changed (an unplugged device's offer is withdrawn). */
  'serial.changed': SerialStatusSchema,
  /** Each scan from a serial-mode scanner, as it arrives. */
  'serial.scan': SerialScanSchema,
  'reading.progress': ReadingProgressSchema,
} as const satisfies EventsShape;

export type KioskEvents = typeof contractEvents;
/** Events travel on their own IPC channels, `event:<name>`, sent by main to the window. */
export const EVENT_CHANNEL_PREFIX = 'event:';
export type KioskContract = typeof contract;

// ---- Types derived from a contract -------------------------------------------------------------

export type ChannelName<C extends ContractShape> = {
  [NS in keyof C & string]: `${NS}.${keyof C[NS] & string}`;
}[keyof C & string];

/** The renderer's view: `kiosk.ns.method(request) → Promise<response>`. */
export type Bridge<C extends ContractShape> = {
  readonly [NS in keyof C]: {
    readonly [M in keyof C[NS]]: (request: z.input<C[NS][M]['request']>) => Promise<z.output<C[NS][M]['response']>>;
  };
};

/** Subscribing to pushed events: `kiosk.on('jobs.changed', (job) => …)` returns an unsubscribe. */
export interface EventSubscriber<E extends EventsShape> {
  on<K extends keyof E & string>(event: K, listener: (payload: z.output<E[K]>) => void): () => void;
}

/** window.kiosk: the contract's channels plus `on` for its events. */
export type KioskApi = Bridge<KioskContract> & EventSubscriber<KioskEvents>;

/** The engine's side: one handler per channel, given the parsed request. */
export type Handlers<C extends ContractShape> = {
  readonly [NS in keyof C]: {
    readonly [M in keyof C[NS]]: (
      request: z.output<C[NS][M]['request']>,
    ) => Promise<z.input<C[NS][M]['response']>> | z.input<C[NS][M]['response']>;
  };
};

// ---- What crosses the wire ---------------------------------------------------------------------

export const IpcErrorCodeSchema = z.enum([
  'unknown_channel',
  'invalid_request',
  'invalid_response',
  'handler_failed',
  'refused',
]);
export type IpcErrorCode = z.infer<typeof IpcErrorCodeSchema>;

/**
 * Why a handler refused, for the renderer to say in the operator's language: the refusal codes
 * below, or a Validic error kind (a refused disconnect or override).
 */
export const REFUSAL_CODES = [
  'not_signed_in',
  'wrong_admin_pin',
  'wrong_supervisor_pin',
  'unknown_device_type',
  'no_such_job',
  'job_disappeared',
  'job_not_cancellable',
  // A first reading asked of a job with no connected device.
  'job_not_connected',
  'no_batch_open',
  'bad_date_range',
  // A batch scan that no order takes (src/onboarding/batch.ts).
  'order_already_assigned',
  'no_open_order',
  'busy_outside_batch',
  'order_expects_other_device',
  'device_expected_by_other_order',
  // The next order's device type is not the type this kiosk knows the device's model as.
  'batch_type_mismatch',
  // Disconnect by IMEI alone: this kiosk's journal has the IMEI on no patient.
  'imei_not_connected',
  // An order barcode scanned on the Onboard screen for an order of the open batch.
  'order_filled',
  'order_mismatch',
  'order_device_in_batch',
  // Settings: device types (src/config/device-type-rules.ts) and the serial profile (src/serial/serial-profile.ts).
  ...DEVICE_TYPE_PROBLEM_KINDS,
  ...SERIAL_PROFILE_PROBLEM_KINDS,
  // Too many wrong PINs in a row (src/kiosk/pin-attempts.ts).
  'pins_locked',
  // Sign-in and the operator register (src/kiosk/operator-register.ts).
  'operator_unknown',
  'operator_pin_needed',
  'operator_pin_wrong',
  'operator_id_invalid',
  'operator_register_full',
  'operator_not_registered',
  'operator_signed_in',
  // A patient ID that is a registered operator's ID (a badge scanned on the Onboard screen).
  'uid_is_operator',
  // The Electron secret store (electron/secret-store.ts) refusing to keep a token.
  'plaintext_backend',
  'encryption_unavailable',
  'decrypt_failed',
  'invalid_value',
  'corrupt_file',
  // Switching training/production with jobs of the mode of now not finished (src/kiosk/mode-switch.ts).
  'open_jobs_in_mode',
  // Going live while the admin or supervisor PIN is still the training one.
  'training_pins_in_production',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number] | ValidicErrorKind;

/** Not an enum on the wire: an older renderer shows a newer engine's refusal in English. */
const RefusalCodeSchema = z.string().regex(/^[a-z][a-z0-9_]*$/);

export const IpcErrorSchema = z.object({
  code: IpcErrorCodeSchema,
  channel: z.string(),
  message: z.string(),
  /** zod issue paths, e.g. ["raw"], so a caller can point at the field. */
  paths: z.array(z.string()).optional(),
  /** code `refused`: why, as a code and the values its text needs. */
  refusal: z.object({ code: RefusalCodeSchema, params: ProblemParamsSchema.optional() }).optional(),
});
export type IpcError = z.infer<typeof IpcErrorSchema>;

export const IpcEnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: IpcErrorSchema }),
]);
export type IpcEnvelope = z.infer<typeof IpcEnvelopeSchema>;

/**
 * Thrown by the bridge when a call fails. Electron's contextBridge keeps only an error's message,
 * so the code travels at the front of it: `code: channel: text`, and for a refusal
 * `refused: channel: [refusal-code?param=value&…] text` (the bracket is URL-encoded, so it holds no
 * space or `]`). `ipcErrorCodeOf` and `refusalOf` read them back.
 */
export class IpcCallError extends Error {
  readonly code: IpcErrorCode;
  readonly channel: string;
  constructor(error: IpcError) {
    super(
      `${error.code}: ${error.channel}: ${error.refusal ? `[${encodeRefusal(error.refusal)}] ` : ''}${error.message}`,
    );
    this.name = 'IpcCallError';
    this.code = error.code;
    this.channel = error.channel;
  }
}

/**
 * Thrown by a handler to refuse a request with a message meant for the operator (wrong PIN, not
 * signed in, nothing to retry). It crosses as code `refused` with its code, params, message and
 * next action; any other exception crosses only as a generic `handler_failed`.
 */
export class IpcRefusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
    readonly nextAction?: string,
    readonly params?: ProblemParams,
  ) {
    super(message);
    this.name = 'IpcRefusal';
  }
}

export function ipcErrorCodeOf(error: unknown): IpcErrorCode | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const parsed = IpcErrorCodeSchema.safeParse(message.split(':', 1)[0]);
  return parsed.success ? parsed.data : undefined;
}

/** A refusal as read back from an error's message: its code, params and the engine's English text. */
export interface RefusalInfo {
  readonly code: string;
  readonly params: ProblemParams;
  readonly text: string;
}

function encodeRefusal(refusal: { code: string; params?: ProblemParams | undefined }): string {
  const query = new URLSearchParams(
    Object.entries(refusal.params ?? {}).map(([name, value]): [string, string] => [name, String(value)]),
  ).toString();
  return query ? `${refusal.code}?${query}` : refusal.code;
}

const REFUSED_MESSAGE = /^refused: [^:\s]+: \[([a-z][a-z0-9_]*)(?:\?([^\]\s]*))?\] ([\s\S]*)$/;

/** The refusal carried by an error from window.kiosk, or undefined for any other error. */
export function refusalOf(error: unknown): RefusalInfo | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const match = REFUSED_MESSAGE.exec(message);
  if (!match) return undefined;
  const params = ProblemParamsSchema.safeParse(Object.fromEntries(new URLSearchParams(match[2] ?? '')));
  return { code: match[1]!, params: params.success ? params.data : {}, text: match[3]! };
}

export function channelNames<C extends ContractShape>(c: C): ChannelName<C>[] {
  return Object.entries(c).flatMap(([ns, methods]) => Object.keys(methods).map((m) => `${ns}.${m}` as ChannelName<C>));
}

export function channelSpec(c: ContractShape, name: string): ChannelSpec | undefined {
  const dot = name.indexOf('.');
  if (dot < 0) return undefined;
  const methods = Object.hasOwn(c, name.slice(0, dot)) ? c[name.slice(0, dot)] : undefined;
  const method = name.slice(dot + 1);
  return methods && Object.hasOwn(methods, method) ? methods[method] : undefined;
}
