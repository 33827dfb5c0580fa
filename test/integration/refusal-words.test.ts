/**
 * Every refusal the application layer makes, provoked through the real host's dispatcher (the path
 * electron/ipc.ts and the browser host use): its English words are the message catalogue's for its
 * code and params, word for word, and Spanish has every value its text needs. So no handler writes
 * a refusal's words beside the catalogue, and none can drift from it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskHost } from '../../src/app/kiosk-host.js';
import type { RefusalCode } from '../../src/ipc/wire.js';
import { LANGUAGES, renderMessage } from '../../src/messages/index.js';
import { KNOWN_IMEI, makeImei } from '../support/imei.js';
import { dispatchEnvelope } from '../support/test-host.js';
import { openThrowawayHost, type ThrowawayHost } from '../support/throwaway-host.js';

/** Another device of KNOWN_IMEI's model (TAC), and two of other models. */
const SAME_MODEL = makeImei(KNOWN_IMEI.slice(0, 8), 1);
const EXPECTED = makeImei('35000000', 7);
const SPARE = makeImei('35000000', 8);
const PATIENT = 'PAT-WORDS-0417';
const OTHER_PATIENT = 'PAT-WORDS-0982';
const TRAINING_PINS = { admin: '1234', supervisor: '5678' } as const;
const PINS_TYPED = ['0000', '1234', '5678', '4321', '9999', '2580', '1470'];

let opened: ThrowawayHost;
let host: KioskHost;

const call = (channel: string, payload: unknown) => dispatchEnvelope(host, channel, payload);

async function ok(channel: string, payload: unknown): Promise<unknown> {
  const answer = await call(channel, payload);
  if (!answer.ok) throw new Error(`${channel} failed: ${JSON.stringify(answer.error)}`);
  return answer.value;
}

/**
 * Calls `channel`, which must be refused with `code`; proves the refusal is worded by the catalogue
 * and carries no PIN and no other patient's full id. Answers the refusal's params.
 */
async function refused(channel: string, payload: unknown, code: RefusalCode) {
  const answer = await call(channel, payload);
  if (answer.ok) throw new Error(`${channel} answered ${JSON.stringify(answer.value)} instead of refusing ${code}`);
  const { error } = answer;
  expect({ channel, code: error.code, refusal: error.refusal?.code }).toEqual({
    channel,
    code: 'refused',
    refusal: code,
  });
  const params = error.refusal?.params ?? {};
  const english = renderMessage('en', code, params);
  expect(english, `${code}: a value its English text needs is missing`).toBeDefined();
  expect(error.message, code).toBe(`${english?.message} ${english?.nextAction}`);
  for (const language of LANGUAGES)
    expect(renderMessage(language, code, params), `${code} in ${language}`).toBeDefined();
  const values = Object.values(params).map(String);
  expect(
    values.filter((value) => PINS_TYPED.includes(value)),
    code,
  ).toEqual([]);
  expect(JSON.stringify(params), code).not.toContain(OTHER_PATIENT);
  return params;
}

const submit = (imei: string, uid: string, more: Record<string, unknown> = {}) => ({
  imei,
  raw: imei,
  source: 'wedge',
  uid,
  deviceType: 'blood_glucose',
  ...more,
});

beforeEach(async () => {
  opened = await openThrowawayHost();
  ({ host } = opened);
  await ok('session.signIn', { operatorId: 'op-1' });
  // A connected device: its model (TAC) is now known as a glucose meter here.
  expect(await ok('onboard.submit', submit(KNOWN_IMEI, PATIENT))).toMatchObject({ outcome: 'connected' });
});
afterEach(async () => {
  await opened.close();
});

