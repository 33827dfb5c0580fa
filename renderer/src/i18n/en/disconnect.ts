/** The Disconnect screen. */
export const disconnect = {
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
};
