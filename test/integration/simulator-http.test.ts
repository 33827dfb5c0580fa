/** The simulator over real HTTP: the state endpoint's exact shape, persistence, run-time faults and rate limits. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function post(url: string, body?: unknown): Promise<{ status: number; json: unknown; headers: Headers }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    /* plain text */
  }
  return { status: res.status, json, headers: res.headers };
}

describe('simulator', () => {
  it('GET /_sim/state has exactly the specified shape', async () => {
    const sim = await startSimulator();
    try {
      const user = (
        await post(`${sim.baseUrl}/organizations/${sim.orgId}/users?token=${sim.token}`, { uid: 'state-0001' })
      ).json as { marketplace: { token: string } };
      const token = user.marketplace.token;
      await post(`${sim.baseUrl}/direct/auth/smart_meter/connect?token=${token}`, {
        device_id: '490154203237518',
        device_type: 'blood_glucose',
      });
      await post(`${sim.baseUrl}/direct/auth/smart_meter/connect?token=${token}`, {
        device_id: '490154203237518',
        device_type: 'blood_glucose',
      });
      await post(`${sim.baseUrl}/direct/auth/smart_meter/connect?token=${token}`, {
        device_id: '490154203237519',
        device_type: 'blood_glucose',
      });
      await post(`${sim.baseUrl}/direct/auth/smart_meter/disconnect/490154203237518?token=${token}`);
      await post(`${sim.baseUrl}/direct/auth/smart_meter/disconnect_all?token=${token}`);
      const state = (await (await fetch(`${sim.baseUrl}/_sim/state`)).json()) as Record<string, unknown>;
      expect(Object.keys(state).sort()).toEqual(['counts', 'users']);
      expect(state.counts).toEqual({
        provision: 1,
        connect: 2,
        connect_repeat: 1,
        disconnect: 1,
        disconnect_all: 1,
        rejected: 1,
      });
      const users = state.users as Array<{ uid: string; connections: Array<Record<string, unknown>> }>;
      expect(users).toHaveLength(1);
      expect(Object.keys(users[0]!).sort()).toEqual(['connections', 'uid']);
      expect(Object.keys(users[0]!.connections[0]!).sort()).toEqual([
        'created_at',
        'deleted_at',
        'device_id',
        'device_type',
      ]);
      expect(users[0]!.connections[0]!.deleted_at).toMatch(/Z$/);
    } finally {
      await sim.close();
    }
  });

  it('sends rate-limit headers and answers 429 past the limit, changeable at run time', async () => {
    const sim = await startSimulator({ rateLimit: { limit: 2, windowMs: 60_000 } });
    try {
      const url = `${sim.baseUrl}/organizations/${sim.orgId}/users/nobody?token=${sim.token}`;
      const first = await fetch(url);
      expect(first.headers.get('x-ratelimit-limit')).toBe('2');
      expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
      expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
      await fetch(url);
      expect((await fetch(url)).status).toBe(429);
      const res = await fetch(`${sim.baseUrl}/_sim/rate-limit`, {
        method: 'PUT',
        body: JSON.stringify({ limit: 100, windowMs: 60_000 }),
      });
      expect(res.status).toBe(200);
      expect((await fetch(url)).status).toBe(404);
    } finally {
      await sim.close();
    }
  });

  it('faults can be changed over HTTP; a bad faults body is refused with its field', async () => {
    const sim = await startSimulator();
    try {
      const bad = await fetch(`${sim.baseUrl}/_sim/faults`, {
        method: 'PUT',
        body: JSON.stringify({ serverErrorShare: 3 }),
      });
      expect(bad.status).toBe(422);
      expect(await bad.text()).toContain('serverErrorShare');
      await fetch(`${sim.baseUrl}/_sim/faults`, { method: 'PUT', body: JSON.stringify({ serverErrorShare: 1 }) });
      expect(
        (await fetch(`${sim.baseUrl}/organizations/${sim.orgId}/users/nobody?token=${sim.token}`)).status,
      ).toBeGreaterThanOrEqual(500);
      expect(sim.faults().serverErrorShare).toBe(1);
    } finally {
      await sim.close();
    }
  });

  it('validates bodies: not JSON → 400, bad uid → 422, Luhn → 422, duplicate uid → 409', async () => {
    const sim = await startSimulator();
    try {
      const users = `${sim.baseUrl}/organizations/${sim.orgId}/users?token=${sim.token}`;
      const notJson = await fetch(users, { method: 'POST', body: '{' });
      expect(notJson.status).toBe(400);
      expect((await post(users, { uid: '-bad' })).status).toBe(422);
      expect((await post(users, { uid: 'dup-0001' })).status).toBe(201);
      expect((await post(users, { uid: 'dup-0001' })).status).toBe(409);
      const user = (await (
        await fetch(`${sim.baseUrl}/organizations/${sim.orgId}/users/dup-0001?token=${sim.token}`)
      ).json()) as { marketplace: { token: string } };
      const luhn = await post(`${sim.baseUrl}/direct/auth/smart_meter/connect?token=${user.marketplace.token}`, {
        device_id: '490154203237510',
        device_type: 'blood_glucose',
      });
      expect(luhn.status).toBe(422);
      const unknownToken = await post(`${sim.baseUrl}/direct/auth/smart_meter/connect?token=nope`, {
        device_id: '490154203237518',
        device_type: 'blood_glucose',
      });
      expect(unknownToken.status).toBe(401);
    } finally {
      await sim.close();
    }
  });

  it('persists its state to a file and loads it on the next start', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sim-state-'));
    dirs.push(dir);
    const stateFile = path.join(dir, 'state.json');
    const first = await startSimulator({ stateFile });
    const user = (
      await post(`${first.baseUrl}/organizations/${first.orgId}/users?token=${first.token}`, { uid: 'keep-0001' })
    ).json as { marketplace: { token: string } };
    await post(`${first.baseUrl}/direct/auth/smart_meter/connect?token=${user.marketplace.token}`, {
      device_id: '490154203237518',
      device_type: 'weight_scale',
    });
    const { orgId, token } = first;
    await first.close();
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({ version: 1 });

    const second = await startSimulator({ stateFile });
    try {
      expect([second.orgId, second.token]).toEqual([orgId, token]);
      expect(second.state().users[0]?.connections[0]?.device_id).toBe('490154203237518');
      // The same marketplace token still works, and the IMEI is still held by that user.
      const again = await post(`${second.baseUrl}/direct/auth/smart_meter/connect?token=${user.marketplace.token}`, {
        device_id: '490154203237518',
        device_type: 'weight_scale',
      });
      expect(again.status).toBe(202);
      expect(second.state().counts.connect_repeat).toBe(1);
    } finally {
      await second.close();
    }
  });
});
