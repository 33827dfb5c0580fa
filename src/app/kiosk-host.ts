/**
 * The kiosk's engine host: opens the engine for the data folder, answers every channel of the
 * contract through one dispatcher, and pushes engine events. The Electron main process, the e2e
 * harness and the browser dev host all run this same object; only the transport differs.
 */
import { crossCheckImei } from '../capture/cross-check.js';
import { saveSettings } from '../config/store.js';
import type { Settings } from '../config/settings.js';
import { loadSettings } from '../config/store.js';
import { planDeviceTypes, type DeviceTypeUse } from '../config/device-type-rules.js';
import { formatImei, maskImei } from '../imei/format.js';
import { validate } from '../imei/validate.js';
import type { OnboardOutcome, PublicSettings } from '../ipc/schemas.js';
import type { Handlers } from '../ipc/channel-types.js';
import { IpcRefusal } from '../ipc/wire.js';
import { contract, type KioskContract, type KioskEvents } from '../ipc/contract.js';
import { createDispatcher, type AccessGuard, type Dispatcher } from '../ipc/dispatcher.js';
import { PIN_FIELD } from '../ipc/channel-types.js';
import { connectionManifest, manifestCsv } from '../ledger/manifest.js';
import { dayRange } from '../ledger/time-range.js';
import { BatchRun, importOrders } from '../onboarding/batch.js';
import { openKioskEngine, type KioskEngine, type KioskEngineOptions } from '../onboarding/engine.js';
import type { CredentialStore } from './session/credential-store.js';
import type { JobView } from '../ledger/job-index.js';
import { isBoundJob, jobSummary, onboardOutcome, queueSummary } from './views/job-summary.js';
import { modelTypeHint } from '../onboarding/model-type-hint.js';
import {
  checkSignIn,
  removeOperator,
  saveOperator,
  signInNeeds,
  type SignInCheck,
} from './session/operator-register.js';
import { createPinAttempts, type PinLockOptions } from './session/pin-attempts.js';
import { checkPin, DEFAULT_PINS, hashPin, pinIs, type PinRole } from './session/pins.js';
import { SerialOffers } from './serial/serial-offers.js';
import {
  baudRateProblem,
  planExtraUsbDevices,
  usbMatchesWith,
  type ScannerFramingSetting,
} from '../serial/serial-profile.js';
import type { UsbDeviceMatch } from '../serial/usb-ids.js';
import { ConfigurationError } from '../config/errors.js';
import { ValidicError } from '../validic/errors.js';
import { ReadingWait } from './reading/reading-wait.js';
import { planModeSwitch, switchCancelReason, type Mode } from './settings/mode-switch.js';
import { checkConnection } from './settings/connection-check.js';
import { loadStationSettings, saveStationSettings, type StationSettings } from './session/station-settings.js';
import type { z } from 'zod';

export type KioskEventName = keyof KioskEvents & string;
export type KioskEventListener = <K extends KioskEventName>(event: K, payload: z.input<KioskEvents[K]>) => void;

export interface SerialProfile {
  /** Modems (UART modules; USB CDC ignores it). */
  readonly baudRate: number;
  readonly scannerBaudRate: number;
  readonly scannerFraming: ScannerFramingSetting;
  /** The station's extra USB ids, then the built-in list. */
  readonly usbMatches: readonly UsbDeviceMatch[];
}

export interface KioskHostOptions {
  readonly dataDir: string;
  readonly version: string;
  readonly name?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly credentials: CredentialStore;
  readonly serial?: SerialOffers;
  /** Engine tuning for tests and benches (worker timing, station name). */
  readonly engine?: Partial<Omit<KioskEngineOptions, 'dataDir' | 'env' | 'settings'>>;
  /** Called with a handler's unexpected exception (for the log); the renderer gets a generic error. */
  readonly onHandlerError?: (channel: string, error: unknown) => void;
  /** Wrong PINs (within a window) before PIN checks lock, and for how long (pin-attempts.ts defaults: 5 in 5 min, 1 min). */
  readonly pinLock?: PinLockOptions;
}

export interface KioskHost {
  readonly dispatcher: Dispatcher<KioskContract>;
  readonly serial: SerialOffers;
  engine(): KioskEngine;
  /** Engine events for the window; returns an unsubscribe. */
  onEvent(listener: KioskEventListener): () => void;
  /** Jobs still in flight (for the close confirmation). */
  inFlight(): number;
  /** The station's serial profile as saved now: the serial watch reads it at every poll, so a change applies without a restart. */
  serialProfile(): SerialProfile;
  close(): Promise<void>;
}

