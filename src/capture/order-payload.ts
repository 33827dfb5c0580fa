/**
 * Order barcodes on the Onboard screen: a self-contained order (patient uid and device type, maybe
 * an order reference) as JSON or a key:value list, or a bare order reference ("ORDER:SO-55") to look
 * up in the open batch. Pure and zod-checked: the renderer reads scans with it, the engine trusts
 * nothing it did not parse itself.
 */
import { z } from 'zod';
import { Uid } from '../validic/uid.js';
import { fieldKey, keyedFields } from './fields.js';

/** The names an order system gives each field (compared loosely: case, spaces and "_" do not matter). */
const UID_KEYS = ['uid', 'patient', 'patientid', 'patientuid', 'pid'].map(fieldKey);
const TYPE_KEYS = ['device_type', 'type', 'device', 'devicetype'].map(fieldKey);
const ORDER_KEYS = ['order_ref', 'order', 'orderid', 'ordernumber', 'orderno', 'ref'].map(fieldKey);

export const OrderPayloadSchema = z.object({
  uid: Uid,
  deviceType: z.string().trim().min(1).max(64),
  orderRef: z.string().trim().min(1).max(254).optional(),
});
export type OrderPayload = z.infer<typeof OrderPayloadSchema>;

export type OrderScan =
  /** A whole order: fill the patient, the type and the order reference. */
  | { readonly kind: 'order'; readonly order: OrderPayload }
  /** Only an order reference: its patient and type are in the open batch. */
  | { readonly kind: 'order_ref'; readonly orderRef: string }
  /** Only a patient, labelled ("UID:P-1001"). */
  | { readonly kind: 'patient'; readonly uid: string }
  /** It is an order or patient barcode, but the patient uid in it is not a valid uid. */
  | { readonly kind: 'bad_uid'; readonly uid: string; readonly reason: string }
  /** Not an order payload: the caller reads the scan some other way. */
  | { readonly kind: 'none' };

function first(fields: ReadonlyMap<string, string>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = fields.get(key);
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

/** What an order-like scan holds; `none` for anything that does not name a patient or an order. */
export function readOrderScan(text: string): OrderScan {
  const fields = keyedFields(text);
  if (!fields) return { kind: 'none' };
  const uid = first(fields, UID_KEYS);
  const deviceType = first(fields, TYPE_KEYS);
  const orderRef = first(fields, ORDER_KEYS);
  if (uid !== undefined) {
    const checked = Uid.safeParse(uid);
    if (!checked.success)
      return { kind: 'bad_uid', uid, reason: checked.error.issues[0]?.message ?? 'not a valid patient uid' };
    if (deviceType === undefined) return { kind: 'patient', uid };
    const order = OrderPayloadSchema.safeParse({ uid, deviceType, ...(orderRef !== undefined ? { orderRef } : {}) });
    // A type or reference too long to be real is not an order we can use: read the scan another way.
    return order.success ? { kind: 'order', order: order.data } : { kind: 'none' };
  }
  if (orderRef !== undefined && orderRef.length <= 254) return { kind: 'order_ref', orderRef };
  return { kind: 'none' };
}
