// readOrderScan field by field: an empty field gives way to the next name for it, the order reference
// length limit, and an order without a reference.
import { describe, expect, it } from 'vitest';
import { readOrderScan } from '../../src/capture/order-payload.js';

describe('readOrderScan', () => {
  it('skips an empty field and takes the next name for it', () => {
    expect(readOrderScan('UID:;PID:P-1001;TYPE:;DEVICE:blood_glucose')).toStrictEqual({
      kind: 'order',
      order: { uid: 'P-1001', deviceType: 'blood_glucose' },
    });
  });

  it('takes a bare order reference up to 254 characters', () => {
    const ref = 'R'.repeat(254);
    expect(readOrderScan(`ORDER:${ref}`)).toEqual({ kind: 'order_ref', orderRef: ref });
    expect(readOrderScan(`ORDER:${ref}X`)).toEqual({ kind: 'none' });
  });
});
