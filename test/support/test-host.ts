/**
 * A kiosk host for integration tests: a fresh data folder, the embedded simulator, no environment
 * and an in-memory credential store; `call` answers through the dispatcher, as electron/ipc.ts does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMemoryCredentialStore } from '../../src/app/session/credential-store.js';
import { openKioskHost, type KioskHost, type KioskHostOptions } from '../../src/app/kiosk-host.js';
import { IpcEnvelopeSchema, type IpcEnvelope } from '../../src/ipc/wire.js';
import type { JobView } from '../../src/ledger/job-index.js';
import type { JobState } from '../../src/ledger/records.js';

export interface Envelope {
  readonly ok: boolean;
  readonly value?: unknown;
  readonly error?: { code: string; message: string; refusal?: { code: string } };
}

export function testDataDir(prefix: string): { readonly dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function openTestHost(dataDir: string, options: Partial<KioskHostOptions> = {}): Promise<KioskHost> {
  return openKioskHost({
    dataDir,
    version: 'test',
    credentials: createMemoryCredentialStore(),
    env: {},
    engine: { station: 'Test bench' },
    ...options,
  });
}

/** The host's answer to any channel and payload, checked to be an envelope: for tests that walk channels by name. */
export async function dispatchEnvelope(host: KioskHost, channel: string, payload: unknown): Promise<IpcEnvelope> {
  return IpcEnvelopeSchema.parse(await host.dispatcher.dispatch(channel, payload));
}

export async function callHost(host: KioskHost, channel: string, payload: unknown): Promise<Envelope> {
  return dispatchEnvelope(host, channel, payload);
}

/** A journal view of one job in `state`, for pure functions over jobs. */
export function jobView(state: JobState, fields: Partial<JobView> = {}): JobView {
  return {
    jobId: `job-${state}`,
    imei: '490154203237518',
    uid: 'PAT-0001',
    deviceType: 'blood_glucose',
    operator: 'op-1',
    station: 'Test bench',
    state,
    createdAt: '2026-12-02T10:00:00.000Z',
    updatedAt: '2026-12-02T10:00:00.000Z',
    intentSeq: 1,
    lastSeq: 1,
    apiAttempts: 0,
    connectSends: 0,
    connectStarts: 0,
    transitions: 0,
    ...fields,
  };
}
