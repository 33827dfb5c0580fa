/**
 * What the engine's pure rules actually emit for each refusal, problem or order-row kind they own:
 * the kind, its params and the engine's own English. The catalogue test renders every sample in
 * every language (a text that needs a value the engine does not send fails there) and proves the
 * engine's English is the catalogue's, word for word.
 */
import { crossCheckImei } from '../../src/capture/cross-check.js';
import { planDeviceTypes } from '../../src/config/device-type-rules.js';
import type { DeviceType } from '../../src/config/settings.js';
import type { JobView } from '../../src/ledger/job-index.js';
import { otherModeResult } from '../../src/onboarding/job-modes.js';
import { resultOf } from '../../src/onboarding/onboard-result.js';
import { parseOrdersCsv } from '../../src/onboarding/orders-csv.js';
import { classifyOpenError, disconnectedError } from '../../src/serial/errors.js';
import { VALIDIC_ERROR_KINDS, ValidicError } from '../../src/validic/errors.js';
import { baudRateProblem, planExtraUsbDevices, usbDeviceProblem } from '../../src/serial/serial-profile.js';

export interface EngineSample {
  readonly kind: string;
  readonly params: Readonly<Record<string, string | number>>;
  /** The engine's English, as it hands it on. */
  readonly message: string;
  readonly nextAction?: string;
}

const current: DeviceType[] = [{ id: 'blood_glucose', label: 'Glucose meter', confirmed: true }];
const unused = () => ({ openJobs: 0, batchOrders: 0 });

export function deviceTypeSamples(): EngineSample[] {
  const edits = [
    [],
    [{ id: '', label: 'Scale' }],
    [{ id: 'x'.repeat(65), label: 'Scale' }],
    [{ id: 'Bad-Id', label: 'Scale' }],
    [{ id: 'weight_scale', label: '' }],
    [{ id: 'weight_scale', label: 'L'.repeat(61) }],
    [{ id: 'weight_scale', label: 'Scale', labelEs: 'B'.repeat(61) }],
    [
      { id: 'weight_scale', label: 'Scale' },
      { id: 'weight_scale', label: 'Other' },
    ],
    [
      { id: 'weight_scale', label: 'Scale' },
      { id: 'spo2', label: 'Scale' },
    ],
  ];
  const samples = edits.map((requested) => planDeviceTypes(current, requested, unused));
  samples.push(
    planDeviceTypes(current, [{ id: 'weight_scale', label: 'Scale' }], () => ({ openJobs: 1, batchOrders: 2 })),
    planDeviceTypes(current, [{ id: 'weight_scale', label: 'Scale' }], () => ({ openJobs: 0, batchOrders: 1 })),
    planDeviceTypes(current, [{ id: 'weight_scale', label: 'Scale' }], () => ({ openJobs: 3, batchOrders: 0 })),
  );
  return samples.map((plan) => {
    if (plan.ok) throw new Error('expected a refused device type edit');
    return { kind: plan.kind, params: plan.params, message: plan.reason, nextAction: plan.nextAction };
  });
}

export function serialProfileSamples(): EngineSample[] {
  const modem = { vendorId: '2c7c', maker: 'Quectel', kind: 'modem' as const };
  const problems = [
    usbDeviceProblem({ ...modem, vendorId: 'zz' }, 1),
    usbDeviceProblem({ ...modem, productId: '12' }, 2),
    usbDeviceProblem({ ...modem, maker: ' ' }, 3),
    baudRateProblem(12_345),
  ];
  const plans = [planExtraUsbDevices(Array.from({ length: 33 }, () => modem)), planExtraUsbDevices([modem, modem])];
  return [...problems, ...plans.map((plan) => (plan.ok ? null : plan))].map((problem) => {
    if (!problem) throw new Error('expected a refused serial profile edit');
    return { kind: problem.kind, params: problem.params, message: problem.reason, nextAction: problem.nextAction };
  });
}

const IMEI = '490154203237518';
const OTHER_IMEI = '356938035643809';

