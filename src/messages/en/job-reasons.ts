/** A job's reasons (src/onboarding/problems.ts) and the label/modem cross-check (src/capture/cross-check.ts). */
export const jobReasons = {
  second_device: {
    message: 'Patient {uid} already has a device of this type (IMEI …{imeiLast4}).',
    nextAction:
      'Connect this one too only if the patient is meant to have two; otherwise keep one and put this device aside.',
  },
  held_by_other_patient: {
    message: 'IMEI …{imeiLast4} is connected to another patient (…{otherLast4}).',
    nextAction: 'A supervisor can override: it is disconnected from the other patient first, then connected here.',
  },
  in_progress: {
    message: 'This device is already being connected for this patient.',
    nextAction: 'Nothing to do: it finishes by itself (see Queue).',
  },
  queued: {
    message: 'The job is waiting in the queue.',
    nextAction: 'Nothing to do: it is retried by itself (see Queue).',
  },
  needs_attention: {
    message: 'The job needs a person.',
    nextAction: 'Open Queue: retry the job or cancel it.',
  },
  cancelled: {
    message: 'The job was cancelled.',
    nextAction: 'Scan the device again to start a new job.',
  },
  cancelled_by: {
    message: 'Cancelled by {by}.',
    nextAction: 'Scan the device again to start a new job.',
  },
  not_on_sources: {
    message: "Not on the patient's sources after the 202: connecting again.",
    nextAction: 'Nothing to do: it is retried by itself.',
  },
  outcome_unknown: {
    message:
      "Validic's answer to the connect was lost (no answer in time, a server error, or the kiosk stopped while waiting): it may have been applied.",
    nextAction: 'Nothing to do: the kiosk sends it once more by itself, and never a third time (see Queue).',
  },
  resend_after_unknown: {
    message: "Sending the connect once more: Validic's answer to the first was lost.",
    nextAction: 'Nothing to do: it finishes by itself.',
  },
  connect_unconfirmed: {
    message: "Validic's answers to {sent} connect requests were lost; the device may be connected.",
    nextAction:
      'Ask the patient for a reading to confirm it, or retry once Validic answers again (Retry sends one more connect).',
  },
  resend_refused: {
    message:
      "The first connect's answer was lost and Validic refused the re-send ({said}); most likely the first one went through.",
    nextAction:
      'Ask the patient for a reading to confirm it; if none comes, a supervisor checks the device with Validic.',
  },
  device_refused: {
    message: 'Validic refused this device for this patient (HTTP {status}).',
    nextAction: 'Check the IMEI and the device type; if they are right, contact Validic support with the IMEI.',
  },
  accepted_without_body: {
    message: 'Validic accepted the connect (its answer had no usable body).',
    nextAction: 'Nothing to do.',
  },
  holder_connecting: {
    message:
      'This device is being connected to another patient (…{otherLast4}) right now; an override must wait for that answer.',
    nextAction: 'Wait a moment, then override again.',
  },
  confirmed_by_reading: {
    message: "The device's first reading arrived: the connect had gone through.",
    nextAction: 'Nothing to do.',
  },
  waiting_for_mode: {
    message: 'This job was made in {mode} mode and the kiosk is in {now} mode: it waits for its own mode.',
    nextAction: 'Switch back to {mode} mode to finish it, or cancel it.',
  },
  waiting_without_mode: {
    message:
      'This job comes from an older journal that does not say whether it was training or production: it is not sent on its own.',
    nextAction: 'Retry it to send it in the mode of now, or cancel it.',
  },
  found_after_interruption: {
    message: "Found on the patient's sources after an interrupted connect.",
    nextAction: 'Nothing to do.',
  },
  retried: {
    message: 'Retried by {by}.',
    nextAction: 'Nothing to do: it is connecting again.',
  },
  override: {
    message: 'Override by {by}.',
    nextAction: 'Nothing to do: it is connecting again.',
  },
  superseded: {
    message: 'Superseded by a supervisor override (job {jobId}) that moved this device.',
    nextAction: 'Nothing to do.',
  },
  mode_switch_cancelled: {
    message: 'Cancelled when the kiosk switched from {mode} to {to} mode.',
    nextAction: 'Nothing to do; scan the device again in the mode it belongs to.',
  },
  assigned: {
    message: 'Assigned to patient {uid}; connecting now.',
    nextAction: 'Scan the next device.',
  },
  in_batch: {
    message: 'This device is already assigned to an order of this batch.',
    nextAction: 'Scan the next device.',
  },
  mismatch: {
    message:
      "The label says IMEI {label} but the device's modem reports {modem}. The wrong device may be in the box: check that this device belongs with this label before going on.",
    nextAction:
      'Put this device aside: check that the label and the device in the box belong together, then scan both again.',
  },
  invalid_label: {
    message: 'The IMEI scanned from the label is not valid.',
    nextAction:
      'Put this device aside: check that the label and the device in the box belong together, then scan both again.',
  },
  invalid_modem: {
    message: "The IMEI the device's modem reported is not valid.",
    nextAction:
      'Put this device aside: check that the label and the device in the box belong together, then scan both again.',
  },
} as const;
