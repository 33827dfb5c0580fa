import { afterEach, describe, expect, it } from 'vitest';
import { SerialOffers } from '../../src/app/serial/serial-offers.js';
import { watchSerialPorts, type SerialWatch } from '../../src/app/serial/serial-watch.js';
import type { ModemReadResult } from '../../src/serial/modem-reader.js';
import { KNOWN_USB_DEVICES, type UsbDeviceMatch } from '../../src/serial/usb-ids.js';

const QUECTEL = {
  path: '/dev/ttyUSB2',
  vendorId: '2c7c',
  productId: '0125',
  manufacturer: 'Quectel',
  serialNumber: 'SN1',
};
const IMEI = '490154203237518';

function success(path: string): ModemReadResult {
  return {
    ok: true,
    imei: IMEI as never,
    port: path,
    modem: { manufacturer: 'Quectel', model: 'EC25' },
    command: 'AT+CGSN',
    ms: 12,
  };
}

let watch: SerialWatch | undefined;
afterEach(async () => watch?.stop());

/** Resolves when `check` holds, looking again at each change the offers announce (no polling; the test's timeout bounds it). */
async function until(offers: SerialOffers, check: () => boolean): Promise<void> {
  if (check()) return;
  await new Promise<void>((resolve) => {
    const stop = offers.onChange(() => {
      if (!check()) return;
      stop();
      resolve();
    });
  });
}

describe('watchSerialPorts', () => {
  it('lists a plugged-in modem, offers its IMEI, and withdraws the offer when it is unplugged', async () => {
    const offers = new SerialOffers();
    let ports = [QUECTEL];
    watch = watchSerialPorts({
      offers,
      lister: async () => ports,
      readImei: async (path) => success(path),
      pollIntervalMs: 60_000,
    });
    await until(offers, () => offers.status().offer !== undefined);
    expect(offers.status()).toMatchObject({
      ports: [{ path: '/dev/ttyUSB2', kind: 'modem' }],
      offer: { imei: IMEI, port: '/dev/ttyUSB2', manufacturer: 'Quectel', model: 'EC25' },
    });
    ports = [];
    await watch.poll();
    await until(offers, () => offers.status().ports.length === 0);
    expect(offers.status().offer).toBeUndefined();
  });

  it('reports a failed read as the problem, with its next action', async () => {
    const offers = new SerialOffers();
    watch = watchSerialPorts({
      offers,
      lister: async () => [QUECTEL],
      readImei: async () =>
        ({
          ok: false,
          error: {
            kind: 'permission_denied',
            message: 'No access to /dev/ttyUSB2.',
            nextAction: 'Add the user to dialout.',
          },
        }) as ModemReadResult,
      pollIntervalMs: 60_000,
    });
    await until(offers, () => offers.status().problem !== undefined);
    expect(offers.status().problem).toEqual({
      kind: 'permission_denied',
      message: 'No access to /dev/ttyUSB2.',
      nextAction: 'Add the user to dialout.',
    });
    expect(offers.status().offer).toBeUndefined();
  });

  it('reads its USB ids from the profile at every poll: a device added in Settings is found without a restart', async () => {
    const offers = new SerialOffers();
    const bench = { path: '/dev/ttyUSB0', vendorId: '1a86', productId: '7523', manufacturer: 'QinHeng' };
    let usbMatches: UsbDeviceMatch[] = [...KNOWN_USB_DEVICES];
    watch = watchSerialPorts({
      offers,
      lister: async () => [bench],
      profile: () => ({ usbMatches }),
      readImei: async (path) => success(path),
      pollIntervalMs: 60_000,
    });
    await watch.poll();
    expect(offers.status().ports).toEqual([]);
    usbMatches = [{ vendorId: '1a86', maker: 'Bench modem', kind: 'modem' }, ...KNOWN_USB_DEVICES];
    await watch.poll();
    await until(offers, () => offers.status().offer !== undefined);
    expect(offers.status()).toMatchObject({
      ports: [{ path: '/dev/ttyUSB0', kind: 'modem', label: expect.stringContaining('Bench modem') }],
      offer: { imei: IMEI },
    });
  });
});
