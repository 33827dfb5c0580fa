import { describe, expect, it } from 'vitest';
import { extractImeiCandidates } from '../../src/capture/candidates.js';
import { keyedFields } from '../../src/capture/fields.js';
import { readOrderScan } from '../../src/capture/order-payload.js';

describe('order barcodes', () => {
  it('reads a JSON order', () => {
    expect(readOrderScan('{"uid":"P-1001","device_type":"blood_glucose","order_ref":"SO-55"}')).toEqual({
      kind: 'order',
      order: { uid: 'P-1001', deviceType: 'blood_glucose', orderRef: 'SO-55' },
    });
    // A numeric order number keeps all its digits.
    expect(readOrderScan('{"patient_id":"PAT-7","type":"weight_scale","order":1234567890123456}')).toEqual({
      kind: 'order',
      order: { uid: 'PAT-7', deviceType: 'weight_scale', orderRef: '1234567890123456' },
    });
  });

  it('reads a key:value order, whatever the separator and the spelling of the keys', () => {
    expect(readOrderScan('UID:P-1001;TYPE:blood_glucose;ORDER:SO-55')).toEqual({
      kind: 'order',
      order: { uid: 'P-1001', deviceType: 'blood_glucose', orderRef: 'SO-55' },
    });
    expect(readOrderScan('Patient ID=P-1001|Device Type=weight_scale')).toEqual({
      kind: 'order',
      order: { uid: 'P-1001', deviceType: 'weight_scale' },
    });
    expect(readOrderScan('uid: P-1001\r\ndevice_type: blood_pressure\r\norder_ref: SO 55')).toEqual({
      kind: 'order',
      order: { uid: 'P-1001', deviceType: 'blood_pressure', orderRef: 'SO 55' },
    });
  });

  it('reads a bare order reference, and a labelled patient alone', () => {
    expect(readOrderScan('ORDER:SO-55')).toEqual({ kind: 'order_ref', orderRef: 'SO-55' });
    expect(readOrderScan('{"order_ref":"SO-56"}')).toEqual({ kind: 'order_ref', orderRef: 'SO-56' });
    expect(readOrderScan('UID:P-1001')).toEqual({ kind: 'patient', uid: 'P-1001' });
  });

  it('says when the patient uid in an order is not valid', () => {
    expect(readOrderScan('UID:P_1001;TYPE:blood_glucose')).toMatchObject({
      kind: 'bad_uid',
      uid: 'P_1001',
      reason: expect.stringContaining('only letters, digits and hyphens'),
    });
  });

  it('is not an order: plain text, an IMEI label, JSON without order fields, broken JSON', () => {
    for (const text of [
      'P-1001',
      '490154203237518',
      'IMEI:490154203237518',
      'SN: 12345;MODEL: X',
      '{"imei":"490154203237518"}',
      '{"uid":',
      '[1,2]',
      'TYPE:blood_glucose',
    ]) {
      expect(readOrderScan(text), text).toEqual({ kind: 'none' });
    }
  });

  it('shares the field reading of the IMEI extractor: the same payload yields its IMEI there', () => {
    const payload = 'UID:P-1001;IMEI:490154203237518';
    expect(keyedFields(payload)).toEqual(
      new Map([
        ['uid', 'P-1001'],
        ['imei', '490154203237518'],
      ]),
    );
    expect(extractImeiCandidates(payload, 'wedge').valid.map((c) => c.imei)).toEqual(['490154203237518']);
  });
});
