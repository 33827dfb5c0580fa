/** The IMEI as a branded type, for every edge (IPC, HTTP, files, CLI): only a validated IMEI gets through. */
import { z } from 'zod';
import { passesLuhn } from './luhn.js';

export const Imei = z
  .string()
  // `abort`: zod runs later checks after a failed one, and the Luhn sum takes digits only (it throws otherwise).
  .regex(/^\d{15}$/, { message: 'an IMEI is exactly 15 digits', abort: true })
  .refine(passesLuhn, 'the IMEI check digit (Luhn) does not match')
  .brand<'Imei'>();

export type Imei = z.infer<typeof Imei>;
