/**
 * The `disconnect` namespace: what a patient (or the holder of an IMEI) has connected by this
 * kiosk's journal, and disconnecting one device or all of them at Validic (the contract asks the
 * supervisor PIN for both).
 */
import type { Handlers } from '../../ipc/channel-types.js';
import type { KioskContract } from '../../ipc/contract.js';
import { IpcRefusal } from '../../ipc/wire.js';
import { currentHolder } from '../../onboarding/device-holder.js';
import { isBound } from '../../onboarding/transitions.js';
import { refuseOnApiError } from '../api-refusal.js';
import type { HostState } from '../host-state.js';

export function disconnectHandlers(state: HostState): Handlers<KioskContract>['disconnect'] {
  return {
    preview: ({ uid: askedUid, imei }) => {
      const { ledger } = state.engine();
      const uid = askedUid ?? (imei !== undefined ? currentHolder(ledger.jobsByImei(imei)) : undefined);
      if (uid === undefined) throw IpcRefusal.of('imei_not_connected', { imeiLast4: (imei ?? '').slice(-4) });
      const bound = ledger.jobsByUid(uid).filter((j) => isBound(j) && (imei === undefined || j.imei === imei));
      const byImei = new Map(bound.map((j) => [j.imei, j]));
      return {
        uid,
        connections: [...byImei.values()].map((j) => ({
          imei: j.imei,
          deviceType: j.deviceType,
          ...(j.connectedAt ? { connectedAt: j.connectedAt } : {}),
        })),
      };
    },
    one: async ({ uid, imei }, caller) => {
      const result = await refuseOnApiError(() => state.engine().onboarding.disconnect(uid, imei, caller.operator));
      return { disconnected: [{ imei, deviceType: result.credentials.device_type, connectedAt: result.created_at }] };
    },
    all: async ({ uid }, caller) => {
      const result = await refuseOnApiError(() => state.engine().onboarding.disconnectAll(uid, caller.operator));
      // Only devices with an IMEI for an id: Validic may list other kinds of connection for the patient.
      const lines = result.connections
        .filter((c) => /^\d{15}$/.test(c.credentials.device_id))
        .map((c) => ({
          imei: c.credentials.device_id,
          deviceType: c.credentials.device_type,
          connectedAt: c.created_at,
        }));
      return { total: result.meta.total, disconnected: lines };
    },
  };
}
