/**
 * Who holds a device, by this kiosk's journal: the patient it is connected to now, and whether
 * another patient holds it (bound, or on its way to Validic) so a conflict can be overridden.
 */
import type { JobView } from '../ledger/job-index.js';
import { holdsImei, isBound } from './transitions.js';

/** The patient the device is connected to now: the latest connection among the IMEI's jobs. */
export function currentHolder(jobsOfImei: readonly JobView[]): string | undefined {
  return jobsOfImei
    .filter(isBound)
    .sort((a, b) => (b.connectedAt ?? b.updatedAt).localeCompare(a.connectedAt ?? a.updatedAt))[0]?.uid;
}

/** Another patient than `uid` whose job holds the IMEI (bound or being sent), if any. */
export function otherHolder(jobsOfImei: readonly JobView[], uid: string): string | undefined {
  return jobsOfImei.find((j) => j.uid !== uid && holdsImei(j))?.uid;
}
