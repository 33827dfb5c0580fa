/**
 * The engine's handlers for the contract's channels. One place builds them so that the Electron
 * main process, the e2e harness and any other host answer the same way.
 */
import { validate } from '../imei/validate.js';
import type { AppMode, Handlers, KioskContract } from './contract.js';

export interface EngineInfo {
  readonly name: string;
  readonly version: string;
  readonly mode: AppMode;
}

export function createEngineHandlers(info: EngineInfo): Handlers<KioskContract> {
  return {
    imei: {
      validate: ({ raw }) => {
        const result = validate(raw);
        // Copy to plain data: the response is structured-cloned across the boundary.
        return result.ok
          ? { ok: true, imei: result.imei, tac: result.tac, serial: result.serial, checkDigit: result.checkDigit, raw: result.raw }
          : {
              ok: false,
              error: { ...result.error, offending: result.error.offending?.map((o) => ({ ...o })) },
              raw: result.raw,
            };
      },
    },
    app: {
      info: () => ({ ...info }),
    },
  };
}
