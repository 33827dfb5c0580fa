/** Refusals about one job: cancel, retry, a first reading, the manifest and disconnect by IMEI. */
export const jobs = {
  unknown_device_type: {
    message: '"{deviceType}" is not a device type of this kiosk.',
    nextAction: 'Pick one of the device type buttons.',
  },
  no_such_job: {
    message: 'There is no such job.',
    nextAction: 'Refresh the list.',
  },
  shown_job_missing: {
    message: 'The job on this screen is not in the journal any more.',
    nextAction: 'Scan the device again.',
  },
  job_disappeared: {
    message: 'The job disappeared.',
    nextAction: 'Refresh the list.',
  },
  job_not_cancellable: {
    message: 'This job is in the state “{state}” and cannot be cancelled.',
    nextAction: 'To undo a connection, use Disconnect.',
  },
  job_not_connected: {
    message: 'This job is in the state “{state}”: there is no connected device to take a reading from.',
    nextAction: 'Connect the device first, then ask for a reading.',
  },
  bad_date_range: {
    message: 'These dates are not a range.',
    nextAction: 'Pick a start day on or before the end day.',
  },
  imei_not_connected: {
    message: "This kiosk's journal has IMEI …{imeiLast4} connected to no patient.",
    nextAction: 'Type the patient ID too, or look the device up on the station that connected it.',
  },
} as const;
