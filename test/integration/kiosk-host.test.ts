/**
 * The kiosk host through its dispatcher (the path electron/ipc.ts uses), on real files with the
 * embedded simulator over HTTP: PINs (hash only, change, refuse), the write-only token, the
 * TAC type hint, batch scans reported as assignments, conflicts only "blocked" when overridable,
 * serial offers withdrawn when their port goes, device types and the serial profile edited through
 * settings.update (refusals with their reasons, a new type usable at once), and batch.findOrder.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryCredentialStore } from '../../src/app/session/credential-store.js';
import { openKioskHost, type KioskHost } from '../../src/app/kiosk-host.js';
import { STATION_SETTINGS_FILE } from '../../src/app/session/station-settings.js';
import { ValidicClient } from '../../src/validic/client.js';
import { ensureUser } from '../support/validic-user.js';

const IMEI = '490154203237518';
const SAME_MODEL = '490154203237526';
let dataDir: string;
let host: KioskHost;
const events: string[] = [];

async function call(
  channel: string,
  payload: unknown,
): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  return (await host.dispatcher.dispatch(channel, payload)) as never;
}

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-host-'));
  host = await openKioskHost({
    dataDir,
    version: 'test',
    credentials: createMemoryCredentialStore(),
    env: {},
    engine: { station: 'Test bench' },
  });
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
    expect((await call('auth.check', { role: 'supervisor', pin: '5678' })).value).toEqual({
      ok: false,
      message: 'Wrong supervisor PIN.',
    });
    expect((await call('auth.check', { role: 'supervisor', pin: '2468' })).value).toEqual({ ok: true });
    // The admin PIN still opens supervisor actions.
    expect((await call('auth.check', { role: 'supervisor', pin: '1234' })).value).toEqual({ ok: true });
  });

  it('signs in anyone until operators are registered; then only them, with the PIN of those who have one', async () => {
    expect((await call('session.signInNeeds', { operatorId: 'anybody' })).value).toEqual({
      open: true,
      registered: false,
      pin: false,
    });
    expect((await call('settings.saveOperator', { adminPin: '0000', operatorId: 'ANN-7' })).error?.code).toBe(
      'refused',
    );
    await call('settings.saveOperator', { adminPin: '1234', operatorId: 'op-1' });
    const saved = await call('settings.saveOperator', { adminPin: '1234', operatorId: 'ANN-7', pin: '4321' });
    expect((saved.value as { operators: unknown }).operators).toEqual([
      { id: 'ANN-7', hasPin: true },
      { id: 'op-1', hasPin: false },
    ]);
    expect(readFileSync(path.join(dataDir, STATION_SETTINGS_FILE), 'utf8')).not.toContain('4321');
    expect((await call('session.signInNeeds', { operatorId: 'ann-7' })).value).toEqual({
      open: false,
      registered: true,
      pin: true,
    });

    expect((await call('session.signIn', { operatorId: 'bob' })).error).toMatchObject({
      code: 'refused',
      message: expect.stringContaining('Operator "bob" is not registered'),
    });
    expect((await call('session.signIn', { operatorId: 'ann-7' })).error).toMatchObject({
      code: 'refused',
      message: expect.stringContaining('signs in with a PIN'),
    });
    expect((await call('session.signIn', { operatorId: 'ann-7', pin: '1111' })).error).toMatchObject({
      code: 'refused',
      message: expect.stringContaining('Wrong PIN for operator ANN-7'),
    });
    expect((await call('session.signIn', { operatorId: 'ann-7', pin: '4321' })).value).toMatchObject({
      operator: 'ANN-7',
    });
    // The one signed in cannot be removed; another can, and the register survives a reopen.
    expect((await call('settings.removeOperator', { adminPin: '1234', operatorId: 'ann-7' })).error?.message).toContain(
      'signed in now',
    );
    expect((await call('settings.removeOperator', { adminPin: '1234', operatorId: 'op-1' })).value).toMatchObject({
      operators: [{ id: 'ANN-7', hasPin: true }],
    });
    await host.close();
    host = await openKioskHost({
      dataDir,
      version: 'test',
      credentials: createMemoryCredentialStore(),
      env: {},
      engine: { station: 'Test bench' },
    });
    expect((await call('session.signIn', { operatorId: 'op-1' })).error?.code).toBe('refused');
    expect((await call('session.signIn', { operatorId: 'ANN-7', pin: '4321' })).ok).toBe(true);
  });

  it('locks every PIN check for a minute after five wrong PINs, whichever PIN they were, right PINs between them or not', async () => {
    await host.close();
    let now = Date.parse('2026-11-25T10:00:00Z');
    host = await openKioskHost({
      dataDir,
      version: 'test',
      credentials: createMemoryCredentialStore(),
      env: {},
      engine: { station: 'Test bench' },
      pinLock: { clock: () => now },
    });
    await call('session.signIn', { operatorId: 'op-1' });
    await call('settings.saveOperator', { adminPin: '1234', operatorId: 'ann', pin: '4321' });
    await call('settings.saveOperator', { adminPin: '1234', operatorId: 'bob' });
    for (const wrong of ['0000', '1111'])
      expect((await call('auth.check', { role: 'admin', pin: wrong })).value).toMatchObject({ ok: false });
    // A right PIN between guesses does not wipe them (else one's own PIN would reset the count for ever).
    expect((await call('auth.check', { role: 'admin', pin: '1234' })).value).toEqual({ ok: true });
    // Signing in as someone with no PIN checks no PIN: it neither counts nor clears anything.
    expect((await call('session.signIn', { operatorId: 'bob', pin: '4321' })).ok).toBe(true);
    expect((await call('settings.update', { adminPin: '2222', patch: { sounds: false } })).error?.message).toContain(
      'Wrong admin PIN',
    );
    expect((await call('disconnect.all', { uid: 'PAT-0001', supervisorPin: '3333' })).error?.message).toContain(
      'Wrong supervisor PIN',
    );
    expect((await call('session.signIn', { operatorId: 'ann', pin: '9999' })).error?.message).toContain(
      'Wrong PIN for operator ann',
    );
    // Locked: even the right PIN is not checked, and the refusal says for how long.
    const locked = await call('auth.check', { role: 'admin', pin: '1234' });
    expect(locked.error).toMatchObject({
      code: 'refused',
      message: expect.stringContaining('Too many wrong PINs: PINs are locked for 60 s.'),
    });
    expect((await call('session.signIn', { operatorId: 'ann', pin: '4321' })).error?.message).toContain(
      'PINs are locked',
    );
    now += 60_000;
    expect((await call('auth.check', { role: 'admin', pin: '1234' })).value).toEqual({ ok: true });
    expect((await call('session.signIn', { operatorId: 'ann', pin: '4321' })).value).toMatchObject({ operator: 'ann' });
  });

  it('never answers with the organization token, nor pushes it in an event', async () => {
    const token = 'tok-integration-secret-123';
    // Production needs new PINs first (the training ones are refused there).
    await call('settings.changePin', { adminPin: '1234', role: 'supervisor', newPin: '1357' });
    await call('settings.changePin', { adminPin: '1234', role: 'admin', newPin: '2468' });
    const saved = await call('settings.setCredentials', { adminPin: '2468', orgId: 'org-1', token });
    expect(saved.value).toMatchObject({ mode: 'production', hasToken: true, orgId: 'org-1' });
    const answers = [saved, await call('settings.get', {}), await call('app.info', {})];
    expect(JSON.stringify(answers) + events.join('')).not.toContain(token);
    expect((await call('settings.clearCredentials', { adminPin: '2468' })).value).toMatchObject({
      mode: 'training',
      hasToken: false,
    });
  });

  it('hints the device type from earlier devices of the same model (TAC)', async () => {
    expect((await call('onboard.typeHint', { imei: SAME_MODEL })).value).toEqual({ tac: '49015420', seen: 0 });
    const first = await call('onboard.submit', {
      imei: IMEI,
      raw: IMEI,
      source: 'typed',
      uid: 'PAT-0001',
      deviceType: 'weight_scale',
    });
    expect(first.value).toMatchObject({ outcome: 'connected' });
    expect((await call('onboard.typeHint', { imei: SAME_MODEL })).value).toEqual({
      tac: '49015420',
      seen: 1,
      deviceType: 'weight_scale',
    });
  });

  it('says NEEDS ATTENTION, not an override it cannot do, for a conflict on a patient it never saw', async () => {
    const simulator = host.engine().simulator!;
    const other = new ValidicClient({
      orgId: simulator.orgId,
      orgToken: simulator.token,
      apiBase: simulator.baseUrl,
      directBase: simulator.baseUrl,
    });
    const user = await ensureUser(other, 'PAT-ELSEWHERE');
    await other.connect(user.marketplace.token, IMEI, 'blood_glucose');
    const answer = await call('onboard.submit', {
      imei: IMEI,
      raw: IMEI,
      source: 'wedge',
      uid: 'PAT-0002',
      deviceType: 'blood_glucose',
    });
    expect(answer.value).toMatchObject({ outcome: 'needs_attention', problem: { kind: 'conflict' } });
  });

  it('blocks an IMEI it connected to another patient, with only that patient’s last 4', async () => {
    await call('onboard.submit', {
      imei: IMEI,
      raw: IMEI,
      source: 'wedge',
      uid: 'PAT-1111',
      deviceType: 'blood_glucose',
    });
    const answer = await call('onboard.submit', {
      imei: IMEI,
      raw: IMEI,
      source: 'wedge',
      uid: 'PAT-2222',
      deviceType: 'blood_glucose',
    });
    expect(answer.value).toMatchObject({
      outcome: 'blocked',
      otherUidLast4: '1111',
      problem: { kind: 'held_by_other_patient', params: { imeiLast4: IMEI.slice(-4), otherLast4: '1111' } },
    });
    expect(JSON.stringify(answer.value)).not.toContain('PAT-1111');
    // The journal's reason, as the queue screen gets it: a kind to translate, the other patient as last 4 only.
    const listed = await call('jobs.list', { filter: 'needs_attention' });
    expect(listed.value).toMatchObject({
      jobs: [{ uid: 'PAT-2222', reasonKind: 'held_by_other_patient', reasonParams: { otherLast4: '1111' } }],
    });
    expect(JSON.stringify(listed.value)).not.toContain('PAT-1111');
  });

  it('reports a batch scan as an assignment, not as a repeat', async () => {
    const imported = await call('batch.import', { csv: 'uid,device_type\nB-0001,blood_glucose\n', fileName: 'o.csv' });
    expect(imported.value).toMatchObject({ ok: true, status: { total: 1, remaining: 1 } });
    const scan = await call('batch.scan', { imei: IMEI, raw: IMEI, source: 'wedge' });
    expect(scan.value).toMatchObject({ outcome: 'queued', problem: { kind: 'assigned' }, job: { uid: 'B-0001' } });
  });

  it('finds an order of the open batch by its reference, for an order barcode scanned on the Onboard screen', async () => {
    expect((await call('batch.findOrder', { orderRef: 'SO-55' })).value).toEqual({ found: false });
    await call('batch.import', {
      csv: 'uid,device_type,order_ref\nB-0101,blood_glucose,SO-55\nB-0102,weight_scale,SO-56\n',
    });
    expect((await call('batch.findOrder', { orderRef: ' so-56 ' })).value).toEqual({
      found: true,
      uid: 'B-0102',
      deviceType: 'weight_scale',
      orderRef: 'SO-56',
    });
    expect((await call('batch.findOrder', { orderRef: 'SO-57' })).value).toEqual({ found: false });
    await call('session.signOut', {});
    expect((await call('batch.findOrder', { orderRef: 'SO-55' })).error?.code).toBe('refused');
  });

  it('fills a batch order connected from the Onboard screen, so a batch scan never assigns it again', async () => {
    await call('batch.import', { csv: 'uid,device_type,order_ref\nB-0201,blood_glucose,SO-60\n', fileName: 'o.csv' });
    const onScreen = await call('onboard.submit', {
      imei: IMEI,
      raw: IMEI,
      source: 'wedge',
      uid: 'B-0201',
      deviceType: 'blood_glucose',
      orderRef: 'SO-60',
    });
    expect(onScreen.value).toMatchObject({ outcome: 'connected', job: { uid: 'B-0201', orderRef: 'SO-60' } });
    expect((await call('batch.status', {})).value).toMatchObject({ total: 1, assigned: 1, remaining: 0 });
    // The one order has its device: a second device scanned into the batch finds no order left.
    const second = await call('batch.scan', { imei: SAME_MODEL, raw: SAME_MODEL, source: 'wedge' });
    expect(second.error).toMatchObject({ code: 'refused', message: expect.stringContaining('No open order is left') });
    // Scanning the same order with another device on the Onboard screen is refused, naming the device it has.
    const again = await call('onboard.submit', {
      imei: SAME_MODEL,
      raw: SAME_MODEL,
      source: 'wedge',
      uid: 'B-0201',
      deviceType: 'blood_glucose',
      orderRef: 'so-60',
    });
    expect(again.error).toMatchObject({
      code: 'refused',
      message: expect.stringContaining('Order so-60 already has its device (IMEI'),
    });
    // The same device again is simply already connected.
    const repeat = await call('onboard.submit', {
      imei: IMEI,
      raw: IMEI,
      source: 'wedge',
      uid: 'B-0201',
      deviceType: 'blood_glucose',
      orderRef: 'SO-60',
    });
    expect(repeat.value).toMatchObject({ outcome: 'already_connected' });
    expect(
      host
        .engine()
        .simulator!.state()
        .users.flatMap((u) => u.connections.filter((c) => c.deleted_at === null)),
    ).toHaveLength(1);
  });

  it('keeps an order expecting one device from taking another on the Onboard screen, and a device meant for another order', async () => {
    const csv = `uid,device_type,order_ref,expected_imei\nB-0301,blood_glucose,SO-70,${SAME_MODEL}\nB-0302,weight_scale,SO-71,${IMEI}\nB-0303,blood_glucose,SO-72,\n`;
    await call('batch.import', { csv, fileName: 'o.csv' });
    const wrong = await call('onboard.submit', {
      imei: IMEI,
      raw: IMEI,
      source: 'wedge',
      uid: 'B-0301',
      deviceType: 'blood_glucose',
      orderRef: 'SO-70',
    });
    expect(wrong.error).toMatchObject({
      code: 'refused',
      message: expect.stringContaining('This order expects the device with IMEI'),
    });
    const elsewhere = await call('onboard.submit', {
      imei: IMEI,
      raw: IMEI,
      source: 'wedge',
      uid: 'B-0303',
      deviceType: 'blood_glucose',
      orderRef: 'SO-72',
    });
    expect(elsewhere.error).toMatchObject({
      code: 'refused',
      message: expect.stringContaining('is meant for another order of this batch (row 3)'),
    });
    // The order's reference with another patient or type on the screen is refused, not filed outside the batch.
    const mismatch = await call('onboard.submit', {
      imei: SAME_MODEL,
      raw: SAME_MODEL,
      source: 'wedge',
      uid: 'B-0303',
      deviceType: 'weight_scale',
      orderRef: 'SO-72',
    });
    expect(mismatch.error).toMatchObject({
      code: 'refused',
      message: expect.stringContaining('Order SO-72 is for patient B-0303 and a blood_glucose'),
    });
    expect((await call('batch.status', {})).value).toMatchObject({ total: 3, assigned: 0 });
    // Nothing was connected by the refusals.
    expect(
      host
        .engine()
        .simulator!.state()
        .users.flatMap((u) => u.connections),
    ).toEqual([]);
  });

  it('fills an order once when the Onboard screen and a batch scan race for it', async () => {
    await call('batch.import', { csv: 'uid,device_type,order_ref\nB-0401,blood_glucose,SO-80\n', fileName: 'o.csv' });
    const [onScreen, scanned] = await Promise.all([
      call('onboard.submit', {
        imei: IMEI,
        raw: IMEI,
        source: 'wedge',
        uid: 'B-0401',
        deviceType: 'blood_glucose',
        orderRef: 'SO-80',
      }),
      call('batch.scan', { imei: SAME_MODEL, raw: SAME_MODEL, source: 'wedge' }),
    ]);
    const answers = [onScreen, scanned];
    // One of them has the order; the other is refused with its reason (no generic failure).
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.find((a) => !a.ok)?.error?.code).toBe('refused');
    expect((await call('batch.status', {})).value).toMatchObject({ total: 1, assigned: 1 });
  });

  it('keeps the open batch when a base URL changes (the engine reopens), with its progress', async () => {
    await call('batch.import', {
      csv: 'uid,device_type\nB-0501,blood_glucose\nB-0502,blood_glucose\n',
      fileName: 'o.csv',
    });
    await call('batch.scan', { imei: IMEI, raw: IMEI, source: 'wedge' });
    const before = host.engine();
    expect(
      (await call('settings.update', { adminPin: '1234', patch: { apiBase: 'https://api.example.test/v2' } })).value,
    ).toMatchObject({ apiBase: 'https://api.example.test/v2' });
    expect(host.engine()).not.toBe(before);
    expect((await call('batch.status', {})).value).toMatchObject({
      active: true,
      fileName: 'o.csv',
      total: 2,
      assigned: 1,
    });
    // The next scan goes to the order still open, not to the one already assigned.
    expect((await call('batch.scan', { imei: SAME_MODEL, raw: SAME_MODEL, source: 'wedge' })).value).toMatchObject({
      job: { uid: 'B-0502' },
    });
  });

  it('withdraws a serial offer when its port goes, and says so in an event', async () => {
    host.serial.setPorts([{ path: '/dev/ttyUSB2', label: 'Quectel', kind: 'modem' }]);
    host.serial.setOffer({ imei: IMEI, port: '/dev/ttyUSB2', readAt: new Date().toISOString() });
    expect((await call('serial.status', {})).value).toMatchObject({ offer: { imei: IMEI } });
    host.serial.setPorts([]);
    expect((await call('serial.status', {})).value).toEqual({ ports: [] });
    expect(events.filter((e) => e.includes('"serial.changed"')).at(-1)).toContain('"ports":[]');
  });

  describe('device types in settings.update', () => {
    const DEFAULT_EDITS = [
      { id: 'blood_glucose', label: 'Glucose meter' },
      { id: 'blood_pressure', label: 'Blood pressure monitor' },
      { id: 'weight_scale', label: 'Weight scale' },
      { id: 'pulse_oximeter', label: 'Pulse oximeter' },
    ];
    const ids = async () =>
      ((await call('settings.get', {})).value as { deviceTypes: { id: string }[] }).deviceTypes.map((d) => d.id);

    it('refuses a wrong admin PIN and changes nothing', async () => {
      const answer = await call('settings.update', {
        adminPin: '0000',
        patch: { deviceTypes: [...DEFAULT_EDITS, { id: 'thermometer', label: 'Thermometer' }] },
      });
      expect(answer.error).toMatchObject({ code: 'refused', message: expect.stringContaining('Wrong admin PIN.') });
      expect(await ids()).toEqual(DEFAULT_EDITS.map((d) => d.id));
    });

    it('refuses to remove a type an open job uses, saying which and what to do', async () => {
      host.engine().simulator!.setFaults({ serverErrorShare: 1 });
      const queued = await call('onboard.submit', {
        imei: IMEI,
        raw: IMEI,
        source: 'wedge',
        uid: 'PAT-3001',
        deviceType: 'blood_pressure',
      });
      expect(queued.value).toMatchObject({ outcome: 'queued' });
      const answer = await call('settings.update', {
        adminPin: '1234',
        patch: { deviceTypes: DEFAULT_EDITS.filter((d) => d.id !== 'blood_pressure') },
      });
      expect(answer.error).toMatchObject({
        code: 'refused',
        message:
          '"Blood pressure monitor" (blood_pressure) cannot be removed: 1 open job still uses it. Finish or cancel those jobs (Queue screen), then remove it.',
      });
      expect(await ids()).toContain('blood_pressure');
    });

    it('refuses to remove a type the open batch uses', async () => {
      expect((await call('batch.import', { csv: 'uid,device_type\nB-0002,weight_scale\n' })).value).toMatchObject({
        ok: true,
      });
      const answer = await call('settings.update', {
        adminPin: '1234',
        patch: { deviceTypes: DEFAULT_EDITS.filter((d) => d.id !== 'weight_scale') },
      });
      expect(answer.error?.message).toContain(
        '1 order of the open batch still uses it. Close the batch (Batch screen), then remove it.',
      );
    });

    it('takes a new type at once — onboard.submit and batch import accept it — and keeps it after a restart', async () => {
      const saved = await call('settings.update', {
        adminPin: '1234',
        patch: { deviceTypes: [...DEFAULT_EDITS.slice(0, 3), { id: 'thermometer', label: 'Thermometer' }] },
      });
      expect(saved.ok).toBe(true);
      expect((saved.value as { deviceTypes: unknown[] }).deviceTypes).toContainEqual({
        id: 'thermometer',
        label: 'Thermometer',
        confirmed: false,
      });
      expect(await ids()).not.toContain('pulse_oximeter');
      const connected = await call('onboard.submit', {
        imei: IMEI,
        raw: IMEI,
        source: 'wedge',
        uid: 'PAT-3002',
        deviceType: 'thermometer',
      });
      expect(connected.value).toMatchObject({ outcome: 'connected', job: { deviceType: 'thermometer' } });
      expect((await call('batch.import', { csv: 'uid,device_type\nB-0003,thermometer\n' })).value).toMatchObject({
        ok: true,
      });
      const removed = await call('onboard.submit', {
        imei: SAME_MODEL,
        raw: SAME_MODEL,
        source: 'wedge',
        uid: 'PAT-3003',
        deviceType: 'pulse_oximeter',
      });
      expect(removed.error).toMatchObject({
        code: 'refused',
        message: expect.stringContaining('"pulse_oximeter" is not a device type of this kiosk.'),
      });

      await host.close();
      host = await openKioskHost({
        dataDir,
        version: 'test',
        credentials: createMemoryCredentialStore(),
        env: {},
        engine: { station: 'Test bench' },
      });
      await call('session.signIn', { operatorId: 'op-1' });
      expect(await ids()).toEqual(['blood_glucose', 'blood_pressure', 'weight_scale', 'thermometer']);
      expect(readFileSync(path.join(dataDir, 'settings.json'), 'utf8')).toContain('"thermometer"');
    });

    it('refuses an id that is not lower_snake_case with the reason', async () => {
      const answer = await call('settings.update', {
        adminPin: '1234',
        patch: { deviceTypes: [...DEFAULT_EDITS, { id: 'Ear Thermometer', label: 'Ear thermometer' }] },
      });
      expect(answer.error?.message).toContain('"Ear Thermometer" is not a device type id: ids are lower_snake_case');
    });
  });

  it('keeps a serial profile in the station settings and hands it to the serial watch', async () => {
    const patch = {
      serialBaud: 9600,
      scannerFraming: { mode: 'silence', intervalMs: 50 },
      extraUsbDevices: [{ vendorId: '1A86', productId: '', maker: 'Bench modem', kind: 'modem' }],
    };
    const saved = await call('settings.update', { adminPin: '1234', patch });
    expect(saved.value).toMatchObject({
      serialBaud: 9600,
      scannerFraming: { mode: 'silence', intervalMs: 50 },
      extraUsbDevices: [{ vendorId: '1a86', maker: 'Bench modem', kind: 'modem' }],
    });
    expect(host.serialProfile()).toMatchObject({
      baudRate: 9600,
      usbMatches: expect.arrayContaining([{ vendorId: '1a86', maker: 'Bench modem', kind: 'modem' }]),
    });
    const bad = await call('settings.update', { adminPin: '1234', patch: { serialBaud: 9601 } });
    expect(bad.error?.message).toContain('9601 is not a serial speed a device uses.');
    const badUsb = await call('settings.update', {
      adminPin: '1234',
      patch: { extraUsbDevices: [{ vendorId: 'zz', maker: 'x', kind: 'modem' }] },
    });
    expect(badUsb.error?.message).toContain('USB device 1: the vendor id "zz" is not 4 hex digits.');
    expect(host.serialProfile().baudRate).toBe(9600);
    // Scanners have their own speed (9600 unless changed), checked the same way.
    expect(host.serialProfile().scannerBaudRate).toBe(9600);
    expect(
      (await call('settings.update', { adminPin: '1234', patch: { scannerBaud: 1000 } })).error?.message,
    ).toContain('1000 is not a serial speed a device uses.');
    expect((await call('settings.update', { adminPin: '1234', patch: { scannerBaud: 38400 } })).value).toMatchObject({
      serialBaud: 9600,
      scannerBaud: 38400,
    });
    expect(host.serialProfile()).toMatchObject({ baudRate: 9600, scannerBaudRate: 38400 });
    // The wedge prefix is one of the keys no keyboard has, or none.
    expect((await call('settings.update', { adminPin: '1234', patch: { wedgePrefix: 'F5' } })).error?.code).toBe(
      'invalid_request',
    );
    expect((await call('settings.update', { adminPin: '1234', patch: { wedgePrefix: 'F13' } })).value).toMatchObject({
      wedgePrefix: 'F13',
    });
  });

  describe('first reading', () => {
    /** A host whose training devices send their first reading after `readingMs`, polled every 100 ms. */
    async function reopen(readingMs: number): Promise<void> {
      await host.close();
      host = await openKioskHost({
        dataDir,
        version: 'test',
        credentials: createMemoryCredentialStore(),
        env: { IMEI_KIOSK_TRAINING_READING_MS: String(readingMs) },
        engine: { station: 'Test bench', onboarding: { minReadingPollMs: 100 } },
      });
      host.onEvent((event, payload) => events.push(JSON.stringify({ event, payload })));
      await call('session.signIn', { operatorId: 'op-1' });
    }
    const progress = () =>
      events
        .map((e) => JSON.parse(e) as { event: string; payload: { jobId: string; polls: number } })
        .filter((e) => e.event === 'reading.progress');

    it('waits for the connected device’s reading, shows each look, and journals it on the job', async () => {
      await reopen(3_000);
      const connected = await call('onboard.submit', {
        imei: IMEI,
        raw: IMEI,
        source: 'wedge',
        uid: 'PAT-5005',
        deviceType: 'pulse_oximeter',
      });
      const jobId = (connected.value as { job: { id: string } }).job.id;
      const answer = await call('reading.wait', { jobId, waitSeconds: 30 });
      expect(answer.value).toMatchObject({
        status: 'confirmed',
        jobId,
        reading: {
          metrics: [
            { type: 'spo2', unit: 'percent' },
            { type: 'pulse', unit: 'bpm' },
          ],
        },
      });
      // The device sends its reading 3 s after the connect (looks every 100 ms): the looks before it found nothing and said so.
      expect(progress().length).toBeGreaterThanOrEqual(1);
      expect(progress().map((e) => e.payload.polls)).toEqual(progress().map((_, i) => i + 1));
      const listed = await call('jobs.list', { filter: 'all' });
      expect(listed.value).toMatchObject({
        jobs: [{ id: jobId, state: 'connected', confirmedAt: (answer.value as { confirmedAt: string }).confirmedAt }],
      });
    });

    it('stops waiting when asked (the next scan, the screen left), and ends with no_reading when none comes', async () => {
      await reopen(3_600_000);
      const connected = await call('onboard.submit', {
        imei: IMEI,
        raw: IMEI,
        source: 'wedge',
        uid: 'PAT-6006',
        deviceType: 'weight_scale',
      });
      const jobId = (connected.value as { job: { id: string } }).job.id;
      const waiting = call('reading.wait', { jobId, waitSeconds: 600 });
      await expect.poll(() => progress().length).toBeGreaterThanOrEqual(1);
      expect((await call('reading.stop', { jobId: 'another-job' })).value).toEqual({ stopped: false });
      expect((await call('reading.stop', { jobId })).value).toEqual({ stopped: true });
      expect((await waiting).value).toMatchObject({ status: 'stopped', jobId });
      expect((await call('reading.stop', {})).value).toEqual({ stopped: false });

      expect((await call('reading.wait', { jobId, waitSeconds: 1 })).value).toMatchObject({
        status: 'no_reading',
        jobId,
      });
      // A new wait stops the last one: one patient at a counter.
      const first = call('reading.wait', { jobId, waitSeconds: 600 });
      const second = call('reading.wait', { jobId, waitSeconds: 1 });
      expect((await first).value).toMatchObject({ status: 'stopped' });
      expect((await second).value).toMatchObject({ status: 'no_reading' });
    });

    it('refuses a job with no connected device, an unknown job and a wait out of range', async () => {
      await call('onboard.submit', {
        imei: IMEI,
        raw: IMEI,
        source: 'wedge',
        uid: 'PAT-1111',
        deviceType: 'blood_glucose',
      });
      const blocked = await call('onboard.submit', {
        imei: IMEI,
        raw: IMEI,
        source: 'wedge',
        uid: 'PAT-2222',
        deviceType: 'blood_glucose',
      });
      const jobId = (blocked.value as { job: { id: string } }).job.id;
      expect((await call('reading.wait', { jobId, waitSeconds: 10 })).error).toMatchObject({
        code: 'refused',
        refusal: { code: 'job_not_connected', params: { state: 'needs_attention' } },
      });
      // Asked from the Onboard screen's result, so its own kind: scan again (not "refresh the list").
      expect((await call('reading.wait', { jobId: 'nope', waitSeconds: 10 })).error).toMatchObject({
        code: 'refused',
        refusal: { code: 'shown_job_missing' },
      });
      expect((await call('reading.wait', { jobId, waitSeconds: 901 })).error?.code).toBe('invalid_request');
    });

    it('keeps the station’s choice to ask for a reading after each connect', async () => {
      expect((await call('settings.get', {})).value).toMatchObject({ askReading: false });
      expect((await call('settings.update', { adminPin: '1234', patch: { askReading: true } })).value).toMatchObject({
        askReading: true,
      });
      await reopen(5_000);
      expect((await call('settings.get', {})).value).toMatchObject({ askReading: true });
    });
  });
});
