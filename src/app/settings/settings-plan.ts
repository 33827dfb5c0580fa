/**
 * One plan for a settings save: the station's own settings and the engine's settings together,
 * validated whole before anything is written or journaled. Pure: the caller journals the entries,
 * writes the files and reopens the engine only for a plan that is ok, so a refused save changes
 * nothing anywhere.
 */
import type { z } from 'zod';
import type { DeviceTypeUse } from '../../config/device-type-rules.js';
import { planDeviceTypes } from '../../config/device-type-rules.js';
import { SettingsSchema, type DeviceType, type Settings } from '../../config/settings.js';
import type { SettingsPatchSchema } from '../../ipc/schemas.js';
import type { RefusalCode } from '../../ipc/wire.js';
import { StationSettingsSchema, type StationSettings } from '../session/station-settings.js';
import { baudRateProblem, planExtraUsbDevices } from '../../serial/serial-profile.js';
import { englishText } from '../../messages/render.js';
import { baseUrlProblem, type BaseUrlProblem, type BaseUrlSetting } from './base-url.js';

export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export interface SettingsPlanContext {
  /**
   * The station name the engine runs under, which the screen shows: settings.json's, else the host
   * name. Sent back unchanged, it is no change (no journal line, no reopen), even when the file has none.
   */
  readonly runningStation: string;
  /** The device types the engine runs with now. */
  readonly deviceTypes: readonly DeviceType[];
  /** What still needs a type (open jobs, orders of the open batch): such a type cannot be removed. */
  readonly deviceTypeUse: (id: string) => DeviceTypeUse;
}

/** Why a save is refused: a refusal code, the values its text needs in another language, and the English words. */
export interface SettingsRefusal {
  readonly code: RefusalCode;
  readonly message: string;
  readonly nextAction: string;
  readonly params: Readonly<Record<string, string | number>>;
}

/** One config_change to journal: the setting's name and its new value (scalars; objects as JSON text). */
export interface SettingsJournalEntry {
  readonly key: string;
  readonly value: string | number | boolean | null;
}

export type SettingsPlan =
  | { readonly ok: false; readonly refusal: SettingsRefusal }
  | {
      readonly ok: true;
      /** The station settings to save (always valid: they passed their schema). */
      readonly nextStation: StationSettings;
      /** What changes in the engine's settings (empty when nothing does). */
      readonly engineChanges: Partial<Settings>;
      /** The engine's settings to save, when they change (always valid: they passed their schema). */
      readonly nextEngine?: Settings;
      /** The station name or a base URL changed: the engine must be reopened. */
      readonly reopen: boolean;
      /** The device types changed (and nothing needs a reopen for them): the engine takes them as they are. */
      readonly deviceTypes?: readonly DeviceType[];
      /** In order: station look, USB devices, station name, base URLs, device types. */
      readonly journal: readonly SettingsJournalEntry[];
    };

/**
 * The answer of a rule kept beside its subject (device types in config/, the serial profile in
 * serial/): its kind, values and words, passed on as that rule words them.
 */
interface RuleProblem {
  readonly kind: RefusalCode;
  readonly params: Readonly<Record<string, string | number>>;
  readonly reason: string;
  readonly nextAction: string;
}

const refuse = (problem: RuleProblem): SettingsPlan => ({
  ok: false,
  refusal: { code: problem.kind, message: problem.reason, nextAction: problem.nextAction, params: problem.params },
});

/** This plan's own refusals (the files' schemas, base URLs): only a kind and values, worded by the catalogue. */
type OwnProblem =
  | BaseUrlProblem
  | { readonly kind: 'station_name_invalid'; readonly params: Record<string, never> }
  | { readonly kind: 'setting_invalid'; readonly params: { readonly setting: string; readonly reason: string } };

const refuseOwn = (problem: OwnProblem): SettingsPlan => ({
  ok: false,
  refusal: { code: problem.kind, ...englishText(problem.kind, problem.params), params: problem.params },
});

/** Settings compared by value: the scanner framing and the USB list are objects. */
const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The journal keeps scalars; an object setting is kept as its JSON text. */
const journalValue = (value: string | number | boolean | object): string | number | boolean =>
  typeof value === 'object' ? JSON.stringify(value) : value;