export function orderRowSamples(): EngineSample[] {
  const files = [
    '"unterminated',
    '',
    'uid,device_type,colour\n',
    'uid,device_type,uid\n',
    'uid\n',
    'uid,device_type\n',
    `uid,device_type\n${'PAT-1,blood_glucose\n'.repeat(50_001)}`,
    'uid,device_type\nPAT-1\n',
    'uid,device_type\nP,blood_glucose\n',
    'uid,device_type\nPAT-1,\n',
    'uid,device_type\nPAT-1,toaster\n',
    `uid,device_type,order_ref\nPAT-1,blood_glucose,${'r'.repeat(255)}\n`,
    'uid,device_type,order_ref\nPAT-1,blood_glucose,"a\tb"\n',
    'uid,device_type,order_ref\nPAT-1,blood_glucose,R1\nPAT-2,blood_glucose,R1\n',
    'uid,device_type,expected_imei\nPAT-1,blood_glucose,123\n',
    `uid,device_type,expected_imei\nPAT-1,blood_glucose,${IMEI}\nPAT-2,blood_glucose,${IMEI}\n`,
  ];
  return files.flatMap((text) => {
    const result = parseOrdersCsv(text, ['blood_glucose']);
    if (result.ok) throw new Error(`expected a refused orders file: ${text.slice(0, 40)}`);
    return result.errors.map((error) => ({ kind: error.kind, params: error.params ?? {}, message: error.reason }));
  });
}

/** The label/modem cross-check, with the params it hands on. */
export function crossCheckSamples(): EngineSample[] {
  return [
    [IMEI, OTHER_IMEI],
    ['123', IMEI],
    [IMEI, '123'],
  ].map(([label, modem]) => {
    const check = crossCheckImei(label!, modem!);
    if (check.ok) throw new Error('expected a failed cross-check');
    return { kind: check.kind, params: check.params, message: check.message, nextAction: check.nextAction };
  });
}

/** A job as the journal holds it, for the pure answers of onboarding. */
function job(fields: Partial<JobView>): JobView {
  return {
    jobId: 'J-1',
    imei: IMEI,
    uid: 'PAT-1',
    deviceType: 'blood_glucose',
    operator: 'op-1',
    station: 'desk-1',
    state: 'queued',
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
    intentSeq: 1,
    lastSeq: 1,
    apiAttempts: 0,
    connectSends: 0,
    connectStarts: 0,
    ...fields,
  } as JobView;
}

/** The answers onboarding gives without a journal or a client: a job of another mode (or none), a cancelled one. */
export function onboardingSamples(): EngineSample[] {
  const results = [
    otherModeResult(job({ mode: 'training' }), 'production'),
    otherModeResult(job({}), 'training'),
    resultOf(job({ state: 'cancelled', reason: 'Cancelled by op-1.', reasonKind: 'cancelled_by' })),
    // An older journal's queued job: no reason, no kind; the catalogue says what the state means.
    resultOf(job({ state: 'queued' })),
  ];
  return results.map((result) => {
    if (!('problem' in result)) throw new Error(`expected a problem: ${result.outcome}`);
    const { kind, params = {}, message, nextAction } = result.problem;
    return { kind, params, message, nextAction };
  });
}

/** Read failures the serial layer words itself (the port and serialport's words stay in `detail`). */
export function serialErrorSamples(): EngineSample[] {
  const errors = [
    disconnectedError('/dev/ttyUSB0'),
    ...['No such file or directory', 'Permission denied', 'Cannot lock port', 'Inappropriate ioctl', 'EIO'].map(
      (detail) => classifyOpenError('/dev/ttyUSB0', detail),
    ),
  ];
  return errors.map(({ kind, message, nextAction }) => ({ kind, params: {}, message, nextAction }));
}

/** Every Validic kind's next action (its message is the client's own detail: status, server words). */
export function validicNextActions(): { kind: string; nextAction: string }[] {
  return VALIDIC_ERROR_KINDS.map((kind) => ({ kind, nextAction: new ValidicError({ kind, message: 'x' }).nextAction }));
}
