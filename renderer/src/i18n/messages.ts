/**
 * Every string the operator reads, in English and Spanish. One module, so a translation is
 * complete or visibly not (the Spanish table must have every key of the English one).
 */

const en = {
  appName: 'IMEI Kiosk',
  training: 'TRAINING — nothing is sent to Validic: connections go to the built-in simulator.',
  trainingPins: 'PINs: {pins}',
  trainingPin: { admin: 'admin 1234', supervisor: 'supervisor 5678' },
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
    garbled:
      'The serial scanner sent unreadable bytes (a wrong baud rate or a loose cable). Set it to 9600 baud, 8N1, then scan again.',
    overlong:
      'The serial scanner sent more than a label barcode holds. Check that it ends each scan the way Settings → Serial devices says, then scan again.',
    problem: 'Serial device:',
  },
  onboard: {
    ready: 'READY',
    readyHint: 'Scan the IMEI barcode on the device label.',
    imeiLabel: 'Device IMEI',
    imeiPlaceholder: 'Scan or type the 15-digit IMEI',
    uidLabel: 'Patient ID',
    uidPlaceholder: 'Scan or type the patient ID',
    uidHint: 'Letters, digits and single hyphens; 4 to 254 characters.',
    typeLabel: 'Device type',
    typeFromOrder: 'from the order',
    typeFromModel:
      'Picked because this model (TAC {tac}) was connected as this type {n|once|# times} here. Change it if this device is different.',
    confirm: 'Connect (Enter)',
    clear: 'Clear (Esc)',
    camera: 'Camera',
    closeCamera: 'Close camera',
    modemOffer: 'Device plugged in on {port}: IMEI {imei}',
    useModem: 'Use this IMEI',
    needImei: 'Scan the device IMEI first.',
    busyScan: 'Still connecting the last device: scan this one again in a moment.',
    unknownScan: 'Not an IMEI or a patient ID: "{text}". Scan the IMEI barcode or the patient barcode.',
    needUid: 'Scan or type the patient ID.',
    needType: 'Pick the device type.',
    badUid:
      'This patient ID is not valid: use 4 to 254 letters, digits or single hyphens, with no hyphen at either end.',
    chooseImei: 'This label has two IMEIs. Which one is this device?',
    imeiSv: 'This is an IMEISV. Use the IMEI {imei}?',
    connecting: 'Connecting…',
    connected: 'CONNECTED',
    alreadyConnected: 'ALREADY CONNECTED',
    alreadyConnectedDetail: 'Already connected at {at} by {by}. Nothing was sent again.',
    queued: 'QUEUED',
    queuedDetail: 'Will retry by itself. Queue: {depth}.',
    needsAttention: 'NEEDS ATTENTION',
    nextAction: 'Next:',
    blocked: 'ON ANOTHER PATIENT',
    blockedDetail: 'This IMEI is connected to patient …{other}. Only a supervisor can move it.',
    override: 'Supervisor override',
    otherPatient: 'Patient ID it is on now',
    overrideMoveKnown:
      'Move IMEI {imei} from patient {other} to patient {uid}: it is disconnected from {other} first, then connected to {uid}.',
    overrideMoveUnknown:
      'IMEI {imei} is on a patient this kiosk has no record of. Name that patient: the device is disconnected there first, then connected to patient {uid}.',
    mismatch: 'WRONG DEVICE?',
    confirmSecond: 'SECOND DEVICE OF THIS TYPE?',
    confirmSecondYes: 'Yes, connect it',
    confirmSecondNo: 'No, keep one (Esc)',
    nextDevice: 'Next device (Enter)',
    returning: 'Ready for the next device in {seconds} s',
    summary: 'IMEI …{last4} · patient {uid} · {type}',
    imeiWord: 'IMEI',
    imeiFrom: '· TAC {tac} · from the {source}',
    orderOrPatient: '"{text}" is an order of the open batch, and could also be a patient ID. Which is it?',
    useOrder: 'The order: patient {uid}, {type}',
    usePatient: 'Patient {uid}',
    orderFilled: 'Order {order}: the patient and the device type come from the order.',
    orderFilledNoRef: 'The patient and the device type come from the order barcode.',
    orderUnknownType:
      'This order is for device type "{type}", which this station does not have. Nothing was filled in: ask an admin to add the type (Settings → Device types), then scan the order again.',
    orderNotFound:
      'No order "{order}" in the open batch. Check the order barcode, or import its orders file on the Batch screen.',
    orderBadUid: 'The patient ID in this barcode is not valid: "{uid}". Type the patient ID by hand.',
  },
  batch: {
    title: 'Batch orders',
    fileLabel: 'Orders CSV file',
    fileHint: 'Columns: uid, device_type, optional order_ref, optional expected_imei.',
    import: 'Import',
    badRows: 'The file was not imported. Fix these rows and import it again:',
    row: 'Row',
    column: 'Column',
    reason: 'Problem',
    progress: '{assigned} of {total} assigned · {connected} connected · {remaining} left',
    eta: 'About {minutes} min left',
    next: 'Next order: patient {uid}, {type}',
    scanHint: 'Scan each device IMEI: it goes to its order by itself.',
    none: 'No batch is open. Import an orders file to start.',
    close: 'Close batch',
    assigned: 'ASSIGNED — connecting',
    lastScan: 'Last scan: IMEI …{last4} → patient {uid}',
    refused: 'NOT ASSIGNED — put this device aside',
    complete: 'BATCH COMPLETE — all {total} devices connected',
    completeWaiting: 'Every order has its device · {waiting|# device is|# devices are} not connected yet: see Queue',
    typeTitle: 'Is this the right device for this order?',
    typeMismatch:
      'The next order (patient {uid}) is for a {orderType}, but devices of this model were connected as {modelType} {times} here (IMEI {imei}).',
    times: '{n|once|# times}',
    typeConfirm: 'Yes, it is a {type}',
    typeAside: 'No, put it aside',
    typeSetAside: 'IMEI {imei} was not assigned: put it aside and check what device it is.',
    closeTitle: 'Close this batch?',
    closeOpen:
      '{remaining} of {total} orders have no device yet. Closing stops scan-to-assign; the connections made stay.',
    closeDone: 'All {total} orders have their device. Closing clears this screen; the connections stay.',
    keepOpen: 'Keep it open',
  },
  queue: {
    title: 'Queue and history',
    depth: 'Waiting: {depth}',
    oldest: 'Oldest: {age}',
    paused: 'PAUSED: {reason}',
    unverified: 'Connected, a check on Validic still to come: {n}',
    filters: { open: 'Open', queued: 'Queued', needs_attention: 'Needs attention', today: 'Today', all: 'All' },
    search: 'Search by IMEI or patient ID',
    time: 'Time',
    imei: 'IMEI',
    uid: 'Patient',
    type: 'Type',
    state: 'State',
    actions: 'Actions',
    retry: 'Retry',
    cancel: 'Cancel',
    empty: 'Nothing here.',
    exportTitle: 'Export the manifest',
    from: 'From',
    to: 'To',
    fullImei: 'Full IMEIs (otherwise the last 4 digits)',
    export: 'Export CSV',
    exported: '{rows} rows ready:',
    download: 'Save {file}',
    readingSeen: 'First reading seen {time}: the device works',
  },
  /** The first reading after a connect: proof the device works (a clinic desk). */
  reading: {
    ask: 'Ask the patient to take a reading now',
    askHint: "The kiosk then watches Validic for this device's first reading: it shows the device works.",
    waiting: 'Waiting for the first reading…',
    waitingHint: 'Ask the patient to take a reading with the device now.',
    progress: 'Checked Validic {polls|once|# times} · {elapsed} of {total}',
    stop: 'Stop waiting',
    arrived: 'READING RECEIVED — the device works',
    takenAt: 'Taken at {time}',
    none: 'No reading arrived within {minutes} min. The device stays connected.',
    noneHint: 'Check that the device is switched on and has signal, then ask again.',
    again: 'Ask again',
    failed: 'Could not check Validic for the reading: {message}',
    metrics: {
      blood_glucose: 'Glucose',
      blood_pressure: 'Blood pressure',
      pulse: 'Pulse',
      body_weight: 'Weight',
      spo2: 'SpO₂',
      bmi: 'BMI',
    },
    units: { percent: '%', bpm: 'bpm' },
  },
  states: {
    captured: 'Scanned',
    ready: 'Ready',
    connecting: 'Connecting',
    connected: 'Connected',
    verified: 'Connected and verified',
    queued: 'Queued',
    needs_attention: 'Needs attention',
    cancelled: 'Cancelled',
  },
  /** How an IMEI was read (the journal's capture source). */
  sources: {
    camera: 'camera',
    wedge: 'barcode scanner',
    serial_scanner: 'serial scanner',
    modem: "device's own modem",
    typed: 'keyboard (typed)',
    batch: 'batch',
  },
  disconnect: {
    title: 'Disconnect devices',
    uidLabel: 'Patient ID',
    imeiLabel: 'Device IMEI (leave empty to list all of the patient’s devices)',
    preview: 'Show what will be disconnected',
    willDisconnect: 'This will disconnect exactly:',
    nothing: 'This patient has no connected device.',
    one: 'Disconnect this device',
    all: 'Disconnect all {n} devices',
    done: 'Disconnected {n|# device|# devices} from patient {uid}: {list}.',
    doneLine: 'IMEI {imei} ({type})',
    uidHint: 'A returned device: leave the patient ID empty and scan its IMEI; the kiosk finds its patient.',
    needOne: 'Type a patient ID or scan the device IMEI.',
    confirmTitle: 'Disconnect?',
    confirm: 'Yes, disconnect',
    cancel: 'Keep connected',
  },
  settings: {
    title: 'Settings',
    locked: 'Settings need the admin PIN.',
    mode: 'Mode',
    training: 'Training (simulator)',
    production: 'Production (Validic)',
    orgId: 'Organization ID',
    token: 'Organization token',
    tokenStored: 'A token is stored (encrypted). It is never shown.',
    tokenMissing: 'No token stored.',
    saveCredentials: 'Save credentials',
    clearCredentials: 'Remove credentials (back to training)',
    apiBase: 'Validic API base URL',
    directBase: 'Direct Connection base URL',
    deviceTypes: 'Device types',
    assumed: 'not confirmed by Validic',
    station: 'Station name',
    language: 'Language',
    idleMinutes: 'Sign out after idle (minutes)',
    sounds: 'Sounds',
    kiosk: 'Kiosk fullscreen (applies at next start)',
    askReading: 'After each connect, ask for a first reading (a clinic desk: the patient is at the counter)',
    serialBaud: 'Modem baud rate',
    scannerBaud: 'Serial scanner baud rate',
    save: 'Save settings',
    saved: 'Saved.',
    pinsTitle: 'PINs',
    pinRole: 'Which PIN',
    adminPin: 'Admin PIN',
    supervisorPin: 'Supervisor PIN',
    newPin: 'New PIN (4 to 12 digits)',
    repeatPin: 'New PIN again',
    changePin: 'Change PIN',
    pinsDiffer: 'The two new PINs are not the same.',
    pinDefault: 'still the training PIN',
    pinChanged: 'PIN changed.',
    camera: 'Camera',
    cameraAuto: 'Automatic (the first camera)',
    cameraUnnamed: 'Camera {n}',
    cameraHint: 'Camera names appear once the camera has been opened on the Onboard screen.',
    wedgePrefix: 'Scanner prefix key',
    wedgePrefixNone: 'None (scans are told from typing by their speed)',
    wedgePrefixHint:
      'Program the USB scanners to send this key before each scan: a scan is then never mistaken for typing, however slow the link.',
    version: 'Version {version}',
    operatorsTitle: 'Operators',
    operatorsOpen: 'Nobody is registered: any operator ID signs in. Add operators to let only them sign in.',
    operatorsClosed: 'Only these operators can sign in.',
    operatorHasPin: 'PIN set',
    operatorNoPin: 'no PIN',
    operatorClearPin: 'Remove the PIN of {operator}',
    operatorRemove: 'Remove {operator}',
    operatorId: 'Operator ID (scan the badge or type it)',
    operatorPin: 'PIN (optional, 4 to 12 digits)',
    operatorPinRepeat: 'The operator PIN again',
    operatorSave: 'Add operator or change the PIN',
    operatorSaved: 'Saved operator {operator}.',
    operatorRemoved: 'Removed operator {operator}.',
    typesHint:
      'Each type is a button on the Onboard screen. The id is the device_type sent to Validic and never changes: to change an id, remove the type and add a new one.',
    typeId: 'Id (device_type)',
    typeLabel: 'Button label',
    typeLabelOf: 'Label of {id}',
    typeLabelEsOf: 'Spanish label for {id}',
    labelEsPlaceholder: 'Spanish (optional)',
    removeType: 'Remove',
    removeTypeOf: 'Remove {label}',
    newTypeId: 'New type id',
    newTypeLabel: 'New type label',
    newTypeLabelEs: 'Its Spanish label (optional)',
    addType: 'Add type',
    saveTypes: 'Save device types',
    typesUnsaved: 'Not saved yet: press Save device types.',
    typeIdFormat:
      'Use lower_snake_case: small letters, digits and underscores, starting with a letter (e.g. blood_glucose).',
    typeIdTaken: 'There is already a type with the id {id}.',
    typeLabelMissing: 'Give the type a label: operators see it on its button.',
    assumedHint:
      'A new id that Validic’s samples do not show is marked “not confirmed by Validic”: Validic may refuse it, so check it with Validic before real devices ship.',
    lastType: 'At least one device type must remain.',
    serialTitle: 'Serial devices',
    serialHint: 'Applies to the next device plugged in; no restart needed.',
    scannerEnding: 'Serial scanner: how a scan ends',
    endingCr: 'CR (carriage return)',
    endingLf: 'LF (line feed)',
    endingCrlf: 'CR LF',
    endingSilence: 'No suffix: a pause ends the scan',
    silenceMs: 'Pause that ends a scan (ms)',
    silenceRange: 'Between {min} and {max} ms.',
    usbTitle: 'Extra USB devices to recognise',
    usbHint: 'Added to the built-in list of modem and scanner makers. lsusb shows vendor:product, e.g. 2c7c:0125.',
    usbRow: 'USB device {n}',
    usbVendor: 'Vendor id',
    usbProduct: 'Product id (empty: every product)',
    usbName: 'Maker or model',
    usbKind: 'Kind',
    kindModem: 'Modem',
    kindScanner: 'Scanner',
    addUsb: 'Add a USB device',
    removeUsb: 'Remove USB device {n}',
    usbVendorBad: 'The vendor id is 4 hex digits, e.g. 2c7c.',
    usbProductBad: 'The product id is 4 hex digits, or empty for every product.',
    usbNameMissing: 'Name the maker or model, so the port list says what is plugged in.',
    saveSerial: 'Save serial settings',
    fixFirst: 'Fix the fields marked above first.',
  },
  /** Training and production: switching, going live, the offline banner (issue 15). */
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
  pin: {
    supervisorTitle: 'Supervisor PIN',
    adminTitle: 'Admin PIN',
    label: 'PIN',
    ok: 'OK',
    cancel: 'Cancel',
    wrong: 'Wrong PIN. Try again or ask a supervisor.',
  },
  idle: { signedOut: 'Signed out after {minutes} min without activity. Sign in to go on.' },
  /** The Onboard screen's safety rules (issue 15): red stays red, the type is chosen, badges and IMEISVs. */
  onboardSafe: {
    acknowledgeHint: 'Press Enter or scan the ACKNOWLEDGE barcode to go on.',
    acknowledge: 'Acknowledge',
    ackFirst:
      'Scan refused: this result needs attention first. Put the device aside, then press Enter or scan the ACKNOWLEDGE barcode.',
    anotherDevice: 'Another device for {uid}',
    typeSuggested: 'Devices of this model (TAC {tac}) went in as {type} before ({n}). Pick the type yourself.',
    typeRefused:
      'Type barcode "{type}" is not a device type of this station: no type is selected. Scan another type barcode or pick the type.',
    badge:
      'That is the badge of operator {operator}, not a patient ID. Scan the patient barcode or type the patient ID.',
    imeisv:
      'This is an IMEISV (16 digits, with the software version). Its IMEI would be {imei}. Check it against the label.',
    useImei: 'Use IMEI {imei}',
    notImei: 'No, scan again',
    printBarcodes: 'Print barcodes',
    sheetTitle: 'Barcodes for this station',
    sheetIntro: 'Print this page and keep it at the station: scan a barcode instead of reaching for the keyboard.',
    sheetAck: 'ACKNOWLEDGE: a red result has been seen',
    sheetTypes: 'Device types',
    print: 'Print',
    close: 'Close',
    idleWarning:
      'No activity: signing out in {seconds} s. The device being filled in, not connected yet, will be discarded. Press any key to stay.',
  },
  errors: {
    generic: 'That did not work: {message}',
  },
  /** A window.kiosk call that failed other than by a refusal (src/ipc/contract.ts IpcErrorCode). */
  callErrors: {
    unknown_channel: {
      message: 'This screen asked the kiosk engine for something it does not know ({detail}).',
      nextAction:
        'Restart the kiosk; if it happens again, call IT (the screen and the engine may be different versions).',
    },
    invalid_request: {
      message: 'The kiosk did not accept what was entered: {detail}.',
      nextAction: 'Check the fields and try again.',
    },
    handler_failed: {
      message: 'The kiosk engine could not complete this.',
      nextAction: 'Try again; if it happens again, call IT and say what time it happened.',
    },
    invalid_response: {
      message: 'The kiosk engine gave an answer this screen cannot read ({detail}).',
      nextAction: 'Restart the kiosk; if it happens again, call IT.',
    },
    untrusted_sender: {
      message: 'The kiosk engine does not answer this page ({detail}).',
      nextAction: 'Restart the kiosk; if it happens again, call IT.',
    },
  },
  /**
   * The engine's problems, refusals and job reasons, by kind. On an English kiosk the screens show
   * the engine's own words (they can hold specifics, such as Validic's answer); these English
   * templates are what the other languages translate, with the same {placeholders}.
   */
  problems: {
    // Validic's error kinds (src/validic/errors.ts)
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
    // Onboarding's own kinds (src/onboarding/problems.ts)
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
    needs_attention: { message: 'The job needs a person.', nextAction: 'Open Queue: retry the job or cancel it.' },
    cancelled: { message: 'The job was cancelled.', nextAction: 'Scan the device again to start a new job.' },
    not_on_sources: {
      message: "Not on the patient's sources after the 202: connecting again.",
      nextAction: 'Nothing to do: it is retried by itself.',
    },
    outcome_unknown: {
      message:
        "Validic's answer to the connect was lost (no answer in time, or a server error): it may have been applied.",
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
    waiting_for_mode: {
      message: 'This job was made in {mode} mode and the kiosk is in {now} mode: it waits for its own mode.',
      nextAction: 'Switch back to {mode} mode to finish it, or cancel it.',
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
    found_after_interruption: {
      message: "Found on the patient's sources after an interrupted connect.",
      nextAction: 'Nothing to do.',
    },
    retried: { message: 'Retried by {by}.', nextAction: 'Nothing to do: it is connecting again.' },
    override: { message: 'Override by {by}.', nextAction: 'Nothing to do: it is connecting again.' },
    superseded: {
      message: 'Superseded by a supervisor override that moved this device.',
      nextAction: 'Nothing to do.',
    },
    mode_switch_cancelled: {
      message: 'Cancelled when the kiosk switched from {mode} to {to} mode.',
      nextAction: 'Nothing to do; scan the device again in the mode it belongs to.',
    },
    assigned: { message: 'Assigned to patient {uid}; connecting now.', nextAction: 'Scan the next device.' },
    in_batch: {
      message: 'This device is already assigned to an order of this batch.',
      nextAction: 'Scan the next device.',
    },
    // The label/modem cross-check (src/capture/cross-check.ts)
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
    // Serial reads (src/serial/errors.ts)
    port_not_found: {
      message: 'There is no serial port there.',
      nextAction: 'Check that the device is plugged in and powered.',
    },
    permission_denied: {
      message: 'This user may not open the serial port (permission denied). The device is there.',
      nextAction: 'Ask IT to give the kiosk user access to serial ports (the "dialout" group on Linux).',
    },
    port_busy: {
      message: 'The serial port is already open in another program.',
      nextAction: 'Close the other program (or ask IT to stop ModemManager), then try again.',
    },
    not_a_serial_port: {
      message: 'That port exists but is not a serial port.',
      nextAction: "Pick the device's serial port (ask IT).",
    },
    open_failed: {
      message: 'The serial port could not be opened.',
      nextAction: 'Unplug and replug the device, then try again; if it persists, call IT.',
    },
    no_response: {
      message: 'The device did not answer on its serial port.',
      nextAction: 'Unplug and replug the device, wait for it to start, then read again.',
    },
    modem_error: {
      message: 'The modem did not give its IMEI.',
      nextAction:
        'Unplug and replug the device, wait for it to start, then read again; if it persists, read the IMEI from the label.',
    },
    no_imei: {
      message: 'The modem answers, but has no IMEI to report.',
      nextAction: 'Read the IMEI from the device label, and set this device aside for a firmware check.',
    },
    invalid_imei: {
      message: 'The device reported a number that is not a valid IMEI.',
      nextAction: 'Read the IMEI from the device label instead, and set this device aside for a firmware check.',
    },
    no_scan: {
      message: 'No barcode arrived from the serial scanner.',
      nextAction: 'Scan the IMEI barcode; if the scanner beeps but nothing arrives, call IT.',
    },
    disconnected: {
      message: 'The device went away in the middle of the read (unplugged, powered off or reset).',
      nextAction: 'Plug the device back in (check the USB cable), wait for it to start, then read again.',
    },
    udevadm_missing: {
      message: 'Cannot list serial ports: the "udevadm" program is missing.',
      nextAction: 'Ask IT to install udev.',
    },
    list_failed: { message: 'Cannot list serial ports.', nextAction: 'Give IT this message.' },
    // Refusals (REFUSAL_CODES in src/ipc/contract.ts)
    not_signed_in: {
      message: 'Nobody is signed in at this station.',
      nextAction: 'Sign in with your operator ID first.',
    },
    order_filled: {
      message: 'Order {orderRef} already has its device (IMEI …{imeiLast4}).',
      nextAction: 'Scan the next order. Queue and history shows the job of this one.',
    },
    order_mismatch: {
      message: 'Order {orderRef} is for patient {uid} and a {deviceType}, not for what is on the screen.',
      nextAction: 'Scan the order again, or clear the screen (Esc) and start over.',
    },
    order_device_in_batch: {
      message: 'This device is already assigned to another order of this batch.',
      nextAction: 'Put it aside and scan the device that belongs to this order.',
    },
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
    usb_vendor_id_format: {
      message: 'USB device {row}: the vendor id "{vendorId}" is not 4 hex digits.',
      nextAction: 'Copy it from the device list (lsusb shows vendor:product, e.g. 2c7c:0125).',
    },
    usb_product_id_format: {
      message: 'USB device {row}: the product id "{productId}" is not 4 hex digits.',
      nextAction: 'Leave it empty to match every product of the vendor, or copy it from lsusb.',
    },
    usb_device_unnamed: {
      message: 'USB device {row} has no name.',
      nextAction: 'Name its maker or model, so the port list says what is plugged in.',
    },
    usb_devices_too_many: {
      message: '{count} extra USB devices are listed; at most {max} are kept.',
      nextAction: 'Remove the ones this station does not use.',
    },
    usb_device_listed_twice: {
      message: 'USB devices {earlier} and {row} have the same ids ({ids}).',
      nextAction: 'Keep one of them.',
    },
    baud_rate_unsupported: {
      message: '{baud} is not a serial speed a device uses.',
      nextAction: 'Pick one of {rates} (the device manual names it; 115200 for most modems, 9600 for most scanners).',
    },
    pins_locked: {
      message: 'Too many wrong PINs: PINs are locked for {seconds} s.',
      nextAction: 'Wait, then try again. If you forgot the PIN, ask a supervisor.',
    },
    operator_unknown: {
      message: 'Operator "{operator}" is not registered at this station.',
      nextAction: 'Scan your own badge, or ask an admin to add you in Settings → Operators.',
    },
    operator_pin_needed: {
      message: 'Operator {operator} signs in with a PIN.',
      nextAction: 'Type your PIN, then press Enter.',
    },
    operator_pin_wrong: {
      message: 'Wrong PIN for operator {operator}.',
      nextAction: 'Type it again, or ask an admin to set a new one in Settings → Operators.',
    },
    operator_id_invalid: {
      message: '"{operator}" cannot be an operator ID.',
      nextAction: 'Scan the badge, or type the ID as printed on it.',
    },
    operator_register_full: {
      message: 'This station already has 1,000 operators registered.',
      nextAction: 'Remove operators who have left first.',
    },
    operator_not_registered: {
      message: 'Operator "{operator}" is not registered.',
      nextAction: 'Check the ID in the list.',
    },
    operator_signed_in: {
      message: 'Operator {operator} is signed in now.',
      nextAction: 'Sign out first, then remove them with another operator signed in.',
    },
    uid_is_operator: {
      message: '"{uid}" is the ID of operator {operator}, not a patient.',
      nextAction: 'Scan the patient barcode or type the patient ID.',
    },
    wrong_admin_pin: { message: 'Wrong admin PIN.', nextAction: 'Try again, or ask a supervisor.' },
    wrong_supervisor_pin: { message: 'Wrong supervisor PIN.', nextAction: 'Try again, or ask a supervisor.' },
    unknown_device_type: {
      message: '"{deviceType}" is not a device type of this kiosk.',
      nextAction: 'Pick one of the device type buttons.',
    },
    no_such_job: { message: 'There is no such job.', nextAction: 'Refresh the list, or scan the device again.' },
    job_disappeared: { message: 'The job disappeared.', nextAction: 'Refresh the list.' },
    job_not_cancellable: {
      message: 'This job is {state} and cannot be cancelled.',
      nextAction: 'To undo a connection, use Disconnect.',
    },
    job_not_connected: {
      message: 'This job is {state}: there is no connected device to take a reading from.',
      nextAction: 'Connect the device first, then ask for a reading.',
    },
    no_batch_open: { message: 'No batch is open.', nextAction: 'Import an orders file first.' },
    bad_date_range: {
      message: 'These dates are not a range.',
      nextAction: 'Pick a start day on or before the end day.',
    },
    order_already_assigned: {
      message: 'IMEI …{imeiLast4} was expected by an order that is already assigned.',
      nextAction: 'Put this device aside and tell a supervisor.',
    },
    no_open_order: {
      message: 'No open order is left for IMEI …{imeiLast4}.',
      nextAction: 'Put this device aside and tell a supervisor.',
    },
    order_expects_other_device: {
      message: 'This order expects the device with IMEI …{expectedLast4}, not …{imeiLast4}.',
      nextAction: 'Put this device aside and find the device the order names.',
    },
    device_expected_by_other_order: {
      message: 'IMEI …{imeiLast4} is meant for another order of this batch (row {row}).',
      nextAction: 'Put this device aside for that order, and scan the device this order expects.',
    },
    batch_type_mismatch: {
      message:
        'The next order (patient {uid}) is for {orderType}, but this model (TAC {tac}) was connected as {modelType} {seen|once|# times} here.',
      nextAction: 'Check the device: if it is right for this order, confirm it; otherwise put it aside.',
    },
    imei_not_connected: {
      message: "This kiosk's journal has IMEI …{imeiLast4} connected to no patient.",
      nextAction: 'Type the patient ID too, or look the device up on the station that connected it.',
    },
    busy_outside_batch: {
      message: 'IMEI …{imeiLast4} is already being connected outside this batch.',
      nextAction: 'Put this device aside and tell a supervisor.',
    },
    plaintext_backend: {
      message:
        'This computer has no keyring for the kiosk user, so the token would be stored as plain text. It was not saved.',
      nextAction: 'Ask IT to install and unlock a keyring for the kiosk user, then enter the token again.',
    },
    encryption_unavailable: {
      message: "The operating system's secure storage is not available, so the token cannot be stored encrypted.",
      nextAction:
        'Sign in to the kiosk user account normally (so its keychain is unlocked), restart the app, then enter the token again.',
    },
    decrypt_failed: {
      message:
        "The stored token could not be decrypted: this computer's secure storage has changed since it was saved.",
      nextAction: 'Enter the organization token again in Settings (admin).',
    },
    invalid_value: {
      message: 'The token was not saved: it is not a valid token.',
      nextAction: 'Paste the token again, exactly as Validic issued it.',
    },
    corrupt_file: {
      message: 'The stored credentials file is damaged and cannot be read.',
      nextAction: 'Ask IT to delete it, then enter the organization token again in Settings (admin).',
    },
    open_jobs_in_mode: {
      message: 'Jobs made in {mode} mode and not finished: {count}. Switching to {to} mode never sends them there.',
      nextAction: 'Choose: leave them waiting for {mode} mode, or cancel them.',
    },
    training_pins_in_production: {
      message: 'The training PINs (admin 1234, supervisor 5678) cannot be used in production.',
      nextAction: 'Set a new admin PIN and a new supervisor PIN under PINs, then save the credentials again.',
    },
    station_name_invalid: {
      message: 'A station name is 1 to 254 characters, on one line.',
      nextAction: 'Type a shorter name on one line, e.g. "Packing 3".',
    },
    setting_invalid: {
      message: 'The setting "{setting}" cannot be saved: {reason}.',
      nextAction: 'Correct it and save again.',
    },
    base_url_not_https: {
      message:
        '{origin} is not HTTPS: the organization token travels in the URL, so only HTTPS (or http on this computer, for a simulator) is allowed.',
      nextAction: 'Use the https:// address Validic gave you, or http://127.0.0.1 for a simulator on this computer.',
    },
    base_url_invalid: {
      message: '"{url}" is not a URL.',
      nextAction: 'Type the whole address, starting with https://.',
    },
  },
  /** A bad row of an orders file, by kind (src/onboarding/orders-csv.ts). */
  orderRows: {
    unreadable_csv: 'the file is not readable CSV',
    empty_file: 'the file is empty; it needs a header row (uid,device_type,…) and at least one order',
    unknown_column: 'unknown column "{column}"; the columns are {columns}',
    duplicate_column: 'the column "{column}" appears twice',
    missing_column: 'the header has no "{column}" column',
    no_orders: 'the file has a header but no orders',
    too_many_orders: 'more than {max} orders in one file; split it',
    field_count: '{found|# field|# fields}, but the header has {expected}',
    bad_uid:
      'the patient ID is not valid: use 4 to 254 letters, digits or single hyphens, with no hyphen at either end',
    empty_device_type: 'the device type is empty',
    unknown_device_type: 'unknown device type "{deviceType}"; expected one of: {allowed}',
    order_ref_too_long: 'the order reference is {length} characters; it may have at most 254',
    order_ref_control_character: 'the order reference holds a control character or line break',
    duplicate_order_ref: 'the order reference "{orderRef}" is already used on row {firstRow}',
    bad_expected_imei: 'the expected IMEI is not a valid IMEI',
    duplicate_expected_imei: 'the IMEI ending {imeiLast4} is already expected on row {firstRow}',
  },
  /** Why text is not an IMEI, by kind (src/imei/errors.ts; English shows the engine's words). */
  imeiErrors: {
    empty: 'Nothing was scanned or typed. Scan the IMEI barcode on the device label.',
    non_digit: 'An IMEI has digits only. Found {found}. Scan the IMEI barcode again, or retype it using digits 0-9.',
    nonDigitAt: '"{char}" at position {position}',
    nonDigitMore: '{list} and {n} more',
    too_short:
      'Only {length|# digit|# digits} — an IMEI needs 15. A digit was probably missed: scan the IMEI barcode again.',
    too_long:
      '{length} digits — an IMEI needs exactly 15. This may be a serial number or two codes read together: scan only the barcode marked IMEI.',
    bad_check_digit:
      'The last digit should be {expected}, not {found}. A digit was probably mistyped or misread: scan the IMEI barcode again.',
    imeisv:
      '16 digits: this is an IMEISV (software version), which has no check digit. The IMEI would be {imei}. Confirm that it matches the label before using it.',
    meid: 'This is a CDMA MEID/ESN, not an IMEI. Look for the 15-digit number marked IMEI on the label.',
    placeholder:
      'This is a dummy number (all the same digit or a test pattern), not a real device IMEI. Scan the IMEI on the device label.',
  },
  camera: {
    panel: 'Camera scan',
    choose: 'Camera',
    lightOn: 'Light on',
    lightOff: 'Light off',
    tryAgain: 'Try again',
    starting: 'Starting the camera…',
    aim: 'Hold the IMEI barcode inside the box, level and still.',
    notImei: 'That barcode is not an IMEI: {reason}',
    notImeiPlain: 'That barcode is not an IMEI.',
    decoderFailed: 'The barcode decoder failed: {error}',
    scanned: 'Scanned IMEI',
    scanAnother: 'Scan another',
    pick: 'This label has {n} IMEIs. Which one is this device?',
    imei: 'IMEI',
    scanAgain: 'Scan again',
    /** getUserMedia failures (renderer/src/camera/camera-errors.ts). */
    problems: {
      permission_denied:
        'The kiosk is not allowed to use the camera. Ask IT to allow camera access for the kiosk, then try again. You can still scan with the hand scanner or type the IMEI.',
      no_camera:
        'No camera found. Check that the camera is plugged in, then press Try again. You can still scan with the hand scanner or type the IMEI.',
      camera_busy:
        'The camera is busy: another program or window is using it. Close it (or unplug and replug the camera), then press Try again.',
      not_supported:
        'This screen has no camera access (it must be opened from the kiosk app). Use the hand scanner or type the IMEI.',
      failed: 'The camera could not start ({detail}). Press Try again, or use the hand scanner.',
    },
  },
};

export type Messages = typeof en;

const es: Messages = {
  appName: 'Quiosco IMEI',
  training: 'ENTRENAMIENTO — no se envía nada a Validic: las conexiones van al simulador.',
  trainingPins: 'PIN: {pins}',
  trainingPin: { admin: 'administrador 1234', supervisor: 'supervisor 5678' },
  engineDown: 'El motor del quiosco no responde. Reinicie el quiosco; si vuelve a pasar, llame a TI.',
  nav: {
    onboard: 'Alta',
    batch: 'Lote',
    queue: 'Cola',
    disconnect: 'Desconectar',
    settings: 'Ajustes',
    signOut: 'Cerrar sesión',
    main: 'Principal',
  },
  station: {
    title: 'Iniciar sesión',
    stationName: 'Estación',
    operatorLabel: 'ID de operador',
    operatorHint: 'Escanee su credencial o escriba su ID de operador.',
    signIn: 'Entrar',
    signedInAs: 'Sesión de',
    missingOperator: 'Primero escriba o escanee su ID de operador.',
    deviceNotBadge:
      'Eso era el IMEI de un dispositivo. Escanee su credencial (o escriba su ID de operador) para entrar primero.',
    pinLabel: 'PIN de {operator}',
    otherOperator: 'Otro operador (Esc)',
  },
  serialScanner: {
    garbled:
      'El escáner serie envió bytes ilegibles (velocidad incorrecta o cable flojo). Configúrelo a 9600 baudios, 8N1, y vuelva a escanear.',
    overlong:
      'El escáner serie envió más de lo que cabe en un código de etiqueta. Compruebe que termina cada escaneo como indica Ajustes → Dispositivos serie y vuelva a escanear.',
    problem: 'Dispositivo serie:',
  },
  onboard: {
    ready: 'LISTO',
    readyHint: 'Escanee el código de barras IMEI de la etiqueta del dispositivo.',
    imeiLabel: 'IMEI del dispositivo',
    imeiPlaceholder: 'Escanee o escriba el IMEI de 15 dígitos',
    uidLabel: 'ID del paciente',
    uidPlaceholder: 'Escanee o escriba el ID del paciente',
    uidHint: 'Letras, dígitos y guiones simples; de 4 a 254 caracteres.',
    typeLabel: 'Tipo de dispositivo',
    typeFromOrder: 'del pedido',
    typeFromModel:
      'Elegido porque este modelo (TAC {tac}) se conectó {n|una vez|# veces} aquí con este tipo. Cámbielo si este dispositivo es distinto.',
    confirm: 'Conectar (Intro)',
    clear: 'Borrar (Esc)',
    camera: 'Cámara',
    closeCamera: 'Cerrar cámara',
    modemOffer: 'Dispositivo conectado en {port}: IMEI {imei}',
    useModem: 'Usar este IMEI',
    needImei: 'Primero escanee el IMEI del dispositivo.',
    busyScan: 'Todavía se está conectando el dispositivo anterior: vuelva a escanear este en un momento.',
    unknownScan: 'No es un IMEI ni un ID de paciente: "{text}". Escanee el código IMEI o el código del paciente.',
    needUid: 'Escanee o escriba el ID del paciente.',
    needType: 'Elija el tipo de dispositivo.',
    badUid:
      'Este ID de paciente no es válido: use de 4 a 254 letras, dígitos o guiones simples, sin guion al principio ni al final.',
    chooseImei: 'Esta etiqueta tiene dos IMEI. ¿Cuál es el de este dispositivo?',
    imeiSv: 'Esto es un IMEISV. ¿Usar el IMEI {imei}?',
    connecting: 'Conectando…',
    connected: 'CONECTADO',
    alreadyConnected: 'YA CONECTADO',
    alreadyConnectedDetail: 'Ya conectado el {at} por {by}. No se envió de nuevo.',
    queued: 'EN COLA',
    queuedDetail: 'Se reintentará solo. En cola: {depth}.',
    needsAttention: 'REQUIERE ATENCIÓN',
    nextAction: 'Siguiente paso:',
    blocked: 'EN OTRO PACIENTE',
    blockedDetail: 'Este IMEI está conectado al paciente …{other}. Solo un supervisor puede moverlo.',
    override: 'Autorización de supervisor',
    otherPatient: 'ID del paciente en el que está ahora',
    overrideMoveKnown:
      'Mover el IMEI {imei} del paciente {other} al paciente {uid}: primero se desconecta de {other} y luego se conecta a {uid}.',
    overrideMoveUnknown:
      'El IMEI {imei} está en un paciente del que este quiosco no tiene registro. Indique ese paciente: el dispositivo se desconecta allí y luego se conecta al paciente {uid}.',
    mismatch: '¿DISPOSITIVO EQUIVOCADO?',
    confirmSecond: '¿SEGUNDO DISPOSITIVO DE ESTE TIPO?',
    confirmSecondYes: 'Sí, conectarlo',
    confirmSecondNo: 'No, solo uno (Esc)',
    nextDevice: 'Siguiente dispositivo (Intro)',
    returning: 'Listo para el siguiente dispositivo en {seconds} s',
    summary: 'IMEI …{last4} · paciente {uid} · {type}',
    imeiWord: 'IMEI',
    imeiFrom: '· TAC {tac} · leído por {source}',
    orderOrPatient: '"{text}" es un pedido del lote abierto y también podría ser un ID de paciente. ¿Qué es?',
    useOrder: 'El pedido: paciente {uid}, {type}',
    usePatient: 'Paciente {uid}',
    orderFilled: 'Pedido {order}: el paciente y el tipo de dispositivo vienen del pedido.',
    orderFilledNoRef: 'El paciente y el tipo de dispositivo vienen del código del pedido.',
    orderUnknownType:
      'Este pedido es para el tipo de dispositivo "{type}", que esta estación no tiene. No se rellenó nada: pida a un administrador que añada el tipo (Ajustes → Tipos de dispositivo) y vuelva a escanear el pedido.',
    orderNotFound:
      'No hay ningún pedido "{order}" en el lote abierto. Revise el código del pedido o importe su archivo de pedidos en la pantalla Lote.',
    orderBadUid: 'El ID de paciente de este código no es válido: "{uid}". Escriba el ID del paciente a mano.',
  },
  batch: {
    title: 'Pedidos por lote',
    fileLabel: 'Archivo CSV de pedidos',
    fileHint: 'Columnas: uid, device_type, order_ref opcional, expected_imei opcional.',
    import: 'Importar',
    badRows: 'El archivo no se importó. Corrija estas filas e impórtelo de nuevo:',
    row: 'Fila',
    column: 'Columna',
    reason: 'Problema',
    progress: '{assigned} de {total} asignados · {connected} conectados · faltan {remaining}',
    eta: 'Faltan unos {minutes} min',
    next: 'Siguiente pedido: paciente {uid}, {type}',
    scanHint: 'Escanee cada IMEI: se asigna solo a su pedido.',
    none: 'No hay lote abierto. Importe un archivo de pedidos para empezar.',
    close: 'Cerrar lote',
    assigned: 'ASIGNADO — conectando',
    lastScan: 'Último escaneo: IMEI …{last4} → paciente {uid}',
    refused: 'NO ASIGNADO — aparte este dispositivo',
    complete: 'LOTE COMPLETO — {total} dispositivos conectados',
    completeWaiting:
      'Todos los pedidos tienen su dispositivo · {waiting|# dispositivo no está conectado todavía|# dispositivos no están conectados todavía}: vea Cola',
    typeTitle: '¿Es el dispositivo correcto para este pedido?',
    typeMismatch:
      'El siguiente pedido (paciente {uid}) es de tipo {orderType}, pero los dispositivos de este modelo se conectaron aquí como {modelType} {times} (IMEI {imei}).',
    times: '{n|una vez|# veces}',
    typeConfirm: 'Sí, es de tipo {type}',
    typeAside: 'No, apartarlo',
    typeSetAside: 'El IMEI {imei} no se asignó: apártelo y compruebe qué dispositivo es.',
    closeTitle: '¿Cerrar este lote?',
    closeOpen:
      '{remaining} de {total} pedidos no tienen dispositivo todavía. Al cerrar se deja de asignar por escaneo; las conexiones hechas se mantienen.',
    closeDone:
      'Los {total} pedidos tienen su dispositivo. Al cerrar se limpia esta pantalla; las conexiones se mantienen.',
    keepOpen: 'Mantenerlo abierto',
  },
  queue: {
    title: 'Cola e historial',
    depth: 'En espera: {depth}',
    oldest: 'Más antiguo: {age}',
    paused: 'EN PAUSA: {reason}',
    unverified: 'Conectados, con una comprobación en Validic pendiente: {n}',
    filters: { open: 'Abiertos', queued: 'En cola', needs_attention: 'Requieren atención', today: 'Hoy', all: 'Todos' },
    search: 'Buscar por IMEI o ID de paciente',
    time: 'Hora',
    imei: 'IMEI',
    uid: 'Paciente',
    type: 'Tipo',
    state: 'Estado',
    actions: 'Acciones',
    retry: 'Reintentar',
    cancel: 'Cancelar',
    empty: 'No hay nada aquí.',
    exportTitle: 'Exportar el manifiesto',
    from: 'Desde',
    to: 'Hasta',
    fullImei: 'IMEI completos (si no, los 4 últimos dígitos)',
    export: 'Exportar CSV',
    exported: '{rows} filas listas:',
    download: 'Guardar {file}',
    readingSeen: 'Primera medición recibida el {time}: el dispositivo funciona',
  },
  reading: {
    ask: 'Pedir al paciente que haga una medición ahora',
    askHint: 'El quiosco vigila entonces en Validic la primera medición de este dispositivo: demuestra que funciona.',
    waiting: 'Esperando la primera medición…',
    waitingHint: 'Pida al paciente que haga ahora una medición con el dispositivo.',
    progress: 'Consultado Validic {polls|una vez|# veces} · {elapsed} de {total}',
    stop: 'Dejar de esperar',
    arrived: 'MEDICIÓN RECIBIDA — el dispositivo funciona',
    takenAt: 'Tomada el {time}',
    none: 'No llegó ninguna medición en {minutes} min. El dispositivo sigue conectado.',
    noneHint: 'Compruebe que el dispositivo está encendido y tiene señal, y vuelva a pedirla.',
    again: 'Volver a pedir',
    failed: 'No se pudo consultar la medición en Validic: {message}',
    metrics: {
      blood_glucose: 'Glucosa',
      blood_pressure: 'Presión arterial',
      pulse: 'Pulso',
      body_weight: 'Peso',
      spo2: 'SpO₂',
      bmi: 'IMC',
    },
    units: { percent: '%', bpm: 'lpm' },
  },
  states: {
    captured: 'Escaneado',
    ready: 'Listo',
    connecting: 'Conectando',
    connected: 'Conectado',
    verified: 'Conectado y verificado',
    queued: 'En cola',
    needs_attention: 'Requiere atención',
    cancelled: 'Cancelado',
  },
  sources: {
    camera: 'la cámara',
    wedge: 'el lector de códigos',
    serial_scanner: 'el lector serie',
    modem: 'el módem del propio dispositivo',
    typed: 'el teclado (escrito)',
    batch: 'el lote',
  },
  disconnect: {
    title: 'Desconectar dispositivos',
    uidLabel: 'ID del paciente',
    imeiLabel: 'IMEI del dispositivo (vacío para listar todos los del paciente)',
    preview: 'Mostrar qué se desconectará',
    willDisconnect: 'Se desconectará exactamente:',
    nothing: 'Este paciente no tiene dispositivos conectados.',
    one: 'Desconectar este dispositivo',
    all: 'Desconectar los {n} dispositivos',
    done: '{n|Se desconectó # dispositivo|Se desconectaron # dispositivos} del paciente {uid}: {list}.',
    doneLine: 'IMEI {imei} ({type})',
    uidHint:
      'Un dispositivo devuelto: deje vacío el ID del paciente y escanee su IMEI; el quiosco encuentra su paciente.',
    needOne: 'Escriba un ID de paciente o escanee el IMEI del dispositivo.',
    confirmTitle: '¿Desconectar?',
    confirm: 'Sí, desconectar',
    cancel: 'Mantener conectado',
  },
  settings: {
    title: 'Ajustes',
    locked: 'Los ajustes requieren el PIN de administrador.',
    mode: 'Modo',
    training: 'Entrenamiento (simulador)',
    production: 'Producción (Validic)',
    orgId: 'ID de organización',
    token: 'Token de organización',
    tokenStored: 'Hay un token guardado (cifrado). Nunca se muestra.',
    tokenMissing: 'No hay token guardado.',
    saveCredentials: 'Guardar credenciales',
    clearCredentials: 'Quitar credenciales (volver a entrenamiento)',
    apiBase: 'URL base de la API de Validic',
    directBase: 'URL base de Direct Connection',
    deviceTypes: 'Tipos de dispositivo',
    assumed: 'sin confirmar por Validic',
    station: 'Nombre de la estación',
    language: 'Idioma',
    idleMinutes: 'Cerrar sesión tras inactividad (minutos)',
    sounds: 'Sonidos',
    kiosk: 'Pantalla completa de quiosco (al siguiente inicio)',
    askReading: 'Tras cada conexión, pedir una primera medición (mostrador de clínica: el paciente está presente)',
    serialBaud: 'Velocidad del módem (baudios)',
    scannerBaud: 'Velocidad del escáner serie (baudios)',
    save: 'Guardar ajustes',
    saved: 'Guardado.',
    pinsTitle: 'PIN',
    pinRole: 'Qué PIN',
    adminPin: 'PIN de administrador',
    supervisorPin: 'PIN de supervisor',
    newPin: 'PIN nuevo (4 a 12 dígitos)',
    repeatPin: 'Repita el PIN nuevo',
    changePin: 'Cambiar PIN',
    pinsDiffer: 'Los dos PIN nuevos no coinciden.',
    pinDefault: 'todavía es el PIN de entrenamiento',
    pinChanged: 'PIN cambiado.',
    camera: 'Cámara',
    cameraAuto: 'Automática (la primera cámara)',
    cameraUnnamed: 'Cámara {n}',
    cameraHint: 'Los nombres de las cámaras aparecen después de abrir la cámara en la pantalla Alta.',
    wedgePrefix: 'Tecla de prefijo del lector',
    wedgePrefixNone: 'Ninguna (los escaneos se distinguen de lo escrito por su velocidad)',
    wedgePrefixHint:
      'Programe los lectores USB para enviar esta tecla antes de cada escaneo: así un escaneo nunca se confunde con lo escrito, por lento que sea el enlace.',
    version: 'Versión {version}',
    operatorsTitle: 'Operadores',
    operatorsOpen:
      'No hay nadie registrado: cualquier ID de operador puede entrar. Añada operadores para que solo entren ellos.',
    operatorsClosed: 'Solo estos operadores pueden entrar.',
    operatorHasPin: 'con PIN',
    operatorNoPin: 'sin PIN',
    operatorClearPin: 'Quitar el PIN de {operator}',
    operatorRemove: 'Quitar a {operator}',
    operatorId: 'ID de operador (escanee la credencial o escríbalo)',
    operatorPin: 'PIN (opcional, de 4 a 12 dígitos)',
    operatorPinRepeat: 'Repita el PIN del operador',
    operatorSave: 'Añadir operador o cambiar el PIN',
    operatorSaved: 'Operador {operator} guardado.',
    operatorRemoved: 'Operador {operator} quitado.',
    typesHint:
      'Cada tipo es un botón en la pantalla Alta. El id es el device_type que se envía a Validic y no cambia nunca: para cambiar un id, quite el tipo y añada uno nuevo.',
    typeId: 'Id (device_type)',
    typeLabel: 'Texto del botón',
    typeLabelOf: 'Texto de {id}',
    typeLabelEsOf: 'Texto en español para {id}',
    labelEsPlaceholder: 'Español (opcional)',
    removeType: 'Quitar',
    removeTypeOf: 'Quitar {label}',
    newTypeId: 'Id del tipo nuevo',
    newTypeLabel: 'Texto del tipo nuevo',
    newTypeLabelEs: 'Su texto en español (opcional)',
    addType: 'Añadir tipo',
    saveTypes: 'Guardar tipos de dispositivo',
    typesUnsaved: 'Sin guardar: pulse Guardar tipos de dispositivo.',
    typeIdFormat:
      'Use lower_snake_case: minúsculas, dígitos y guiones bajos, empezando por una letra (p. ej. blood_glucose).',
    typeIdTaken: 'Ya hay un tipo con el id {id}.',
    typeLabelMissing: 'Dé un texto al tipo: los operadores lo ven en su botón.',
    assumedHint:
      'Un id nuevo que no aparece en los ejemplos de Validic se marca como «sin confirmar por Validic»: Validic puede rechazarlo, así que confírmelo con Validic antes de enviar dispositivos reales.',
    lastType: 'Debe quedar al menos un tipo de dispositivo.',
    serialTitle: 'Dispositivos serie',
    serialHint: 'Se aplica al siguiente dispositivo que se conecte; no hace falta reiniciar.',
    scannerEnding: 'Escáner serie: cómo termina un escaneo',
    endingCr: 'CR (retorno de carro)',
    endingLf: 'LF (salto de línea)',
    endingCrlf: 'CR LF',
    endingSilence: 'Sin sufijo: una pausa termina el escaneo',
    silenceMs: 'Pausa que termina un escaneo (ms)',
    silenceRange: 'Entre {min} y {max} ms.',
    usbTitle: 'Dispositivos USB adicionales que reconocer',
    usbHint:
      'Se añaden a la lista incorporada de fabricantes de módems y escáneres. lsusb muestra fabricante:producto, p. ej. 2c7c:0125.',
    usbRow: 'Dispositivo USB {n}',
    usbVendor: 'Id de fabricante',
    usbProduct: 'Id de producto (vacío: todos)',
    usbName: 'Fabricante o modelo',
    usbKind: 'Clase',
    kindModem: 'Módem',
    kindScanner: 'Escáner',
    addUsb: 'Añadir un dispositivo USB',
    removeUsb: 'Quitar el dispositivo USB {n}',
    usbVendorBad: 'El id de fabricante son 4 dígitos hexadecimales, p. ej. 2c7c.',
    usbProductBad: 'El id de producto son 4 dígitos hexadecimales, o vacío para todos los productos.',
    usbNameMissing: 'Indique el fabricante o el modelo, para que la lista de puertos diga qué está conectado.',
    saveSerial: 'Guardar ajustes serie',
    fixFirst: 'Primero corrija los campos marcados arriba.',
  },
  /** Entrenamiento y producción: cambio de modo, puesta en producción, aviso sin conexión (issue 15). */
  modes: {
    training: 'Entrenamiento',
    production: 'Producción',
    unknown: 'Modo desconocido',
    column: 'Modo',
    waitsFor: 'Espera al modo {mode}: nunca se envía en modo {now}.',
    otherModeWaiting: 'Esperando al otro modo: {n}',
    switchTitle: '¿Cambiar al modo {to}?',
    switchOpenJobs: 'Trabajos hechos en modo {mode} sin terminar: {count}. Nunca se envían en modo {to}.',
    switchKeep: 'Cambiar; esperan al modo {mode}',
    switchCancel: 'Cambiar y cancelarlos',
    switchStay: 'No cambiar',
    goLiveTitle: '¿Empezar producción?',
    goLiveBody:
      'A partir de ahora cada dispositivo se conecta en Validic de verdad, para la organización {orgId}. Pruebe antes la conexión si no lo ha hecho.',
    goLiveConfirm: 'Empezar producción',
    testConnection: 'Probar la conexión',
    testing: 'Probando la conexión…',
    testOk: 'Validic aceptó el ID de organización y el token ({ms} ms).',
    testFailed: 'La prueba falló: {reason}',
    orgIdMissing: 'Para guardar las credenciales falta el ID de organización.',
    tokenTooShort: 'Para guardar las credenciales falta el token: al menos 8 caracteres ({n} escritos).',
    pinsFirst:
      'Producción necesita PIN nuevos: los PIN de entrenamiento (administrador 1234, supervisor 5678) no valen allí. Cambie los dos abajo, en PIN.',
    unsavedTitle: '¿Salir sin guardar?',
    unsavedBody: 'Hay ajustes cambiados sin guardar.',
    unsavedLeave: 'Salir sin guardar',
    unsavedStay: 'Quedarse y guardar',
    idleEmpty: 'Escriba los minutos (1 a 240).',
    offline: 'No se puede llegar a Validic: {cause}',
    offlineDepth: 'Dispositivos esperando envío: {depth}. Se envían solos cuando Validic responda; siga escaneando.',
    causes: {
      dns: 'no se encuentra el nombre del servidor de Validic (DNS). ¿Está este puesto en la red?',
      refused: 'el servidor de Validic rechazó la conexión.',
      timeout: 'Validic no respondió a tiempo.',
      network: 'la red no responde. Revise el cable o el Wi-Fi.',
    },
  },
  pin: {
    supervisorTitle: 'PIN de supervisor',
    adminTitle: 'PIN de administrador',
    label: 'PIN',
    ok: 'Aceptar',
    cancel: 'Cancelar',
    wrong: 'PIN incorrecto. Inténtelo de nuevo o avise a un supervisor.',
  },
  idle: { signedOut: 'Sesión cerrada tras {minutes} min sin actividad. Inicie sesión para seguir.' },
  onboardSafe: {
    acknowledgeHint: 'Pulse Intro o escanee el código CONFIRMAR para seguir.',
    acknowledge: 'Confirmar visto',
    ackFirst:
      'Escaneo rechazado: primero hay que atender este resultado. Aparte el dispositivo y pulse Intro o escanee el código CONFIRMAR.',
    anotherDevice: 'Otro dispositivo para {uid}',
    typeSuggested:
      'Los dispositivos de este modelo (TAC {tac}) se conectaron antes como {type} ({n}). Elija usted el tipo.',
    typeRefused:
      'El código de tipo "{type}" no es un tipo de dispositivo de esta estación: no hay tipo elegido. Escanee otro código de tipo o elija el tipo.',
    badge:
      'Es la tarjeta del operador {operator}, no un ID de paciente. Escanee el código del paciente o escriba su ID.',
    imeisv: 'Es un IMEISV (16 dígitos, con la versión de software). Su IMEI sería {imei}. Compruébelo con la etiqueta.',
    useImei: 'Usar el IMEI {imei}',
    notImei: 'No, escanear de nuevo',
    printBarcodes: 'Imprimir códigos',
    sheetTitle: 'Códigos de barras de esta estación',
    sheetIntro: 'Imprima esta página y téngala en la estación: escanee un código en vez de usar el teclado.',
    sheetAck: 'CONFIRMAR: se ha visto un resultado en rojo',
    sheetTypes: 'Tipos de dispositivo',
    print: 'Imprimir',
    close: 'Cerrar',
    idleWarning:
      'Sin actividad: la sesión se cierra en {seconds} s. El dispositivo a medio rellenar, aún sin conectar, se descartará. Pulse cualquier tecla para seguir.',
  },
  errors: {
    generic: 'No se pudo hacer: {message}',
  },
  callErrors: {
    unknown_channel: {
      message: 'Esta pantalla pidió al motor del quiosco algo que no conoce ({detail}).',
      nextAction:
        'Reinicie el quiosco; si vuelve a pasar, llame a TI (la pantalla y el motor pueden ser de versiones distintas).',
    },
    invalid_request: {
      message: 'El quiosco no aceptó lo escrito: {detail}.',
      nextAction: 'Revise los campos e inténtelo de nuevo.',
    },
    handler_failed: {
      message: 'El motor del quiosco no pudo completar esto.',
      nextAction: 'Inténtelo de nuevo; si vuelve a pasar, llame a TI y diga a qué hora ocurrió.',
    },
    invalid_response: {
      message: 'El motor del quiosco dio una respuesta que esta pantalla no puede leer ({detail}).',
      nextAction: 'Reinicie el quiosco; si vuelve a pasar, llame a TI.',
    },
    untrusted_sender: {
      message: 'El motor del quiosco no responde a esta página ({detail}).',
      nextAction: 'Reinicie el quiosco; si vuelve a pasar, llame a TI.',
    },
  },
  problems: {
    invalid_request: {
      message: 'Validic rechazó la solicitud por no ser válida.',
      nextAction: 'Revise el IMEI, el ID del paciente y el tipo de dispositivo, y vuelva a intentarlo.',
    },
    unauthorized: {
      message: 'Validic rechazó las credenciales de la organización.',
      nextAction: 'Pida a un administrador que revise el ID de organización y el token de Validic en los ajustes.',
    },
    not_found: {
      message: 'Validic no conoce a este paciente.',
      nextAction: 'Revise el ID del paciente; puede que el usuario aún no esté dado de alta.',
    },
    conflict: {
      message: 'Validic dice que este IMEI está conectado a otro paciente, del que este quiosco no tiene registro.',
      nextAction:
        'Revise el IMEI de la etiqueta. Si es correcto, un supervisor puede autorizar el cambio indicando el paciente en el que está: se desconecta allí y luego se conecta aquí.',
    },
    rate_limited: {
      message: 'Se agotó el cupo horario de llamadas a Validic.',
      nextAction: 'Espere a que se renueve el cupo horario; el trabajo en cola sigue solo.',
    },
    server_error: {
      message: 'Validic respondió con un error del servidor.',
      nextAction: 'La llamada se reintenta sola. Si sigue fallando, inténtelo más tarde.',
    },
    timeout: { message: 'Validic no respondió a tiempo.', nextAction: 'Revise la red. La llamada se reintenta sola.' },
    network: {
      message: 'No se pudo llegar a Validic: la red no responde.',
      nextAction: 'Revise el cable o el Wi-Fi. La llamada se reintenta sola.',
    },
    malformed_response: {
      message: 'Validic respondió de una forma inesperada.',
      nextAction: 'Avise a soporte indicando la hora de la llamada.',
    },
    configuration: {
      message: 'Los ajustes de Validic están incompletos o son incorrectos.',
      nextAction: 'Pida a un administrador que corrija los ajustes de Validic (URL base, ID de organización, token).',
    },
    second_device: {
      message: 'El paciente {uid} ya tiene un dispositivo de este tipo (IMEI …{imeiLast4}).',
      nextAction:
        'Conecte también este solo si el paciente debe tener dos; si no, quédese con uno y aparte este dispositivo.',
    },
    held_by_other_patient: {
      message: 'El IMEI …{imeiLast4} está conectado a otro paciente (…{otherLast4}).',
      nextAction:
        'Un supervisor puede autorizar el cambio: primero se desconecta del otro paciente y luego se conecta aquí.',
    },
    in_progress: {
      message: 'Este dispositivo ya se está conectando para este paciente.',
      nextAction: 'No hay que hacer nada: termina solo (vea Cola).',
    },
    queued: {
      message: 'El trabajo está esperando en la cola.',
      nextAction: 'No hay que hacer nada: se reintenta solo (vea Cola).',
    },
    needs_attention: {
      message: 'El trabajo necesita a una persona.',
      nextAction: 'Abra Cola: reintente el trabajo o cancélelo.',
    },
    cancelled: {
      message: 'El trabajo se canceló.',
      nextAction: 'Vuelva a escanear el dispositivo para empezar un trabajo nuevo.',
    },
    not_on_sources: {
      message: 'No aparece en las fuentes del paciente después del 202: se conecta de nuevo.',
      nextAction: 'No hay que hacer nada: se reintenta solo.',
    },
    outcome_unknown: {
      message:
        'Se perdió la respuesta de Validic a la conexión (no respondió a tiempo o dio un error de servidor): puede que se haya aplicado.',
      nextAction: 'No hay que hacer nada: el quiosco la envía una vez más por sí solo, y nunca una tercera (vea Cola).',
    },
    resend_after_unknown: {
      message: 'Se envía la conexión una vez más: se perdió la respuesta de Validic a la primera.',
      nextAction: 'No hay que hacer nada: termina sola.',
    },
    connect_unconfirmed: {
      message:
        'Se perdieron las respuestas de Validic a {sent} solicitudes de conexión; puede que el dispositivo esté conectado.',
      nextAction:
        'Pida al paciente una medición para confirmarlo, o reintente cuando Validic vuelva a responder (Reintentar envía una conexión más).',
    },
    resend_refused: {
      message:
        'Se perdió la respuesta a la primera conexión y Validic rechazó el reenvío ({said}); lo más probable es que la primera se aplicara.',
      nextAction:
        'Pida al paciente una medición para confirmarlo; si no llega ninguna, un supervisor revisa el dispositivo con Validic.',
    },
    device_refused: {
      message: 'Validic rechazó este dispositivo para este paciente (HTTP {status}).',
      nextAction:
        'Compruebe el IMEI y el tipo de dispositivo; si son correctos, contacte con el soporte de Validic indicando el IMEI.',
    },
    accepted_without_body: {
      message: 'Validic aceptó la conexión (su respuesta no traía un contenido utilizable).',
      nextAction: 'No hay que hacer nada.',
    },
    waiting_for_mode: {
      message: 'Este trabajo se hizo en modo {mode} y el quiosco está en modo {now}: espera a su propio modo.',
      nextAction: 'Vuelva al modo {mode} para terminarlo, o cancélelo.',
    },
    holder_connecting: {
      message:
        'Este dispositivo se está conectando ahora a otro paciente (…{otherLast4}); la anulación debe esperar esa respuesta.',
      nextAction: 'Espere un momento y vuelva a anular.',
    },
    confirmed_by_reading: {
      message: 'Llegó la primera lectura del dispositivo: la conexión se había hecho.',
      nextAction: 'No hay que hacer nada.',
    },
    found_after_interruption: {
      message: 'Encontrado en las fuentes del paciente tras una conexión interrumpida.',
      nextAction: 'No hay que hacer nada.',
    },
    retried: { message: 'Reintentado por {by}.', nextAction: 'No hay que hacer nada: se está conectando de nuevo.' },
    override: { message: 'Autorizado por {by}.', nextAction: 'No hay que hacer nada: se está conectando de nuevo.' },
    superseded: {
      message: 'Reemplazado por una autorización de supervisor que movió este dispositivo.',
      nextAction: 'No hay que hacer nada.',
    },
    mode_switch_cancelled: {
      message: 'Cancelado al cambiar el quiosco del modo {mode} al modo {to}.',
      nextAction: 'No hay que hacer nada; escanee el dispositivo de nuevo en el modo que le corresponde.',
    },
    assigned: {
      message: 'Asignado al paciente {uid}; conectando ahora.',
      nextAction: 'Escanee el siguiente dispositivo.',
    },
    in_batch: {
      message: 'Este dispositivo ya está asignado a un pedido de este lote.',
      nextAction: 'Escanee el siguiente dispositivo.',
    },
    mismatch: {
      message:
        'La etiqueta dice IMEI {label} pero el módem del dispositivo indica {modem}. Puede que la caja tenga el dispositivo equivocado: compruebe que este dispositivo corresponde a esta etiqueta antes de seguir.',
      nextAction:
        'Aparte este dispositivo: compruebe que la etiqueta y el dispositivo de la caja van juntos y escanee ambos de nuevo.',
    },
    invalid_label: {
      message: 'El IMEI escaneado de la etiqueta no es válido.',
      nextAction:
        'Aparte este dispositivo: compruebe que la etiqueta y el dispositivo de la caja van juntos y escanee ambos de nuevo.',
    },
    invalid_modem: {
      message: 'El IMEI que indicó el módem del dispositivo no es válido.',
      nextAction:
        'Aparte este dispositivo: compruebe que la etiqueta y el dispositivo de la caja van juntos y escanee ambos de nuevo.',
    },
    port_not_found: {
      message: 'No hay ningún puerto serie ahí.',
      nextAction: 'Compruebe que el dispositivo está conectado y encendido.',
    },
    permission_denied: {
      message: 'Este usuario no puede abrir el puerto serie (permiso denegado). El dispositivo está ahí.',
      nextAction: 'Pida a TI que dé al usuario del quiosco acceso a los puertos serie (el grupo "dialout" en Linux).',
    },
    port_busy: {
      message: 'Otro programa ya tiene abierto el puerto serie.',
      nextAction: 'Cierre el otro programa (o pida a TI que detenga ModemManager) y vuelva a intentarlo.',
    },
    not_a_serial_port: {
      message: 'Ese puerto existe pero no es un puerto serie.',
      nextAction: 'Elija el puerto serie del dispositivo (pregunte a TI).',
    },
    open_failed: {
      message: 'No se pudo abrir el puerto serie.',
      nextAction: 'Desconecte y vuelva a conectar el dispositivo e inténtelo de nuevo; si sigue pasando, llame a TI.',
    },
    no_response: {
      message: 'El dispositivo no respondió en su puerto serie.',
      nextAction: 'Desconecte y vuelva a conectar el dispositivo, espere a que arranque y lea de nuevo.',
    },
    modem_error: {
      message: 'El módem no dio su IMEI.',
      nextAction:
        'Desconecte y vuelva a conectar el dispositivo, espere a que arranque y lea de nuevo; si sigue pasando, lea el IMEI de la etiqueta.',
    },
    no_imei: {
      message: 'El módem responde, pero no tiene IMEI que indicar.',
      nextAction: 'Lea el IMEI de la etiqueta del dispositivo y aparte el dispositivo para revisar su firmware.',
    },
    invalid_imei: {
      message: 'El dispositivo indicó un número que no es un IMEI válido.',
      nextAction: 'Lea el IMEI de la etiqueta del dispositivo y aparte el dispositivo para revisar su firmware.',
    },
    no_scan: {
      message: 'No llegó ningún código de barras del escáner serie.',
      nextAction: 'Escanee el código IMEI; si el escáner pita pero no llega nada, llame a TI.',
    },
    disconnected: {
      message: 'El dispositivo se fue en medio de la lectura (desconectado, apagado o reiniciado).',
      nextAction: 'Vuelva a conectar el dispositivo (revise el cable USB), espere a que arranque y lea de nuevo.',
    },
    udevadm_missing: {
      message: 'No se pueden listar los puertos serie: falta el programa "udevadm".',
      nextAction: 'Pida a TI que instale udev.',
    },
    list_failed: { message: 'No se pueden listar los puertos serie.', nextAction: 'Dé este mensaje a TI.' },
    not_signed_in: {
      message: 'No hay nadie con sesión iniciada en esta estación.',
      nextAction: 'Primero inicie sesión con su ID de operador.',
    },
    order_filled: {
      message: 'El pedido {orderRef} ya tiene su dispositivo (IMEI …{imeiLast4}).',
      nextAction: 'Escanee el siguiente pedido. Cola e historial muestra el trabajo de este.',
    },
    order_mismatch: {
      message: 'El pedido {orderRef} es para el paciente {uid} y un {deviceType}, no para lo que hay en pantalla.',
      nextAction: 'Vuelva a escanear el pedido, o borre la pantalla (Esc) y empiece de nuevo.',
    },
    order_device_in_batch: {
      message: 'Este dispositivo ya está asignado a otro pedido de este lote.',
      nextAction: 'Apártelo y escanee el dispositivo que corresponde a este pedido.',
    },
    device_type_id_missing: {
      message: 'Un tipo de dispositivo nuevo necesita un id.',
      nextAction: 'Escriba el valor device_type que espera Validic, p. ej. blood_glucose.',
    },
    device_type_id_too_long: {
      message: 'El id "{id}…" tiene {length} caracteres; se permiten {max} como máximo.',
      nextAction: 'Use un id más corto.',
    },
    device_type_id_format: {
      message:
        '"{id}" no es un id de tipo de dispositivo: los ids van en lower_snake_case (minúsculas, dígitos y guiones bajos, empezando por una letra).',
      nextAction: 'Escríbalo como lo escribe Validic, p. ej. blood_glucose.',
    },
    device_type_label_missing: {
      message: 'El tipo de dispositivo "{id}" no tiene nombre.',
      nextAction: 'Póngale el nombre que verán los operadores en su botón, p. ej. Glucómetro.',
    },
    device_type_label_too_long: {
      message: 'El nombre de "{id}" tiene {length} caracteres; en un botón caben {max} como máximo.',
      nextAction: 'Acorte el nombre.',
    },
    device_types_none_left: {
      message:
        'Debe quedar al menos un tipo de dispositivo: la pantalla Alta necesita un tipo para conectar un dispositivo.',
      nextAction: 'Deje un tipo, o añada el nuevo antes de quitar el último.',
    },
    device_type_listed_twice: {
      message: 'El id de tipo de dispositivo "{id}" aparece dos veces.',
      nextAction: 'Dé a cada tipo su propio id, o quite la copia.',
    },
    device_type_label_twice: {
      message:
        '"{first}" y "{id}" tienen el mismo nombre, "{label}": los operadores no podrían distinguir sus botones.',
      nextAction: 'Dé a cada tipo su propio nombre.',
    },
    device_type_in_use: {
      message:
        '"{label}" ({id}) no se puede quitar: lo usan todavía {openJobs|# trabajo abierto|# trabajos abiertos} y {batchOrders|# pedido|# pedidos} del lote abierto.',
      nextAction: 'Termine o cancele esos trabajos (pantalla Cola) y cierre el lote (pantalla Lote); después quítelo.',
    },
    usb_vendor_id_format: {
      message: 'Dispositivo USB {row}: el id de fabricante "{vendorId}" no son 4 dígitos hexadecimales.',
      nextAction: 'Cópielo de la lista de dispositivos (lsusb muestra fabricante:producto, p. ej. 2c7c:0125).',
    },
    usb_product_id_format: {
      message: 'Dispositivo USB {row}: el id de producto "{productId}" no son 4 dígitos hexadecimales.',
      nextAction: 'Déjelo vacío para aceptar todos los productos del fabricante, o cópielo de lsusb.',
    },
    usb_device_unnamed: {
      message: 'El dispositivo USB {row} no tiene nombre.',
      nextAction: 'Indique su fabricante o modelo, para que la lista de puertos diga qué está conectado.',
    },
    usb_devices_too_many: {
      message: 'Hay {count} dispositivos USB adicionales; se guardan {max} como máximo.',
      nextAction: 'Quite los que esta estación no usa.',
    },
    usb_device_listed_twice: {
      message: 'Los dispositivos USB {earlier} y {row} tienen los mismos ids ({ids}).',
      nextAction: 'Deje solo uno.',
    },
    baud_rate_unsupported: {
      message: '{baud} no es una velocidad serie que use un dispositivo.',
      nextAction:
        'Elija una de {rates} (el manual del dispositivo la indica; 115200 para la mayoría de los módems, 9600 para la mayoría de los escáneres).',
    },
    pins_locked: {
      message: 'Demasiados PIN incorrectos: los PIN quedan bloqueados {seconds} s.',
      nextAction: 'Espere y vuelva a intentarlo. Si olvidó el PIN, avise a un supervisor.',
    },
    operator_unknown: {
      message: 'El operador "{operator}" no está registrado en esta estación.',
      nextAction: 'Escanee su propia credencial, o pida a un administrador que le añada en Ajustes → Operadores.',
    },
    operator_pin_needed: {
      message: 'El operador {operator} entra con un PIN.',
      nextAction: 'Escriba su PIN y pulse Intro.',
    },
    operator_pin_wrong: {
      message: 'PIN incorrecto para el operador {operator}.',
      nextAction: 'Escríbalo otra vez, o pida a un administrador uno nuevo en Ajustes → Operadores.',
    },
    operator_id_invalid: {
      message: '"{operator}" no puede ser un ID de operador.',
      nextAction: 'Escanee la credencial, o escriba el ID tal como está impreso.',
    },
    operator_register_full: {
      message: 'Esta estación ya tiene 1000 operadores registrados.',
      nextAction: 'Primero quite a los operadores que ya no trabajan aquí.',
    },
    operator_not_registered: {
      message: 'El operador "{operator}" no está registrado.',
      nextAction: 'Compruebe el ID en la lista.',
    },
    operator_signed_in: {
      message: 'El operador {operator} tiene la sesión iniciada ahora.',
      nextAction: 'Cierre la sesión primero y quítelo con otro operador en sesión.',
    },
    uid_is_operator: {
      message: '"{uid}" es el ID del operador {operator}, no un paciente.',
      nextAction: 'Escanee el código del paciente o escriba su ID.',
    },
    wrong_admin_pin: {
      message: 'PIN de administrador incorrecto.',
      nextAction: 'Inténtelo de nuevo o avise a un supervisor.',
    },
    wrong_supervisor_pin: {
      message: 'PIN de supervisor incorrecto.',
      nextAction: 'Inténtelo de nuevo o avise a un supervisor.',
    },
    unknown_device_type: {
      message: '"{deviceType}" no es un tipo de dispositivo de este quiosco.',
      nextAction: 'Elija uno de los botones de tipo de dispositivo.',
    },
    no_such_job: {
      message: 'Ese trabajo no existe.',
      nextAction: 'Actualice la lista o vuelva a escanear el dispositivo.',
    },
    job_disappeared: { message: 'El trabajo desapareció.', nextAction: 'Actualice la lista.' },
    job_not_cancellable: {
      message: 'Este trabajo está en estado «{state}» y no se puede cancelar.',
      nextAction: 'Para deshacer una conexión, use Desconectar.',
    },
    job_not_connected: {
      message: 'Este trabajo está en estado «{state}»: no hay ningún dispositivo conectado del que tomar una medición.',
      nextAction: 'Conecte primero el dispositivo y luego pida una medición.',
    },
    no_batch_open: { message: 'No hay ningún lote abierto.', nextAction: 'Primero importe un archivo de pedidos.' },
    bad_date_range: {
      message: 'Estas fechas no forman un intervalo.',
      nextAction: 'Elija un día de inicio igual o anterior al día final.',
    },
    order_already_assigned: {
      message: 'El IMEI …{imeiLast4} lo esperaba un pedido que ya está asignado.',
      nextAction: 'Aparte este dispositivo y avise a un supervisor.',
    },
    no_open_order: {
      message: 'No queda ningún pedido abierto para el IMEI …{imeiLast4}.',
      nextAction: 'Aparte este dispositivo y avise a un supervisor.',
    },
    order_expects_other_device: {
      message: 'Este pedido espera el dispositivo con IMEI …{expectedLast4}, no …{imeiLast4}.',
      nextAction: 'Aparte este dispositivo y busque el que indica el pedido.',
    },
    device_expected_by_other_order: {
      message: 'El IMEI …{imeiLast4} corresponde a otro pedido de este lote (fila {row}).',
      nextAction: 'Aparte este dispositivo para ese pedido y escanee el que espera este.',
    },
    batch_type_mismatch: {
      message:
        'El siguiente pedido (paciente {uid}) es de tipo {orderType}, pero este modelo (TAC {tac}) se conectó aquí como {modelType} {seen|una vez|# veces}.',
      nextAction: 'Compruebe el dispositivo: si es el correcto para este pedido, confírmelo; si no, apártelo.',
    },
    imei_not_connected: {
      message: 'El registro de este quiosco no tiene el IMEI …{imeiLast4} conectado a ningún paciente.',
      nextAction: 'Escriba también el ID del paciente, o busque el dispositivo en la estación que lo conectó.',
    },
    busy_outside_batch: {
      message: 'El IMEI …{imeiLast4} ya se está conectando fuera de este lote.',
      nextAction: 'Aparte este dispositivo y avise a un supervisor.',
    },
    plaintext_backend: {
      message:
        'Este equipo no tiene llavero para el usuario del quiosco, así que el token se guardaría como texto sin cifrar. No se guardó.',
      nextAction:
        'Pida a TI que instale y desbloquee un llavero para el usuario del quiosco y vuelva a escribir el token.',
    },
    encryption_unavailable: {
      message:
        'El almacenamiento seguro del sistema operativo no está disponible, así que el token no se puede guardar cifrado.',
      nextAction:
        'Inicie sesión normalmente en la cuenta del quiosco (para desbloquear su llavero), reinicie la aplicación y vuelva a escribir el token.',
    },
    decrypt_failed: {
      message:
        'No se pudo descifrar el token guardado: el almacenamiento seguro de este equipo cambió desde que se guardó.',
      nextAction: 'Vuelva a escribir el token de la organización en Ajustes (administrador).',
    },
    invalid_value: {
      message: 'El token no se guardó: no es un token válido.',
      nextAction: 'Pegue el token de nuevo, tal como lo emitió Validic.',
    },
    corrupt_file: {
      message: 'El archivo de credenciales guardado está dañado y no se puede leer.',
      nextAction: 'Pida a TI que lo borre y vuelva a escribir el token de la organización en Ajustes (administrador).',
    },
    open_jobs_in_mode: {
      message: 'Trabajos hechos en modo {mode} sin terminar: {count}. Al cambiar al modo {to} nunca se envían allí.',
      nextAction: 'Elija: dejarlos esperando al modo {mode}, o cancelarlos.',
    },
    training_pins_in_production: {
      message: 'Los PIN de entrenamiento (administrador 1234, supervisor 5678) no se pueden usar en producción.',
      nextAction:
        'Ponga un PIN de administrador y uno de supervisor nuevos en PIN, y vuelva a guardar las credenciales.',
    },
    station_name_invalid: {
      message: 'El nombre de la estación tiene de 1 a 254 caracteres, en una sola línea.',
      nextAction: 'Escriba un nombre más corto en una sola línea, p. ej. "Empaque 3".',
    },
    setting_invalid: {
      message: 'El ajuste "{setting}" no se puede guardar: {reason}.',
      nextAction: 'Corríjalo y guarde de nuevo.',
    },
    base_url_not_https: {
      message:
        '{origin} no es HTTPS: el token de la organización viaja en la URL, así que solo se admite HTTPS (o http en este equipo, para un simulador).',
      nextAction: 'Use la dirección https:// que le dio Validic, o http://127.0.0.1 para un simulador en este equipo.',
    },
    base_url_invalid: {
      message: '"{url}" no es una URL.',
      nextAction: 'Escriba la dirección completa, empezando por https://.',
    },
  },
  orderRows: {
    unreadable_csv: 'el archivo no es un CSV legible',
    empty_file: 'el archivo está vacío; necesita una fila de encabezado (uid,device_type,…) y al menos un pedido',
    unknown_column: 'columna desconocida "{column}"; las columnas son {columns}',
    duplicate_column: 'la columna "{column}" aparece dos veces',
    missing_column: 'el encabezado no tiene la columna "{column}"',
    no_orders: 'el archivo tiene encabezado pero ningún pedido',
    too_many_orders: 'más de {max} pedidos en un archivo; divídalo',
    field_count: '{found|# campo|# campos}, pero el encabezado tiene {expected}',
    bad_uid:
      'el ID de paciente no es válido: use de 4 a 254 letras, dígitos o guiones simples, sin guion al principio ni al final',
    empty_device_type: 'el tipo de dispositivo está vacío',
    unknown_device_type: 'tipo de dispositivo desconocido "{deviceType}"; se espera uno de: {allowed}',
    order_ref_too_long: 'la referencia del pedido tiene {length} caracteres; puede tener como máximo 254',
    order_ref_control_character: 'la referencia del pedido contiene un carácter de control o un salto de línea',
    duplicate_order_ref: 'la referencia del pedido "{orderRef}" ya se usa en la fila {firstRow}',
    bad_expected_imei: 'el IMEI esperado no es un IMEI válido',
    duplicate_expected_imei: 'el IMEI que termina en {imeiLast4} ya se espera en la fila {firstRow}',
  },
  imeiErrors: {
    empty: 'No se escaneó ni escribió nada. Escanee el código de barras IMEI de la etiqueta del dispositivo.',
    non_digit:
      'Un IMEI solo tiene dígitos. Se encontró {found}. Escanee el código IMEI otra vez o escríbalo con dígitos 0-9.',
    nonDigitAt: '"{char}" en la posición {position}',
    nonDigitMore: '{list} y {n} más',
    too_short:
      'Solo {length|# dígito|# dígitos}: un IMEI tiene 15. Probablemente faltó un dígito: escanee el código IMEI otra vez.',
    too_long:
      '{length} dígitos: un IMEI tiene exactamente 15. Puede ser un número de serie o dos códigos leídos juntos: escanee solo el código marcado IMEI.',
    bad_check_digit:
      'El último dígito debería ser {expected}, no {found}. Probablemente se escribió o leyó mal un dígito: escanee el código IMEI otra vez.',
    imeisv:
      '16 dígitos: es un IMEISV (versión de software), sin dígito de control. El IMEI sería {imei}. Confirme que coincide con la etiqueta antes de usarlo.',
    meid: 'Es un MEID/ESN de CDMA, no un IMEI. Busque el número de 15 dígitos marcado IMEI en la etiqueta.',
    placeholder:
      'Es un número ficticio (todos los dígitos iguales o un patrón de prueba), no el IMEI de un dispositivo. Escanee el IMEI de la etiqueta.',
  },
  camera: {
    panel: 'Escaneo con cámara',
    choose: 'Cámara',
    lightOn: 'Encender luz',
    lightOff: 'Apagar luz',
    tryAgain: 'Reintentar',
    starting: 'Iniciando la cámara…',
    aim: 'Sostenga el código IMEI dentro del recuadro, recto y quieto.',
    notImei: 'Ese código no es un IMEI: {reason}',
    notImeiPlain: 'Ese código no es un IMEI.',
    decoderFailed: 'Falló el lector de códigos de barras: {error}',
    scanned: 'IMEI escaneado',
    scanAnother: 'Escanear otro',
    pick: 'Esta etiqueta tiene {n} IMEI. ¿Cuál es el de este dispositivo?',
    imei: 'IMEI',
    scanAgain: 'Escanear de nuevo',
    problems: {
      permission_denied:
        'El quiosco no tiene permiso para usar la cámara. Pida a TI que permita el acceso a la cámara para el quiosco y vuelva a intentarlo. Puede seguir escaneando con el lector de mano o escribir el IMEI.',
      no_camera:
        'No se encontró ninguna cámara. Compruebe que la cámara está conectada y pulse Reintentar. Puede seguir escaneando con el lector de mano o escribir el IMEI.',
      camera_busy:
        'La cámara está ocupada: otro programa o ventana la está usando. Ciérrelo (o desconecte y vuelva a conectar la cámara) y pulse Reintentar.',
      not_supported:
        'Esta pantalla no tiene acceso a la cámara (debe abrirse desde la aplicación del quiosco). Use el lector de mano o escriba el IMEI.',
      failed: 'La cámara no pudo iniciarse ({detail}). Pulse Reintentar o use el lector de mano.',
    },
  },
};

export const messages = { en, es } as const;

export const LANGUAGES = ['en', 'es'] as const;
/** Each language by its own name, the same in every table (a person looks for their own language). */
export const LANGUAGE_NAMES: Readonly<Record<(typeof LANGUAGES)[number], string>> = { en: 'English', es: 'Español' };
export type Language = keyof typeof messages;

/** Plurals as `{name|one|other}` (`#` is the number): English and Spanish both use the singular for exactly 1, so no "device(s)". */
export function fillPlurals(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\|([^{}|]*)\|([^{}|]*)\}/g, (whole, name: string, one: string, other: string) =>
    Object.hasOwn(values, name)
      ? (Number(values[name]) === 1 ? one : other).replaceAll('#', String(values[name]))
      : whole,
  );
}

/** Fills `{name}` placeholders and `{name|one|other}` plurals. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return fillPlurals(template, values).replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}
