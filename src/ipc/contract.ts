/**
 * The one way across the process boundary: every channel names who may call it, its zod request
 * and its response schema. The preload builds `window.kiosk` from this table (bridge.ts) and the
 * engine answers each channel through one dispatcher (dispatcher.ts), whose guard proves the
 * channel's access before the handler runs. Both sides validate with these schemas.
 *
 * Channels are grouped as `namespace.method`; `window.kiosk.imei.validate(...)` calls `imei.validate`.
 */
import { z } from 'zod';
import { Imei } from '../imei/schema.js';
import {
  channel,
  pinChannel,
  type Bridge,
  type ContractShape,
  type EventSubscriber,
  type EventsShape,
} from './channel-types.js';
import {
  AppModeSchema,
  BatchStatusSchema,
  CaptureSourceSchema,
  ConnectionLineSchema,
  ConnectionTestSchema,
  DaySchema,
  EmptySchema,
  ImeiValidationSchema,
  IsoTimeSchema,
  JobIdSchema,
  JobSummarySchema,
  LanguageSchema,
  OnboardOutcomeSchema,
  OpenJobsChoiceSchema,
  OrderRowErrorSchema,
  PatientUidSchema,
  PinSchema,
  PublicSettingsSchema,
  QueueStatusSchema,
  READING_WAIT_SECONDS,
  ReadingProgressSchema,
  ReadingWaitResultSchema,
  SerialOfferSchema,
  SerialScanSchema,
  SerialStatusSchema,
  SettingsPatchSchema,
  StationLookSchema,
} from './schemas.js';