const QUEUE_EVENT_INTERVAL_MS = 250;

export async function openKioskHost(options: KioskHostOptions): Promise<KioskHost> {
  const serial = options.serial ?? new SerialOffers();
  const listeners = new Set<KioskEventListener>();
  const emit: KioskEventListener = (event, payload) => listeners.forEach((listener) => listener(event, payload));

  let station = loadStationSettings(options.dataDir);
  let operator: string | undefined;
  const pinAttempts = createPinAttempts(options.pinLock);
  let signedInAt: string | undefined;
  let batch: { run: BatchRun; fileName?: string } | undefined;
  const readingWait = new ReadingWait((progress) => emit('reading.progress', progress));
  let engine = await openEngine();
  let unsubscribeEngine = watchEngine(engine);
  const unsubscribeOffers = serial.onOffer((offer) => emit('serial.offer', offer));
  const unsubscribeSerialChanges = serial.onChange(() => emit('serial.changed', serial.status()));
  const unsubscribeSerialScans = serial.onScan((scan) => emit('serial.scan', scan));
  const unsubscribeSerial = () => {
    unsubscribeOffers();
    unsubscribeSerialChanges();
    unsubscribeSerialScans();
  };

  async function openEngine(): Promise<KioskEngine> {
    const stored = await options.credentials.read();
    const base = loadSettings(options.dataDir);
    const settings: Settings = stored
      ? { ...base, validic: { ...base.validic, orgId: stored.orgId, token: stored.token } }
      : base;
    return openKioskEngine({
      ...options.engine,
      dataDir: options.dataDir,
      settings,
      ...(options.env ? { env: options.env } : {}),
    });
  }

  /** Jobs and queue changes go to the window as they are journaled; the queue at most 4 times a second. */
  function watchEngine(current: KioskEngine): () => void {
    let queueTimer: ReturnType<typeof setTimeout> | undefined;
    const off = current.onboarding.subscribe((job) => {
      emit('jobs.changed', jobSummary(job));
      queueTimer ??= setTimeout(() => {
        queueTimer = undefined;
        emit('queue.changed', queueNow());
      }, QUEUE_EVENT_INTERVAL_MS);
    });
    return () => {
      off();
      if (queueTimer) clearTimeout(queueTimer);
    };
  }

  /**
   * A fresh engine after a settings change. `keepBatch`: a station or base URL change keeps the
   * mode, so the open batch goes on (its orders and jobs are in the journal); a switch between
   * training and production closes it, since its jobs belong to the other mode.
   */
  async function reopenEngine(keepBatch = false): Promise<void> {
    readingWait.stop();
    unsubscribeEngine();
    const open = batch;
    const mode = engine.mode;
    batch = undefined;
    await engine.close();
    engine = await openEngine();
    unsubscribeEngine = watchEngine(engine);
    if (keepBatch && open && engine.mode === mode) {
      batch = { ...open, run: new BatchRun(engine.onboarding, open.run.batchId, open.run.orders, open.run.by) };
    }
  }

  function alreadyConnectedOutcome(job: JobView): OnboardOutcome {
    return {
      outcome: 'already_connected',
      job: jobSummary(job),
      at: job.connectedAt ?? job.updatedAt,
      by: job.operator,
      queue: queueNow(),
    };
  }

  function queueNow() {
    return queueSummary(engine.onboarding.queueStatus(), engine.onboarding.jobs('needs_attention').length);
  }

  function requireOperator(): string {
    if (!operator)
      throw new IpcRefusal(
        'not_signed_in',
        'Nobody is signed in at this station.',
        'Sign in with your operator ID first.',
      );
    return operator;
  }

  function refuseWhilePinsLocked(): void {
    const lock = pinAttempts.state();
    if (lock.locked) {
      throw new IpcRefusal(
        'pins_locked',
        `Too many wrong PINs: PINs are locked for ${lock.seconds} s.`,
        'Wait, then try again. If you forgot the PIN, ask a supervisor.',
        { seconds: lock.seconds },
      );
    }
  }

  /** Runs a PIN check unless wrong PINs have locked them, and counts a wrong one. */
  function guardedPinCheck(check: () => boolean): boolean {
    refuseWhilePinsLocked();
    const right = check();
    if (!right) pinAttempts.recordWrong();
    return right;
  }

  function requirePin(role: PinRole, pin: string): void {
    if (!guardedPinCheck(() => checkPin(station, role, pin)))
      throw new IpcRefusal(
        role === 'admin' ? 'wrong_admin_pin' : 'wrong_supervisor_pin',
        `Wrong ${role} PIN.`,
        'Try again, or ask a supervisor.',
      );
    // A station put into production by its environment (VALIDIC_* variables) never passed the going-live
    // check: a supervisor action with the training PIN is refused there too. The admin PIN still opens
    // Settings, so the PINs can be changed.
    if (role === 'supervisor' && engine.mode === 'production' && pinMatches('supervisor', DEFAULT_PINS.supervisor))
      throw trainingPinsRefusal();
  }

  /** A sign-in counts as a PIN attempt only when a PIN was typed for an operator who has one. */
  function checkOperatorSignIn(operatorId: string, pin: string | undefined): SignInCheck {
    const pinChecked = pin !== undefined && signInNeeds(station.operators, operatorId).pin;
    if (pinChecked) refuseWhilePinsLocked();
    const result = checkSignIn(station.operators, operatorId, pin);
    if (!result.ok && result.kind === 'operator_pin_wrong') pinAttempts.recordWrong();
    return result;
  }

  async function publicSettings(): Promise<PublicSettings> {
    const settings = engine.settings;
    const stored = await options.credentials.read();
    return {
      mode: engine.mode,
      station: engine.station,
      language: station.language,
      orgId: stored?.orgId ?? settings.validic.orgId ?? '',
      hasToken: stored !== undefined || Boolean(settings.validic.token),
      apiBase: settings.validic.apiBase,
      directBase: settings.validic.directBase,
      deviceTypes: engine.deviceTypes.map((d) => ({ ...d })),
      idleMinutes: station.idleMinutes,
      sounds: station.sounds,
      kiosk: station.kiosk,
      askReading: station.askReading,
      serialBaud: station.serialBaud,
      scannerBaud: station.scannerBaud,
      scannerFraming: { ...station.scannerFraming },
      extraUsbDevices: station.extraUsbDevices.map(({ vendorId, productId, maker, kind }) => ({
        vendorId,
        ...(productId ? { productId } : {}),
        maker,
        kind,
      })),
      ...(station.cameraDeviceId ? { cameraDeviceId: station.cameraDeviceId } : {}),
      wedgePrefix: station.wedgePrefix,
      defaultPins: (['admin', 'supervisor'] as const).filter(
        (role) => !(role === 'admin' ? station.adminPinHash : station.supervisorPinHash),
      ),
      operators: station.operators.map((o) => ({ id: o.id, hasPin: o.pinHash !== undefined })),
    };
  }

  /**
   * Before a switch to `to`: the open jobs of the mode of now stay waiting for their mode or are
   * cancelled (journaled, with the switch as reason), as the admin chose; no choice with such jobs
   * is refused (open_jobs_in_mode) so the screen can ask. Changes nothing when the mode stays.
   */
  async function switchMode(to: Mode, choice: 'keep' | 'cancel' | undefined): Promise<void> {
    const from = engine.mode;
    const plan = planModeSwitch(engine.ledger.openJobs(), from, to, choice);
    const by = operator ?? 'admin';
    for (const job of plan.cancel) {
      await engine.onboarding.cancel(job.jobId, by, switchCancelReason(from, to), {
        kind: 'mode_switch_cancelled',
        params: { mode: from, to },
      });
    }
    if (plan.kept > 0)
      await journalConfig('mode.switch.kept', `${plan.kept} ${from} job(s) left waiting for ${from} mode`);
  }

  /** Whether the role's PIN is this one, without counting a wrong PIN (it is the host asking, not a person). */
  const pinMatches = (role: PinRole, pin: string): boolean => pinIs(station, role, pin);

  function trainingPinsRefusal(): IpcRefusal {
    return new IpcRefusal(
      'training_pins_in_production',
      'The training PINs (admin 1234, supervisor 5678) cannot be used in production.',
      'Set a new admin PIN and a new supervisor PIN under PINs, then save the credentials again.',
    );
  }

  async function journalConfig(key: string, value: string | number | boolean | null, secret = false): Promise<void> {
    await engine.ledger.append({
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
      openJobs: engine.onboarding.jobs('open').filter((job) => job.deviceType === id).length,
      batchOrders: batch?.run.orders.filter((order) => order.deviceType === id).length ?? 0,
    };
  }

  function holderUidOf(imei: string, exceptUid: string): string | undefined {
    return engine.ledger
      .jobsByImei(imei)
      .find((j) => j.uid !== exceptUid && (isBoundJob(j) || ['ready', 'connecting', 'queued'].includes(j.state)))?.uid;
  }

  function outcomeOf(result: Parameters<typeof onboardOutcome>[0], imei: string, uid: string): OnboardOutcome {
    return onboardOutcome(result, queueNow(), holderUidOf(imei, uid));
  }

  const handlers: Handlers<KioskContract> = {
    imei: {
      validate: ({ raw }) => {
        const result = validate(raw);
        return result.ok
          ? {
              ok: true,
              imei: result.imei,
              tac: result.tac,
              serial: result.serial,
              checkDigit: result.checkDigit,
              raw: result.raw,
            }
          : {
              ok: false,
              error: { ...result.error, offending: result.error.offending?.map((o) => ({ ...o })) },
              raw: result.raw,
            };
      },
    },
    app: {
      info: () => ({
        name: options.name ?? 'IMEI Kiosk',
        version: options.version,
        mode: engine.mode,
        station: engine.station,
        language: station.language,
      }),
    },
    session: {
      signIn: ({ operatorId, pin }) => {
        const check = checkOperatorSignIn(operatorId, pin);
        if (!check.ok) throw new IpcRefusal(check.kind, check.message, check.nextAction, check.params);
        operator = check.operator;
        signedInAt = new Date().toISOString();
        return { operator: check.operator, station: engine.station, signedInAt };
      },
      signInNeeds: ({ operatorId }) => ({
        open: station.operators.length === 0,
        ...signInNeeds(station.operators, operatorId),
      }),
      signOut: () => {
        const was = operator !== undefined;
        readingWait.stop();
        operator = undefined;
        signedInAt = undefined;
        return { signedOut: was };
      },
      current: () => ({ station: engine.station, ...(operator && signedInAt ? { operator, signedInAt } : {}) }),
    },
    auth: {
      check: ({ role, pin }) =>
        guardedPinCheck(() => checkPin(station, role, pin))
          ? { ok: true }
          : { ok: false, message: `Wrong ${role} PIN.` },
    },
    settings: {
      get: () => publicSettings(),
      station: async () => {
        const {
          mode,
          station: name,
          language,
          idleMinutes,
          sounds,
          kiosk,
          cameraDeviceId,
          wedgePrefix,
          defaultPins,
        } = await publicSettings();
        return { mode, station: name, language, idleMinutes, sounds, kiosk, cameraDeviceId, wedgePrefix, defaultPins };
      },
      update: async ({ patch }) => {
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
        station = saveStationSettings(options.dataDir, nextStation);
        const engineChanges: Partial<Settings> = {};
        const current = loadSettings(options.dataDir);
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
        if (reopen || typesChanged) saveSettings(options.dataDir, { ...current, ...engineChanges });
        if (reopen) await reopenEngine(true);
        else if (typesPlan?.ok && typesChanged) engine.setDeviceTypes(typesPlan.deviceTypes);
        return publicSettings();
      },
      setCredentials: async ({ orgId, token, openJobs }) => {
        // By what they match, not whether a hash is stored: a PIN changed to 1234 is still the training one.
        if (pinMatches('admin', DEFAULT_PINS.admin) || pinMatches('supervisor', DEFAULT_PINS.supervisor))
          throw trainingPinsRefusal();
        await switchMode('production', openJobs);
        await options.credentials.save({ orgId, token });
        await journalConfig('validic.orgId', orgId);
        await journalConfig('validic.token', null, true);
        await reopenEngine();
        return publicSettings();
      },
      testConnection: async ({ orgId, token }) => {
        return checkConnection(loadSettings(options.dataDir), orgId, token);
      },
      changePin: async ({ role, newPin }) => {
        if (engine.mode === 'production' && Object.values(DEFAULT_PINS).includes(newPin)) throw trainingPinsRefusal();
        const hash = hashPin(newPin);
        station = saveStationSettings(
          options.dataDir,
          role === 'admin' ? { ...station, adminPinHash: hash } : { ...station, supervisorPinHash: hash },
        );
        await journalConfig(`kiosk.${role}Pin`, null, true);
        return publicSettings();
      },
      saveOperator: async ({ operatorId, pin, clearPin }) => {
        const change = saveOperator(station.operators, operatorId, clearPin ? null : pin);
        if (!change.ok) throw new IpcRefusal(change.kind, change.message, change.nextAction, change.params);
        station = saveStationSettings(options.dataDir, { ...station, operators: change.register });
        await journalConfig(
          `kiosk.operator.${operatorId.trim()}`,
          pin ? 'registered, PIN set' : clearPin ? 'registered, no PIN' : 'registered',
        );
        return publicSettings();
      },
      removeOperator: async ({ operatorId }) => {
        const change = removeOperator(station.operators, operatorId, operator);
        if (!change.ok) throw new IpcRefusal(change.kind, change.message, change.nextAction, change.params);
        station = saveStationSettings(options.dataDir, { ...station, operators: change.register });
        await journalConfig(`kiosk.operator.${operatorId.trim()}`, 'removed');
        return publicSettings();
      },
      clearCredentials: async ({ openJobs }) => {
        await switchMode('training', openJobs);
        await options.credentials.clear();
        await journalConfig('validic.token', null, true);
        await reopenEngine();
        return publicSettings();
      },
    },
    onboard: {
      submit: async ({ imei, raw, source, uid, deviceType, orderRef, modemImei, confirmSecondDevice }, caller) => {
        const by = caller.operator;
        // A registered operator's badge scanned into the patient field is never a patient (issue 15).
        const badge = station.operators.find((o) => o.id.toLowerCase() === uid.toLowerCase());
        if (badge)
          throw new IpcRefusal(
            'uid_is_operator',
            `"${uid}" is the ID of operator ${badge.id}, not a patient.`,
            'Scan the patient barcode or type the patient ID.',
            { uid, operator: badge.id },
          );
        if (modemImei) {
          const check = crossCheckImei(imei, modemImei);
          if (!check.ok) {
            return {
              outcome: 'mismatch',
              problem: {
                kind: check.kind,
                message: check.message,
                nextAction:
                  'Put this device aside: check that the label and the device in the box belong together, then scan both again.',
                params: { label: formatImei(check.labelImei), modem: formatImei(check.modemImei) },
              },
            };
          }
        }
        if (!engine.deviceTypes.some((d) => d.id === deviceType)) {
          throw new IpcRefusal(
            'unknown_device_type',
            `"${deviceType}" is not a device type of this kiosk.`,
            'Pick one of the device type buttons.',
            { deviceType },
          );
        }
        // An order of the open batch (its barcode was scanned): the job is that order's, so the
        // batch counts it filled and never assigns the order again.
        const batchOrder = orderRef && batch ? batch.run.orderFor(orderRef, uid, deviceType, imei) : undefined;
        if (batchOrder && 'filled' in batchOrder && batchOrder.filled.imei !== imei) {
          throw new IpcRefusal(
            'order_filled',
            `Order ${orderRef} already has its device (IMEI ${maskImei(batchOrder.filled.imei)}).`,
            'Scan the next order. Queue and history shows the job of this one.',
            { orderRef: orderRef ?? '', imeiLast4: batchOrder.filled.imei.slice(-4) },
          );
        }
        // The open batch has this order, but for another patient or type: the screen no longer matches it.
        const namedOrder = orderRef && batch && !batchOrder ? batch.run.findOrder(orderRef) : undefined;
        if (namedOrder) {
          throw new IpcRefusal(
            'order_mismatch',
            `Order ${orderRef} is for patient ${namedOrder.uid} and a ${namedOrder.deviceType}, not for what is on the screen.`,
            'Scan the order again, or clear the screen (Esc) and start over.',
            { orderRef: orderRef ?? '', uid: namedOrder.uid, deviceType: namedOrder.deviceType },
          );
        }
        if (batch && batchOrder && 'open' in batchOrder) {
          const assigned = await batch.run.assign(batchOrder.open, { imei, raw, source, operator: by });
          switch (assigned.kind) {
            case 'assigned':
              return outcomeOf(assigned.result, imei, uid);
            case 'already_connected':
              return alreadyConnectedOutcome(assigned.job);
            case 'in_batch':
              throw new IpcRefusal(
                'order_device_in_batch',
                'This device is already assigned to another order of this batch.',
                'Put it aside and scan the device that belongs to this order.',
              );
            case 'rejected':
              throw new IpcRefusal(
                assigned.reasonKind,
                assigned.reason,
                'Put this device aside and tell a supervisor.',
                { imeiLast4: imei.slice(-4), ...assigned.params },
              );
            default: {
              const never: never = assigned;
              throw new Error(`unknown assign outcome ${JSON.stringify(never)}`);
            }
          }
        }
        const result = await engine.onboarding.onboard({
          imei,
          uid,
          deviceType,
          operator: by,
          source,
          raw,
          ...(orderRef ? { orderRef } : {}),
          ...(confirmSecondDevice ? { confirmSecondDevice } : {}),
        });
        return outcomeOf(result, imei, uid);
      },
      typeHint: ({ imei }) =>
        modelTypeHint(
          imei,
          engine.ledger.jobs(),
          engine.deviceTypes.map((d) => d.id),
        ),
    },
    jobs: {
      list: ({ filter, search, limit }) => {
        const today = new Date().toISOString().slice(0, 10);
        // A search looks in every job, whatever the tab: the device looked for may be in any state.
        let jobs = search
          ? engine.ledger
              .jobs()
              .filter((j) => j.imei.includes(search) || j.uid.toLowerCase().includes(search.toLowerCase()))
          : filter === 'today'
            ? engine.ledger.jobs().filter((j) => j.updatedAt.startsWith(today))
            : engine.onboarding.jobs(filter === 'open' ? 'open' : filter);
        jobs = [...jobs].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, limit ?? 200);
        return { jobs: jobs.map(jobSummary) };
      },
      retry: async ({ jobId }, caller) => {
        const by = caller.operator;
        if (!engine.onboarding.job(jobId))
          throw new IpcRefusal('no_such_job', 'There is no such job.', 'Refresh the list.');
        const result = await engine.onboarding.retry(jobId, by);
        const job = 'job' in result ? result.job : engine.onboarding.job(jobId);
        if (!job) throw new IpcRefusal('job_disappeared', 'The job disappeared.', 'Refresh the list.');
        return jobSummary(job);
      },
      cancel: async ({ jobId, reason }, caller) => {
        const by = caller.operator;
        const job = engine.onboarding.job(jobId);
        if (!job) throw new IpcRefusal('no_such_job', 'There is no such job.', 'Refresh the list.');
        if (!['captured', 'ready', 'queued', 'needs_attention'].includes(job.state)) {
          throw new IpcRefusal(
            'job_not_cancellable',
            `This job is ${job.state.replace('_', ' ')} and cannot be cancelled.`,
            'To undo a connection, use Disconnect.',
            { state: job.state },
          );
        }
        return jobSummary(await engine.onboarding.cancel(jobId, by, reason));
      },
      override: async ({ jobId, fromUid }, caller) => {
        const by = caller.operator;
        const job = engine.onboarding.job(jobId);
        if (!job) throw new IpcRefusal('no_such_job', 'There is no such job.', 'Scan the device again.');
        const result = await refuseOnApiError(() => engine.onboarding.override(jobId, 'supervisor', by, fromUid));
        return outcomeOf(result, job.imei, job.uid);
      },
    },
    queue: {
      status: () => queueNow(),
    },
    batch: {
      import: async ({ csv, fileName }, caller) => {
        const by = caller.operator;
        const result = await importOrders(engine.onboarding, {
          text: csv,
          source: fileName ?? 'orders.csv',
          deviceTypes: engine.deviceTypes.map((d) => d.id),
          by,
        });
        if (!result.ok) {
          const errors = result.errors.map((e) => ({
            row: e.row,
            column: e.column ?? '(whole row)',
            reason: e.reason,
            kind: e.kind,
            ...(e.params ? { params: { ...e.params } } : {}),
          }));
          return { ok: false, errors };
        }
        batch = {
          run: new BatchRun(engine.onboarding, result.batchId, result.orders, by),
          ...(fileName ? { fileName } : {}),
        };
        return { ok: true, status: batchStatus() };
      },
      status: () => batchStatus(),
      scan: async ({ imei, raw, source, typeConfirmed }) => {
        if (!batch) throw new IpcRefusal('no_batch_open', 'No batch is open.', 'Import an orders file first.');
        // The order's type against what this kiosk knows of the model: a mismatch is asked, never assumed.
        const order = batch.run.orderForScan(imei);
        // Walks the journal: only when a confirmation has not already answered the question.
        const model =
          order && typeConfirmed !== order.deviceType
            ? modelTypeHint(
                imei,
                engine.ledger.jobs(),
                engine.deviceTypes.map((d) => d.id),
              )
            : undefined;
        if (order && model?.deviceType !== undefined && model.deviceType !== order.deviceType) {
          throw new IpcRefusal(
            'batch_type_mismatch',
            `The next order (patient ${order.uid}) is for ${order.deviceType}, but this model (TAC ${model.tac}) was connected as ${model.deviceType} ${model.seen === 1 ? 'once' : `${model.seen} times`} here.`,
            'Check the device: if it is right for this order, confirm it; otherwise put it aside.',
            {
              imeiLast4: imei.slice(-4),
              uid: order.uid,
              orderType: order.deviceType,
              modelType: model.deviceType,
              seen: model.seen,
              tac: model.tac,
            },
          );
        }
        const outcome = await batch.run.scan(imei, raw, source);
        switch (outcome.kind) {
          case 'assigned':
            // Batch jobs go to the worker: "in progress" here means assigned and connecting, not a repeat.
            if (outcome.result.outcome === 'in_progress') {
              return {
                outcome: 'queued',
                job: jobSummary(outcome.result.job),
                problem: {
                  kind: 'assigned',
                  message: `Assigned to patient ${outcome.order.uid}; connecting now.`,
                  nextAction: 'Scan the next device.',
                  params: { uid: outcome.order.uid },
                },
                queue: queueNow(),
              };
            }
            return outcomeOf(outcome.result, imei, outcome.order.uid);
          case 'already_connected':
            return alreadyConnectedOutcome(outcome.job);
          case 'in_batch':
            return {
              outcome: 'queued',
              job: jobSummary(outcome.job),
              problem: {
                kind: 'in_batch',
                message: 'This device is already assigned to an order of this batch.',
                nextAction: 'Scan the next device.',
              },
              queue: queueNow(),
            };
          case 'rejected':
            throw new IpcRefusal(outcome.reasonKind, outcome.reason, 'Put this device aside and tell a supervisor.', {
              imeiLast4: imei.slice(-4),
              ...outcome.params,
            });
          default: {
            const never: never = outcome;
            throw new Error(`unknown scan outcome ${JSON.stringify(never)}`);
          }
        }
      },
      close: () => {
        batch = undefined;
        return batchStatus();
      },
      findOrder: ({ orderRef }) => {
        if (!batch) return { found: false };
        const order = batch.run.findOrder(orderRef);
        return order?.orderRef !== undefined
          ? { found: true, uid: order.uid, deviceType: order.deviceType, orderRef: order.orderRef }
          : { found: false };
      },
    },
    exports: {
      manifest: ({ from, to, fullImei }) => {
        let range;
        try {
          range = dayRange(from, to);
        } catch (error) {
          throw new IpcRefusal(
            'bad_date_range',
            error instanceof Error ? error.message : 'Invalid dates.',
            'Pick a start day on or before the end day.',
          );
        }
        // Only this mode's connections: a production manifest never lists a training job.
        const rows = connectionManifest(engine.ledger.jobs(), range, { fullImei, mode: engine.mode });
        return { csv: manifestCsv(rows), rows: rows.length, fileName: `imei-kiosk-manifest-${from}-to-${to}.csv` };
      },
    },
    disconnect: {
      preview: ({ uid: askedUid, imei }) => {
        const uid = askedUid ?? (imei !== undefined ? holderOf(imei) : undefined);
        if (uid === undefined) {
          throw new IpcRefusal(
            'imei_not_connected',
            `This kiosk's journal has IMEI ${maskImei(imei ?? '')} connected to no patient.`,
            'Type the patient ID too, or look the device up on the station that connected it.',
            { imeiLast4: (imei ?? '').slice(-4) },
          );
        }
        const bound = engine.ledger
          .jobsByUid(uid)
          .filter((j) => isBoundJob(j) && (imei === undefined || j.imei === imei));
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
        const by = caller.operator;
        const result = await refuseOnApiError(() => engine.onboarding.disconnect(uid, imei, by));
        return { disconnected: [{ imei, deviceType: result.credentials.device_type, connectedAt: result.created_at }] };
      },
      all: async ({ uid }, caller) => {
        const by = caller.operator;
        const result = await refuseOnApiError(() => engine.onboarding.disconnectAll(uid, by));
        const lines = result.connections
          .filter((c) => /^\d{15}$/.test(c.credentials.device_id))
          .map((c) => ({
            imei: c.credentials.device_id,
            deviceType: c.credentials.device_type,
            connectedAt: c.created_at,
          }));
        return { total: result.meta.total, disconnected: lines };
      },
    },
    serial: {
      status: () => serial.status(),
    },
    reading: {
      wait: async ({ jobId, waitSeconds }) => {
        const job = engine.onboarding.job(jobId);
        if (!job) throw new IpcRefusal('no_such_job', 'There is no such job.', 'Scan the device again.');
        if (!mayAskReading(job)) {
          throw new IpcRefusal(
            'job_not_connected',
            `This job is ${job.state.replace('_', ' ')}: there is no connected device to take a reading from.`,
            'Connect the device first, then ask for a reading.',
            { state: job.state },
          );
        }
        const current = engine;
        return refuseOnApiError(() =>
          readingWait.wait(job, waitSeconds, (uid, imei, wait) =>
            current.onboarding.confirmFirstReading(uid, imei, wait),
          ),
        );
      },
      stop: ({ jobId }) => ({ stopped: readingWait.stop(jobId) }),
    },
  };

  /** The patient a device is connected to now, by this kiosk's journal (the latest connection). */
  function holderOf(imei: string): string | undefined {
    return engine.ledger
      .jobsByImei(imei)
      .filter(isBoundJob)
      .sort((a, b) => (b.connectedAt ?? b.updatedAt).localeCompare(a.connectedAt ?? a.updatedAt))[0]?.uid;
  }

  function batchStatus() {
    if (!batch) return { active: false, total: 0, assigned: 0, connected: 0, remaining: 0, etaMs: null };
    const progress = batch.run.progress();
    const next = batch.run.orders.find(
      (o) =>
        !batch?.run.jobs().some((j) => j.uid === o.uid && j.deviceType === o.deviceType && j.orderRef === o.orderRef),
    );
    return {
      active: true,
      ...(batch.fileName ? { fileName: batch.fileName } : {}),
      total: progress.orders,
      assigned: progress.assigned,
      connected: progress.connected,
      remaining: progress.open,
      etaMs: progress.etaMs,
      ...(next
        ? {
            next: { uid: next.uid, deviceType: next.deviceType, ...(next.orderRef ? { orderRef: next.orderRef } : {}) },
          }
        : {}),
    };
  }

  /** Every channel's access, proved before its handler runs (contract.ts says which each needs). */
  const guard: AccessGuard = (access, request) => {
    switch (access) {
      case 'anyone':
        return operator ? { operator } : {};
      case 'operator':
        return { operator: requireOperator() };
      case 'supervisor': {
        const by = requireOperator();
        requirePin('supervisor', pinOf(request, 'supervisor'));
        return { operator: by };
      }
      case 'admin':
        requirePin('admin', pinOf(request, 'admin'));
        return operator ? { operator } : {};
      default: {
        const never: never = access;
        throw new Error(`unknown access ${String(never)}`);
      }
    }
  };

  const dispatcher = createDispatcher(contract, handlers, {
    guard,
    ...(options.onHandlerError ? { onHandlerError: options.onHandlerError } : {}),
  });

  return {
    dispatcher,
    serial,
    engine: () => engine,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    inFlight: () => engine.onboarding.queueStatus().inFlight,
    serialProfile: () => ({
      baudRate: station.serialBaud,
      scannerBaudRate: station.scannerBaud,
      scannerFraming: station.scannerFraming,
      usbMatches: usbMatchesWith(station.extraUsbDevices),
    }),
    async close() {
      readingWait.stop();
      unsubscribeSerial();
      unsubscribeEngine();
      listeners.clear();
      await engine.close();
    },
  };
}

