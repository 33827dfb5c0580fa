/** The `queue` namespace: the worker's queue as counts (no patient data, so the offline banner can show it). */
import type { Handlers } from '../../ipc/channel-types.js';
import type { KioskContract } from '../../ipc/contract.js';
import type { HostState } from '../host-state.js';
import { queueNow } from '../outcomes.js';

export function queueHandlers(state: HostState): Handlers<KioskContract>['queue'] {
  return { status: () => queueNow(state.engine()) };
}
