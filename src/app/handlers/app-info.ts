/** The `app` namespace: what the window shows before anyone signs in (name, version, mode, station, language). */
import type { Handlers } from '../../ipc/channel-types.js';
import type { KioskContract } from '../../ipc/contract.js';
import type { HostState } from '../host-state.js';

export function appHandlers(state: HostState): Handlers<KioskContract>['app'] {
  return {
    info: () => ({
      name: state.config.name ?? 'IMEI Kiosk',
      version: state.config.version,
      mode: state.engine().mode,
      station: state.engine().station,
      language: state.station().language,
    }),
  };
}
