/**
 * The kiosk's settings: schema, defaults and device types. Stored as settings.json in the data
 * folder (store.ts). Every field has a default, so an empty file (or none) is a training kiosk.
 */
import { z } from 'zod';
import { defaultBases, defaultPaths, pathTemplateProblem, type PathTemplates } from '../validic/paths.js';
import { DEVICE_TYPE_ID_PATTERN } from './device-type-id.js';

export const DeviceTypeSchema = z.strictObject({
  /** The Validic device_type value sent on connect. */
  id: z.string().regex(DEVICE_TYPE_ID_PATTERN, 'a device type id is lower_snake_case, e.g. blood_glucose'),
  label: z.string().min(1),
  /** The label in Spanish; the screen falls back to `label` without it. */
  labelEs: z.string().min(1).optional(),
  /** True when Validic's own samples show the value; false when it is our assumption. */
  confirmed: z.boolean(),
});
export type DeviceType = z.infer<typeof DeviceTypeSchema>;

/** blood_glucose, blood_pressure, weight_scale are in the seed's samples; pulse_oximeter is assumed. */
export const defaultDeviceTypes: readonly DeviceType[] = [
  { id: 'blood_glucose', label: 'Glucose meter', labelEs: 'Glucómetro', confirmed: true },
  { id: 'blood_pressure', label: 'Blood pressure monitor', labelEs: 'Tensiómetro', confirmed: true },
  { id: 'weight_scale', label: 'Weight scale', labelEs: 'Báscula', confirmed: true },
  { id: 'pulse_oximeter', label: 'Pulse oximeter', labelEs: 'Pulsioxímetro', confirmed: false },
];

/**
 * Settings saved before types had a Spanish label: a built-in type still under its built-in English
 * label gets its built-in Spanish one, so a Spanish screen does not show English for it.
 */
function withDefaultSpanishLabels(types: DeviceType[]): DeviceType[] {
  return types.map((type) => {
    if (type.labelEs !== undefined) return type;
    const builtIn = defaultDeviceTypes.find((d) => d.id === type.id && d.label === type.label);
    return builtIn?.labelEs ? { ...type, labelEs: builtIn.labelEs } : type;
  });
}

/** A custom path for `call`: it starts with "/" and names only values the call fills (paths.ts). */
const pathFor = (call: keyof PathTemplates) =>
  z
    .string()
    .startsWith('/')
    .superRefine((template, context) => {
      const problem = pathTemplateProblem(call, template);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    })
    .default(defaultPaths[call]);

const PathsSchema = z.strictObject({
  provision: pathFor('provision'),
  user: pathFor('user'),
  connect: pathFor('connect'),
  disconnect: pathFor('disconnect'),
  disconnectAll: pathFor('disconnectAll'),
});

const Name = z
  .string()
  .min(1)
  .max(254)
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'must not contain control characters');

export const SettingsSchema = z.strictObject({
  version: z.literal(1).default(1),
  /** This packing station or front desk, written on every job. */
  station: Name.optional(),
  /** The default operator when none signs in (CLI). */
  operator: Name.optional(),
  validic: z
    .strictObject({
      orgId: z.string().min(1).optional(),
      /** The organization token. The Electron shell keeps it encrypted (safeStorage) instead. */
      token: z.string().min(1).optional(),
      apiBase: z.url().default(defaultBases.api),
      directBase: z.url().default(defaultBases.direct),
      paths: PathsSchema.default(PathsSchema.parse({})),
    })
    .default({ apiBase: defaultBases.api, directBase: defaultBases.direct, paths: PathsSchema.parse({}) }),
  deviceTypes: z
    .array(DeviceTypeSchema)
    .min(1)
    .default([...defaultDeviceTypes])
    .transform(withDefaultSpanishLabels),
  client: z
    .strictObject({
      timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
      retries: z.number().int().min(0).max(20).default(4),
      concurrency: z.number().int().min(1).max(64).default(16),
    })
    .default({ timeoutMs: 10_000, retries: 4, concurrency: 16 }),
  rateLimit: z
    .strictObject({
      limit: z.number().int().min(1).default(2000),
      windowMs: z.number().int().min(1000).default(3_600_000),
    })
    .default({ limit: 2000, windowMs: 3_600_000 }),
});
export type Settings = z.infer<typeof SettingsSchema>;
export type SettingsInput = z.input<typeof SettingsSchema>;

export const defaultSettings: Settings = SettingsSchema.parse({});
