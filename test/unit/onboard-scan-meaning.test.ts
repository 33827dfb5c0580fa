import { describe, expect, it } from 'vitest';
import { extractImeiCandidates } from '../../src/capture/candidates.js';
import { PatientUidSchema } from '../../src/ipc/schemas.js';
import {
  emptyDraft,
  mayBeOrderRef,
  needsAcknowledging,
  orderFill,
  registeredOperator,
  scanMeaning,
  withOrder,
  withoutDevice,
  withoutType,
  withPatient,
  withType,
} from '../../renderer/src/screens/onboard-state.js';

const meaning = (text: string) =>
  scanMeaning(text, extractImeiCandidates(text, 'wedge'), (t) => PatientUidSchema.safeParse(t).success);
const types = [{ id: 'blood_glucose' }, { id: 'weight_scale' }];

describe('what a scan on the Onboard screen means', () => {
  it('an IMEI, a failed IMEI, a patient, or nothing known — as before', () => {
    expect(meaning('490154203237518')).toEqual({ kind: 'imei', imei: '490154203237518' });
    expect(meaning('490154203237519')).toMatchObject({ kind: 'bad_imei', error: { kind: 'bad_check_digit' } });
    expect(meaning('PAT-1001')).toEqual({ kind: 'patient', uid: 'PAT-1001' });
    expect(meaning('hello world!')).toEqual({ kind: 'unknown', text: 'hello world!' });
  });

  it('an order barcode names the patient, the type and the order', () => {
    expect(meaning('UID:P-1001;TYPE:blood_glucose;ORDER:SO-55')).toEqual({
      kind: 'order',
      order: { uid: 'P-1001', deviceType: 'blood_glucose', orderRef: 'SO-55' },
    });
    expect(meaning('{"uid":"P-1001","device_type":"weight_scale"}')).toEqual({
      kind: 'order',
      order: { uid: 'P-1001', deviceType: 'weight_scale' },
    });
    expect(meaning('ORDER:SO-55')).toEqual({ kind: 'order_ref', orderRef: 'SO-55' });
    expect(meaning('UID:P-1001')).toEqual({ kind: 'patient', uid: 'P-1001' });
    expect(meaning('UID:P_1;TYPE:weight_scale')).toEqual({ kind: 'bad_order_uid', uid: 'P_1' });
  });

  it('an IMEI in a payload still wins: the label scan is the device', () => {
    expect(meaning('UID:P-1001;IMEI:490154203237518')).toEqual({ kind: 'imei', imei: '490154203237518' });
  });

  it('fills the type as this station spells it, or refuses a type the station does not have', () => {
    expect(orderFill({ uid: 'P-1001', deviceType: 'Blood_Glucose', orderRef: 'SO-55' }, types)).toEqual({
      ok: true,
      uid: 'P-1001',
      deviceType: 'blood_glucose',
      orderRef: 'SO-55',
    });
    expect(orderFill({ uid: 'P-1001', deviceType: 'spirometer' }, types)).toEqual({
      ok: false,
      deviceType: 'spirometer',
    });
  });

  it('an order replaces a model hint; a patient typed by hand afterwards drops the order', () => {
    const hinted = { ...emptyDraft, typeHint: { tac: '49015420', seen: 2, deviceType: 'weight_scale' } };
    const ordered = withOrder(hinted, { ok: true, uid: 'P-1001', deviceType: 'blood_glucose', orderRef: 'SO-55' });
    expect(ordered).toEqual({ uid: 'P-1001', deviceType: 'blood_glucose', orderRef: 'SO-55', typeFromOrder: true });
    expect(withPatient(ordered, 'P-1001')).toBe(ordered);
    expect(withPatient(ordered, 'P-2002')).toEqual({ uid: 'P-2002', deviceType: 'blood_glucose' });
  });

  it('looks up as an order reference only text an order system could use', () => {
    expect(mayBeOrderRef('SO-55')).toBe(true);
    expect(mayBeOrderRef('  ')).toBe(false);
    expect(mayBeOrderRef('x'.repeat(255))).toBe(false);
    expect(mayBeOrderRef('SO\u000755')).toBe(false);
  });

  it('keeps the order when the IMEI is cleared, and drops it when another type is picked by hand', () => {
    const filled = orderFill({ uid: 'P-1001', deviceType: 'blood_glucose', orderRef: 'SO-55' }, types);
    if (!filled.ok) throw new Error('order not filled');
    const ordered = {
      ...withOrder(emptyDraft, filled),
      label: { imei: '490154203237518', raw: '490154203237518', source: 'wedge' as const },
    };
    expect(withoutDevice(ordered)).toEqual({
      uid: 'P-1001',
      deviceType: 'blood_glucose',
      orderRef: 'SO-55',
      typeFromOrder: true,
    });
    expect(withType(ordered, 'blood_glucose')).toMatchObject({ orderRef: 'SO-55', typeFromOrder: true });
    const other = withType(ordered, 'weight_scale');
    expect(other).toMatchObject({ uid: 'P-1001', deviceType: 'weight_scale' });
    expect(other.orderRef).toBeUndefined();
    expect(other.typeFromOrder).toBeUndefined();
  });

  it('reads the printed barcodes: ACKNOWLEDGE, and TYPE:<id> as a type (not an order or a patient)', () => {
    expect(meaning('KIOSK:ACK')).toEqual({ kind: 'ack' });
    expect(meaning('TYPE:blood_pressure')).toEqual({ kind: 'type', deviceType: 'blood_pressure' });
    expect(meaning('type: weight_scale')).toEqual({ kind: 'type', deviceType: 'weight_scale' });
  });

  it('never takes a registered operator badge as a patient, bare or labelled', () => {
    const operators = [{ id: 'OP-ANA' }];
    const withBadges = (text: string) =>
      scanMeaning(
        text,
        extractImeiCandidates(text, 'wedge'),
        (t) => PatientUidSchema.safeParse(t).success,
        (t) => registeredOperator(operators, t),
      );
    expect(withBadges('op-ana')).toEqual({ kind: 'operator', operatorId: 'OP-ANA' });
    expect(withBadges('UID:OP-ANA')).toEqual({ kind: 'operator', operatorId: 'OP-ANA' });
    expect(withBadges('OP-ANNA')).toEqual({ kind: 'patient', uid: 'OP-ANNA' });
  });

  it('keeps red results until acknowledged, and only red ones', () => {
    expect(['needs_attention', 'blocked', 'mismatch'].filter((o) => needsAcknowledging(o as never))).toHaveLength(3);
    expect(
      ['connected', 'already_connected', 'queued', 'needs_confirmation'].filter((o) => needsAcknowledging(o as never)),
    ).toEqual([]);
  });

  it('a hand-picked type goes with its device; a refused type barcode leaves no type at all', () => {
    const picked = withType(
      { ...emptyDraft, uid: 'P-1', label: { imei: '490154203237518', raw: '490154203237518', source: 'wedge' } },
      'blood_glucose',
    );
    expect(withoutDevice(picked)).toEqual({ uid: 'P-1' });
    expect(withoutType(picked).deviceType).toBeUndefined();
  });
});
