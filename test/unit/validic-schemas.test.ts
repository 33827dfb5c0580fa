import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ConnectionSchema,
  DisconnectAllSchema,
  DisconnectedConnectionSchema,
  MeasurementSchema,
  UserSchema,
  errorMessageOf,
} from '../../src/validic/index.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/validic/${name}`, import.meta.url), 'utf8'));

describe("the seed's sample bodies parse verbatim", () => {
  it('connect 202', () => {
    const body = ConnectionSchema.parse(fixture('connect-202.json'));
    expect(body.credentials).toEqual({ device_id: '123453782873223', device_type: 'blood_glucose', device_name: null });
    expect(body.type).toBe('smart_meter');
  });
  it('disconnect 202', () => {
    const body = DisconnectedConnectionSchema.parse(fixture('disconnect-202.json'));
    expect(body.deleted_reason).toBe('User disconnected from Direct Endpoint');
    expect(body.deleted_at).toBe('2023-10-10T17:47:15Z');
  });
  it('disconnect_all 202 (device_name "" and two connections)', () => {
    const body = DisconnectAllSchema.parse(fixture('disconnect-all-202.json'));
    expect(body.meta.total).toBe(2);
    expect(body.connections.map((c) => c.credentials.device_type)).toEqual(['blood_pressure', 'weight_scale']);
  });
  it('the measurement record', () => {
    const body = MeasurementSchema.parse(fixture('measurement-smc-ox.json'));
    expect(body.source.device.id).toBe('111111111111111');
    expect(body.metrics.map((m) => m.type)).toEqual(['spo2', 'pulse']);
  });
  it('the reconstructed provisioning body', () => {
    expect(UserSchema.parse(fixture('provision-user-201.json')).marketplace.token).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('schemas tolerate extras and name the broken field', () => {
  it('keeps unknown fields', () => {
    const body = ConnectionSchema.parse({ ...(fixture('connect-202.json') as object), extra: 1 });
    expect((body as Record<string, unknown>).extra).toBe(1);
  });
  it('reports the path of a wrong required field', () => {
    const bad = fixture('disconnect-all-202.json') as { connections: Array<Record<string, unknown>> };
    delete bad.connections[1]!.deleted_at;
    const result = DisconnectAllSchema.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['connections', 1, 'deleted_at']);
  });
});

describe('errorMessageOf reads every published error envelope', () => {
  it.each([
    ['{"errors":["Token is not authorized to access organization"]}', 'Token is not authorized to access organization'],
    ['{"message":"Invalid authentication credentials"}', 'Invalid authentication credentials'],
    ['{"status":400,"error":"Bad Request"}', 'Bad Request'],
    ['there was an error with request', 'there was an error with request'],
    ['', undefined],
  ])('%s', (text, expected) => {
    expect(errorMessageOf(text)).toBe(expected);
  });
});
