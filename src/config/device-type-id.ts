/** How a device type id is spelled: lower_snake_case, as Validic spells its device_type values. Shared with the renderer through the contract. */
export const DEVICE_TYPE_ID_PATTERN = /^[a-z][a-z0-9_]*$/;

/** Why a device type edit is refused (device-type-rules.ts); also refusal codes in the contract. */
export const DEVICE_TYPE_PROBLEM_KINDS = [
  'device_type_id_missing',
  'device_type_id_too_long',
  'device_type_id_format',
  'device_type_label_missing',
  'device_type_label_too_long',
  'device_type_spanish_label_too_long',
  'device_types_none_left',
  'device_type_listed_twice',
  'device_type_label_twice',
  'device_type_in_use',
  'device_type_used_by_jobs',
  'device_type_used_by_batch',
] as const;
export type DeviceTypeProblemKind = (typeof DEVICE_TYPE_PROBLEM_KINDS)[number];
