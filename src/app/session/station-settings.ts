/**
 * The station's own settings, beside the engine's settings.json: what the screen does (language,
 * idle timeout, sounds, kiosk window, camera), its serial profile (speed, scanner framing, extra USB
 * ids) and the PIN hashes. Kept in
 * kiosk-settings.json so the engine's settings schema stays about Validic and the journal.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomically } from '../../config/atomic-file.js';
import { WedgePrefixSetting } from '../../capture/wedge.js';
import { DEFAULT_SCANNER_FRAMING, ExtraUsbDevicesSchema, ScannerFramingSchema } from '../../serial/serial-profile.js';
import { OperatorRegisterSchema } from './operator-register.js';

export const STATION_SETTINGS_FILE = 'kiosk-settings.json';

export const StationSettingsSchema = z.strictObject({
  version: z.literal(1).default(1),
  language: z.enum(['en', 'es']).default('en'),
  idleMinutes: z.number().int().min(1).max(240).default(10),
  sounds: z.boolean().default(true),
  kiosk: z.boolean().default(true),
  /** A clinic desk: after each connect the screen asks for the device's first reading by itself. */
  askReading: z.boolean().default(false),
  cameraDeviceId: z.string().max(512).optional(),
  /** The key the station's wedge scanners send before each scan ('' for none): scans then never depend on timing. */
  wedgePrefix: WedgePrefixSetting.default(''),
  serialBaud: z.number().int().positive().default(115_200),
  /** Serial-mode barcode scanners mostly speak 9600 8N1 out of the box; modems 115200. */
  scannerBaud: z.number().int().positive().default(9_600),
  /** Added after version 1 shipped: files without them load with these defaults. */
  scannerFraming: ScannerFramingSchema.default(DEFAULT_SCANNER_FRAMING),
  extraUsbDevices: ExtraUsbDevicesSchema.default([]),
  /** scrypt hashes (see pins.ts); absent means the training default. */
  adminPinHash: z.string().optional(),
  supervisorPinHash: z.string().optional(),
  /** Who may sign in (operator-register.ts); empty: anyone. PINs as scrypt hashes. */
  operators: OperatorRegisterSchema.default([]),
});
export type StationSettings = z.infer<typeof StationSettingsSchema>;

export function stationSettingsPath(dataDir: string): string {
  return path.join(dataDir, STATION_SETTINGS_FILE);
}

export class StationSettingsError extends Error {
  override name = 'StationSettingsError';
}

export function loadStationSettings(dataDir: string): StationSettings {
  let text: string;
  try {
    text = readFileSync(stationSettingsPath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return StationSettingsSchema.parse({});
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new StationSettingsError(
      `${stationSettingsPath(dataDir)} is not valid JSON: fix or delete it (the defaults are used when it is missing).`,
    );
  }
  const parsed = StationSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StationSettingsError(
      `${stationSettingsPath(dataDir)}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

/** Written atomically and durably (atomic-file.ts), so a crash never leaves half a settings file. */
export function saveStationSettings(dataDir: string, settings: StationSettings): StationSettings {
  const valid = StationSettingsSchema.parse(settings);
  writeFileAtomically(stationSettingsPath(dataDir), `${JSON.stringify(valid, null, 2)}\n`);
  return valid;
}
