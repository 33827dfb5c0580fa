/** The IMEI as a branded type, for every edge (IPC, HTTP, files, CLI): only a validated IMEI gets through. */
import { z } from 'zod';
import { passesLuhn } from './luhn.js';

export const Imei = z
  .string()
  .regex(/^\d{15}$/, 'an IMEI is exactly 15 digits')
  .refine(passesLuhn, 'the IMEI check digit (Luhn) does not match')
  .brand<'Imei'>();

export type Imei = z.infer<typeof Imei>;
