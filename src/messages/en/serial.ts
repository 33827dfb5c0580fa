/**
 * Serial reads (src/serial/errors.ts), scans a serial-mode scanner sent that were refused
 * (src/app/serial/serial-scanners.ts), and the serial settings (src/serial/serial-profile.ts).
 */
export const serial = {
  port_not_found: {
    message: 'There is no serial port there.',
    nextAction: 'Check that the device is plugged in and powered.',
  },
  permission_denied: {
    message: 'This user may not open the serial port (permission denied). The device is there.',
    nextAction:
      'Ask IT to give the kiosk user access to serial ports (on Linux: "sudo usermod -aG dialout $USER", then log out and back in).',
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
  list_failed: {
    message: 'Cannot list serial ports.',
    nextAction: 'Give IT this message.',
  },
  garbled_scan: {
    message: 'The scanner on {port} sent bytes that are not a barcode (a wrong baud rate or a loose cable).',
    nextAction:
      'Set the scanner to {baud} baud, 8 data bits, no parity (its manual has setup barcodes), then scan again.',
  },
  overlong_scan: {
    message: 'The scanner on {port} sent {length} characters in one scan, more than a label barcode holds.',
    nextAction:
      'Check that the scanner ends each scan the way Settings → Serial devices says (line ending or pause), then scan again.',
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
    nextAction: "Pick one of {rates} (the device's manual names it; 115200 for most modems, 9600 for most scanners).",
  },
} as const;
