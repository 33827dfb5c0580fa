/**
 * The kiosk host through its dispatcher (the path electron/ipc.ts uses), on real files with the
 * embedded simulator over HTTP: PINs (hash only, change, refuse), the write-only token, the
 * TAC type hint, batch scans reported as assignments, conflicts only "blocked" when overridable,
 * serial offers withdrawn when their port goes, device types and the serial profile edited through
 * settings.update (refusals with their reasons, a new type usable at once), and batch.findOrder.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskHost } from '../../src/app/kiosk-host.js';
import { STATION_SETTINGS_FILE } from '../../src/app/session/station-settings.js';
import type { OnboardOutcome } from '../../src/ipc/schemas.js';
import { ValidicClient } from '../../src/validic/client.js';
import { KNOWN_IMEI as IMEI, makeImei } from '../support/imei.js';
import { failureOf, kioskClient, settle, type KioskClient } from '../support/kiosk-client.js';
import { callHost, openTestHost, testDataDir } from '../support/test-host.js';
import { ensureUser } from '../support/validic-user.js';

/** The next device of IMEI's model (TAC). */
const SAME_MODEL = makeImei(IMEI.slice(0, 8), 323_752);
let data: ReturnType<typeof testDataDir>;
let host: KioskHost;
let kiosk: KioskClient;
const events: string[] = [];

/** (Re)opens the host on this test's data folder, its events recorded, signed in as op-1 unless told. */
async function open(options: Parameters<typeof openTestHost>[1] = {}, signIn = true): Promise<void> {
  host = await openTestHost(data.dir, options);
  kiosk = kioskClient(host);
  host.onEvent((event, payload) => events.push(JSON.stringify({ event, payload })));
  if (signIn) expect(await kiosk.session.signIn({ operatorId: 'op-1' })).toMatchObject({ operator: 'op-1' });
}

/** The job an onboard answer names (every outcome but a refusal names one). */
function jobOf(answer: OnboardOutcome) {
  if (!('job' in answer) || !answer.job)
    throw new Error(`expected an answer naming its job, got ${JSON.stringify(answer)}`);
  return answer.job;
}

beforeEach(async () => {
  data = testDataDir('kiosk-host-');
  await open();
});
afterEach(async () => {
  await host.close();
  data.remove();
  events.length = 0;
});

