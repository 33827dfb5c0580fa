/** The `imei` namespace: a typed or scanned text checked as an IMEI (15 digits and Luhn), nothing stored. */
import { validate } from '../../imei/validate.js';
import type { Handlers } from '../../ipc/channel-types.js';
import type { KioskContract } from '../../ipc/contract.js';

export function imeiHandlers(): Handlers<KioskContract>['imei'] {
  return {
    validate: ({ raw }) => {
      const result = validate(raw);
      return result.ok
        ? {
            ok: true,
            imei: result.imei,
            tac: result.tac,
            serial: result.serial,
            checkDigit: result.checkDigit,
            raw: result.raw,
          }
        : {
            ok: false,
            error: { ...result.error, offending: result.error.offending?.map((o) => ({ ...o })) },
            raw: result.raw,
          };
    },
  };
}