/**
 * A reading can be asked of a bound device, and of one whose connect may have gone through though
 * its answers were lost (the engine's next action for those is this very reading).
 */
function mayAskReading(job: JobView): boolean {
  return (
    isBoundJob(job) ||
    (job.state === 'needs_attention' &&
      (job.reasonKind === 'connect_unconfirmed' || job.reasonKind === 'resend_refused'))
  );
}

/** The PIN a supervisor or admin channel's request carries (the contract's pinChannel makes sure it has one). */
function pinOf(request: unknown, role: PinRole): string {
  const pin = (request as Record<string, unknown>)[PIN_FIELD[role]];
  return typeof pin === 'string' ? pin : '';
}

/** Settings compared by value: the scanner framing and the USB list are objects. */
function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The journal keeps scalars; an object setting is kept as its JSON text. */
function journalValue(value: string | number | boolean | object): string | number | boolean {
  return typeof value === 'object' ? JSON.stringify(value) : value;
}

/** Validic and configuration errors become refusals the operator can read (a code, the message and next action). */
async function refuseOnApiError<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ValidicError) throw new IpcRefusal(error.kind, error.message, error.nextAction);
    if (error instanceof ConfigurationError) throw new IpcRefusal('configuration', error.message, error.nextAction);
    throw error;
  }
}

export { hashPin };
