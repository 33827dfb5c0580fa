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
    device: z.looseObject({
      id: z.string(),
      model: z.string(),
      manufacturer: z.string(),
      diagnostics: z.array(z.unknown()),
    }),
  }),
  user: z.looseObject({ organization_id: z.string(), user_id: z.string(), uid: z.string() }),
  metrics: z.array(z.looseObject({ type: z.string(), origin: z.string(), unit: z.string(), value: z.number() })),
});
export type Measurement = z.infer<typeof MeasurementSchema>;

/**
 * One reading as the kiosk uses it (REST E12 `data[]`, Streaming `data`): the fields the first-reading
 * check reads are required; the rest of the seed's record passes through untouched. A record without
 * them is refused whole, never half-used.
 */
export const ReadingSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string().min(1),
  start_time: Timestamp,
  source: z.looseObject({
    type: z.string().min(1),
    device: z
      .looseObject({ id: z.string(), model: z.string().nullish(), manufacturer: z.string().nullish() })
      .nullish(),
  }),
  metrics: z.array(z.looseObject({ type: z.string().min(1), unit: z.string(), value: z.number() })),
});
export type Reading = z.infer<typeof ReadingSchema>;

/**
 * E12 `GET /organizations/{org}/users/{uid}/measurements` → 200 `{data: [record...]}` (the envelope of
 * Validic's published v2 reference; `meta` with paging is assumed and optional).
 */
export const ReadingsPageSchema = z.looseObject({
  data: z.array(ReadingSchema),
  meta: z.looseObject({}).nullish(),
});
export type ReadingsPage = z.infer<typeof ReadingsPageSchema>;

/**
 * The error envelopes Validic publishes; read defensively for a message to show:
 * `{"errors": ["…"]}`, `{"errors": {"uid": ["has already been taken"]}}` (field-keyed, v2 reference),
 * `{"message": "…"}`, `{"error": "…"}`, a bare JSON string (`"not found"`), plain text, or a gateway's HTML page.
 */
const ErrorsList = z.looseObject({ errors: z.array(z.unknown()) });
const ErrorsByField = z.looseObject({ errors: z.record(z.string(), z.union([z.array(z.unknown()), z.string()])) });
const MessageEnvelope = z.looseObject({ message: z.string() });
const ErrorEnvelope = z.looseObject({ error: z.string() });

const MAX_MESSAGE = 300;
const textOf = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** The first readable message in an error body, or undefined. */
export function errorMessageOf(bodyText: string): string | undefined {
  const trimmed = bodyText.trim();
  if (trimmed === '') return undefined;
  if (/^<(!doctype|html|head|body|\?xml)/i.test(trimmed)) return htmlMessage(trimmed);
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return trimmed.slice(0, MAX_MESSAGE);
  }
  if (typeof parsed === 'string') return parsed.slice(0, MAX_MESSAGE) || undefined;
  const list = ErrorsList.safeParse(parsed);
  if (list.success) return list.data.errors.map(textOf).join('; ').slice(0, MAX_MESSAGE) || undefined;
  const byField = ErrorsByField.safeParse(parsed);
  if (byField.success) {
    const texts = Object.entries(byField.data.errors).map(
      ([field, said]) => `${field} ${(Array.isArray(said) ? said : [said]).map(textOf).join(', ')}`,
    );
    return texts.join('; ').slice(0, MAX_MESSAGE) || undefined;
  }
  const message = MessageEnvelope.safeParse(parsed);
  if (message.success) return message.data.message.slice(0, MAX_MESSAGE);
  const error = ErrorEnvelope.safeParse(parsed);
  return error.success ? error.data.error.slice(0, MAX_MESSAGE) : undefined;
}

/** A gateway's error page: its title (or first heading), never the markup. */
function htmlMessage(html: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1] ?? /<h1[^>]*>([^<]*)<\/h1>/i.exec(html)?.[1];
  const words = title?.replace(/\s+/g, ' ').trim();
  return words ? `an HTML page: "${words.slice(0, 200)}"` : 'an HTML page';
}
