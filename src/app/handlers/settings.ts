/**
 * The `settings` namespace: the station's and the engine's settings, PINs, operators and the
 * organization's credentials. Every change is journaled (a secret only as "changed"); a change of
 * station name, base URL or credentials reopens the engine with what was saved.
 */
import { loadSettings, saveSettings } from '../../config/store.js';
import type { DeviceTypeUse } from '../../config/device-type-rules.js';
import type { Handlers } from '../../ipc/channel-types.js';
import type { KioskContract } from '../../ipc/contract.js';
import { IpcRefusal } from '../../ipc/wire.js';
import type { HostState } from '../host-state.js';
import { removeOperator, saveOperator } from '../session/operator-register.js';
import { DEFAULT_PINS, hashPin } from '../session/pins.js';
import { checkConnection } from '../settings/connection-check.js';
import { planModeSwitch, switchCancelReason, type Mode } from '../settings/mode-switch.js';
import { publicSettings } from '../settings/public-settings.js';
import { planSettingsUpdate } from '../settings/settings-plan.js';
import { trainingPinsRefusal, type PinChecks } from './session.js';

export function settingsHandlers(state: HostState, pins: PinChecks): Handlers<KioskContract>['settings'] {
  const { dataDir, credentials } = state.config;

  async function journalConfig(key: string, value: string | number | boolean | null, secret = false): Promise<void> {
    const operator = state.operator();
    await state.engine().ledger.append({
      type: 'config_change',
      key,
      secret,
      ...(secret ? {} : { value }),
      ...(operator ? { by: operator } : {}),
    });
  }

  /** What still needs a device type: a type they name cannot be removed. */
  function deviceTypeUse(id: string): DeviceTypeUse {
    return {
      openJobs: state
        .engine()
        .onboarding.jobs('open')
        .filter((job) => job.deviceType === id).length,
      batchOrders: state.batch()?.run.orders.filter((order) => order.deviceType === id).length ?? 0,
    };
  }

  /**
   * Before a switch to `to`: the open jobs of the mode of now stay waiting for their mode or are
   * cancelled (journaled, with the switch as reason), as the admin chose; no choice with such jobs
   * is refused (open_jobs_in_mode) so the screen can ask. Changes nothing when the mode stays.
   */
  async function switchMode(to: Mode, choice: 'keep' | 'cancel' | undefined): Promise<void> {
    const engine = state.engine();
    const from = engine.mode;
    const plan = planModeSwitch(engine.ledger.openJobs(), from, to, choice);
    const by = state.operator() ?? 'admin';
    const why = switchCancelReason(from, to);
    for (const job of plan.cancel) await engine.onboarding.cancel(job.jobId, by, why.message, why);
    if (plan.kept > 0)
      await journalConfig('mode.switch.kept', `${plan.kept} ${from} job(s) left waiting for ${from} mode`);
  }

  return {
    get: () => publicSettings(state),
    station: async () => {
      const { mode, station, language, idleMinutes, sounds, kiosk, cameraDeviceId, wedgePrefix, defaultPins } =
        await publicSettings(state);
      return { mode, station, language, idleMinutes, sounds, kiosk, cameraDeviceId, wedgePrefix, defaultPins };
    },
    update: async ({ patch }) => {
      const engine = state.engine();
      // Everything is checked before anything is written or journaled: a refused save changes nothing.
      const plan = planSettingsUpdate(state.station(), loadSettings(dataDir), patch, {
        runningStation: engine.station,
        deviceTypes: engine.deviceTypes,
        deviceTypeUse,
      });
      if (!plan.ok) {
        const { code, message, nextAction, params } = plan.refusal;
        throw new IpcRefusal(code, message, nextAction, params);
      }
      for (const entry of plan.journal) await journalConfig(entry.key, entry.value);
      state.saveStation(plan.nextStation);
      if (plan.nextEngine) saveSettings(dataDir, plan.nextEngine);
      if (plan.reopen) await state.reopenEngine(true);
      else if (plan.deviceTypes) engine.setDeviceTypes(plan.deviceTypes);
      return publicSettings(state);
    },
    setCredentials: async ({ orgId, token, openJobs }) => {
      // By what they match, not whether a hash is stored: a PIN changed to 1234 is still the training one.
      if (pins.pinMatches('admin', DEFAULT_PINS.admin) || pins.pinMatches('supervisor', DEFAULT_PINS.supervisor))
        throw trainingPinsRefusal();
      await switchMode('production', openJobs);
      await credentials.save({ orgId, token });
      await journalConfig('validic.orgId', orgId);
      await journalConfig('validic.token', null, true);
      await state.reopenEngine();
      return publicSettings(state);
    },
    testConnection: async ({ orgId, token }) => checkConnection(loadSettings(dataDir), orgId, token),
    changePin: async ({ role, newPin }) => {
      if (state.engine().mode === 'production' && Object.values(DEFAULT_PINS).includes(newPin))
        throw trainingPinsRefusal();
      const hash = hashPin(newPin);
      const station = state.station();
      state.saveStation(
        role === 'admin' ? { ...station, adminPinHash: hash } : { ...station, supervisorPinHash: hash },
      );
      await journalConfig(`kiosk.${role}Pin`, null, true);
      return publicSettings(state);
    },
    saveOperator: async ({ operatorId, pin, clearPin }) => {
      const change = saveOperator(state.station().operators, operatorId, clearPin ? null : pin);
      if (!change.ok) throw IpcRefusal.of(change.kind, change.params);
      state.saveStation({ ...state.station(), operators: change.register });
      await journalConfig(
        `kiosk.operator.${operatorId.trim()}`,
        pin ? 'registered, PIN set' : clearPin ? 'registered, no PIN' : 'registered',
      );
      return publicSettings(state);
    },
    removeOperator: async ({ operatorId }) => {
      const change = removeOperator(state.station().operators, operatorId, state.operator());
      if (!change.ok) throw IpcRefusal.of(change.kind, change.params);
      state.saveStation({ ...state.station(), operators: change.register });
      await journalConfig(`kiosk.operator.${operatorId.trim()}`, 'removed');
      return publicSettings(state);
    },
    clearCredentials: async ({ openJobs }) => {
      await switchMode('training', openJobs);
      await credentials.clear();
      await journalConfig('validic.token', null, true);
      await state.reopenEngine();
      return publicSettings(state);
    },
  };
}
