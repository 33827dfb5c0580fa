/** Training and production: switching, going live, the offline banner. */
export const modes = {
  modes: {
    training: 'Training',
    production: 'Production',
    unknown: 'Mode unknown',
    column: 'Mode',
    waitsFor: 'Waits for {mode} mode: never sent in {now} mode.',
    otherModeWaiting: 'Waiting for the other mode: {n}',
    switchTitle: 'Switch to {to} mode?',
    switchOpenJobs: 'Jobs made in {mode} mode and not finished: {count}. They are never sent in {to} mode.',
    switchKeep: 'Switch; they wait for {mode} mode',
    switchCancel: 'Switch and cancel them',
    switchStay: 'Do not switch',
    goLiveTitle: 'Start production?',
    goLiveBody:
      'From now on every device is connected on Validic for real, for organization {orgId}. Test the connection first if you have not.',
    goLiveConfirm: 'Start production',
    testConnection: 'Test connection',
    testing: 'Testing the connection…',
    testOk: 'Validic accepted the organization ID and token ({ms} ms).',
    testFailed: 'The test failed: {reason}',
    orgIdMissing: 'Save credentials needs the organization ID.',
    tokenTooShort: 'Save credentials needs the token: at least 8 characters ({n} typed).',
    pinsFirst:
      'Production needs new PINs: the training PINs (admin 1234, supervisor 5678) are refused there. Change both under PINs below first.',
    unsavedTitle: 'Leave without saving?',
    unsavedBody: 'Settings were changed and not saved.',
    unsavedLeave: 'Leave without saving',
    unsavedStay: 'Stay and save',
    idleEmpty: 'Type the minutes (1 to 240).',
    offline: 'Validic cannot be reached: {cause}',
    offlineDepth:
      'Devices waiting to be sent: {depth}. They are sent by themselves once Validic answers; keep scanning.',
    causes: {
      dns: "the name of Validic's server cannot be found (DNS). Is this station on the network?",
      refused: "Validic's server refused the connection.",
      timeout: 'Validic did not answer in time.',
      network: 'the network is unreachable. Check the cable or Wi-Fi.',
    },
  },
};
