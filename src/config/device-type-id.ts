/** How a device type id is spelled: lower_snake_case, as Validic spells its device_type values. Shared with the renderer through the contract. */
export const DEVICE_TYPE_ID_PATTERN = /^[a-z][a-z0-9_]*$/;
