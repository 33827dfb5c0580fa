/**
 * What the engine's pure rules actually emit for each refusal or order-row kind they own: the kind,
 * its params and the engine's own English. The catalogue test renders every sample in every
 * language, so a text that needs a value the engine does not send fails there.
 */
import { crossCheckImei } from '../../src/capture/cross-check.js';
import { planDeviceTypes } from '../../src/config/device-type-rules.js';
import { formatImei } from '../../src/imei/format.js';
import type { DeviceType } from '../../src/config/settings.js';
import { parseOrdersCsv } from '../../src/onboarding/orders-csv.js';
import { baudRateProblem, planExtraUsbDevices, usbDeviceProblem } from '../../src/serial/serial-profile.js';

export interface EngineSample {
  readonly kind: string;
  readonly params: Readonly<Record<string, string | number>>;
  /** The engine's English today (before it renders from the catalogue). */
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

/** The label/modem cross-check, with the params the Onboard handler sends with it. */
export function crossCheckSamples(): EngineSample[] {
  return [
    [IMEI, OTHER_IMEI],
    ['123', IMEI],
    [IMEI, '123'],
  ].map(([label, modem]) => {
    const check = crossCheckImei(label!, modem!);
    if (check.ok) throw new Error('expected a failed cross-check');
    return {
      kind: check.kind,
      params: { label: formatImei(check.labelImei), modem: formatImei(check.modemImei) },
      message: check.message,
    };
  });
}
