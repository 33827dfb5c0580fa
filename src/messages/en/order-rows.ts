/** A bad row of an orders file, by kind (src/onboarding/orders-csv.ts). */
export const orderRows = {
  unreadable_csv: 'the file is not readable CSV ({detail})',
  empty_file: 'the file is empty; it needs a header row (uid,device_type,…) and at least one order',
  unknown_column: 'unknown column "{column}"; the columns are {columns}',
  duplicate_column: 'the column "{column}" appears twice',
  missing_column: 'the header has no "{column}" column',
  no_orders: 'the file has a header but no orders',
  too_many_orders: 'more than {max} orders in one file; split it',
  field_count: '{found|# field|# fields}, but the header has {expected}',
  bad_uid: 'the patient ID is not valid: use 4 to 254 letters, digits or single hyphens, with no hyphen at either end',
  empty_device_type: 'the device type is empty',
  unknown_device_type: 'unknown device type "{deviceType}"; expected one of: {allowed}',
  order_ref_too_long: 'the order reference is {length} characters; it may have at most 254',
  order_ref_control_character: 'the order reference holds a control character or line break',
  duplicate_order_ref: 'the order reference "{orderRef}" is already used on row {firstRow}',
  bad_expected_imei: 'the expected IMEI is not a valid IMEI',
  duplicate_expected_imei: 'the IMEI ending {imeiLast4} is already expected on row {firstRow}',
} as const;
