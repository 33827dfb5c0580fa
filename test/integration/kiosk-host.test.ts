/**
 * The kiosk host through its dispatcher (the path electron/ipc.ts uses), on real files with the
 * embedded simulator over HTTP: PINs (hash only, change, refuse), the write-only token, the
 * TAC type hint, batch scans reported as assignments, conflicts only "blocked" when overridable,
 * and serial offers withdrawn when their port goes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryCredentialStore } from '../../src/kiosk/credential-store.js';
import { openKioskHost, type KioskHost } from '../../src/kiosk/kiosk-host.js';
import { STATION_SETTINGS_FILE } from '../../src/kiosk/station-settings.js';
import { ValidicClient } from '../../src/validic/client.js';

const IMEI = '490154203237518';
const SAME_MODEL = '490154203237526';
let dataDir: string;
let host: KioskHost;
const events: string[] = [];

async function call(channel: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  return (await host.dispatcher.dispatch(channel, payload)) as never;
}

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-host-'));
  host = await openKioskHost({ dataDir, version: 'test', credentials: createMemoryCredentialStore(), env: {}, engine: { station: 'Test bench' } });
  host.onEvent((event, payload) => events.push(JSON.stringify({ event, payload })));
  expect((await call('session.signIn', { operatorId: 'op-1' })).ok).toBe(true);
});
afterEach(async () => {
  await host.close();
  rmSync(dataDir, { recursive: true, force: true });
  events.length = 0;
});

describe('kiosk host', () => {
  it('keeps PINs as hashes: a changed supervisor PIN replaces the training one', async () => {
    expect((await call('settings.get', {})).value).toMatchObject({ defaultPins: ['admin', 'supervisor'] });
    const refused = await call('settings.changePin', { adminPin: '0000', role: 'supervisor', newPin: '2468' });
    expect(refused.error).toMatchObject({ code: 'refused', refusal: { code: 'wrong_admin_pin' } });
    const changed = await call('settings.changePin', { adminPin: '1234', role: 'supervisor', newPin: '2468' });
    expect(changed.value).toMatchObject({ defaultPins: ['admin'] });
    expect(readFileSync(path.join(dataDir, STATION_SETTINGS_FILE), 'utf8')).not.toContain('2468');
    expect((await call('auth.check', { role: 'supervisor', pin: '5678' })).value).toEqual({ ok: false, message: 'Wrong supervisor PIN.' });
    expect((await call('auth.check', { role: 'supervisor', pin: '2468' })).value).toEqual({ ok: true });
    // The admin PIN still opens supervisor actions.
    expect((await call('auth.check', { role: 'supervisor', pin: '1234' })).value).toEqual({ ok: true });
  });

  it('never answers with the organization token, nor pushes it in an event', async () => {
    const token = 'tok-integration-secret-123';
    const saved = await call('settings.setCredentials', { adminPin: '1234', orgId: 'org-1', token });
    expect(saved.value).toMatchObject({ mode: 'production', hasToken: true, orgId: 'org-1' });
    const answers = [saved, await call('settings.get', {}), await call('app.info', {})];
    expect(JSON.stringify(answers) + events.join('')).not.toContain(token);
    expect((await call('settings.clearCredentials', { adminPin: '1234' })).value).toMatchObject({ mode: 'training', hasToken: false });
  });

  it('hints the device type from earlier devices of the same model (TAC)', async () => {
    expect((await call('onboard.typeHint', { imei: SAME_MODEL })).value).toEqual({ tac: '49015420', seen: 0 });
    const first = await call('onboard.submit', { imei: IMEI, raw: IMEI, source: 'typed', uid: 'PAT-0001', deviceType: 'weight_scale' });
    expect(first.value).toMatchObject({ outcome: 'connected' });
    expect((await call('onboard.typeHint', { imei: SAME_MODEL })).value).toEqual({ tac: '49015420', seen: 1, deviceType: 'weight_scale' });
  });

  it('says NEEDS ATTENTION, not an override it cannot do, for a conflict on a patient it never saw', async () => {
    const simulator = host.engine().simulator!;
    const other = new ValidicClient({ orgId: simulator.orgId, orgToken: simulator.token, apiBase: simulator.baseUrl, directBase: simulator.baseUrl });
    const user = await other.ensureUser('PAT-ELSEWHERE');
    await other.connect(user.marketplace.token, IMEI, 'blood_glucose');
    const answer = await call('onboard.submit', { imei: IMEI, raw: IMEI, source: 'wedge', uid: 'PAT-0002', deviceType: 'blood_glucose' });
    expect(answer.value).toMatchObject({ outcome: 'needs_attention', problem: { kind: 'conflict' } });
  });

  it('blocks an IMEI it connected to another patient, with only that patient’s last 4', async () => {
    await call('onboard.submit', { imei: IMEI, raw: IMEI, source: 'wedge', uid: 'PAT-1111', deviceType: 'blood_glucose' });
    const answer = await call('onboard.submit', { imei: IMEI, raw: IMEI, source: 'wedge', uid: 'PAT-2222', deviceType: 'blood_glucose' });
    expect(answer.value).toMatchObject({ outcome: 'blocked', otherUidLast4: '1111', problem: { kind: 'held_by_other_patient', params: { imeiLast4: IMEI.slice(-4), otherLast4: '1111' } } });
    expect(JSON.stringify(answer.value)).not.toContain('PAT-1111');
    // The journal's reason, as the queue screen gets it: a kind to translate, the other patient as last 4 only.
    const listed = await call('jobs.list', { filter: 'needs_attention' });
    expect(listed.value).toMatchObject({ jobs: [{ uid: 'PAT-2222', reasonKind: 'held_by_other_patient', reasonParams: { otherLast4: '1111' } }] });
    expect(JSON.stringify(listed.value)).not.toContain('PAT-1111');
  });

  it('reports a batch scan as an assignment, not as a repeat', async () => {
    const imported = await call('batch.import', { csv: 'uid,device_type\nB-0001,blood_glucose\n', fileName: 'o.csv' });
    expect(imported.value).toMatchObject({ ok: true, status: { total: 1, remaining: 1 } });
    const scan = await call('batch.scan', { imei: IMEI, raw: IMEI, source: 'wedge' });
    expect(scan.value).toMatchObject({ outcome: 'queued', problem: { kind: 'assigned' }, job: { uid: 'B-0001' } });
  });

  it('withdraws a serial offer when its port goes, and says so in an event', async () => {
    host.serial.setPorts([{ path: '/dev/ttyUSB2', label: 'Quectel', kind: 'modem' }]);
    host.serial.setOffer({ imei: IMEI, port: '/dev/ttyUSB2', readAt: new Date().toISOString() });
    expect((await call('serial.status', {})).value).toMatchObject({ offer: { imei: IMEI } });
    host.serial.setPorts([]);
    expect((await call('serial.status', {})).value).toEqual({ ports: [] });
    expect(events.filter((e) => e.includes('"serial.changed"')).at(-1)).toContain('"ports":[]');
  });
});
