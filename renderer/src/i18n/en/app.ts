/** The frame around every screen: names, the training banner, navigation, sign-in, PIN prompts, idle sign-out. */
export const app = {
  appName: 'IMEI Kiosk',
  training: 'TRAINING — nothing is sent to Validic: connections go to the built-in simulator.',
  trainingPins: 'PINs: {pins}',
  trainingPin: {
    admin: 'admin 1234',
    supervisor: 'supervisor 5678',
  },
  engineDown: 'The kiosk engine is not answering. Restart the kiosk; if it happens again, call IT.',
  nav: {
    onboard: 'Onboard',
    batch: 'Batch',
    queue: 'Queue',
    disconnect: 'Disconnect',
    settings: 'Settings',
    signOut: 'Sign out',
    main: 'Main',
  },
  station: {
    title: 'Sign in',
    stationName: 'Station',
    operatorLabel: 'Operator ID',
    operatorHint: 'Scan your badge or type your operator ID.',
    signIn: 'Sign in',
    signedInAs: 'Signed in as',
    missingOperator: 'Enter or scan your operator ID first.',
    deviceNotBadge: 'That was a device IMEI. Scan your badge (or type your operator ID) to sign in first.',
    pinLabel: 'PIN for {operator}',
    otherOperator: 'Another operator (Esc)',
  },
  serialScanner: {
    problem: 'Serial device:',
  },
  pin: {
    supervisorTitle: 'Supervisor PIN',
    adminTitle: 'Admin PIN',
    label: 'PIN',
    ok: 'OK',
    cancel: 'Cancel',
    wrong: 'Wrong PIN. Try again or ask a supervisor.',
  },
  idle: {
    signedOut: 'Signed out after {minutes} min without activity. Sign in to go on.',
  },
  errors: {
    generic: 'That did not work: {message}',
  },
};
