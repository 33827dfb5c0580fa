/**
 * The Settings screen's editable lists (device types, extra USB ids) as plain data, with the checks
 * that tell the admin what is wrong while they type. The engine checks again on save and refuses
 * with its own reason; these only keep an obviously wrong value from being sent.
 */
import { DEVICE_TYPE_ID_PATTERN } from '../../../src/ipc/schemas';

export interface DeviceTypeRow {
  readonly id: string;
  readonly label: string;
  /** The Spanish label; empty: Spanish screens show `label`. */
  readonly labelEs?: string | undefined;
}

export type NewTypeProblem = 'id_format' | 'id_taken' | 'label_missing' | undefined;

/** Why the "add type" fields cannot be added yet, or undefined. */
export function newTypeProblem(id: string, label: string, rows: readonly DeviceTypeRow[]): NewTypeProblem {
  if (!DEVICE_TYPE_ID_PATTERN.test(id) || id.length > 64) return 'id_format';
  if (rows.some((row) => row.id === id)) return 'id_taken';
  if (label.trim() === '') return 'label_missing';
  return undefined;
}

/** A draft list that differs from what is saved: the screen says it is not saved yet. */
export function typesChanged(saved: readonly DeviceTypeRow[], draft: readonly DeviceTypeRow[]): boolean {
  return (
    saved.length !== draft.length ||
    saved.some(
      (row, i) =>
        row.id !== draft[i]?.id || row.label !== draft[i]?.label || (row.labelEs ?? '') !== (draft[i]?.labelEs ?? ''),
    )
  );
}

export interface UsbRow {
  readonly vendorId: string;
  readonly productId: string;
  readonly maker: string;
  readonly kind: 'modem' | 'scanner';
}

export type UsbRowProblem = 'vendor' | 'product' | 'name' | undefined;

const HEX4 = /^[0-9a-f]{4}$/i;

/** The first field of a USB row that is wrong, or undefined. */
export function usbRowProblem(row: UsbRow): UsbRowProblem {
  if (!HEX4.test(row.vendorId)) return 'vendor';
  if (row.productId !== '' && !HEX4.test(row.productId)) return 'product';
  if (row.maker.trim() === '') return 'name';
  return undefined;
}

export const emptyUsbRow: UsbRow = { vendorId: '', productId: '', maker: '', kind: 'modem' };
