/**
 * USB vendor (and optionally product) IDs of the devices the kiosk reads IMEIs from: cellular
 * modem makers and serial-mode barcode scanner makers. Configurable: pass your own list.
 */
import { z } from 'zod';

const HexId = z
  .string()
  .regex(/^[0-9a-f]{4}$/i, 'a USB id is 4 hex digits, e.g. "2c7c"')
  .transform((s) => s.toLowerCase());

export const UsbDeviceMatch = z.object({
  vendorId: HexId,
  /** Absent: every product of the vendor. */
  productId: HexId.optional(),
  maker: z.string().min(1),
  kind: z.enum(['modem', 'scanner']),
  /** The USB interface that speaks AT, when the modem exposes several ports (Quectel: if02). */
  atInterface: z.number().int().min(0).max(15).optional(),
});
export type UsbDeviceMatch = z.infer<typeof UsbDeviceMatch>;

export const UsbDeviceMatches = z.array(UsbDeviceMatch);

export const KNOWN_USB_DEVICES: readonly UsbDeviceMatch[] = UsbDeviceMatches.parse([
  { vendorId: '2c7c', maker: 'Quectel', kind: 'modem', atInterface: 2 },
  { vendorId: '05c6', maker: 'Qualcomm (older Quectel, SIMCom)', kind: 'modem' },
  { vendorId: '1bc7', maker: 'Telit', kind: 'modem' },
  { vendorId: '1546', maker: 'u-blox', kind: 'modem' },
  { vendorId: '1e0e', maker: 'SIMCom', kind: 'modem' },
  { vendorId: '1199', maker: 'Sierra Wireless', kind: 'modem' },
  { vendorId: '1915', maker: 'Nordic Semiconductor', kind: 'modem' },
  { vendorId: '2cb7', maker: 'Fibocom', kind: 'modem' },
  { vendorId: '1e2d', maker: 'Thales / Cinterion', kind: 'modem' },
  { vendorId: '12d1', maker: 'Huawei', kind: 'modem' },
  { vendorId: '05e0', maker: 'Zebra / Symbol', kind: 'scanner' },
  { vendorId: '0c2e', maker: 'Honeywell', kind: 'scanner' },
  { vendorId: '05f9', maker: 'Datalogic', kind: 'scanner' },
  { vendorId: '1eab', maker: 'Newland', kind: 'scanner' },
  { vendorId: '0536', maker: 'Hand Held Products (Honeywell)', kind: 'scanner' },
]);

export function matchUsbDevice(
  vendorId: string | undefined,
  productId: string | undefined,
  matches: readonly UsbDeviceMatch[] = KNOWN_USB_DEVICES,
): UsbDeviceMatch | undefined {
  if (vendorId === undefined) return undefined;
  const vendor = vendorId.toLowerCase();
  const product = productId?.toLowerCase();
  // A product-specific entry wins over a vendor-wide one.
  return (
    matches.find((m) => m.vendorId === vendor && m.productId !== undefined && m.productId === product) ??
    matches.find((m) => m.vendorId === vendor && m.productId === undefined)
  );
}
