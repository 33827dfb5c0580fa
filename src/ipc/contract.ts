/**
 * The one way across the process boundary. Every channel names its zod request and response schema;
 * the preload builds `window.kiosk` from this object (bridge.ts) and main registers one handler per
 * channel from it (dispatcher.ts). Both sides validate with these schemas.
 *
 * Channels are grouped as `namespace.method`; `window.kiosk.imei.validate(...)` calls `imei.validate`.
 */
import { z } from 'zod';
import { Imei } from '../imei/schema.js';

export interface ChannelSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly request: Req;
  readonly response: Res;
}

export type ContractShape = Readonly<Record<string, Readonly<Record<string, ChannelSpec>>>>;

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

export const contract = {
  imei: {
    validate: channel(z.object({ raw: z.string().max(10_000) }).strict(), ImeiValidationSchema),
  },
  app: {
    info: channel(
      z.object({}).strict(),
      z.object({ name: z.string(), version: z.string(), mode: AppModeSchema }),
    ),
  },
} as const satisfies ContractShape;

export type KioskContract = typeof contract;

// ---- Types derived from a contract -------------------------------------------------------------

export type ChannelName<C extends ContractShape> = {
  [NS in keyof C & string]: `${NS}.${keyof C[NS] & string}`;
}[keyof C & string];

/** The renderer's view: `kiosk.ns.method(request) → Promise<response>`. */
export type Bridge<C extends ContractShape> = {
  readonly [NS in keyof C]: {
    readonly [M in keyof C[NS]]: (
      request: z.input<C[NS][M]['request']>,
    ) => Promise<z.output<C[NS][M]['response']>>;
  };
};

/** The engine's side: one handler per channel, given the parsed request. */
export type Handlers<C extends ContractShape> = {
  readonly [NS in keyof C]: {
    readonly [M in keyof C[NS]]: (
      request: z.output<C[NS][M]['request']>,
    ) => Promise<z.input<C[NS][M]['response']>> | z.input<C[NS][M]['response']>;
  };
};

// ---- What crosses the wire ---------------------------------------------------------------------

export const IpcErrorCodeSchema = z.enum(['unknown_channel', 'invalid_request', 'invalid_response', 'handler_failed']);
export type IpcErrorCode = z.infer<typeof IpcErrorCodeSchema>;

export const IpcErrorSchema = z.object({
  code: IpcErrorCodeSchema,
  channel: z.string(),
  message: z.string(),
  /** zod issue paths, e.g. ["raw"], so a caller can point at the field. */
  paths: z.array(z.string()).optional(),
});
export type IpcError = z.infer<typeof IpcErrorSchema>;

export const IpcEnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: IpcErrorSchema }),
]);
export type IpcEnvelope = z.infer<typeof IpcEnvelopeSchema>;

/**
 * Thrown by the bridge when a call fails. Electron's contextBridge keeps only an error's message,
 * so the code travels at the front of it; `ipcErrorCodeOf` reads it back.
 */
export class IpcCallError extends Error {
  readonly code: IpcErrorCode;
  readonly channel: string;
  constructor(error: IpcError) {
    super(`${error.code}: ${error.channel}: ${error.message}`);
    this.name = 'IpcCallError';
    this.code = error.code;
    this.channel = error.channel;
  }
}

export function ipcErrorCodeOf(error: unknown): IpcErrorCode | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const parsed = IpcErrorCodeSchema.safeParse(message.split(':', 1)[0]);
  return parsed.success ? parsed.data : undefined;
}

export function channelNames<C extends ContractShape>(c: C): ChannelName<C>[] {
  return Object.entries(c).flatMap(([ns, methods]) =>
    Object.keys(methods).map((m) => `${ns}.${m}` as ChannelName<C>),
  );
}

export function channelSpec(c: ContractShape, name: string): ChannelSpec | undefined {
  const dot = name.indexOf('.');
  if (dot < 0) return undefined;
  const methods = Object.hasOwn(c, name.slice(0, dot)) ? c[name.slice(0, dot)] : undefined;
  const method = name.slice(dot + 1);
  return methods && Object.hasOwn(methods, method) ? methods[method] : undefined;
}
