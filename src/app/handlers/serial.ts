/** The `serial` namespace: the ports the serial watch sees and the IMEI a modem offers now. */
import type { Handlers } from '../../ipc/channel-types.js';
import type { KioskContract } from '../../ipc/contract.js';
import type { SerialOffers } from '../serial/serial-offers.js';

export function serialHandlers(serial: SerialOffers): Handlers<KioskContract>['serial'] {
  return { status: () => serial.status() };
}
