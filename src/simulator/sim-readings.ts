/**
 * The first reading a connected simulated device sends: shaped like the seed's measurement record,
 * with values that follow the device type and are made from the IMEI (the same every time).
 */
import { createHash } from 'node:crypto';
import { timestamp, type ConnectionRecord, type UserRecord } from './state-records.js';

export interface SimReading {
  id: string;
  checksum: string;
  type: 'measurement';
  log_id: string;
  start_time: string;
  end_time: string;
  utc_offset: number;
  offset_origin: string;
  created_at: string;
  deleted_at: null;
  version: string;
  tags: string[];
  user_notes: unknown[];
  source: { type: 'smart_meter'; device: { id: string; model: string; manufacturer: string; diagnostics: unknown[] } };
  user: { organization_id: string; user_id: string; uid: string };
  metrics: Array<{ type: string; origin: string; unit: string; value: number }>;
}

const MODELS: Record<string, string> = {
  blood_glucose: 'smc-bg',
  blood_pressure: 'smc-bp',
  weight_scale: 'smc-ws',
  pulse_oximeter: 'smc-ox',
};

function metricsFor(deviceType: string, seed: number): SimReading['metrics'] {
  const m = (type: string, unit: string, value: number) => ({ type, origin: 'device', unit, value });
  switch (deviceType) {
    case 'blood_glucose':
      return [m('blood_glucose', 'mg/dL', 90 + (seed % 40))];
    case 'blood_pressure':
      return [
        m('systolic', 'mmHg', 112 + (seed % 20)),
        m('diastolic', 'mmHg', 72 + (seed % 12)),
        m('pulse', 'bpm', 64 + (seed % 18)),
      ];
    case 'weight_scale':
      return [m('body_weight', 'kg', 60 + (seed % 40) + (seed % 10) / 10)];
    case 'pulse_oximeter':
      return [m('spo2', 'percent', 95 + (seed % 5)), m('pulse', 'bpm', 64 + (seed % 18))];
    default:
      return [m('pulse', 'bpm', 64 + (seed % 18))];
  }
}

export function readingFor(user: UserRecord, c: ConnectionRecord, takenAt: number): SimReading {
  const digest = createHash('sha256').update(`${user.id}/${c.device_id}/${c.created_at}`).digest('hex');
  const seed = Number.parseInt(digest.slice(0, 8), 16);
  const time = timestamp(new Date(takenAt));
  return {
    id: digest.slice(0, 24),
    checksum: digest.slice(24, 56),
    type: 'measurement',
    log_id: digest.slice(0, 24),
    start_time: time,
    end_time: time,
    utc_offset: 0,
    offset_origin: 'source',
    created_at: time,
    deleted_at: null,
    version: '1.0',
    tags: [],
    user_notes: [],
    source: {
      type: 'smart_meter',
      device: { id: c.device_id, model: MODELS[c.device_type] ?? 'smc', manufacturer: 'smart meter', diagnostics: [] },
    },
    user: { organization_id: user.orgId, user_id: user.id, uid: user.uid },
    metrics: metricsFor(c.device_type, seed),
  };
}
