/**
 * Response bodies, written from the seed's samples (reference/seed-smart-meter-direct-connection.txt)
 * and, for users, from Validic's published v2 reference. Unknown extra fields pass through untouched
 * (loose objects); a missing or wrong required field fails with its path.
 */
import { z } from 'zod';

const Timestamp = z.iso.datetime({ offset: true });
/** 15 digits. Not the Luhn-checked `Imei`: Validic's own samples carry placeholder IMEIs. */
const DeviceId = z.string().regex(/^\d{15}$/, 'a device_id is 15 digits');

export const ConnectionCredentialsSchema = z.looseObject({
  device_id: DeviceId,
  device_type: z.string().min(1),
  // The seed shows both null (connect) and "" (disconnect_all).
  device_name: z.string().nullable(),
});

/** E7 connect → 202. */
export const ConnectionSchema = z.looseObject({
  credentials: ConnectionCredentialsSchema,
  type: z.literal('smart_meter'),
  created_at: Timestamp,
});
export type Connection = z.infer<typeof ConnectionSchema>;

/** E8 disconnect one IMEI → 202: the connection plus when and why it ended. */
export const DisconnectedConnectionSchema = z.looseObject({
  ...ConnectionSchema.shape,
  deleted_at: Timestamp,
  deleted_reason: z.string(),
});
export type DisconnectedConnection = z.infer<typeof DisconnectedConnectionSchema>;

/** E9 disconnect_all → 202. */
export const DisconnectAllSchema = z.looseObject({
  meta: z.looseObject({ total: z.number().int().nonnegative() }),
  connections: z.array(DisconnectedConnectionSchema),
});
export type DisconnectAll = z.infer<typeof DisconnectAllSchema>;

export const UserSourceSchema = z.looseObject({
  type: z.string().min(1),
  connected_at: Timestamp.nullish(),
  last_processed_at: Timestamp.nullish(),
});
export type UserSource = z.infer<typeof UserSourceSchema>;

/** E1 provision → 201 and E2 get user → 200 (no envelope). */
export const UserSchema = z.looseObject({
  id: z.string().min(1),
  uid: z.string().min(1),
  marketplace: z.looseObject({ token: z.string().min(1), url: z.string().min(1) }),
  mobile: z.looseObject({ token: z.string() }).nullish(),
  location: z.looseObject({ timezone: z.string().nullish(), country_code: z.string().nullish() }).nullish(),
  sources: z.array(UserSourceSchema),
  status: z.string().nullish(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type User = z.infer<typeof UserSchema>;

/** The seed's measurement sample (Streaming `data` event and REST E12 record). */
export const MeasurementSchema = z.looseObject({
  id: z.string(),
  checksum: z.string(),
  type: z.literal('measurement'),
  log_id: z.string(),
  start_time: Timestamp,
  end_time: Timestamp,
  utc_offset: z.number().int(),
  offset_origin: z.string(),
  created_at: Timestamp,
  deleted_at: Timestamp.nullable(),
  version: z.string(),
  tags: z.array(z.string()),
  user_notes: z.array(z.unknown()),
  source: z.looseObject({
    type: z.string(),
    device: z.looseObject({ id: z.string(), model: z.string(), manufacturer: z.string(), diagnostics: z.array(z.unknown()) }),
  }),
  user: z.looseObject({ organization_id: z.string(), user_id: z.string(), uid: z.string() }),
  metrics: z.array(z.looseObject({ type: z.string(), origin: z.string(), unit: z.string(), value: z.number() })),
});
export type Measurement = z.infer<typeof MeasurementSchema>;

/** The error envelopes Validic publishes; read defensively for a message to show. */
const ErrorsEnvelope = z.looseObject({ errors: z.array(z.unknown()) });
const MessageEnvelope = z.looseObject({ message: z.string() });
const ErrorEnvelope = z.looseObject({ error: z.string() });

/** The first readable message in an error body (JSON or plain text), or undefined. */
export function errorMessageOf(bodyText: string): string | undefined {
  const trimmed = bodyText.trim();
  if (trimmed === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return trimmed.slice(0, 300);
  }
  const errors = ErrorsEnvelope.safeParse(parsed);
  if (errors.success) {
    const texts = errors.data.errors.map((e) => (typeof e === 'string' ? e : JSON.stringify(e)));
    return texts.join('; ').slice(0, 300) || undefined;
  }
  const message = MessageEnvelope.safeParse(parsed);
  if (message.success) return message.data.message.slice(0, 300);
  const error = ErrorEnvelope.safeParse(parsed);
  return error.success ? error.data.error.slice(0, 300) : undefined;
}
