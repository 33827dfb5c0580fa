/**
 * Issue 11's "Done when", through the browser host's IPC (HTTP on 127.0.0.1, the session secret its
 * page carries), on the real host: a device on one patient cannot be taken off without the
 * supervisor PIN, a signed-out screen gets no jobs or manifest, and a malformed IMEI is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OTHER_PATIENT, PATIENT, WRONG_PIN } from '../support/contract-samples.js';
import { openThrowawayHost, type ThrowawayHost } from '../support/throwaway-host.js';
import { startWebhostIpc, type WebhostIpc } from '../support/webhost-client.js';

let opened: ThrowawayHost;
let ipc: WebhostIpc;

beforeAll(async () => {
  opened = await openThrowawayHost();
  ipc = await startWebhostIpc(opened.host);
  expect((await ipc.post('session.signIn', { operatorId: 'op-web' })).body).toMatchObject({ ok: true });
  const seeded = await ipc.post('onboard.submit', { ...PATIENT, raw: PATIENT.imei, source: 'wedge' });
  expect(seeded.body).toMatchObject({ ok: true, value: { outcome: 'connected' } });
});
afterAll(async () => {
  await ipc?.close();
  await opened?.close();
});

describe('the browser host’s IPC enforces the roles', () => {
  it('refuses disconnect.one on a patient’s IMEI without the supervisor PIN, or with a wrong one, and the device stays', async () => {
    const target = { uid: PATIENT.uid, imei: PATIENT.imei };
    const noPin = await ipc.post('disconnect.one', target);
    expect(noPin).toEqual({
      status: 200,
      body: { ok: false, error: expect.objectContaining({ code: 'invalid_request', paths: ['supervisorPin'] }) },
    });
    const wrongPin = await ipc.post('disconnect.one', { ...target, supervisorPin: WRONG_PIN });
    expect(wrongPin).toMatchObject({
      status: 200,
      body: { ok: false, error: { code: 'refused', refusal: { code: 'wrong_supervisor_pin' } } },
    });
    // Still on its patient: another patient's submit is blocked, not moved.
    const moved = await ipc.post('onboard.submit', {
      ...PATIENT,
      uid: OTHER_PATIENT,
      raw: PATIENT.imei,
      source: 'wedge',
    });
    expect(moved.body).toMatchObject({ ok: true, value: { outcome: 'blocked' } });
    const preview = await ipc.post('disconnect.preview', { imei: PATIENT.imei });
    expect(preview.body).toMatchObject({ ok: true, value: { uid: PATIENT.uid, connections: [{}] } });
  });

  it('answers a malformed IMEI with HTTP 200 and invalid_request, never a 500', async () => {
    const answer = await ipc.post('onboard.typeHint', { imei: 'abc' });
    expect(answer).toEqual({
      status: 200,
      body: { ok: false, error: expect.objectContaining({ code: 'invalid_request', paths: ['imei'] }) },
    });
  });

  it('answers a body that is not JSON, and a channel name that is not URL encoding, with an envelope', async () => {
    expect(await ipc.postRaw('jobs.list', '{"filter":')).toMatchObject({
      status: 200,
      body: { ok: false, error: { code: 'invalid_request', channel: 'jobs.list' } },
    });
    expect(await ipc.postRaw('jobs.%E0%A4%A', '{}')).toMatchObject({
      status: 200,
      body: { ok: false, error: { code: 'unknown_channel' } },
    });
  });

  it('signed out, refuses jobs.list and exports.manifest', async () => {
    expect((await ipc.post('session.signOut', {})).body).toMatchObject({ ok: true });
    for (const [channel, request] of [
      ['jobs.list', { filter: 'all' }],
      ['exports.manifest', { from: '2020-01-01', to: '2099-12-31', fullImei: true }],
    ] as const) {
      const answer = await ipc.post(channel, request);
      expect({ channel, answer }).toMatchObject({
        channel,
        answer: { status: 200, body: { ok: false, error: { code: 'refused', refusal: { code: 'not_signed_in' } } } },
      });
      expect(JSON.stringify(answer.body)).not.toContain(PATIENT.uid);
    }
  });
});