describe('refusals are worded by the message catalogue', () => {
  it('signing in, PINs and the operator register', async () => {
    await ok('session.signOut', {});
    await refused('jobs.list', { filter: 'all' }, 'not_signed_in');
    await ok('session.signIn', { operatorId: 'op-1' });
    const wrongAdmin = { adminPin: '0000', role: 'supervisor', newPin: '2468' };
    await refused('settings.changePin', wrongAdmin, 'wrong_admin_pin');
    await refused('jobs.override', { jobId: 'job-none', supervisorPin: '0000' }, 'wrong_supervisor_pin');
    const credentials = { adminPin: TRAINING_PINS.admin, orgId: 'org-words', token: 'token-words-0001' };
    await refused('settings.setCredentials', credentials, 'training_pins_in_production');

    const admin = { adminPin: TRAINING_PINS.admin };
    await refused('settings.saveOperator', { ...admin, operatorId: 'ann\u0007' }, 'operator_id_invalid');
    await refused('settings.removeOperator', { ...admin, operatorId: 'ghost' }, 'operator_not_registered');
    await ok('settings.saveOperator', { ...admin, operatorId: 'op-1' });
    await ok('settings.saveOperator', { ...admin, operatorId: 'op-ann', pin: '4321' });
    await refused('settings.removeOperator', { ...admin, operatorId: 'OP-1' }, 'operator_signed_in');
    await ok('session.signOut', {});
    await refused('session.signIn', { operatorId: 'ghost' }, 'operator_unknown');
    await refused('session.signIn', { operatorId: 'op-ann' }, 'operator_pin_needed');
    await refused('session.signIn', { operatorId: 'op-ann', pin: '9999' }, 'operator_pin_wrong');
    await ok('session.signIn', { operatorId: 'op-1' });
    expect(await refused('onboard.submit', submit(SPARE, 'OP-ANN'), 'uid_is_operator')).toEqual({
      uid: 'OP-ANN',
      operator: 'op-ann',
    });
  });

  it('PINs locked after wrong ones', async () => {
    await opened.close();
    opened = await openThrowawayHost({ pinLock: { maxWrong: 1 } });
    ({ host } = opened);
    expect(await ok('auth.check', { role: 'admin', pin: '0000' })).toEqual({
      ok: false,
      message: renderMessage('en', 'wrong_admin_pin')?.message,
    });
    const params = await refused(
      'settings.changePin',
      { adminPin: TRAINING_PINS.admin, newPin: '2468', role: 'admin' },
      'pins_locked',
    );
    expect(Number(params.seconds)).toBeGreaterThan(0);
  });

  it('jobs, a first reading, disconnect, the manifest and a mode switch', async () => {
    await refused('onboard.submit', submit(SPARE, PATIENT, { deviceType: 'toaster' }), 'unknown_device_type');
    await refused('jobs.retry', { jobId: 'job-none' }, 'no_such_job');
    await refused('jobs.cancel', { jobId: 'job-none' }, 'no_such_job');
    await refused('jobs.override', { jobId: 'job-none', supervisorPin: TRAINING_PINS.supervisor }, 'shown_job_missing');
    await refused('reading.wait', { jobId: 'job-none', waitSeconds: 1 }, 'shown_job_missing');
    const connected = (await ok('jobs.list', { filter: 'all' })) as { jobs: { id: string; uid: string }[] };
    const jobId = connected.jobs.find((job) => job.uid === PATIENT)!.id;
    // The state travels as a code and is said in words: "Connected", not "connected".
    expect(await refused('jobs.cancel', { jobId }, 'job_not_cancellable')).toEqual({ state: 'connected' });

    // The same device for another patient is blocked: that job has no connected device to read.
    const blocked = (await ok('onboard.submit', submit(KNOWN_IMEI, OTHER_PATIENT))) as {
      outcome: string;
      job: { id: string };
      problem: { kind: string; message: string; params: Record<string, string> };
    };
    expect(blocked).toMatchObject({ outcome: 'blocked', problem: { kind: 'held_by_other_patient' } });
    expect(blocked.problem.message).toBe(renderMessage('en', blocked.problem.kind, blocked.problem.params)?.message);
    const waiting = { jobId: blocked.job.id, waitSeconds: 1 };
    expect(await refused('reading.wait', waiting, 'job_not_connected')).toEqual({ state: 'needs_attention' });

    await refused('disconnect.preview', { imei: SPARE }, 'imei_not_connected');
    // bad_date_range is not reached from here: the contract refuses a start after the end (invalid_request).

    // Going live with the blocked training job not finished: the admin is asked first.
    await ok('settings.changePin', { adminPin: TRAINING_PINS.admin, role: 'admin', newPin: '2580' });
    await ok('settings.changePin', { adminPin: '2580', role: 'supervisor', newPin: '1470' });
    const goLive = { adminPin: '2580', orgId: 'org-words', token: 'token-words-0001' };
    expect(await refused('settings.setCredentials', goLive, 'open_jobs_in_mode')).toEqual({
      count: 1,
      mode: 'training',
      to: 'production',
    });
  });

  it('a batch and the orders scanned on the Onboard screen', async () => {
    await refused('batch.scan', { imei: SPARE, raw: SPARE, source: 'wedge' }, 'no_batch_open');
    const csv = [
      'uid,device_type,order_ref,expected_imei',
      'B-0001,blood_pressure,SO-1,',
      `B-0002,blood_glucose,SO-2,${EXPECTED}`,
      'B-0003,blood_glucose,SO-3,',
      'B-0004,blood_glucose,SO-4,',
      'B-0005,blood_glucose,SO-5,',
    ].join('\n');
    await ok('batch.import', { csv, fileName: 'orders.csv' });
    // The next order is for a blood pressure monitor; this model was connected here as a glucose meter.
    await refused('batch.scan', { imei: SAME_MODEL, raw: SAME_MODEL, source: 'wedge' }, 'batch_type_mismatch');

    const order = (imei: string, uid: string, orderRef: string, deviceType = 'blood_glucose') =>
      submit(imei, uid, { orderRef, deviceType });
    await refused('onboard.submit', order(SPARE, 'B-0002', 'SO-2'), 'order_expects_other_device');
    await refused(
      'onboard.submit',
      order(EXPECTED, 'B-0001', 'SO-1', 'blood_pressure'),
      'device_expected_by_other_order',
    );
    await refused('onboard.submit', order(SPARE, 'B-0009', 'SO-3'), 'order_mismatch');
    expect(await ok('onboard.submit', order(SPARE, 'B-0003', 'SO-3'))).toMatchObject({ outcome: 'connected' });
    await refused('onboard.submit', order(SAME_MODEL, 'B-0003', 'SO-3'), 'order_filled');
    // KNOWN_IMEI is on another patient: its job for SO-5 waits for a supervisor, still in the batch.
    expect(await ok('onboard.submit', order(KNOWN_IMEI, 'B-0005', 'SO-5'))).toMatchObject({ outcome: 'blocked' });
    await refused('onboard.submit', order(KNOWN_IMEI, 'B-0004', 'SO-4'), 'order_device_in_batch');

    // A batch whose one order has its device: a further scan finds no open order.
    await ok('batch.close', {});
    await ok('batch.import', { csv: 'uid,device_type\nB-0101,blood_glucose\n', fileName: 'one.csv' });
    const assigned = (await ok('batch.scan', { imei: EXPECTED, raw: EXPECTED, source: 'wedge' })) as {
      problem?: { kind: string; message: string; params?: Record<string, string> };
    };
    if (assigned.problem)
      expect(assigned.problem.message).toBe(
        renderMessage('en', assigned.problem.kind, assigned.problem.params)?.message,
      );
    const another = makeImei('35000000', 9);
    await refused('batch.scan', { imei: another, raw: another, source: 'wedge' }, 'no_open_order');
  });

  it('a settings save', async () => {
    const update = (patch: Record<string, unknown>) => ({ adminPin: TRAINING_PINS.admin, patch });
    await refused('settings.update', update({ station: 'S'.repeat(300), sounds: false }), 'station_name_invalid');
    await refused('settings.update', update({ cameraDeviceId: 'c'.repeat(513) }), 'setting_invalid');
    await refused('settings.update', update({ apiBase: 'http://evil.example:81/x' }), 'base_url_not_https');
    await refused('settings.update', update({ apiBase: '' }), 'base_url_invalid');
    const withUser = await refused(
      'settings.update',
      update({ directBase: 'https://admin:s3cret@api.v2.validic.com' }),
      'base_url_has_credentials',
    );
    expect(JSON.stringify(withUser)).not.toMatch(/admin|s3cret/);
    await refused('settings.update', update({ serialBaud: 12_345 }), 'baud_rate_unsupported');
    await refused('settings.update', update({ deviceTypes: [] }), 'device_types_none_left');
    const badId = [{ id: 'Not An Id', label: 'Toaster' }];
    await refused('settings.update', update({ deviceTypes: badId }), 'device_type_id_format');
  });
});
