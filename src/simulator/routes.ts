/**
 * The Validic endpoints the kiosk uses, as the simulator answers them: provision and read users,
 * read measurements, connect and disconnect Smart Meter devices, with Validic's authentication
 * answers (403 unknown org token, 401 other org, 401 or a sign-in redirect for a marketplace token).
 */
import { z } from 'zod';
import { passesLuhn } from '../imei/luhn.js';
import { checkUid } from '../validic/uid.js';
import { HTML, HttpAnswer, parseJson, signInPage } from './http-answer.js';
import type { SimBehaviour } from './profiles.js';
import type { SimState } from './state.js';
import { DISCONNECT_REASON, type ConnectionRecord, type Organization, type UserRecord } from './state-records.js';

const ProvisionBody = z.object({
  uid: z.string(),
  location: z.object({ timezone: z.string().nullish(), country_code: z.string().nullish() }).nullish(),
});
export const ConnectBody = z.object({ device_id: z.string(), device_type: z.string() });

/** A recognised route: the organization it bills, its kind, and the action to run once faults pass. */
export interface RouteTarget {
  readonly orgId: string;
  readonly kind: string;
  readonly run: () => HttpAnswer;
}

export interface RouteDeps {
  readonly state: SimState;
  readonly behaviour: SimBehaviour;
  /** null: a device never sends a reading. */
  readonly firstReadingDelayMs: number | null;
  readonly repeatConnect: 'accept' | 'refuse';
  /** The device types connect accepts now. */
  deviceTypes(): ReadonlySet<string>;
  baseUrl(): string;
}

