/**
 * The rules for editing a kiosk's device types, as pure functions that say why a change cannot be
 * made and what to do instead. An id is what Validic receives as `device_type` and what every
 * journaled job names, so an existing id never changes: a different id is a removal plus an addition,
 * and removal is refused while open work still names the type.
 */
import { DEVICE_TYPE_ID_PATTERN, type DeviceTypeProblemKind } from './device-type-id.js';
import { englishText, type FillValues, type MessageParams } from '../messages/index.js';
import type { DeviceType } from './settings.js';

/** The device_type values Validic's own samples show (reference/validic-api.md §4); others are assumed. */
export const VALIDIC_CONFIRMED_DEVICE_TYPES: readonly string[] = ['blood_glucose', 'blood_pressure', 'weight_scale'];

/** onboard.submit takes a device type of at most 64 characters. */
export const MAX_DEVICE_TYPE_ID_LENGTH = 64;
/** A label is a button on the Onboard screen: a few words, not a paragraph. */
export const MAX_DEVICE_TYPE_LABEL_LENGTH = 60;

/** What the admin asks for: the id and the button label. Whether Validic confirms the id is not theirs to say. */
export interface DeviceTypeEdit {
  readonly id: string;
  readonly label: string;
  /** The Spanish label: absent keeps the saved one, empty clears it (Spanish screens then show `label`). */
  readonly labelEs?: string | undefined;
}

/** Who still needs a type: open jobs (queued, needing attention, connecting…) and the open batch's orders. */
export interface DeviceTypeUse {
  readonly openJobs: number;
  readonly batchOrders: number;
}

export type DeviceTypesPlan =
  | {
      readonly ok: true;
      readonly deviceTypes: readonly DeviceType[];
      readonly added: readonly DeviceType[];
      readonly removed: readonly DeviceType[];
      readonly relabelled: readonly DeviceType[];
    }
  | ({ readonly ok: false } & RuleProblem);

/** Why an edit cannot be saved: a stable kind (the screen's translation key), its values, and the English text. */
export interface RuleProblem {
  readonly kind: DeviceTypeProblemKind;
  readonly params: Readonly<Record<string, string | number>>;
  readonly reason: string;
  readonly nextAction: string;
}

export type IdProblem = RuleProblem | null;

/** A refusal in the catalogue's words: its kind, the values its text needs, and the English. */
function refused<K extends DeviceTypeProblemKind>(kind: K, params: MessageParams<K> & FillValues): RuleProblem {
  const { message, nextAction } = englishText(kind, params);
  return { kind, params, reason: message, nextAction };
}

/** Why an id cannot be a device type id, or null when it can. */
export function deviceTypeIdProblem(id: string): IdProblem {
  if (id === '') return refused('device_type_id_missing', {});
  if (id.length > MAX_DEVICE_TYPE_ID_LENGTH) {
    return refused('device_type_id_too_long', {
      id: id.slice(0, 20),
      length: id.length,
      max: MAX_DEVICE_TYPE_ID_LENGTH,
    });
  }
  if (!DEVICE_TYPE_ID_PATTERN.test(id)) return refused('device_type_id_format', { id });
  return null;
}

function labelProblem(edit: DeviceTypeEdit): IdProblem {
  const spanish = edit.labelEs?.trim() ?? '';
  if (spanish.length > MAX_DEVICE_TYPE_LABEL_LENGTH) {
    return refused('device_type_spanish_label_too_long', {
      id: edit.id,
      length: spanish.length,
      max: MAX_DEVICE_TYPE_LABEL_LENGTH,
    });
  }
  const label = edit.label.trim();
  if (label === '') return refused('device_type_label_missing', { id: edit.id });
  if (label.length > MAX_DEVICE_TYPE_LABEL_LENGTH) {
    return refused('device_type_label_too_long', {
      id: edit.id,
      length: label.length,
      max: MAX_DEVICE_TYPE_LABEL_LENGTH,
    });
  }
  return null;
}

/**
 * The device types after the admin's edit, or why the edit cannot be saved. `use` says what still
 * needs a type that would be removed. Existing types keep their `confirmed` flag; a new one is
 * confirmed only when Validic's samples show its id.
 */
export function planDeviceTypes(
  current: readonly DeviceType[],
  requested: readonly DeviceTypeEdit[],
  use: (id: string) => DeviceTypeUse,
): DeviceTypesPlan {
  if (requested.length === 0) return { ok: false, ...refused('device_types_none_left', {}) };
  const seenIds = new Set<string>();
  const seenLabels = new Map<string, string>();
  for (const edit of requested) {
    const problem = deviceTypeIdProblem(edit.id) ?? labelProblem(edit);
    if (problem) return { ok: false, ...problem };
    if (seenIds.has(edit.id)) return { ok: false, ...refused('device_type_listed_twice', { id: edit.id }) };
    seenIds.add(edit.id);
    const labelKey = edit.label.trim().toLowerCase();
    const sameLabel = seenLabels.get(labelKey);
    if (sameLabel !== undefined) {
      return {
        ok: false,
        ...refused('device_type_label_twice', { first: sameLabel, id: edit.id, label: edit.label.trim() }),
      };
    }
    seenLabels.set(labelKey, edit.id);
  }

  const removed = current.filter((type) => !seenIds.has(type.id));
  for (const type of removed) {
    const { openJobs, batchOrders } = use(type.id);
    if (openJobs === 0 && batchOrders === 0) continue;
    // Each next action names only what is really in the way: the jobs, the batch, or both.
    const kind =
      batchOrders === 0
        ? 'device_type_used_by_jobs'
        : openJobs === 0
          ? 'device_type_used_by_batch'
          : 'device_type_in_use';
    return { ok: false, ...refused(kind, { label: type.label, id: type.id, openJobs, batchOrders }) };
  }

  const byId = new Map(current.map((type) => [type.id, type]));
  const deviceTypes = requested.map((edit): DeviceType => {
    const existing = byId.get(edit.id);
    // No Spanish label in the edit keeps the one saved; an empty one clears it.
    const labelEs = edit.labelEs === undefined ? existing?.labelEs : edit.labelEs.trim();
    return {
      id: edit.id,
      label: edit.label.trim(),
      ...(labelEs ? { labelEs } : {}),
      confirmed: existing ? existing.confirmed : VALIDIC_CONFIRMED_DEVICE_TYPES.includes(edit.id),
    };
  });
  return {
    ok: true,
    deviceTypes,
    added: deviceTypes.filter((type) => !byId.has(type.id)),
    removed,
    relabelled: deviceTypes.filter(
      (type) =>
        byId.has(type.id) && (byId.get(type.id)!.label !== type.label || byId.get(type.id)!.labelEs !== type.labelEs),
    ),
  };
}