describe('kiosk host', () => {
  it('keeps PINs as hashes: a changed supervisor PIN replaces the training one', async () => {
    expect(await kiosk.settings.get({})).toMatchObject({ defaultPins: ['admin', 'supervisor'] });
    const refused = await failureOf(kiosk.settings.changePin({ adminPin: '0000', role: 'supervisor', newPin: '2468' }));
    expect(refused).toMatchObject({ code: 'refused', refusal: { code: 'wrong_admin_pin' } });
    const changed = await kiosk.settings.changePin({ adminPin: '1234', role: 'supervisor', newPin: '2468' });
    expect(changed).toMatchObject({ defaultPins: ['admin'] });
    expect(readFileSync(path.join(data.dir, STATION_SETTINGS_FILE), 'utf8')).not.toContain('2468');
    expect(await kiosk.auth.check({ role: 'supervisor', pin: '5678' })).toEqual({
      ok: false,
      message: 'Wrong supervisor PIN.',
    });
    expect(await kiosk.auth.check({ role: 'supervisor', pin: '2468' })).toEqual({ ok: true });
    // The admin PIN still opens supervisor actions.
    expect(await kiosk.auth.check({ role: 'supervisor', pin: '1234' })).toEqual({ ok: true });
  });

  it('signs in anyone until operators are registered; then only them, with the PIN of those who have one', async () => {
    expect(await kiosk.session.signInNeeds({ operatorId: 'anybody' })).toEqual({
      open: true,
      registered: false,
      pin: false,
    });
    expect((await failureOf(kiosk.settings.saveOperator({ adminPin: '0000', operatorId: 'ANN-7' }))).code).toBe(
      'refused',
    );
    await kiosk.settings.saveOperator({ adminPin: '1234', operatorId: 'op-1' });
    const saved = await kiosk.settings.saveOperator({ adminPin: '1234', operatorId: 'ANN-7', pin: '4321' });
    expect(saved.operators).toEqual([
      { id: 'ANN-7', hasPin: true },
      { id: 'op-1', hasPin: false },
    ]);
    expect(readFileSync(path.join(data.dir, STATION_SETTINGS_FILE), 'utf8')).not.toContain('4321');
    expect(await kiosk.session.signInNeeds({ operatorId: 'ann-7' })).toEqual({
      open: false,
      registered: true,
      pin: true,
    });

    expect(await failureOf(kiosk.session.signIn({ operatorId: 'bob' }))).toMatchObject({
      code: 'refused',
      message: expect.stringContaining('Operator "bob" is not registered'),
    });
    expect(await failureOf(kiosk.session.signIn({ operatorId: 'ann-7' }))).toMatchObject({
      code: 'refused',
      message: expect.stringContaining('signs in with a PIN'),
    });
    expect(await failureOf(kiosk.session.signIn({ operatorId: 'ann-7', pin: '1111' }))).toMatchObject({
      code: 'refused',
      message: expect.stringContaining('Wrong PIN for operator ANN-7'),
    });
    expect(await kiosk.session.signIn({ operatorId: 'ann-7', pin: '4321' })).toMatchObject({
      operator: 'ANN-7',
    });
    // The one signed in cannot be removed; another can, and the register survives a reopen.
    expect(
      (await failureOf(kiosk.settings.removeOperator({ adminPin: '1234', operatorId: 'ann-7' }))).message,
    ).toContain('signed in now');
    expect(await kiosk.settings.removeOperator({ adminPin: '1234', operatorId: 'op-1' })).toMatchObject({
      operators: [{ id: 'ANN-7', hasPin: true }],
    });
    await host.close();
    await open({}, false);
    expect((await failureOf(kiosk.session.signIn({ operatorId: 'op-1' }))).code).toBe('refused');
    expect(await kiosk.session.signIn({ operatorId: 'ANN-7', pin: '4321' })).toMatchObject({ operator: 'ANN-7' });
  });

  it('locks every PIN check for a minute after five wrong PINs, whichever PIN they were, right PINs between them or not', async () => {
    await host.close();
    let now = Date.parse('2026-11-25T10:00:00Z');
    await open({ pinLock: { clock: () => now } });
    await kiosk.settings.saveOperator({ adminPin: '1234', operatorId: 'ann', pin: '4321' });
    await kiosk.settings.saveOperator({ adminPin: '1234', operatorId: 'bob' });
    for (const wrong of ['0000', '1111'])
      expect(await kiosk.auth.check({ role: 'admin', pin: wrong })).toMatchObject({ ok: false });
    // A right PIN between guesses does not wipe them (else one's own PIN would reset the count for ever).
    expect(await kiosk.auth.check({ role: 'admin', pin: '1234' })).toEqual({ ok: true });
    // Signing in as someone with no PIN checks no PIN: it neither counts nor clears anything.
    expect(await kiosk.session.signIn({ operatorId: 'bob', pin: '4321' })).toMatchObject({ operator: 'bob' });
    expect((await failureOf(kiosk.settings.update({ adminPin: '2222', patch: { sounds: false } }))).message).toContain(
      'Wrong admin PIN',
    );
    expect((await failureOf(kiosk.disconnect.all({ uid: 'PAT-0001', supervisorPin: '3333' }))).message).toContain(
      'Wrong supervisor PIN',
    );
    expect((await failureOf(kiosk.session.signIn({ operatorId: 'ann', pin: '9999' }))).message).toContain(
      'Wrong PIN for operator ann',
    );
    // Locked: even the right PIN is not checked, and the refusal says for how long.
    const locked = await failureOf(kiosk.auth.check({ role: 'admin', pin: '1234' }));
    expect(locked).toMatchObject({
      code: 'refused',
      message: expect.stringContaining('Too many wrong PINs: PINs are locked for 60 s.'),
    });
    expect((await failureOf(kiosk.session.signIn({ operatorId: 'ann', pin: '4321' }))).message).toContain(
      'PINs are locked',
    );
    now += 60_000;
    expect(await kiosk.auth.check({ role: 'admin', pin: '1234' })).toEqual({ ok: true });
    expect(await kiosk.session.signIn({ operatorId: 'ann', pin: '4321' })).toMatchObject({ operator: 'ann' });
  });

  it('never answers with the organization token, nor pushes it in an event', async () => {
    const token = 'tok-integration-secret-123';
    // Production needs new PINs first (the training ones are refused there).
    await kiosk.settings.changePin({ adminPin: '1234', role: 'supervisor', newPin: '1357' });
    await kiosk.settings.changePin({ adminPin: '1234', role: 'admin', newPin: '2468' });
    const saved = await kiosk.settings.setCredentials({ adminPin: '2468', orgId: 'org-1', token });
    expect(saved).toMatchObject({ mode: 'production', hasToken: true, orgId: 'org-1' });
    const answers = [saved, await kiosk.settings.get({}), await kiosk.app.info({})];
    expect(JSON.stringify(answers) + events.join('')).not.toContain(token);
    expect(await kiosk.settings.clearCredentials({ adminPin: '2468' })).toMatchObject({
      mode: 'training',
      hasToken: false,
    });
  });

  it('hints the device type from earlier devices of the same model (TAC)', async () => {
    expect(await kiosk.onboard.typeHint({ imei: SAME_MODEL })).toEqual({ tac: '49015420', seen: 0 });
    const first = await kiosk.onboard.submit({
      imei: IMEI,
      raw: IMEI,
      source: 'typed',
      uid: 'PAT-0001',
      deviceType: 'weight_scale',
    });
    expect(first).toMatchObject({ outcome: 'connected' });
    expect(await kiosk.onboard.typeHint({ imei: SAME_MODEL })).toEqual({
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
    const answer = await kiosk.onboard.submit({
      imei: IMEI,
      raw: IMEI,
      source: 'wedge',
      uid: 'PAT-0002',
      deviceType: 'blood_glucose',
    });
    expect(answer).toMatchObject({ outcome: 'needs_attention', problem: { kind: 'conflict' } });
  });

  it('blocks an IMEI it connected to another patient, with only that patient’s last 4', async () => {
    await kiosk.onboard.submit({
      imei: IMEI,
      raw: IMEI,
      source: 'wedge',
      uid: 'PAT-1111',
      deviceType: 'blood_glucose',
    });
    const answer = await kiosk.onboard.submit({
      imei: IMEI,
      raw: IMEI,
      source: 'wedge',
      uid: 'PAT-2222',
      deviceType: 'blood_glucose',
    });
    expect(answer).toMatchObject({
      outcome: 'blocked',
      otherUidLast4: '1111',
      problem: { kind: 'held_by_other_patient', params: { imeiLast4: IMEI.slice(-4), otherLast4: '1111' } },
    });
    expect(JSON.stringify(answer)).not.toContain('PAT-1111');
    // The journal's reason, as the queue screen gets it: a kind to translate, the other patient as last 4 only.
    const listed = await kiosk.jobs.list({ filter: 'needs_attention' });
    expect(listed).toMatchObject({
      jobs: [{ uid: 'PAT-2222', reasonKind: 'held_by_other_patient', reasonParams: { otherLast4: '1111' } }],
    });
    expect(JSON.stringify(listed)).not.toContain('PAT-1111');
  });

  it('reports a batch scan as an assignment, not as a repeat', async () => {
    const imported = await kiosk.batch.import({ csv: 'uid,device_type\nB-0001,blood_glucose\n', fileName: 'o.csv' });
    expect(imported).toMatchObject({ ok: true, status: { total: 1, remaining: 1 } });
    const scan = await kiosk.batch.scan({ imei: IMEI, raw: IMEI, source: 'wedge' });
    expect(scan).toMatchObject({ outcome: 'queued', problem: { kind: 'assigned' }, job: { uid: 'B-0001' } });
  });

  it('finds an order of the open batch by its reference, for an order barcode scanned on the Onboard screen', async () => {
    expect(await kiosk.batch.findOrder({ orderRef: 'SO-55' })).toEqual({ found: false });
    await kiosk.batch.import({
      csv: 'uid,device_type,order_ref\nB-0101,blood_glucose,SO-55\nB-0102,weight_scale,SO-56\n',
    });
    expect(await kiosk.batch.findOrder({ orderRef: ' so-56 ' })).toEqual({
      found: true,
      uid: 'B-0102',
      deviceType: 'weight_scale',
      orderRef: 'SO-56',
    });
    expect(await kiosk.batch.findOrder({ orderRef: 'SO-57' })).toEqual({ found: false });
    await kiosk.session.signOut({});
    expect((await failureOf(kiosk.batch.findOrder({ orderRef: 'SO-55' }))).code).toBe('refused');
  });

  it('fills a batch order connected from the Onboard screen, so a batch scan never assigns it again', async () => {
    await kiosk.batch.import({ csv: 'uid,device_type,order_ref\nB-0201,blood_glucose,SO-60\n', fileName: 'o.csv' });
    const onScreen = await kiosk.onboard.submit({
      imei: IMEI,
      raw: IMEI,
      source: 'wedge',
      uid: 'B-0201',
      deviceType: 'blood_glucose',
      orderRef: 'SO-60',
    });
    expect(onScreen).toMatchObject({ outcome: 'connected', job: { uid: 'B-0201', orderRef: 'SO-60' } });
    expect(await kiosk.batch.status({})).toMatchObject({ total: 1, assigned: 1, remaining: 0 });
    // The one order has its device: a second device scanned into the batch finds no order left.
    const second = await failureOf(kiosk.batch.scan({ imei: SAME_MODEL, raw: SAME_MODEL, source: 'wedge' }));
    expect(second).toMatchObject({ code: 'refused', message: expect.stringContaining('No open order is left') });
    // Scanning the same order with another device on the Onboard screen is refused, naming the device it has.
    const again = await failureOf(
      kiosk.onboard.submit({
        imei: SAME_MODEL,
        raw: SAME_MODEL,
        source: 'wedge',
        uid: 'B-0201',
        deviceType: 'blood_glucose',
        orderRef: 'so-60',
      }),
    );
    expect(again).toMatchObject({
      code: 'refused',
      message: expect.stringContaining('Order so-60 already has its device (IMEI'),
    });
    // The same device again is simply already connected.
    const repeat = await kiosk.onboard.submit({
      imei: IMEI,
      raw: IMEI,
      source: 'wedge',
      uid: 'B-0201',
      deviceType: 'blood_glucose',
      orderRef: 'SO-60',
    });
    expect(repeat).toMatchObject({ outcome: 'already_connected' });
    expect(
      host
        .engine()
        .simulator!.state()
        .users.flatMap((u) => u.connections.filter((c) => c.deleted_at === null)),
    ).toHaveLength(1);
  });

  it('keeps an order expecting one device from taking another on the Onboard screen, and a device meant for another order', async () => {
    const csv = `uid,device_type,order_ref,expected_imei\nB-0301,blood_glucose,SO-70,${SAME_MODEL}\nB-0302,weight_scale,SO-71,${IMEI}\nB-0303,blood_glucose,SO-72,\n`;
    await kiosk.batch.import({ csv, fileName: 'o.csv' });
    const wrong = await failureOf(
      kiosk.onboard.submit({
        imei: IMEI,
        raw: IMEI,
        source: 'wedge',
        uid: 'B-0301',
        deviceType: 'blood_glucose',
        orderRef: 'SO-70',
      }),
    );
    expect(wrong).toMatchObject({
      code: 'refused',
      message: expect.stringContaining('This order expects the device with IMEI'),
    });
    const elsewhere = await failureOf(
      kiosk.onboard.submit({
        imei: IMEI,
        raw: IMEI,
        source: 'wedge',
        uid: 'B-0303',
        deviceType: 'blood_glucose',
        orderRef: 'SO-72',
      }),
    );
    expect(elsewhere).toMatchObject({
      code: 'refused',
      message: expect.stringContaining('is meant for another order of this batch (row 3)'),
    });
    // The order's reference with another patient or type on the screen is refused, not filed outside the batch.
    const mismatch = await failureOf(
      kiosk.onboard.submit({
        imei: SAME_MODEL,
        raw: SAME_MODEL,
        source: 'wedge',
        uid: 'B-0303',
        deviceType: 'weight_scale',
        orderRef: 'SO-72',
      }),
    );
    expect(mismatch).toMatchObject({
      code: 'refused',
      message: expect.stringContaining('Order SO-72 is for patient B-0303 and a blood_glucose'),
    });
    expect(await kiosk.batch.status({})).toMatchObject({ total: 3, assigned: 0 });
    // Nothing was connected by the refusals.
    expect(
      host
        .engine()
        .simulator!.state()
        .users.flatMap((u) => u.connections),
    ).toEqual([]);
  });

  it('fills an order once when the Onboard screen and a batch scan race for it', async () => {
    await kiosk.batch.import({ csv: 'uid,device_type,order_ref\nB-0401,blood_glucose,SO-80\n', fileName: 'o.csv' });
    const answers = await Promise.all([
      settle(
        kiosk.onboard.submit({
          imei: IMEI,
          raw: IMEI,
          source: 'wedge',
          uid: 'B-0401',
          deviceType: 'blood_glucose',
          orderRef: 'SO-80',
        }),
      ),
      settle(kiosk.batch.scan({ imei: SAME_MODEL, raw: SAME_MODEL, source: 'wedge' })),
    ]);
    // One of them has the order; the other is refused with its reason (no generic failure).
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    const lost = answers.find((a) => !a.ok);
    expect(lost && !lost.ok ? lost.failure.code : undefined).toBe('refused');
    expect(await kiosk.batch.status({})).toMatchObject({ total: 1, assigned: 1 });
  });

  it('keeps the open batch when a base URL changes (the engine reopens), with its progress', async () => {
    await kiosk.batch.import({
      csv: 'uid,device_type\nB-0501,blood_glucose\nB-0502,blood_glucose\n',
      fileName: 'o.csv',
    });
    await kiosk.batch.scan({ imei: IMEI, raw: IMEI, source: 'wedge' });
    const before = host.engine();
    expect(
      await kiosk.settings.update({ adminPin: '1234', patch: { apiBase: 'https://api.example.test/v2' } }),
    ).toMatchObject({ apiBase: 'https://api.example.test/v2' });
    expect(host.engine()).not.toBe(before);
    expect(await kiosk.batch.status({})).toMatchObject({
      active: true,
      fileName: 'o.csv',
      total: 2,
      assigned: 1,
    });
    // The next scan goes to the order still open, not to the one already assigned.
    expect(await kiosk.batch.scan({ imei: SAME_MODEL, raw: SAME_MODEL, source: 'wedge' })).toMatchObject({
      job: { uid: 'B-0502' },
    });
  });

  it('withdraws a serial offer when its port goes, and says so in an event', async () => {
    host.serial.setPorts([{ path: '/dev/ttyUSB2', label: 'Quectel', kind: 'modem' }]);
    host.serial.setOffer({ imei: IMEI, port: '/dev/ttyUSB2', readAt: new Date().toISOString() });
    expect(await kiosk.serial.status({})).toMatchObject({ offer: { imei: IMEI } });
    host.serial.setPorts([]);
    expect(await kiosk.serial.status({})).toEqual({ ports: [] });
    expect(events.filter((e) => e.includes('"serial.changed"')).at(-1)).toContain('"ports":[]');
  });

  describe('device types in settings.update', () => {
    const DEFAULT_EDITS = [
      { id: 'blood_glucose', label: 'Glucose meter' },
      { id: 'blood_pressure', label: 'Blood pressure monitor' },
      { id: 'weight_scale', label: 'Weight scale' },
      { id: 'pulse_oximeter', label: 'Pulse oximeter' },
    ];
    const ids = async () => (await kiosk.settings.get({})).deviceTypes.map((d) => d.id);

    it('refuses a wrong admin PIN and changes nothing', async () => {
      const answer = await failureOf(
        kiosk.settings.update({
          adminPin: '0000',
          patch: { deviceTypes: [...DEFAULT_EDITS, { id: 'thermometer', label: 'Thermometer' }] },
        }),
      );
      expect(answer).toMatchObject({ code: 'refused', message: expect.stringContaining('Wrong admin PIN.') });
      expect(await ids()).toEqual(DEFAULT_EDITS.map((d) => d.id));
    });

    it('refuses to remove a type an open job uses, saying which and what to do', async () => {
      host.engine().simulator!.setFaults({ serverErrorShare: 1 });
      const queued = await kiosk.onboard.submit({
        imei: IMEI,
        raw: IMEI,
        source: 'wedge',
        uid: 'PAT-3001',
        deviceType: 'blood_pressure',
      });
      expect(queued).toMatchObject({ outcome: 'queued' });
      const answer = await failureOf(
        kiosk.settings.update({
          adminPin: '1234',
          patch: { deviceTypes: DEFAULT_EDITS.filter((d) => d.id !== 'blood_pressure') },
        }),
      );
      expect(answer).toMatchObject({
        code: 'refused',
        message:
          '"Blood pressure monitor" (blood_pressure) cannot be removed: 1 open job still uses it. Finish or cancel those jobs (Queue screen), then remove it.',
      });
      expect(await ids()).toContain('blood_pressure');
    });

    it('refuses to remove a type the open batch uses', async () => {
      expect(await kiosk.batch.import({ csv: 'uid,device_type\nB-0002,weight_scale\n' })).toMatchObject({
        ok: true,
      });
      const answer = await failureOf(
        kiosk.settings.update({
          adminPin: '1234',
          patch: { deviceTypes: DEFAULT_EDITS.filter((d) => d.id !== 'weight_scale') },
        }),
      );
      expect(answer.message).toContain(
        '1 order of the open batch still uses it. Close the batch (Batch screen), then remove it.',
      );
    });

    it('takes a new type at once — onboard.submit and batch import accept it — and keeps it after a restart', async () => {
      const saved = await kiosk.settings.update({
        adminPin: '1234',
        patch: { deviceTypes: [...DEFAULT_EDITS.slice(0, 3), { id: 'thermometer', label: 'Thermometer' }] },
      });
      expect(saved.deviceTypes).toContainEqual({
        id: 'thermometer',
        label: 'Thermometer',
        confirmed: false,
      });
      expect(await ids()).not.toContain('pulse_oximeter');
      const connected = await kiosk.onboard.submit({
        imei: IMEI,
        raw: IMEI,
        source: 'wedge',
        uid: 'PAT-3002',
        deviceType: 'thermometer',
      });
      expect(connected).toMatchObject({ outcome: 'connected', job: { deviceType: 'thermometer' } });
      expect(await kiosk.batch.import({ csv: 'uid,device_type\nB-0003,thermometer\n' })).toMatchObject({
        ok: true,
      });
      const removed = await failureOf(
        kiosk.onboard.submit({
          imei: SAME_MODEL,
          raw: SAME_MODEL,
          source: 'wedge',
          uid: 'PAT-3003',
          deviceType: 'pulse_oximeter',
        }),
      );
      expect(removed).toMatchObject({
        code: 'refused',
        message: expect.stringContaining('"pulse_oximeter" is not a device type of this kiosk.'),
      });

      await host.close();
      await open();
      expect(await ids()).toEqual(['blood_glucose', 'blood_pressure', 'weight_scale', 'thermometer']);
      expect(readFileSync(path.join(data.dir, 'settings.json'), 'utf8')).toContain('"thermometer"');
    });

    it('refuses an id that is not lower_snake_case with the reason', async () => {
      const answer = await failureOf(
        kiosk.settings.update({
          adminPin: '1234',
          patch: { deviceTypes: [...DEFAULT_EDITS, { id: 'Ear Thermometer', label: 'Ear thermometer' }] },
        }),
      );
      expect(answer.message).toContain('"Ear Thermometer" is not a device type id: ids are lower_snake_case');
    });
  });

  it('keeps a serial profile in the station settings and hands it to the serial watch', async () => {
    const patch = {
      serialBaud: 9600,
      scannerFraming: { mode: 'silence' as const, intervalMs: 50 },
      extraUsbDevices: [{ vendorId: '1A86', productId: '', maker: 'Bench modem', kind: 'modem' as const }],
    };
    const saved = await kiosk.settings.update({ adminPin: '1234', patch });
    expect(saved).toMatchObject({
      serialBaud: 9600,
      scannerFraming: { mode: 'silence', intervalMs: 50 },
      extraUsbDevices: [{ vendorId: '1a86', maker: 'Bench modem', kind: 'modem' }],
    });
    expect(host.serialProfile()).toMatchObject({
      baudRate: 9600,
      usbMatches: expect.arrayContaining([{ vendorId: '1a86', maker: 'Bench modem', kind: 'modem' }]),
    });
    const bad = await failureOf(kiosk.settings.update({ adminPin: '1234', patch: { serialBaud: 9601 } }));
    expect(bad.message).toContain('9601 is not a serial speed a device uses.');
    const badUsb = await failureOf(
      kiosk.settings.update({
        adminPin: '1234',
        patch: { extraUsbDevices: [{ vendorId: 'zz', maker: 'x', kind: 'modem' }] },
      }),
    );
    expect(badUsb.message).toContain('USB device 1: the vendor id "zz" is not 4 hex digits.');
    expect(host.serialProfile().baudRate).toBe(9600);
    // Scanners have their own speed (9600 unless changed), checked the same way.
    expect(host.serialProfile().scannerBaudRate).toBe(9600);
    expect(
      (await failureOf(kiosk.settings.update({ adminPin: '1234', patch: { scannerBaud: 1000 } }))).message,
    ).toContain('1000 is not a serial speed a device uses.');
    expect(await kiosk.settings.update({ adminPin: '1234', patch: { scannerBaud: 38400 } })).toMatchObject({
      serialBaud: 9600,
      scannerBaud: 38400,
    });
    expect(host.serialProfile()).toMatchObject({ baudRate: 9600, scannerBaudRate: 38400 });
    // The wedge prefix is one of the keys no keyboard has, or none (F5, outside the contract, is sent raw: the host refuses it).
    expect(
      (await callHost(host, 'settings.update', { adminPin: '1234', patch: { wedgePrefix: 'F5' } })).error?.code,
    ).toBe('invalid_request');
    expect(await kiosk.settings.update({ adminPin: '1234', patch: { wedgePrefix: 'F13' } })).toMatchObject({
      wedgePrefix: 'F13',
    });
  });

  describe('first reading', () => {
    /** A host whose training devices send their first reading after `readingMs`, polled every 100 ms. */
    async function reopen(readingMs: number): Promise<void> {
      await host.close();
      await open({
        env: { IMEI_KIOSK_TRAINING_READING_MS: String(readingMs) },
        engine: { station: 'Test bench', onboarding: { minReadingPollMs: 100 } },
      });
    }
    const progress = () =>
      events
        .map((e) => JSON.parse(e) as { event: string; payload: { jobId: string; polls: number } })
        .filter((e) => e.event === 'reading.progress');

    it('waits for the connected device’s reading, shows each look, and journals it on the job', async () => {
      await reopen(3_000);
      const connected = await kiosk.onboard.submit({
        imei: IMEI,
        raw: IMEI,
        source: 'wedge',
        uid: 'PAT-5005',
        deviceType: 'pulse_oximeter',
      });
      const jobId = jobOf(connected).id;
      const answer = await kiosk.reading.wait({ jobId, waitSeconds: 30 });
      expect(answer).toMatchObject({
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
      const listed = await kiosk.jobs.list({ filter: 'all' });
      expect(listed).toMatchObject({
        jobs: [
          {
            id: jobId,
            state: 'connected',
            confirmedAt: answer.status === 'confirmed' ? answer.confirmedAt : 'not confirmed',
          },
        ],
      });
    });

    it('stops waiting when asked (the next scan, the screen left), and ends with no_reading when none comes', async () => {
      await reopen(3_600_000);
      const connected = await kiosk.onboard.submit({
        imei: IMEI,
        raw: IMEI,
        source: 'wedge',
        uid: 'PAT-6006',
        deviceType: 'weight_scale',
      });
      const jobId = jobOf(connected).id;
      const waiting = kiosk.reading.wait({ jobId, waitSeconds: 600 });
      await expect.poll(() => progress().length).toBeGreaterThanOrEqual(1);
      expect(await kiosk.reading.stop({ jobId: 'another-job' })).toEqual({ stopped: false });
      expect(await kiosk.reading.stop({ jobId })).toEqual({ stopped: true });
      expect(await waiting).toMatchObject({ status: 'stopped', jobId });
      expect(await kiosk.reading.stop({})).toEqual({ stopped: false });

      expect(await kiosk.reading.wait({ jobId, waitSeconds: 1 })).toMatchObject({
        status: 'no_reading',
        jobId,
      });
      // A new wait stops the last one: one patient at a counter.
      const first = kiosk.reading.wait({ jobId, waitSeconds: 600 });
      const second = kiosk.reading.wait({ jobId, waitSeconds: 1 });
      expect(await first).toMatchObject({ status: 'stopped' });
      expect(await second).toMatchObject({ status: 'no_reading' });
    });

    it('refuses a job with no connected device, an unknown job and a wait out of range', async () => {
      await kiosk.onboard.submit({
        imei: IMEI,
        raw: IMEI,
        source: 'wedge',
        uid: 'PAT-1111',
        deviceType: 'blood_glucose',
      });
      const blocked = await kiosk.onboard.submit({
        imei: IMEI,
        raw: IMEI,
        source: 'wedge',
        uid: 'PAT-2222',
        deviceType: 'blood_glucose',
      });
      const jobId = jobOf(blocked).id;
      expect(await failureOf(kiosk.reading.wait({ jobId, waitSeconds: 10 }))).toMatchObject({
        code: 'refused',
        refusal: { code: 'job_not_connected', params: { state: 'needs_attention' } },
      });
      // Asked from the Onboard screen's result, so its own kind: scan again (not "refresh the list").
      expect(await failureOf(kiosk.reading.wait({ jobId: 'nope', waitSeconds: 10 }))).toMatchObject({
        code: 'refused',
        refusal: { code: 'shown_job_missing' },
      });
      // Out of the contract's range: the host's own check, on the raw dispatch the bridge would not send.
      expect((await callHost(host, 'reading.wait', { jobId, waitSeconds: 901 })).error?.code).toBe('invalid_request');
    });

    it('keeps the station’s choice to ask for a reading after each connect', async () => {
      expect(await kiosk.settings.get({})).toMatchObject({ askReading: false });
      expect(await kiosk.settings.update({ adminPin: '1234', patch: { askReading: true } })).toMatchObject({
        askReading: true,
      });
      await reopen(5_000);
      expect(await kiosk.settings.get({})).toMatchObject({ askReading: true });
    });
  });
});