export function planSettingsUpdate(
  station: StationSettings,
  engine: Settings,
  patch: SettingsPatch,
  context: SettingsPlanContext,
): SettingsPlan {
  const {
    station: stationName,
    apiBase,
    directBase,
    deviceTypes: typeEdits,
    extraUsbDevices: usbEdits,
    // The organization id is saved with the token (settings.setCredentials), never here.
    orgId: _orgId,
    ...screen
  } = patch;

  const typesPlan = typeEdits ? planDeviceTypes(context.deviceTypes, typeEdits, context.deviceTypeUse) : undefined;
  if (typesPlan && !typesPlan.ok) return refuse(typesPlan);
  const usbPlan = usbEdits ? planExtraUsbDevices(usbEdits) : undefined;
  if (usbPlan && !usbPlan.ok) return refuse(usbPlan);
  const changedBaud = (value: number | undefined, saved: number) =>
    value !== undefined && value !== saved ? baudRateProblem(value) : null;
  const baudProblem =
    changedBaud(screen.serialBaud, station.serialBaud) ?? changedBaud(screen.scannerBaud, station.scannerBaud);
  if (baudProblem) return refuse(baudProblem);

  const stationParsed = StationSettingsSchema.safeParse({
    ...station,
    ...screen,
    ...(usbPlan ? { extraUsbDevices: usbPlan.devices } : {}),
  });
  if (!stationParsed.success) return refuseOwn(settingProblem(stationParsed.error.issues[0]));
  const nextStation = stationParsed.data;

  const journal: SettingsJournalEntry[] = [];
  for (const [key, value] of Object.entries(screen)) {
    if (value !== undefined && !sameValue(value, station[key as keyof StationSettings]))
      journal.push({ key: `kiosk.${key}`, value: journalValue(value) });
  }
  if (usbPlan && !sameValue(usbPlan.devices, station.extraUsbDevices)) {
    journal.push({
      key: 'kiosk.extraUsbDevices',
      value: usbPlan.devices.map((d) => `${d.vendorId}:${d.productId ?? '*'} ${d.kind}`).join(', '),
    });
  }

  const engineChanges: Partial<Settings> = {};
  if (stationName !== undefined && stationName !== context.runningStation) {
    engineChanges.station = stationName;
    journal.push({ key: 'station', value: stationName });
  }
  const bases: Partial<Record<BaseUrlSetting, string>> = {};
  for (const [setting, value] of [
    ['apiBase', apiBase],
    ['directBase', directBase],
  ] as const) {
    // Only a changed URL is checked: one already saved is refused where the engine uses it.
    if (value === undefined || value === engine.validic[setting]) continue;
    const problem = baseUrlProblem(setting, value);
    if (problem) return refuseOwn(problem);
    bases[setting] = value;
    journal.push({ key: `validic.${setting}`, value });
  }
  if (Object.keys(bases).length > 0) engineChanges.validic = { ...engine.validic, ...bases };
  const typesChanged = typesPlan?.ok === true && !sameValue(typesPlan.deviceTypes, context.deviceTypes);
  if (typesPlan?.ok && typesChanged) {
    engineChanges.deviceTypes = [...typesPlan.deviceTypes];
    for (const type of [...typesPlan.added, ...typesPlan.relabelled])
      journal.push({ key: `deviceTypes.${type.id}`, value: type.label });
    for (const type of typesPlan.removed) journal.push({ key: `deviceTypes.${type.id}`, value: null });
  }

  let nextEngine: Settings | undefined;
  if (Object.keys(engineChanges).length > 0) {
    const engineParsed = SettingsSchema.safeParse({ ...engine, ...engineChanges });
    if (!engineParsed.success) return refuseOwn(settingProblem(engineParsed.error.issues[0]));
    nextEngine = engineParsed.data;
  }
  const reopen = engineChanges.station !== undefined || engineChanges.validic !== undefined;
  return {
    ok: true,
    nextStation,
    engineChanges,
    ...(nextEngine ? { nextEngine } : {}),
    reopen,
    ...(typesChanged && typesPlan?.ok ? { deviceTypes: typesPlan.deviceTypes } : {}),
    journal,
  };
}

/**
 * A value the settings files would not take: the station name by its rule (the catalogue's text
 * states all of it: 1 to 254 characters, one line), anything else by its name and the schema's reason.
 */
function settingProblem(issue: z.core.$ZodIssue | undefined): OwnProblem {
  const setting = issue?.path.map(String).join('.') || '(settings)';
  if (setting === 'station') return { kind: 'station_name_invalid', params: {} };
  return { kind: 'setting_invalid', params: { setting, reason: issue?.message ?? 'invalid' } };
}
