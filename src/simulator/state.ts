/**
 * The simulator's memory: organizations and their tokens, users (uid unique per organization, one
 * marketplace token each), Smart Meter connections (several per user; an IMEI is held by at most one
 * user at a time) and call counts. Pure data and rules; server.ts maps it onto HTTP.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

const ConnectionRecord = z.object({
  device_id: z.string(),
  device_type: z.string(),
  device_name: z.string().nullable(),
  created_at: z.string(),
  deleted_at: z.string().nullable(),
  deleted_reason: z.string().nullable(),
});
type ConnectionRecord = z.infer<typeof ConnectionRecord>;

const UserRecord = z.object({
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
type UserRecord = z.infer<typeof UserRecord>;

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

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

export function newOrganization(): Organization {
  return { id: hex(12), token: hex(32) };
}

/** The outcome of a rule, for server.ts to turn into a status and a body. */
export type Outcome<T> = { ok: true; status: number; value: T } | { ok: false; status: number; body: unknown };

export class SimState {
  readonly organizations: Organization[];
  private readonly users = new Map<string, UserRecord>(); // key: orgId + "/" + uid
  private readonly byMarketplaceToken = new Map<string, UserRecord>();
  private readonly activeImei = new Map<string, UserRecord>(); // IMEI → the user holding it
  counts: SimCounts;

  constructor(persisted?: PersistedState) {
    this.organizations = persisted ? [...persisted.organizations] : [newOrganization()];
    this.counts = persisted ? { ...persisted.counts } : { provision: 0, connect: 0, connect_repeat: 0, disconnect: 0, disconnect_all: 0, rejected: 0 };
    for (const user of persisted?.users ?? []) this.index(user);
  }

  static load(file: string): SimState {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new SimState();
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(`The simulator state file ${file} is not JSON; move it aside to start afresh.`);
    }
    const parsed = PersistedStateSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`The simulator state file ${file} is not valid at "${issue?.path.join('.')}": ${issue?.message}; move it aside to start afresh.`);
    }
    return new SimState(parsed.data);
  }

  /** Writes atomically (temp file + rename), so a crash leaves the old or the new state. */
  save(file: string): void {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.toPersisted()));
    renameSync(tmp, file);
  }

  toPersisted(): PersistedState {
    return { version: 1, organizations: this.organizations, users: [...this.users.values()], counts: this.counts };
  }

  view(): SimStateView {
    return {
      users: [...this.users.values()].map((u) => ({
        uid: u.uid,
        connections: u.connections.map((c) => ({ device_id: c.device_id, device_type: c.device_type, created_at: c.created_at, deleted_at: c.deleted_at })),
      })),
      counts: { ...this.counts },
    };
  }

  organizationByToken(token: string): Organization | undefined {
    return this.organizations.find((o) => o.token === token);
  }

  organization(id: string): Organization | undefined {
    return this.organizations.find((o) => o.id === id);
  }

  addOrganization(org: Organization = newOrganization()): Organization {
    this.organizations.push(org);
    return org;
  }

  userByMarketplaceToken(token: string): UserRecord | undefined {
    return this.byMarketplaceToken.get(token);
  }

  getUser(orgId: string, uid: string): UserRecord | undefined {
    return this.users.get(`${orgId}/${uid}`);
  }

  provision(orgId: string, uid: string, location: { timezone?: string | null; country_code?: string | null } | undefined): Outcome<UserRecord> {
    if (this.users.has(`${orgId}/${uid}`)) {
      return { ok: false, status: 409, body: { errors: [`User with uid ${uid} already exists`] } };
    }
    const now = timestamp();
    const user: UserRecord = {
      id: hex(12),
      uid,
      orgId,
      marketplaceToken: hex(32),
      mobileToken: hex(16),
      location: { timezone: location?.timezone ?? null, country_code: location?.country_code ?? null },
      created_at: now,
      updated_at: now,
      connections: [],
    };
    this.index(user);
    this.counts.provision++;
    return { ok: true, status: 201, value: user };
  }

  connect(user: UserRecord, deviceId: string, deviceType: string): Outcome<ConnectionRecord> {
    const holder = this.activeImei.get(deviceId);
    if (holder && holder !== user) {
      return { ok: false, status: 409, body: { errors: ['Device is already connected to another user'] } };
    }
    if (holder === user) {
      const existing = user.connections.find((c) => c.device_id === deviceId && c.deleted_at === null)!;
      this.counts.connect++;
      this.counts.connect_repeat++;
      return { ok: true, status: 202, value: existing };
    }
    const connection: ConnectionRecord = {
      device_id: deviceId,
      device_type: deviceType,
      device_name: null,
      created_at: timestamp(),
      deleted_at: null,
      deleted_reason: null,
    };
    user.connections.push(connection);
    user.updated_at = connection.created_at;
    this.activeImei.set(deviceId, user);
    this.counts.connect++;
    return { ok: true, status: 202, value: connection };
  }

  disconnect(user: UserRecord, deviceId: string): Outcome<ConnectionRecord> {
    const connection = user.connections.find((c) => c.device_id === deviceId && c.deleted_at === null);
    if (!connection) return { ok: false, status: 404, body: { errors: ['not found'] } };
    this.end(user, connection);
    this.counts.disconnect++;
    return { ok: true, status: 202, value: connection };
  }

  disconnectAll(user: UserRecord): Outcome<ConnectionRecord[]> {
    const active = user.connections.filter((c) => c.deleted_at === null);
    for (const c of active) this.end(user, c);
    this.counts.disconnect_all++;
    return { ok: true, status: 202, value: active };
  }

  reject(): void {
    this.counts.rejected++;
  }

  /** The user's sources[] as Validic shows them: one smart_meter entry while any device is connected. */
  sources(user: UserRecord): Array<{ type: string; connected_at: string; last_processed_at: null }> {
    const active = user.connections.filter((c) => c.deleted_at === null);
    if (active.length === 0) return [];
    const first = active.map((c) => c.created_at).sort()[0]!;
    return [{ type: 'smart_meter', connected_at: first, last_processed_at: null }];
  }

  private end(user: UserRecord, connection: ConnectionRecord): void {
    connection.deleted_at = timestamp();
    connection.deleted_reason = DISCONNECT_REASON;
    user.updated_at = connection.deleted_at;
    if (this.activeImei.get(connection.device_id) === user) this.activeImei.delete(connection.device_id);
  }

  private index(user: UserRecord): void {
    this.users.set(`${user.orgId}/${user.uid}`, user);
    this.byMarketplaceToken.set(user.marketplaceToken, user);
    for (const c of user.connections) if (c.deleted_at === null) this.activeImei.set(c.device_id, user);
  }
}

export type { UserRecord, ConnectionRecord };
