/**
 * The engine host refuses a registered operator's ID as a patient (issue 15): whatever the screen
 * let through, an operator badge never becomes the patient of a job.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KNOWN_IMEI as IMEI } from '../support/imei.js';
import { failureOf, kioskClient, type KioskClient } from '../support/kiosk-client.js';
import { openThrowawayHost, type ThrowawayHost } from '../support/throwaway-host.js';

let opened: ThrowawayHost;
let kiosk: KioskClient;

beforeEach(async () => {
  opened = await openThrowawayHost({ engine: { station: 'Test bench' } });
  kiosk = kioskClient(opened.host);
  await kiosk.settings.saveOperator({ adminPin: '1234', operatorId: 'OP-ANA' });
  await kiosk.settings.saveOperator({ adminPin: '1234', operatorId: 'op-ben' });
  await kiosk.session.signIn({ operatorId: 'op-ben' });
});
afterEach(() => opened.close());

const submitFor = (uid: string) =>
  kiosk.onboard.submit({ imei: IMEI, raw: IMEI, source: 'wedge', uid, deviceType: 'blood_glucose' });

describe('a registered operator is never a patient', () => {
  it('refuses an operator ID as the patient, whatever its case, and journals no job', async () => {
    const failure = await failureOf(submitFor('op-ana'));
    expect(failure.code).toBe('refused');
    expect(failure.refusal?.code).toBe('uid_is_operator');
    expect(failure.refusal?.text).toContain('operator OP-ANA');
    expect((await kiosk.jobs.list({ filter: 'all' })).jobs).toEqual([]);
  });

  it('still connects a patient whose ID only looks like a badge', async () => {
    expect(await submitFor('op-anna')).toMatchObject({ outcome: 'connected' });
  });
});
