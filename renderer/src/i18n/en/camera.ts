/** Camera scanning (renderer/src/camera). */
export const camera = {
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