export const contract = {
  imei: {
    validate: channel('anyone', z.object({ raw: z.string().max(10_000) }).strict(), ImeiValidationSchema),
  },
  app: {
    info: channel(
      'anyone',
      EmptySchema,
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
      'anyone',
      z.object({ operatorId: z.string().trim().min(1).max(64), pin: PinSchema.optional() }).strict(),
      z.object({ operator: z.string(), station: z.string(), signedInAt: IsoTimeSchema }),
    ),
    /** What signing in as this ID needs: whether it is registered, and whether it has a PIN to type. */
    signInNeeds: channel(
      'anyone',
      z.object({ operatorId: z.string().trim().min(1).max(64) }).strict(),
      z.object({ open: z.boolean(), registered: z.boolean(), pin: z.boolean() }),
    ),
    signOut: channel('anyone', EmptySchema, z.object({ signedOut: z.boolean() })),
    /** Who is signed in, for a renderer that was reloaded (after a crash) to pick up where it was. */
    current: channel(
      'anyone',
      EmptySchema,
      z.object({ operator: z.string().optional(), station: z.string(), signedInAt: IsoTimeSchema.optional() }),
    ),
  },
  auth: {
    /** Checks a supervisor or admin PIN without doing anything else (to open a screen). */
    check: channel(
      'anyone',
      z.object({ role: z.enum(['admin', 'supervisor']), pin: PinSchema }).strict(),
      z.object({ ok: z.boolean(), message: z.string().optional() }),
    ),
  },
  settings: {
    /** Everything the Settings screen shows (operators, org id): only to someone signed in. */
    get: channel('operator', EmptySchema, PublicSettingsSchema),
    /** What a screen needs before anyone signs in (language, sounds, the wedge prefix): no operator or org data. */
    station: channel('anyone', EmptySchema, StationLookSchema),
    update: pinChannel(
      'admin',
      z.object({ adminPin: PinSchema, patch: SettingsPatchSchema }).strict(),
      PublicSettingsSchema,
    ),
    /** Write-only: the token goes to the main process's encrypted store and never comes back. */
    setCredentials: pinChannel(
      'admin',
      z
        .object({
          adminPin: PinSchema,
          orgId: z.string().trim().min(1).max(64),
          token: z.string().trim().min(8).max(512),
          openJobs: OpenJobsChoiceSchema.optional(),
        })
        .strict(),
      PublicSettingsSchema,
    ),
    clearCredentials: pinChannel(
      'admin',
      z.object({ adminPin: PinSchema, openJobs: OpenJobsChoiceSchema.optional() }).strict(),
      PublicSettingsSchema,
    ),
    /** One cheap authenticated call with these credentials (nothing saved, nothing created). */
    testConnection: pinChannel(
      'admin',
      z
        .object({
          adminPin: PinSchema,
          orgId: z.string().trim().min(1).max(64),
          token: z.string().trim().min(8).max(512),
        })
        .strict(),
      ConnectionTestSchema,
    ),
    /** A new admin or supervisor PIN, stored only as a hash; needs the current admin PIN. */
    changePin: pinChannel(
      'admin',
      z.object({ adminPin: PinSchema, role: z.enum(['admin', 'supervisor']), newPin: PinSchema }).strict(),
      PublicSettingsSchema,
    ),
    /** Registers an operator, or changes one's PIN: `pin` sets it, `clearPin` removes it, neither keeps it. */
    saveOperator: pinChannel(
      'admin',
      z
        .object({
          adminPin: PinSchema,
          operatorId: z.string().trim().min(1).max(64),
          pin: PinSchema.optional(),
          clearPin: z.boolean().optional(),
        })
        .strict(),
      PublicSettingsSchema,
    ),
    removeOperator: pinChannel(
      'admin',
      z.object({ adminPin: PinSchema, operatorId: z.string().trim().min(1).max(64) }).strict(),
      PublicSettingsSchema,
    ),
  },
  onboard: {
    submit: channel(
      'operator',
      z
        .object({
          imei: Imei,
          raw: z.string().max(4096),
          source: CaptureSourceSchema,
          uid: PatientUidSchema,
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
      'operator',
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
      'operator',
      z
        .object({
          filter: z.enum(['open', 'queued', 'needs_attention', 'today', 'all']),
          search: z.string().max(64).optional(),
          limit: z.number().int().min(1).max(1000).optional(),
        })
        .strict(),
      z.object({ jobs: z.array(JobSummarySchema) }),
    ),
    retry: channel('operator', z.object({ jobId: z.string() }).strict(), JobSummarySchema),
    cancel: channel(
      'operator',
      z.object({ jobId: z.string(), reason: z.string().max(500).optional() }).strict(),
      JobSummarySchema,
    ),
    /**
     * Supervisor override for an IMEI on another patient: disconnects it there (journaled), then
     * connects it here. `fromUid` names that patient when only Validic knew of it (a 409).
     */
    override: pinChannel(
      'supervisor',
      z.object({ jobId: z.string(), supervisorPin: PinSchema, fromUid: PatientUidSchema.optional() }).strict(),
      OnboardOutcomeSchema,
    ),
  },
  queue: {
    status: channel('operator', EmptySchema, QueueStatusSchema),
  },
  batch: {
    import: channel(
      'operator',
      z.object({ csv: z.string().max(5_000_000), fileName: z.string().max(255).optional() }).strict(),
      z.discriminatedUnion('ok', [
        z.object({ ok: z.literal(true), status: BatchStatusSchema }),
        z.object({ ok: z.literal(false), errors: z.array(OrderRowErrorSchema) }),
      ]),
    ),
    status: channel('operator', EmptySchema, BatchStatusSchema),
    /** Scan-to-assign: the order this IMEI goes to (expected_imei match, else the next open order), then onboard it. */
    scan: channel(
      'operator',
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
    close: channel('operator', EmptySchema, BatchStatusSchema),
    /** An order of the open batch by its reference, for an order barcode scanned on the Onboard screen. */
    findOrder: channel(
      'operator',
      z.object({ orderRef: z.string().trim().min(1).max(254) }).strict(),
      z.discriminatedUnion('found', [
        z.object({ found: z.literal(true), uid: PatientUidSchema, deviceType: z.string(), orderRef: z.string() }),
        z.object({ found: z.literal(false) }),
      ]),
    ),
  },
  exports: {
    manifest: channel(
      'operator',
      z.object({ from: DaySchema, to: DaySchema, fullImei: z.boolean() }).strict(),
      z.object({ csv: z.string(), rows: z.number().int().nonnegative(), fileName: z.string() }),
    ),
  },
  disconnect: {
    /** Exactly what would be disconnected, for the confirmation. */
    /** By patient, by patient and IMEI, or by IMEI alone (a returned device: its patient comes from the journal). */
    preview: channel(
      'operator',
      z
        .object({ uid: PatientUidSchema.optional(), imei: Imei.optional() })
        .strict()
        .refine((r) => r.uid !== undefined || r.imei !== undefined, 'a patient ID or an IMEI'),
      z.object({ uid: PatientUidSchema, connections: z.array(ConnectionLineSchema) }),
    ),
    /** Needs the supervisor PIN like `all`: a device taken off a patient could otherwise be moved to another without one. */
    one: pinChannel(
      'supervisor',
      z.object({ uid: PatientUidSchema, imei: Imei, supervisorPin: PinSchema }).strict(),
      z.object({ disconnected: z.array(ConnectionLineSchema) }),
    ),
    all: pinChannel(
      'supervisor',
      z.object({ uid: PatientUidSchema, supervisorPin: PinSchema }).strict(),
      z.object({ total: z.number().int().nonnegative(), disconnected: z.array(ConnectionLineSchema) }),
    ),
  },
  serial: {
    /** The latest IMEI read from a plugged-in device's modem, if any, and the ports seen. */
    status: channel('operator', EmptySchema, SerialStatusSchema),
  },
  reading: {
    /**
     * Waits for the connected device's first reading on Validic, up to waitSeconds (the engine
     * looks at most every 15 s); answers when it comes, when the wait ends, or when stopped. One
     * wait per station: a new one stops the last. Progress arrives as `reading.progress` events.
     */
    wait: channel(
      'operator',
      z
        .object({
          jobId: JobIdSchema,
          waitSeconds: z.number().int().min(READING_WAIT_SECONDS.min).max(READING_WAIT_SECONDS.max),
        })
        .strict(),
      ReadingWaitResultSchema,
    ),
    /** Stops the station's wait (for this job, when named): the next scan, or the screen left. */
    stop: channel('anyone', z.object({ jobId: JobIdSchema.optional() }).strict(), z.object({ stopped: z.boolean() })),
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

/** window.kiosk: the contract's channels plus `on` for its events. */
export type KioskApi = Bridge<KioskContract> & EventSubscriber<KioskEvents>;
