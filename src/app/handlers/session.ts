/**
 * The `session` and `auth` namespaces, and the PIN checks the access guard and the settings
 * handlers share: who is signed in, and the PINs a person proves (every wrong one counted, all
 * refused while wrong PINs have locked them).
 */
import type { Handlers } from '../../ipc/channel-types.js';
import type { KioskContract } from '../../ipc/contract.js';
import { IpcRefusal } from '../../ipc/wire.js';
import { englishText } from '../../messages/render.js';
import type { HostState } from '../host-state.js';
import { checkSignIn, signInNeeds, type SignInCheck } from '../session/operator-register.js';
import { checkPin, DEFAULT_PINS, pinIs, type PinRole } from '../session/pins.js';

export interface PinChecks {
  refuseWhilePinsLocked(): void;
  guardedPinCheck(role: PinRole, check: () => boolean): boolean;
  requirePin(role: PinRole, pin: string): void;
  checkOperatorSignIn(operatorId: string, pin: string | undefined): SignInCheck;
  /** Whether the role's PIN is this one, without counting a wrong PIN (it is the host asking, not a person). */
  pinMatches(role: PinRole, pin: string): boolean;
}

/** The refusal of a wrong admin or supervisor PIN. */
function wrongPinKind(role: PinRole): 'wrong_admin_pin' | 'wrong_supervisor_pin' {
  return role === 'admin' ? 'wrong_admin_pin' : 'wrong_supervisor_pin';
}

export function trainingPinsRefusal(): IpcRefusal {
  return IpcRefusal.of('training_pins_in_production', {});
}

export function pinChecks(state: HostState): PinChecks {
  const { pinAttempts } = state;

  function refuseWhilePinsLocked(): void {
    const lock = pinAttempts.state();
    if (lock.locked) throw IpcRefusal.of('pins_locked', { seconds: lock.seconds });
  }

  /** Runs a PIN check unless wrong PINs have locked them, and counts a wrong one. */
  function guardedPinCheck(role: PinRole, check: () => boolean): boolean {
    refuseWhilePinsLocked();
    const right = check();
    if (!right) pinAttempts.recordWrong({ role, operator: state.operator() });
    return right;
  }

  const pinMatches = (role: PinRole, pin: string): boolean => pinIs(state.station(), role, pin);

  function requirePin(role: PinRole, pin: string): void {
    if (!guardedPinCheck(role, () => checkPin(state.station(), role, pin))) throw IpcRefusal.of(wrongPinKind(role), {});
    // A station put into production by its environment (VALIDIC_* variables) never passed the going-live
    // check: a supervisor action with the training PIN is refused there too. The admin PIN still opens
    // Settings, so the PINs can be changed.
    if (
      role === 'supervisor' &&
      state.engine().mode === 'production' &&
      pinMatches('supervisor', DEFAULT_PINS.supervisor)
    )
      throw trainingPinsRefusal();
  }

  /** A sign-in counts as a PIN attempt only when a PIN was typed for an operator who has one. */
  function checkOperatorSignIn(operatorId: string, pin: string | undefined): SignInCheck {
    const { operators } = state.station();
    const pinChecked = pin !== undefined && signInNeeds(operators, operatorId).pin;
    if (pinChecked) refuseWhilePinsLocked();
    const result = checkSignIn(operators, operatorId, pin);
    if (!result.ok && result.kind === 'operator_pin_wrong')
      pinAttempts.recordWrong({ role: 'operator', operator: String(result.params.operator) });
    return result;
  }

  return { refuseWhilePinsLocked, guardedPinCheck, requirePin, checkOperatorSignIn, pinMatches };
}

export function sessionHandlers(state: HostState, pins: PinChecks): Handlers<KioskContract>['session'] {
  return {
    signIn: ({ operatorId, pin }) => {
      const check = pins.checkOperatorSignIn(operatorId, pin);
      if (!check.ok) throw IpcRefusal.of(check.kind, check.params);
      const { operator, signedInAt } = state.signIn(check.operator);
      return { operator, station: state.engine().station, signedInAt };
    },
    signInNeeds: ({ operatorId }) => ({
      open: state.station().operators.length === 0,
      ...signInNeeds(state.station().operators, operatorId),
    }),
    signOut: () => ({ signedOut: state.signOut() }),
    current: () => ({ station: state.engine().station, ...state.session() }),
  };
}

export function authHandlers(state: HostState, pins: PinChecks): Handlers<KioskContract>['auth'] {
  return {
    check: ({ role, pin }) =>
      pins.guardedPinCheck(role, () => checkPin(state.station(), role, pin))
        ? { ok: true }
        : { ok: false, message: englishText(wrongPinKind(role), {}).message },
  };
}
