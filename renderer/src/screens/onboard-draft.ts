/**
 * What has been captured for the device on the counter, and the plain rules that change it: each
 * function takes a draft and returns the next one, so the screen's reducer only picks which applies.
 */
import type { z } from 'zod';
import { PatientUidSchema, type ImeiValidationSchema } from '../../../src/ipc/schemas';

export type CaptureSource = 'camera' | 'wedge' | 'serial_scanner' | 'modem' | 'typed';

export interface CapturedImei {
  readonly imei: string;
  readonly raw: string;
  readonly source: CaptureSource;
}

export interface Draft {
  readonly label?: CapturedImei;
  /** The IMEI the device's own modem reported, when read: cross-checked against the label. */
  readonly modemImei?: string;
  readonly uid: string;
  readonly deviceType?: string;
  /** A suggestion only, never a selection: earlier devices of this model (TAC) at this kiosk were all connected as this type. */
  readonly typeHint?: { readonly tac: string; readonly seen: number; readonly deviceType: string };
  readonly orderRef?: string;
  /** The patient and the type came from an order barcode: the screen says so. */
  readonly typeFromOrder?: boolean;
}

/** The engine's check of a typed IMEI (imei.validate). */
export type ImeiValidation = z.infer<typeof ImeiValidationSchema>;

export const emptyDraft: Draft = { uid: '' };

export type Missing = 'imei' | 'uid' | 'type' | undefined;

/** The first thing still missing, in the order a worker fills them. */
export function firstMissing(draft: Draft, uidValid: boolean): Missing {
  if (!draft.label && !draft.modemImei) return 'imei';
  if (!draft.uid || !uidValid) return 'uid';
  if (!draft.deviceType) return 'type';
  return undefined;
}

export interface OrderFields {
  readonly uid: string;
  readonly deviceType: string;
  readonly orderRef?: string | undefined;
}

export type OrderFill =
  | { readonly ok: true; readonly uid: string; readonly deviceType: string; readonly orderRef?: string }
  /** The order names a type this station does not have: nothing is filled in. */
  | { readonly ok: false; readonly deviceType: string };

/** An order's patient and type for the draft, the type spelled as this station spells it (as the batch import does). */
export function orderFill(order: OrderFields, deviceTypes: readonly { readonly id: string }[]): OrderFill {
  const type = deviceTypes.find((t) => t.id.toLowerCase() === order.deviceType.trim().toLowerCase());
  if (!type) return { ok: false, deviceType: order.deviceType };
  return { ok: true, uid: order.uid, deviceType: type.id, ...(order.orderRef ? { orderRef: order.orderRef } : {}) };
}

/** The draft with an order applied: the patient, the type (from the order, not a model hint) and its reference. */
export function withOrder(draft: Draft, fill: Extract<OrderFill, { ok: true }>): Draft {
  const { typeHint: _hint, orderRef: _previous, ...rest } = draft;
  return {
    ...rest,
    uid: fill.uid,
    deviceType: fill.deviceType,
    typeFromOrder: true,
    ...(fill.orderRef ? { orderRef: fill.orderRef } : {}),
  };
}

/** A device type picked by hand: one other than the order's means the job no longer fills that order. */
export function withType(draft: Draft, deviceType: string): Draft {
  const { typeHint: _hint, typeFromOrder: _fromOrder, ...rest } = draft;
  if (draft.typeFromOrder && deviceType === draft.deviceType) return { ...rest, deviceType, typeFromOrder: true };
  const { orderRef: _order, ...withoutOrder } = rest;
  return { ...withoutOrder, deviceType };
}

/**
 * The IMEI field cleared: the device goes, and so does a type picked by hand (each device's type is
 * a conscious choice); the patient, and the type and order that came from an order, stay.
 */
export function withoutDevice(draft: Draft): Draft {
  return {
    ...emptyDraft,
    uid: draft.uid,
    ...(draft.typeFromOrder && draft.deviceType !== undefined
      ? { deviceType: draft.deviceType, typeFromOrder: true }
      : {}),
    ...(draft.orderRef !== undefined ? { orderRef: draft.orderRef } : {}),
  };
}

/** A type barcode the station does not have: nothing stays selected, so Connect is not ready on a type the operator did not mean. */
export function withoutType(draft: Draft): Draft {
  const { deviceType: _type, typeFromOrder: _fromOrder, orderRef: _order, ...rest } = draft;
  return rest;
}

/** "Another device for this patient": a fresh device, the same patient. */
export function forSamePatient(uid: string): Draft {
  return { ...emptyDraft, uid };
}

/** A patient typed or scanned by hand: an order filled before no longer belongs to it. */
export function withPatient(draft: Draft, uid: string): Draft {
  if (uid === draft.uid) return draft;
  const { orderRef: _order, typeFromOrder: _fromOrder, ...rest } = draft;
  return { ...rest, uid };
}

/**
 * A label's IMEI joins the draft. The modem's IMEI joins the label scanned for the device on the
 * counter (they are cross-checked); another label starts a new device, keeping only the modem's IMEI.
 */
export function withCapturedImei(draft: Draft, captured: CapturedImei): Draft {
  if (captured.source === 'modem') return { ...draft, modemImei: captured.imei };
  const fresh =
    draft.label && draft.label.imei !== captured.imei
      ? { ...emptyDraft, ...(draft.modemImei ? { modemImei: draft.modemImei } : {}) }
      : draft;
  return { ...fresh, label: captured };
}

/** The IMEI the job will be for: the label's, else the modem's. */
export function draftImei(draft: Draft): string | undefined {
  return draft.label?.imei ?? draft.modemImei;
}

/** The patient field: empty, a registered operator's badge (never a patient), not a valid uid, or fine. */
export type UidStatus =
  | { readonly kind: 'empty' }
  | { readonly kind: 'badge'; readonly operator: string }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'ok' };

export function uidStatus(uid: string, operators: readonly { readonly id: string }[]): UidStatus {
  if (!uid) return { kind: 'empty' };
  const operator = registeredOperator(operators, uid);
  if (operator !== undefined) return { kind: 'badge', operator };
  return PatientUidSchema.safeParse(uid).success ? { kind: 'ok' } : { kind: 'invalid' };
}

/** The registered operator this text names (IDs compared without case), if any. */
export function registeredOperator(operators: readonly { readonly id: string }[], text: string): string | undefined {
  const wanted = text.trim().toLowerCase();
  return operators.find((o) => o.id.toLowerCase() === wanted)?.id;
}
