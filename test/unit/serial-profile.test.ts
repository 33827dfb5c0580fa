import { describe, expect, it } from 'vitest';
import { baudRateProblem, planExtraUsbDevices, usbMatchesWith } from '../../src/serial/serial-profile.js';
import { KNOWN_USB_DEVICES, matchUsbDevice } from '../../src/serial/usb-ids.js';

describe('serial profile rules', () => {
  it('normalises extra USB ids: lower-case hex, an empty product id means every product', () => {
    expect(planExtraUsbDevices([{ vendorId: '1A86', productId: '', maker: ' CH340 ', kind: 'modem' }])).toEqual({
      ok: true,
      devices: [{ vendorId: '1a86', maker: 'CH340', kind: 'modem' }],
    });
  });

  it('says which entry is wrong and how to fix it', () => {
    expect(
      planExtraUsbDevices([
        { vendorId: '2c7c', maker: 'A', kind: 'modem' },
        { vendorId: '2c7', maker: 'B', kind: 'modem' },
      ]),
    ).toMatchObject({
      ok: false,
      reason: 'USB device 2: the vendor id "2c7" is not 4 hex digits.',
      nextAction: expect.stringContaining('lsusb'),
    });
    expect(planExtraUsbDevices([{ vendorId: '2c7c', productId: 'g125', maker: 'A', kind: 'modem' }])).toMatchObject({
      ok: false,
      reason: expect.stringContaining('product id "g125"'),
    });
    expect(planExtraUsbDevices([{ vendorId: '2c7c', maker: '  ', kind: 'scanner' }])).toMatchObject({
      ok: false,
      reason: 'USB device 1 has no name.',
    });
    expect(
      planExtraUsbDevices([
        { vendorId: '2C7C', productId: '0125', maker: 'A', kind: 'modem' },
        { vendorId: '2c7c', productId: '0125', maker: 'B', kind: 'scanner' },
      ]),
    ).toMatchObject({
      ok: false,
      reason: 'USB devices 1 and 2 have the same ids (2c7c:0125).',
    });
  });

  it("puts the station's ids before the built-in list, so a product entry corrects a vendor-wide one", () => {
    const matches = usbMatchesWith([{ vendorId: '2c7c', productId: '6001', maker: 'Bench scanner', kind: 'scanner' }]);
    expect(matches.length).toBe(KNOWN_USB_DEVICES.length + 1);
    expect(matchUsbDevice('2c7c', '6001', matches)).toMatchObject({ kind: 'scanner' });
    expect(matchUsbDevice('2c7c', '0125', matches)).toMatchObject({ maker: 'Quectel', kind: 'modem' });
    expect(usbMatchesWith([])).toBe(KNOWN_USB_DEVICES);
  });

  it('accepts only the baud rates devices use', () => {
    expect(baudRateProblem(9600)).toBeNull();
    expect(baudRateProblem(115200)).toBeNull();
    expect(baudRateProblem(12345)?.reason).toBe('12345 is not a serial speed a device uses.');
  });
});
