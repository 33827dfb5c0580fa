/**
 * One well-formed request for every channel of the contract, with the access the channel must
 * declare: the table the guard walk and the fuzz start from. Typed over every channel name, so a
 * new channel without an entry fails the typecheck (and the walk's own comparison fails the run).
 * PINs here are wrong on purpose; a test that wants the right one sets it.
 */
import type { z } from 'zod';
import type { Access, ChannelName } from '../../src/ipc/channel-types.js';
import type { KioskContract } from '../../src/ipc/contract.js';
import { KNOWN_IMEI } from './imei.js';

export type KioskChannel = ChannelName<KioskContract>;
type RequestOf<K extends KioskChannel> = K extends `${infer NS}.${infer M}`
  ? NS extends keyof KioskContract
    ? M extends keyof KioskContract[NS]
      ? KioskContract[NS][M] extends { request: z.ZodType }
        ? z.input<KioskContract[NS][M]['request']>
        : never
      : never
    : never
  : never;

/** A patient whose data no signed-out answer may hold, and the device connected to them. */
export const PATIENT = { uid: 'PAT-GUARD-0417', imei: KNOWN_IMEI, deviceType: 'blood_glucose' } as const;
export const OTHER_PATIENT = 'PAT-GUARD-0982';
export const WRONG_PIN = '0000';

export const SAMPLES: { readonly [K in KioskChannel]: { readonly access: Access; readonly request: RequestOf<K> } } = {
  'imei.validate': { access: 'anyone', request: { raw: '35-209900-176148-1' } },
  'app.info': { access: 'anyone', request: {} },
  'session.signIn': { access: 'anyone', request: { operatorId: 'op-guard' } },
  'session.signInNeeds': { access: 'anyone', request: { operatorId: 'op-guard' } },
  'session.signOut': { access: 'anyone', request: {} },
  'session.current': { access: 'anyone', request: {} },
  'auth.check': { access: 'anyone', request: { role: 'supervisor', pin: WRONG_PIN } },
  'settings.get': { access: 'operator', request: {} },
  'settings.station': { access: 'anyone', request: {} },
  'settings.update': { access: 'admin', request: { adminPin: WRONG_PIN, patch: { idleMinutes: 5 } } },
  'settings.setCredentials': {
    access: 'admin',
    request: { adminPin: WRONG_PIN, orgId: 'org-guard', token: 'token-guard-0001' },
  },
  'settings.clearCredentials': { access: 'admin', request: { adminPin: WRONG_PIN } },
  'settings.testConnection': {
    access: 'admin',
    request: { adminPin: WRONG_PIN, orgId: 'org-guard', token: 'token-guard-0001' },
  },
  'settings.changePin': { access: 'admin', request: { adminPin: WRONG_PIN, role: 'supervisor', newPin: '2468' } },
  'settings.saveOperator': { access: 'admin', request: { adminPin: WRONG_PIN, operatorId: 'op-new' } },
  'settings.removeOperator': { access: 'admin', request: { adminPin: WRONG_PIN, operatorId: 'op-new' } },
  'onboard.submit': {
    access: 'operator',
    request: {
      imei: PATIENT.imei,
      raw: PATIENT.imei,
      source: 'wedge',
      uid: OTHER_PATIENT,
      deviceType: PATIENT.deviceType,
    },
  },
  'onboard.typeHint': { access: 'operator', request: { imei: PATIENT.imei } },
  'jobs.list': { access: 'operator', request: { filter: 'all' } },
  'jobs.retry': { access: 'operator', request: { jobId: 'job-none' } },
  'jobs.cancel': { access: 'operator', request: { jobId: 'job-none' } },
  'jobs.override': { access: 'supervisor', request: { jobId: 'job-none', supervisorPin: WRONG_PIN } },
  'queue.status': { access: 'operator', request: {} },
  'batch.import': { access: 'operator', request: { csv: 'uid,device_type\n' } },
  'batch.status': { access: 'operator', request: {} },
  'batch.scan': { access: 'operator', request: { imei: PATIENT.imei, raw: PATIENT.imei, source: 'wedge' } },
  'batch.close': { access: 'operator', request: {} },
  'batch.findOrder': { access: 'operator', request: { orderRef: 'ORD-1' } },
  'exports.manifest': { access: 'operator', request: { from: '2020-01-01', to: '2099-12-31', fullImei: true } },
  'disconnect.preview': { access: 'operator', request: { imei: PATIENT.imei } },
  'disconnect.one': {
    access: 'supervisor',
    request: { uid: PATIENT.uid, imei: PATIENT.imei, supervisorPin: WRONG_PIN },
  },
  'disconnect.all': { access: 'supervisor', request: { uid: PATIENT.uid, supervisorPin: WRONG_PIN } },
  'serial.status': { access: 'operator', request: {} },
  'reading.wait': { access: 'operator', request: { jobId: 'job-none', waitSeconds: 1 } },
  'reading.stop': { access: 'anyone', request: {} },
};

export const SAMPLE_CHANNELS = Object.keys(SAMPLES) as KioskChannel[];