/** Resolves a request to its route (or the answer that refuses it). */
export function apiRoutes(
  deps: RouteDeps,
): (method: string, path: string, query: URLSearchParams, body: string) => RouteTarget | HttpAnswer {
  const { state, behaviour, firstReadingDelayMs } = deps;
  const baseUrlOf = deps.baseUrl;
  const userJson = (user: UserRecord) => ({
    id: user.id,
    uid: user.uid,
    marketplace: { token: user.marketplaceToken, url: `${baseUrlOf()}?token=${user.marketplaceToken}` },
    mobile: { token: user.mobileToken },
    location: user.location,
    sources: state.sources(user, { when: behaviour.sources, firstReadingDelayMs }),
    status: 'active',
    created_at: user.created_at,
    updated_at: user.updated_at,
  });
  const connectionJson = (c: ConnectionRecord) => ({
    credentials: { device_id: c.device_id, device_type: c.device_type, device_name: c.device_name },
    type: 'smart_meter',
    created_at: c.created_at,
    ...(c.deleted_at !== null
      ? { deleted_at: c.deleted_at, deleted_reason: c.deleted_reason ?? DISCONNECT_REASON }
      : {}),
  });

  /** The org route's organization, checked against the token (403 unknown token, 401 other org). */
  const orgFor = (orgId: string, token: string | null): Organization => {
    const byToken = token ? state.organizationByToken(token) : undefined;
    if (!byToken) throw new HttpAnswer(403, { message: 'Invalid authentication credentials' });
    if (byToken.id !== orgId) throw new HttpAnswer(401, { errors: ['Token is not authorized to access organization'] });
    return byToken;
  };

  const userForToken = (token: string | null): UserRecord => {
    const user = token ? state.userByMarketplaceToken(token) : undefined;
    if (user) return user;
    if (behaviour.unknownMarketplaceToken === 'redirect')
      throw new HttpAnswer(302, signInPage, { ...HTML, location: '/users/sign_in' });
    throw new HttpAnswer(401, { errors: ['Token is not authorized'] });
  };
  const notFound = () =>
    new HttpAnswer(404, behaviour.notFoundBody === 'string' ? JSON.stringify('not found') : { errors: ['not found'] }, {
      'content-type': 'application/json',
    });
  const DATE = /^\d{4}-\d{2}-\d{2}$/;

  return (method: string, path: string, query: URLSearchParams, body: string): RouteTarget | HttpAnswer => {
    const token = query.get('token');
    let m: RegExpExecArray | null;
    if (method === 'POST' && (m = /^\/organizations\/([^/]+)\/users\/?$/.exec(path))) {
      const org = orgFor(decodeURIComponent(m[1]!), token);
      return {
        orgId: org.id,
        kind: 'provision',
        run: () => {
          const input = parseJson(body, ProvisionBody);
          const uid = checkUid(input.uid);
          if (!uid.ok)
            throw new HttpAnswer(422, {
              message: 'An error occurred and an error response has been sent with details.',
            });
          const outcome = state.provision(org.id, input.uid, input.location ?? undefined, behaviour.takenUid);
          if (!outcome.ok) throw new HttpAnswer(outcome.status, outcome.body);
          return new HttpAnswer(201, userJson(outcome.value));
        },
      };
    }
    if (method === 'GET' && (m = /^\/organizations\/([^/]+)\/users\/([^/]+)$/.exec(path))) {
      const org = orgFor(decodeURIComponent(m[1]!), token);
      const uid = decodeURIComponent(m[2]!);
      return {
        orgId: org.id,
        kind: 'get_user',
        run: () => {
          const user = state.getUser(org.id, uid);
          if (!user) throw notFound();
          return new HttpAnswer(200, userJson(user));
        },
      };
    }
    if (method === 'GET' && (m = /^\/organizations\/([^/]+)\/users\/([^/]+)\/measurements$/.exec(path))) {
      const org = orgFor(decodeURIComponent(m[1]!), token);
      const uid = decodeURIComponent(m[2]!);
      return {
        orgId: org.id,
        kind: 'get_readings',
        run: () => {
          const start = query.get('start_date') ?? '';
          const end = query.get('end_date') ?? '';
          // Validic answers a bad or too wide window (over 30 days) with a plain-text 400.
          const days = (Date.parse(end) - Date.parse(start)) / 86_400_000;
          if (!DATE.test(start) || !DATE.test(end) || !(days >= 0 && days <= 30))
            throw new HttpAnswer(400, 'there was an error with request');
          const user = state.getUser(org.id, uid);
          if (!user) throw notFound();
          const data = state
            .readings(user, firstReadingDelayMs)
            .filter((r) => r.start_time.slice(0, 10) >= start && r.start_time.slice(0, 10) <= end);
          return new HttpAnswer(200, { data });
        },
      };
    }
    if (method === 'POST' && path === '/direct/auth/smart_meter/connect') {
      const user = userForToken(token);
      return {
        orgId: user.orgId,
        kind: 'connect',
        run: () => {
          const input = parseJson(body, ConnectBody);
          if (!/^\d{15}$/.test(input.device_id))
            throw new HttpAnswer(422, { errors: ['device_id must be a 15-digit IMEI'] });
          if (!passesLuhn(input.device_id))
            throw new HttpAnswer(422, { errors: ['device_id is not a valid IMEI: the check digit does not match'] });
          const deviceTypes = deps.deviceTypes();
          if (!deviceTypes.has(input.device_type)) {
            throw new HttpAnswer(422, { errors: [`device_type must be one of ${[...deviceTypes].join(', ')}`] });
          }
          const outcome = state.connect(user, input.device_id, input.device_type, {
            heldStatus: behaviour.imeiHeld,
            repeat: deps.repeatConnect,
          });
          if (!outcome.ok) throw new HttpAnswer(outcome.status, outcome.body);
          return new HttpAnswer(202, connectionJson(outcome.value));
        },
      };
    }
    if (method === 'POST' && (m = /^\/direct\/auth\/smart_meter\/disconnect\/([^/]+)$/.exec(path))) {
      const user = userForToken(token);
      const imei = decodeURIComponent(m[1]!);
      return {
        orgId: user.orgId,
        kind: 'disconnect',
        run: () => {
          const outcome = state.disconnect(user, imei);
          if (!outcome.ok) throw new HttpAnswer(outcome.status, outcome.body);
          return new HttpAnswer(202, connectionJson(outcome.value));
        },
      };
    }
    if (method === 'POST' && path === '/direct/auth/smart_meter/disconnect_all') {
      const user = userForToken(token);
      return {
        orgId: user.orgId,
        kind: 'disconnect_all',
        run: () => {
          const outcome = state.disconnectAll(user);
          if (!outcome.ok) throw new HttpAnswer(outcome.status, outcome.body);
          return new HttpAnswer(202, {
            meta: { total: outcome.value.length },
            connections: outcome.value.map(connectionJson),
          });
        },
      };
    }
    return new HttpAnswer(404, { errors: ['not found'] });
  };
}
