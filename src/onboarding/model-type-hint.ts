/**
 * What this kiosk knows of a device's type from its model: the device types devices of the same
 * TAC (the IMEI's first 8 digits) were connected as here. One answer for the Onboard screen's hint
 * and the batch's check of an order's type.
 */
import type { JobView } from '../ledger/job-index.js';
import { isBound } from './transitions.js';

export interface ModelTypeHint {
  readonly tac: string;
  /** The one (current) type this model was always connected as; absent for a mixed or empty history. */
  readonly deviceType?: string;
  /** How many connections of this model as that type. */
  readonly seen: number;
}

export function modelTypeHint(imei: string, jobs: readonly JobView[], knownTypes: readonly string[]): ModelTypeHint {
  const tac = imei.slice(0, 8);
  const types = new Map<string, number>();
  for (const job of jobs) {
    if (job.imei.startsWith(tac) && isBound(job)) types.set(job.deviceType, (types.get(job.deviceType) ?? 0) + 1);
  }
  // Only a model always connected as one (current) type is a hint; a mixed history is not.
  const [only] = types.size === 1 ? [...types] : [];
  const known = only && knownTypes.includes(only[0]);
  return { tac, seen: only?.[1] ?? 0, ...(known ? { deviceType: only[0] } : {}) };
}
