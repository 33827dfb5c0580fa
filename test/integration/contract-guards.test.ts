/**
 * Walks the whole contract through the real host's dispatcher (the path electron/ipc.ts and the
 * browser host use) and proves every channel's guard: signed out, operator and supervisor channels
 * are refused and no channel anyone may call answers with a patient's data; signed in, a wrong
 * supervisor or admin PIN is refused before the handler runs.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelNames, channelSpec } from '../../src/ipc/channel-types.js';
import { contract } from '../../src/ipc/contract.js';
import type { IpcEnvelope } from '../../src/ipc/wire.js';
import type { KioskHost } from '../../src/app/kiosk-host.js';
import { PATIENT, SAMPLE_CHANNELS, SAMPLES, type KioskChannel } from '../support/contract-samples.js';
import { dispatchEnvelope } from '../support/test-host.js';
import { openThrowawayHost, type ThrowawayHost } from '../support/throwaway-host.js';

const RIGHT_PIN = { supervisor: '5678', admin: '1234' } as const;
const GUARD_REFUSALS = ['not_signed_in', 'wrong_supervisor_pin', 'wrong_admin_pin', 'pins_locked'];

let opened: ThrowawayHost;
let host: KioskHost;

const call = (channel: string, payload: unknown) => dispatchEnvelope(host, channel, payload);
const refusalCode = (answer: IpcEnvelope) => (answer.ok ? undefined : answer.error.refusal?.code);
const byAccess = (access: string) => SAMPLE_CHANNELS.filter((name) => SAMPLES[name].access === access);
const withPin = (name: KioskChannel, field: 'supervisorPin' | 'adminPin', pin: string) => ({
  ...SAMPLES[name].request,
  [field]: pin,
});

beforeEach(async () => {
  // Every admin channel is tried with a wrong PIN: far more than the lockout allows by default.
  opened = await openThrowawayHost({ pinLock: { maxWrong: 1000 } });
  ({ host } = opened);
  // A patient with a connected device, whose data a signed-out screen must never see.
  expect((await call('session.signIn', { operatorId: 'op-seed' })).ok).toBe(true);
  const seeded = await call('onboard.submit', { ...PATIENT, raw: PATIENT.imei, source: 'wedge' });
  expect(seeded).toMatchObject({ ok: true, value: { outcome: 'connected' } });
  expect((await call('session.signOut', {})).ok).toBe(true);
});
afterEach(async () => {
  await opened.close();
});

describe('the contract’s guards, walked channel by channel', () => {
  it('has an expected access for every channel, matching what the channel declares', () => {
    // A new channel needs an entry in test/support/contract-samples.ts: what it may be called by.
    expect([...SAMPLE_CHANNELS].sort()).toEqual(channelNames(contract).sort());
    for (const name of SAMPLE_CHANNELS) {
      const spec = channelSpec(contract, name)!;
      expect({ name, access: spec.access }).toEqual({ name, access: SAMPLES[name].access });
      // Well-formed, so each call below reaches the guard rather than stopping at the schema.
      expect({ name, parsed: spec.request.safeParse(SAMPLES[name].request).success }).toEqual({ name, parsed: true });
    }
  });

  it('signed out: refuses every operator and supervisor channel, and no open channel answers with patient data', async () => {
    for (const name of [...byAccess('operator'), ...byAccess('supervisor')]) {
      const request =
        SAMPLES[name].access === 'supervisor'
          ? withPin(name, 'supervisorPin', RIGHT_PIN.supervisor)
          : SAMPLES[name].request;
      expect({ name, refusal: refusalCode(await call(name, request)) }).toEqual({ name, refusal: 'not_signed_in' });
    }
    for (const name of byAccess('anyone')) {
      const answer = JSON.stringify(await call(name, SAMPLES[name].request));
      expect({ name, answer }).not.toEqual({ name, answer: expect.stringContaining(PATIENT.uid) });
      expect({ name, answer }).not.toEqual({ name, answer: expect.stringContaining(PATIENT.imei) });
      // session.signIn signs in: the walk goes on signed out.
      await call('session.signOut', {});
    }
    for (const name of byAccess('admin')) {
      expect({ name, refusal: refusalCode(await call(name, SAMPLES[name].request)) }).toEqual({
        name,
        refusal: 'wrong_admin_pin',
      });
    }
    // Still there: nothing above changed what the kiosk holds.
    await call('session.signIn', { operatorId: 'op-check' });
    const jobs = await call('jobs.list', { filter: 'all' });
    expect(jobs).toMatchObject({ ok: true, value: { jobs: [{ uid: PATIENT.uid, state: 'connected' }] } });
  });

  it('signed in: refuses a wrong supervisor or admin PIN before the handler, and lets every operator through', async () => {
    await call('session.signIn', { operatorId: 'op-1' });
    for (const name of byAccess('supervisor')) {
      expect({ name, refusal: refusalCode(await call(name, SAMPLES[name].request)) }).toEqual({
        name,
        refusal: 'wrong_supervisor_pin',
      });
    }
    for (const name of byAccess('admin')) {
      expect({ name, refusal: refusalCode(await call(name, SAMPLES[name].request)) }).toEqual({
        name,
        refusal: 'wrong_admin_pin',
      });
    }
    // The wrong PINs did nothing: the device is still on its patient.
    const preview = await call('disconnect.preview', { imei: PATIENT.imei });
    expect(preview).toMatchObject({ ok: true, value: { uid: PATIENT.uid, connections: [{}] } });
    for (const name of [...byAccess('operator'), ...byAccess('anyone').filter((n) => n !== 'session.signOut')]) {
      const refusal = refusalCode(await call(name, SAMPLES[name].request));
      expect({ name, refusal }).not.toEqual({ name, refusal: expect.toBeOneOf(GUARD_REFUSALS) });
    }
  });

  it('lets the right PIN through the guard', async () => {
    await call('session.signIn', { operatorId: 'op-1' });
    for (const name of byAccess('supervisor')) {
      const refusal = refusalCode(await call(name, withPin(name, 'supervisorPin', RIGHT_PIN.supervisor)));
      expect({ name, refusal }).not.toEqual({ name, refusal: expect.toBeOneOf(GUARD_REFUSALS) });
    }
    // One admin channel with no effect beyond this station's settings (the others reach Validic or change PINs).
    const update = await call('settings.update', withPin('settings.update', 'adminPin', RIGHT_PIN.admin));
    expect(update).toMatchObject({ ok: true, value: { idleMinutes: 5 } });
  });
});
