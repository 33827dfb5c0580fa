/**
 * The `settings` namespace: the station's and the engine's settings, PINs, operators and the
 * organization's credentials. Every change is journaled (a secret only as "changed"); a change of
 * station name, base URL or credentials reopens the engine with what was saved.
 */
import type { Settings } from '../../config/settings.js';
import { loadSettings, saveSettings } from '../../config/store.js';
import { planDeviceTypes, type DeviceTypeUse } from '../../config/device-type-rules.js';
import type { Handlers } from '../../ipc/channel-types.js';
import type { KioskContract } from '../../ipc/contract.js';
import { IpcRefusal } from '../../ipc/wire.js';
import { baudRateProblem, planExtraUsbDevices } from '../../serial/serial-profile.js';
import type { HostState } from '../host-state.js';
import { removeOperator, saveOperator } from '../session/operator-register.js';
import { DEFAULT_PINS, hashPin } from '../session/pins.js';
import type { StationSettings } from '../session/station-settings.js';
import { checkConnection } from '../settings/connection-check.js';
import { planModeSwitch, switchCancelReason, type Mode } from '../settings/mode-switch.js';
import { publicSettings } from '../settings/public-settings.js';
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
    for (const job of plan.cancel) {
      await engine.onboarding.cancel(job.jobId, by, switchCancelReason(from, to), {
        kind: 'mode_switch_cancelled',
        params: { mode: from, to },
      });
    }
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
      const station = state.station();
      const {
        station: stationName,
        apiBase,
        directBase,
        deviceTypes: typeEdits,
        extraUsbDevices: usbEdits,
        orgId: _orgId,
        ...screen
      } = patch;
      // Everything is checked before anything is written: a refused save changes nothing.
      const typesPlan = typeEdits ? planDeviceTypes(engine.deviceTypes, typeEdits, deviceTypeUse) : undefined;
      if (typesPlan && !typesPlan.ok)
        throw new IpcRefusal(typesPlan.kind, typesPlan.reason, typesPlan.nextAction, typesPlan.params);
      const usbPlan = usbEdits ? planExtraUsbDevices(usbEdits) : undefined;
      if (usbPlan && !usbPlan.ok)
        throw new IpcRefusal(usbPlan.kind, usbPlan.reason, usbPlan.nextAction, usbPlan.params);
      const changedBaud = (value: number | undefined, saved: number) =>
        value !== undefined && value !== saved ? baudRateProblem(value) : null;
      const baudProblem =
        changedBaud(screen.serialBaud, station.serialBaud) ?? changedBaud(screen.scannerBaud, station.scannerBaud);
      if (baudProblem)
        throw new IpcRefusal(baudProblem.kind, baudProblem.reason, baudProblem.nextAction, baudProblem.params);

      const nextStation: StationSettings = {
        ...station,
        ...screen,
        ...(usbPlan ? { extraUsbDevices: usbPlan.devices } : {}),
      };
      for (const [key, value] of Object.entries(screen)) {
        if (value !== undefined && !sameValue(value, station[key as keyof StationSettings]))
          await journalConfig(`kiosk.${key}`, journalValue(value));
      }
      if (usbPlan && !sameValue(usbPlan.devices, station.extraUsbDevices)) {
        await journalConfig(
          'kiosk.extraUsbDevices',
          usbPlan.devices.map((d) => `${d.vendorId}:${d.productId ?? '*'} ${d.kind}`).join(', '),
        );
      }
      state.saveStation(nextStation);
      const engineChanges: Partial<Settings> = {};
      const current = loadSettings(dataDir);
      let reopen = false;
      if (stationName !== undefined && stationName !== current.station) {
        engineChanges.station = stationName;
        await journalConfig('station', stationName);
        reopen = true;
      }
      if (
        (apiBase !== undefined && apiBase !== current.validic.apiBase) ||
        (directBase !== undefined && directBase !== current.validic.directBase)
      ) {
        engineChanges.validic = {
          ...current.validic,
          ...(apiBase ? { apiBase } : {}),
          ...(directBase ? { directBase } : {}),
        };
        if (apiBase) await journalConfig('validic.apiBase', apiBase);
        if (directBase) await journalConfig('validic.directBase', directBase);
        reopen = true;
      }
      const typesChanged = typesPlan?.ok === true && !sameValue(typesPlan.deviceTypes, engine.deviceTypes);
      if (typesPlan?.ok && typesChanged) {
        engineChanges.deviceTypes = [...typesPlan.deviceTypes];
        for (const type of [...typesPlan.added, ...typesPlan.relabelled])
          await journalConfig(`deviceTypes.${type.id}`, type.label);
        for (const type of typesPlan.removed) await journalConfig(`deviceTypes.${type.id}`, null);
      }
      if (reopen || typesChanged) saveSettings(dataDir, { ...current, ...engineChanges });
      if (reopen) await state.reopenEngine(true);
      else if (typesPlan?.ok && typesChanged) engine.setDeviceTypes(typesPlan.deviceTypes);
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
      if (!change.ok) throw new IpcRefusal(change.kind, change.message, change.nextAction, change.params);
      state.saveStation({ ...state.station(), operators: change.register });
      await journalConfig(
        `kiosk.operator.${operatorId.trim()}`,
        pin ? 'registered, PIN set' : clearPin ? 'registered, no PIN' : 'registered',
      );
      return publicSettings(state);
    },
    removeOperator: async ({ operatorId }) => {
      const change = removeOperator(state.station().operators, operatorId, state.operator());
      if (!change.ok) throw new IpcRefusal(change.kind, change.message, change.nextAction, change.params);
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

/** Settings compared by value: the scanner framing and the USB list are objects. */
function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The journal keeps scalars; an object setting is kept as its JSON text. */
function journalValue(value: string | number | boolean | object): string | number | boolean {
  return typeof value === 'object' ? JSON.stringify(value) : value;
}
