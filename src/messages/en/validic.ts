/** Validic's error kinds (src/validic/errors.ts): a refused or failed call to Validic. */
export const validic = {
  invalid_request: {
    message: 'Validic refused the request as invalid.',
    nextAction: 'Check the IMEI, the patient uid and the device type, then try again.',
  },
  unauthorized: {
    message: 'Validic refused the organization credentials.',
    nextAction: 'Ask an administrator to check the Validic organization id and token in the settings.',
  },
  not_found: {
    message: 'Validic does not know this patient.',
    nextAction: 'Check the patient uid; the user may not be provisioned yet.',
  },
  conflict: {
    message: 'Validic says this IMEI is connected to another patient, one this kiosk has no record of.',
    nextAction:
      'Check the IMEI on the label. If it is right, a supervisor can override by naming the patient it is on: it is disconnected there first, then connected here.',
  },
  rate_limited: {
    message: 'The hourly Validic call budget is used up.',
    nextAction: 'Wait for the hourly call budget to reset; queued work resumes by itself.',
  },
  server_error: {
    message: 'Validic answered with a server error.',
    nextAction: 'The call is retried automatically. If it persists, try again later.',
  },
  timeout: {
    message: 'Validic did not answer in time.',
    nextAction: 'Check the network. The call is retried automatically.',
  },
  network: {
    message: 'Validic could not be reached: the network is unreachable.',
    nextAction: 'Check the cable or Wi-Fi. The call is retried automatically.',
  },
  malformed_response: {
    message: 'Validic answered in an unexpected form.',
    nextAction: 'Report it to support with the time of the call.',
  },
  configuration: {
    message: 'The Validic settings are incomplete or wrong.',
    nextAction: 'Ask an administrator to fix the Validic settings (base URLs, organization id, token).',
  },
} as const;
