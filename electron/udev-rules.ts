/**
 * The Linux udev rule shipped in the .deb (build/linux/70-imei-kiosk.rules), generated from the
 * engine's list of supported modem and scanner USB ids so the two cannot drift apart (a unit test
 * compares the checked-in file with this output). For each vendor (or vendor:product):
 * - its serial ports (ttyUSB*, ttyACM*) belong to the `dialout` group, read-write for the group;
 * - ModemManager is told to leave the device alone (ENV{ID_MM_DEVICE_IGNORE}="1"), so it does not
 *   probe the port with its own AT commands while the kiosk reads the IMEI.
 * Numbered 70 so it runs before ModemManager's 80-mm-candidate.rules.
 *
 * Regenerate after changing src/serial/usb-ids.ts:
 *   npx tsx -e "import('./electron/udev-rules.ts').then((m) => process.stdout.write(m.udevRulesFor()))" > build/linux/70-imei-kiosk.rules
 */
import { KNOWN_USB_DEVICES, type UsbDeviceMatch } from '../src/serial/usb-ids.js';

export const UDEV_RULES_FILE = '70-imei-kiosk.rules';

export function udevRulesFor(devices: readonly UsbDeviceMatch[] = KNOWN_USB_DEVICES): string {
  const lines = [
    '# IMEI Kiosk: USB cellular modems and serial-mode barcode scanners.',
    '# Generated from src/serial/usb-ids.ts by electron/udev-rules.ts; do not edit by hand.',
    '# Their serial ports go to the dialout group; ModemManager leaves them alone.',
    '# Operators need to be in dialout: sudo usermod -aG dialout <kiosk user> (then log in again).',
    '',
    'ACTION!="add|change|move|bind", GOTO="imei_kiosk_end"',
    '',
  ];
  for (const device of devices) {
    const match = `ATTRS{idVendor}=="${device.vendorId}"${device.productId ? `, ATTRS{idProduct}=="${device.productId}"` : ''}`;
    lines.push(
      `# ${device.maker} (${device.kind})`,
      `SUBSYSTEMS=="usb", ${match}, ENV{ID_MM_DEVICE_IGNORE}="1"`,
      `SUBSYSTEM=="tty", ${match}, GROUP="dialout", MODE="0660"`,
      '',
    );
  }
  lines.push('LABEL="imei_kiosk_end"', '');
  return lines.join('\n');
}
