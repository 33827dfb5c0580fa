/**
 * The rules for editing a kiosk's device types, as pure functions that say why a change cannot be
 * made and what to do instead. An id is what Validic receives as `device_type` and what every
 * journaled job names, so an existing id never changes: a different id is a removal plus an addition,
 * and removal is refused while open work still names the type.
 */
import { DEVICE_TYPE_ID_PATTERN, type DeviceTypeProblemKind } from './device-type-id.js';
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

/** Why an id cannot be a device type id, or null when it can. */
export function deviceTypeIdProblem(id: string): IdProblem {
  if (id === '')
    return {
      kind: 'device_type_id_missing',
      params: {},
      reason: 'A new device type needs an id.',
      nextAction: 'Type the device_type value Validic expects, e.g. blood_glucose.',
    };
  if (id.length > MAX_DEVICE_TYPE_ID_LENGTH) {
    return {
      kind: 'device_type_id_too_long',
      params: { id: id.slice(0, 20), length: id.length, max: MAX_DEVICE_TYPE_ID_LENGTH },
      reason: `The id "${id.slice(0, 20)}…" is ${id.length} characters long; at most ${MAX_DEVICE_TYPE_ID_LENGTH} are allowed.`,
      nextAction: 'Use a shorter id.',
    };
  }
  if (!DEVICE_TYPE_ID_PATTERN.test(id)) {
    return {
      kind: 'device_type_id_format',
      params: { id },
      reason: `"${id}" is not a device type id: ids are lower_snake_case (small letters, digits and underscores, starting with a letter).`,
      nextAction: 'Type it as Validic spells it, e.g. blood_glucose.',
    };
  }
  return null;
}

function labelProblem(edit: DeviceTypeEdit): IdProblem {
  const spanish = edit.labelEs?.trim() ?? '';
  if (spanish.length > MAX_DEVICE_TYPE_LABEL_LENGTH) {
    return {
      kind: 'device_type_label_too_long',
      params: { id: edit.id, length: spanish.length, max: MAX_DEVICE_TYPE_LABEL_LENGTH },
      reason: `The Spanish label of "${edit.id}" is ${spanish.length} characters long; at most ${MAX_DEVICE_TYPE_LABEL_LENGTH} fit on a button.`,
      nextAction: 'Shorten the label.',
    };
  }
  const label = edit.label.trim();
  if (label === '')
    return {
      kind: 'device_type_label_missing',
      params: { id: edit.id },
      reason: `The device type "${edit.id}" has no label.`,
      nextAction: 'Give it the name operators will see on its button, e.g. Glucose meter.',
    };
  if (label.length > MAX_DEVICE_TYPE_LABEL_LENGTH) {
    return {
      kind: 'device_type_label_too_long',
      params: { id: edit.id, length: label.length, max: MAX_DEVICE_TYPE_LABEL_LENGTH },
      reason: `The label of "${edit.id}" is ${label.length} characters long; at most ${MAX_DEVICE_TYPE_LABEL_LENGTH} fit on a button.`,
      nextAction: 'Shorten the label.',
    };
  }
  return null;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
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
  if (requested.length === 0) {
    return {
      ok: false,
      kind: 'device_types_none_left',
      params: {},
      reason: 'At least one device type must remain: the Onboard screen needs a type to connect a device.',
      nextAction: 'Keep one type, or add the new type before removing the last one.',
    };
  }
  const seenIds = new Set<string>();
  const seenLabels = new Map<string, string>();
  for (const edit of requested) {
    const problem = deviceTypeIdProblem(edit.id) ?? labelProblem(edit);
    if (problem) return { ok: false, ...problem };
    if (seenIds.has(edit.id))
      return {
        ok: false,
        kind: 'device_type_listed_twice',
        params: { id: edit.id },
        reason: `The device type id "${edit.id}" is listed twice.`,
        nextAction: 'Give each type its own id, or remove the copy.',
      };
    seenIds.add(edit.id);
    const labelKey = edit.label.trim().toLowerCase();
    const sameLabel = seenLabels.get(labelKey);
    if (sameLabel !== undefined) {
      return {
        ok: false,
        kind: 'device_type_label_twice',
        params: { first: sameLabel, id: edit.id, label: edit.label.trim() },
        reason: `"${sameLabel}" and "${edit.id}" have the same label, "${edit.label.trim()}": operators could not tell their buttons apart.`,
        nextAction: 'Give each type its own label.',
      };
    }
    seenLabels.set(labelKey, edit.id);
  }

  const removed = current.filter((type) => !seenIds.has(type.id));
  for (const type of removed) {
    const { openJobs, batchOrders } = use(type.id);
    if (openJobs === 0 && batchOrders === 0) continue;
    const users = [
      openJobs > 0 ? plural(openJobs, 'open job', 'open jobs') : '',
      batchOrders > 0 ? plural(batchOrders, 'order of the open batch', 'orders of the open batch') : '',
    ]
      .filter(Boolean)
      .join(' and ');
    const steps = [
      openJobs > 0 ? 'finish or cancel those jobs (Queue screen)' : '',
      batchOrders > 0 ? 'close the batch (Batch screen)' : '',
    ]
      .filter(Boolean)
      .join(' and ');
    return {
      ok: false,
      kind: 'device_type_in_use',
      params: { label: type.label, id: type.id, openJobs, batchOrders },
      reason: `"${type.label}" (${type.id}) cannot be removed: ${users} still use${openJobs + batchOrders === 1 ? 's' : ''} it.`,
      nextAction: `${steps.charAt(0).toUpperCase()}${steps.slice(1)}, then remove it.`,
    };
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
