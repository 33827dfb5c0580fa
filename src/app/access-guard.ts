/**
 * The dispatcher's guard: proves each channel's access (contract.ts says which each needs) over
 * the session before its handler runs, and hands the handler the proven caller.
 */
import type { PinRole } from './session/pins.js';
import { PIN_FIELD } from '../ipc/channel-types.js';
import type { AccessGuard } from '../ipc/dispatcher.js';
import { IpcRefusal } from '../ipc/wire.js';
import type { PinChecks } from './handlers/session.js';
import type { HostState } from './host-state.js';

export function accessGuard(state: HostState, pins: PinChecks): AccessGuard {
  function requireOperator(): string {
    const operator = state.operator();
    if (!operator) throw IpcRefusal.of('not_signed_in', {});
    return operator;
  }
  const signedIn = () => {
    const operator = state.operator();
    return operator ? { operator } : {};
  };

  return (access, request) => {
    switch (access) {
      case 'anyone':
        return signedIn();
      case 'operator':
        return { operator: requireOperator() };
      case 'supervisor': {
        const by = requireOperator();
        pins.requirePin('supervisor', pinOf(request, 'supervisor'));
        return { operator: by };
      }
      case 'admin':
        pins.requirePin('admin', pinOf(request, 'admin'));
        return signedIn();
      default: {
        // An access this guard has no rule for (a newer contract): refused, never let through.
        const never: never = access;
        throw IpcRefusal.of('access_unchecked', { access: String(never) });
      }
    }
  };
}

/** The PIN a supervisor or admin channel's request carries (the contract's pinChannel makes sure it has one). */
function pinOf(request: unknown, role: PinRole): string {
  const pin = (request as Record<string, unknown>)[PIN_FIELD[role]];
  return typeof pin === 'string' ? pin : '';
}
