/**
 * Schemas with a refine or a transform refuse malformed input, never throw: zod runs a refine after
 * a failed format check unless told not to, so a refine that assumes the format (the IMEI's Luhn
 * sum over digits) must not see what failed it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../src/config/settings.js';
import { Imei } from '../../src/imei/schema.js';
import { Day, LedgerRecordBody } from '../../src/ledger/index.js';
import { UsbDeviceMatch } from '../../src/serial/usb-ids.js';
import { Uid } from '../../src/validic/uid.js';
import { contract } from '../../src/ipc/contract.js';

/** Strings near each format (digits, dashes, hex, letters) and any value at all. */
const nearString = fc.string({ unit: fc.constantFrom(...'0123456789-abcdefXZ :é\u0000'), maxLength: 20 });
const anyInput = fc.oneof(fc.anything(), nearString, fc.string(), fc.jsonValue());
const withField = (base: Record<string, unknown>, key: string) => anyInput.map((value) => ({ ...base, [key]: value }));

const schemas = {
  Imei,
  Day,
  Uid,
  UsbDeviceMatch,
  SettingsSchema,
  LedgerRecordBody,
  'disconnect.preview': contract.disconnect.preview.request,
};

describe('schemas with refines and transforms', () => {
  it.each(Object.entries(schemas))('%s refuses any input without throwing', (_name, schema) => {
    fc.assert(
      fc.property(anyInput, (input) => {
        expect(typeof schema.safeParse(input).success).toBe('boolean');
      }),
    );
  });

  it('refuse records whose refined fields hold anything', () => {
    const config = { type: 'config_change', key: 'station', secret: false };
    const usb = { vendorId: '2c7c', maker: 'Quectel', kind: 'modem' };
    const inputs = fc.oneof(
      withField(config, 'key'),
      withField(config, 'value'),
      withField({ ...config, key: 'validic.token' }, 'secret'),
      withField({ type: 'job_intent', jobId: 'j', uid: 'pat-0001', deviceType: 'bpm' }, 'imei'),
      withField(usb, 'vendorId'),
      withField(usb, 'productId'),
      withField({}, 'deviceTypes'),
    );
    fc.assert(
      fc.property(inputs, (input) => {
        expect(() => [
          LedgerRecordBody.safeParse(input),
          UsbDeviceMatch.safeParse(input),
          SettingsSchema.safeParse(input),
        ]).not.toThrow();
      }),
    );
  });

  it('says why an IMEI is refused: the format first, the check digit only for 15 digits', () => {
    expect(Imei.safeParse('abc').error?.issues.map((i) => i.message)).toEqual(['an IMEI is exactly 15 digits']);
    expect(Imei.safeParse('49015420323751x').error?.issues.map((i) => i.message)).toEqual([
      'an IMEI is exactly 15 digits',
    ]);
    expect(Imei.safeParse('490154203237519').error?.issues.map((i) => i.message)).toEqual([
      'the IMEI check digit (Luhn) does not match',
    ]);
    expect(Imei.safeParse('490154203237518').success).toBe(true);
  });
});
