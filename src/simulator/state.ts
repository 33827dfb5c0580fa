/**
 * The simulator's memory: organizations and their tokens, users (uid unique per organization, one
 * marketplace token each), Smart Meter connections (several per user; an IMEI is held by at most one
 * user at a time) and call counts. Pure data and rules; server.ts maps it onto HTTP.
 */
import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readingFor, type SimReading } from './sim-readings.js';
import {
  DISCONNECT_REASON,
  PersistedStateSchema,
  hex,
  newOrganization,
  timestamp,
  type ConnectionRecord,
  type Organization,
  type Outcome,
  type PersistedState,
  type SimCounts,
  type SimStateView,
  type UserRecord,
} from './state-records.js';

export type { SimReading } from './sim-readings.js';

export class SimState {
  readonly organizations: Organization[];
  private readonly users = new Map<string, UserRecord>(); // key: orgId + "/" + uid
  private readonly byMarketplaceToken = new Map<string, UserRecord>();
  private readonly activeImei = new Map<string, UserRecord>(); // IMEI → the user holding it
  counts: SimCounts;

  constructor(persisted?: PersistedState) {
    this.organizations = persisted ? [...persisted.organizations] : [newOrganization()];
    this.counts = persisted
      ? { ...persisted.counts }
      : { provision: 0, connect: 0, connect_repeat: 0, disconnect: 0, disconnect_all: 0, rejected: 0 };
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
      throw new Error(
        `The simulator state file ${file} is not valid at "${issue?.path.join('.')}": ${issue?.message}; move it aside to start afresh.`,
      );
    }
    return new SimState(parsed.data);
  }

  /**
   * Writes atomically (temp file + rename), so a crash leaves the old or the new state; readable by
   * its owner only (it holds the training organization's tokens and the training patients).
   */
  save(file: string): void {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.toPersisted()), { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, file);
  }

  toPersisted(): PersistedState {
    return { version: 1, organizations: this.organizations, users: [...this.users.values()], counts: this.counts };
  }

  view(): SimStateView {
    return {
      users: [...this.users.values()].map((u) => ({
        uid: u.uid,
        connections: u.connections.map((c) => ({
          device_id: c.device_id,
          device_type: c.device_type,
          created_at: c.created_at,
          deleted_at: c.deleted_at,
        })),
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

  provision(
    orgId: string,
    uid: string,
    location: { timezone?: string | null; country_code?: string | null } | undefined,
    takenStatus: 409 | 422 = 409,
  ): Outcome<UserRecord> {
    if (this.users.has(`${orgId}/${uid}`)) {
      const body =
        takenStatus === 422
          ? { errors: { uid: ['has already been taken'] } }
          : { errors: [`User with uid ${uid} already exists`] };
      return { ok: false, status: takenStatus, body };
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

  connect(
    user: UserRecord,
    deviceId: string,
    deviceType: string,
    rules: { heldStatus?: 409 | 422; repeat?: 'accept' | 'refuse' } = {},
  ): Outcome<ConnectionRecord> {
    const holder = this.activeImei.get(deviceId);
    if (holder && holder !== user) {
      const body =
        rules.heldStatus === 422
          ? { errors: { device_id: ['has already been taken'] } }
          : { errors: ['Device is already connected to another user'] };
      return { ok: false, status: rules.heldStatus ?? 409, body };
    }
    if (holder === user) {
      const existing = user.connections.find((c) => c.device_id === deviceId && c.deleted_at === null)!;
      this.counts.connect++;
      this.counts.connect_repeat++;
      if (rules.repeat === 'refuse')
        return { ok: false, status: 422, body: { errors: { device_id: ['is already connected'] } } };
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

  /**
   * The user's sources[] as Validic shows them: source types, never IMEIs — one smart_meter entry
   * while any device is connected (`immediate`), or only once a connected device's first reading
   * has arrived (`after_first_reading`, with last_processed_at; never when readings never come).
   */
  sources(
    user: UserRecord,
    rule: { when: 'immediate' | 'after_first_reading'; firstReadingDelayMs: number | null; now?: number } = {
      when: 'immediate',
      firstReadingDelayMs: null,
    },
  ): Array<{ type: string; connected_at: string; last_processed_at: string | null }> {
    const active = user.connections.filter((c) => c.deleted_at === null);
    if (active.length === 0) return [];
    const first = active.map((c) => c.created_at).sort()[0]!;
    if (rule.when === 'immediate') return [{ type: 'smart_meter', connected_at: first, last_processed_at: null }];
    const readings = this.readings(user, rule.firstReadingDelayMs, rule.now);
    if (readings.length === 0) return [];
    const last = readings
      .map((r) => r.start_time)
      .sort()
      .at(-1)!;
    return [{ type: 'smart_meter', connected_at: first, last_processed_at: last }];
  }

  /**
   * Each connected device's first reading, `delayMs` after its connect (null: devices never send).
   * Shaped like the seed's record; the values follow the device type and are made from the IMEI.
   */
  readings(user: UserRecord, delayMs: number | null, now = Date.now()): SimReading[] {
    if (delayMs === null) return [];
    const out: SimReading[] = [];
    for (const c of user.connections) {
      if (c.deleted_at !== null) continue;
      const takenAt = Date.parse(c.created_at) + delayMs;
      if (takenAt > now) continue;
      out.push(readingFor(user, c, takenAt));
    }
    return out;
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
