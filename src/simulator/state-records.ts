/**
 * What the simulator remembers, as it is saved to its state file: organizations, users with their
 * Smart Meter connections, and call counts; with the shared stamps (timestamps, new organizations)
 * and the outcome type its rules answer with.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

export const ConnectionRecord = z.object({
  device_id: z.string(),
  device_type: z.string(),
  device_name: z.string().nullable(),
  created_at: z.string(),
  deleted_at: z.string().nullable(),
  deleted_reason: z.string().nullable(),
});
export type ConnectionRecord = z.infer<typeof ConnectionRecord>;

export const UserRecord = z.object({
  id: z.string(),
  uid: z.string(),
  orgId: z.string(),
  marketplaceToken: z.string(),
  mobileToken: z.string(),
  location: z.object({ timezone: z.string().nullable(), country_code: z.string().nullable() }),
  created_at: z.string(),
  updated_at: z.string(),
  connections: z.array(ConnectionRecord),
});
export type UserRecord = z.infer<typeof UserRecord>;

const Counts = z.object({
  provision: z.number().int(),
  connect: z.number().int(),
  connect_repeat: z.number().int(),
  disconnect: z.number().int(),
  disconnect_all: z.number().int(),
  rejected: z.number().int(),
});
export type SimCounts = z.infer<typeof Counts>;

const Organization = z.object({ id: z.string(), token: z.string() });
export type Organization = z.infer<typeof Organization>;

export const PersistedStateSchema = z.object({
  version: z.literal(1),
  organizations: z.array(Organization).min(1),
  users: z.array(UserRecord),
  counts: Counts,
});
export type PersistedState = z.infer<typeof PersistedStateSchema>;

/** `GET /_sim/state`, exactly as the issue specifies. */
export interface SimStateView {
  users: Array<{
    uid: string;
    connections: Array<{ device_id: string; device_type: string; created_at: string; deleted_at: string | null }>;
  }>;
  counts: SimCounts;
}

export const DISCONNECT_REASON = 'User disconnected from Direct Endpoint';

export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Random hex of this many bytes: ids and tokens. */
export const hex = (bytes: number) => randomBytes(bytes).toString('hex');

export function newOrganization(): Organization {
  return { id: hex(12), token: hex(32) };
}

/** The outcome of a rule, for server.ts to turn into a status and a body. */
export type Outcome<T> = { ok: true; status: number; value: T } | { ok: false; status: number; body: unknown };
