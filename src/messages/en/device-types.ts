/** Refused device type edits (src/config/device-type-rules.ts). */
export const deviceTypes = {
  device_type_id_missing: {
    message: 'A new device type needs an id.',
    nextAction: 'Type the device_type value Validic expects, e.g. blood_glucose.',
  },
  device_type_id_too_long: {
    message: 'The id "{id}…" is {length} characters long; at most {max} are allowed.',
    nextAction: 'Use a shorter id.',
  },
  device_type_id_format: {
    message:
      '"{id}" is not a device type id: ids are lower_snake_case (small letters, digits and underscores, starting with a letter).',
    nextAction: 'Type it as Validic spells it, e.g. blood_glucose.',
  },
  device_type_label_missing: {
    message: 'The device type "{id}" has no label.',
    nextAction: 'Give it the name operators will see on its button, e.g. Glucose meter.',
  },
  device_type_label_too_long: {
    message: 'The label of "{id}" is {length} characters long; at most {max} fit on a button.',
    nextAction: 'Shorten the label.',
  },
  device_type_spanish_label_too_long: {
    message: 'The Spanish label of "{id}" is {length} characters long; at most {max} fit on a button.',
    nextAction: 'Shorten the Spanish label.',
  },
  device_types_none_left: {
    message: 'At least one device type must remain: the Onboard screen needs a type to connect a device.',
    nextAction: 'Keep one type, or add the new type before removing the last one.',
  },
  device_type_listed_twice: {
    message: 'The device type id "{id}" is listed twice.',
    nextAction: 'Give each type its own id, or remove the copy.',
  },
  device_type_label_twice: {
    message: '"{first}" and "{id}" have the same label, "{label}": operators could not tell their buttons apart.',
    nextAction: 'Give each type its own label.',
  },
  device_type_in_use: {
    message:
      '"{label}" ({id}) cannot be removed: {openJobs|# open job|# open jobs} and {batchOrders|# order|# orders} of the open batch still use it.',
    nextAction: 'Finish or cancel those jobs (Queue screen) and close the batch (Batch screen), then remove it.',
  },
  device_type_used_by_jobs: {
    message: '"{label}" ({id}) cannot be removed: {openJobs|# open job still uses|# open jobs still use} it.',
    nextAction: 'Finish or cancel those jobs (Queue screen), then remove it.',
  },
  device_type_used_by_batch: {
    message:
      '"{label}" ({id}) cannot be removed: {batchOrders|# order of the open batch still uses|# orders of the open batch still use} it.',
    nextAction: 'Close the batch (Batch screen), then remove it.',
  },
} as const;
