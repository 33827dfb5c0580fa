import { describe, expect, it } from 'vitest';
import { deviceTypeIdProblem, planDeviceTypes, type DeviceTypeUse } from '../../src/config/device-type-rules.js';
import { defaultDeviceTypes } from '../../src/config/settings.js';

const unused = (): DeviceTypeUse => ({ openJobs: 0, batchOrders: 0 });
const edits = defaultDeviceTypes.map(({ id, label }) => ({ id, label }));

describe('device type rules', () => {
  it('adds a type: an id Validic does not confirm is marked assumed, a confirmed one is not', () => {
    const plan = planDeviceTypes(
      defaultDeviceTypes.slice(0, 1),
      [edits[0]!, { id: 'thermometer', label: ' Thermometer ' }, { id: 'weight_scale', label: 'Scale' }],
      unused,
    );
    expect(plan).toMatchObject({ ok: true, removed: [], relabelled: [] });
    if (!plan.ok) return;
    expect(plan.added).toEqual([
      { id: 'thermometer', label: 'Thermometer', confirmed: false },
      { id: 'weight_scale', label: 'Scale', confirmed: true },
    ]);
  });

  it('relabels a type and keeps its confirmed flag (pulse_oximeter stays assumed)', () => {
    const plan = planDeviceTypes(
      defaultDeviceTypes,
      edits.map((e) => (e.id === 'pulse_oximeter' ? { ...e, label: 'SpO2 meter' } : e)),
      unused,
    );
    expect(plan).toMatchObject({
      ok: true,
      relabelled: [{ id: 'pulse_oximeter', label: 'SpO2 meter', confirmed: false }],
    });
  });

  it('keeps a Spanish label the edit does not name, clears an empty one, and refuses a long one', () => {
    const kept = planDeviceTypes(defaultDeviceTypes, edits, unused);
    expect(kept.ok && kept.deviceTypes.find((d) => d.id === 'blood_glucose')?.labelEs).toBe('Glucómetro');
    expect(kept).toMatchObject({ relabelled: [] });
    const cleared = planDeviceTypes(
      defaultDeviceTypes,
      edits.map((e) => (e.id === 'blood_glucose' ? { ...e, labelEs: ' ' } : e)),
      unused,
    );
    expect(cleared.ok && cleared.deviceTypes.find((d) => d.id === 'blood_glucose')).toEqual({
      id: 'blood_glucose',
      label: 'Glucose meter',
      confirmed: true,
    });
    expect(cleared).toMatchObject({ relabelled: [{ id: 'blood_glucose' }] });
    const renamed = planDeviceTypes(
      defaultDeviceTypes,
      edits.map((e) => (e.id === 'weight_scale' ? { ...e, labelEs: ' Balanza ' } : e)),
      unused,
    );
    expect(renamed).toMatchObject({
      ok: true,
      relabelled: [{ id: 'weight_scale', label: 'Weight scale', labelEs: 'Balanza' }],
    });
    const long = planDeviceTypes(
      defaultDeviceTypes,
      edits.map((e) => (e.id === 'weight_scale' ? { ...e, labelEs: 'b'.repeat(61) } : e)),
      unused,
    );
    expect(long).toMatchObject({
      ok: false,
      kind: 'device_type_spanish_label_too_long',
      reason: 'The Spanish label of "weight_scale" is 61 characters long; at most 60 fit on a button.',
      params: { id: 'weight_scale', length: 61 },
    });
  });

  it('removes an unused type', () => {
    const plan = planDeviceTypes(defaultDeviceTypes, edits.slice(0, 3), unused);
    expect(plan).toMatchObject({ ok: true, removed: [{ id: 'pulse_oximeter' }] });
  });

  it('keeps at least one type', () => {
    expect(planDeviceTypes(defaultDeviceTypes, [], unused)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('At least one device type must remain'),
    });
  });

  it('refuses a duplicate id and a duplicate label, naming them', () => {
    expect(
      planDeviceTypes(defaultDeviceTypes, [...edits, { id: 'weight_scale', label: 'Other scale' }], unused),
    ).toMatchObject({
      ok: false,
      reason: 'The device type id "weight_scale" is listed twice.',
    });
    expect(
      planDeviceTypes(defaultDeviceTypes, [...edits, { id: 'scale_two', label: 'weight SCALE' }], unused),
    ).toMatchObject({
      ok: false,
      reason: expect.stringContaining('"weight_scale" and "scale_two" have the same label'),
    });
  });

  it('refuses an id that is not lower_snake_case, and a blank label', () => {
    expect(deviceTypeIdProblem('Blood Glucose')?.reason).toContain('lower_snake_case');
    expect(deviceTypeIdProblem('1scale')?.reason).toContain('lower_snake_case');
    expect(deviceTypeIdProblem('')?.reason).toBe('A new device type needs an id.');
    expect(deviceTypeIdProblem('x'.repeat(65))?.reason).toContain('at most 64');
    expect(deviceTypeIdProblem('spirometer_2')).toBeNull();
    expect(planDeviceTypes(defaultDeviceTypes, [...edits, { id: 'spirometer', label: '  ' }], unused)).toMatchObject({
      ok: false,
      reason: 'The device type "spirometer" has no label.',
    });
  });

  it('refuses to remove a type open jobs or the open batch use, saying which and what to do', () => {
    const use = (id: string): DeviceTypeUse =>
      id === 'blood_glucose' ? { openJobs: 2, batchOrders: 1 } : { openJobs: 0, batchOrders: 0 };
    const plan = planDeviceTypes(defaultDeviceTypes, edits.slice(1), use);
    expect(plan).toEqual({
      ok: false,
      kind: 'device_type_in_use',
      params: { label: 'Glucose meter', id: 'blood_glucose', openJobs: 2, batchOrders: 1 },
      reason:
        '"Glucose meter" (blood_glucose) cannot be removed: 2 open jobs and 1 order of the open batch still use it.',
      nextAction: 'Finish or cancel those jobs (Queue screen) and close the batch (Batch screen), then remove it.',
    });
    const onlyJob = planDeviceTypes(defaultDeviceTypes, edits.slice(1), () => ({ openJobs: 1, batchOrders: 0 }));
    expect(onlyJob).toMatchObject({
      ok: false,
      kind: 'device_type_used_by_jobs',
      reason: expect.stringContaining('1 open job still uses it'),
      nextAction: 'Finish or cancel those jobs (Queue screen), then remove it.',
    });
    const onlyBatch = planDeviceTypes(defaultDeviceTypes, edits.slice(1), () => ({ openJobs: 0, batchOrders: 2 }));
    expect(onlyBatch).toMatchObject({
      ok: false,
      kind: 'device_type_used_by_batch',
      reason: expect.stringContaining('2 orders of the open batch still use it'),
      nextAction: 'Close the batch (Batch screen), then remove it.',
    });
  });

  it('treats a changed id as a removal plus an addition (so an id in use cannot be renamed away)', () => {
    const renamed = edits.map((e) => (e.id === 'blood_glucose' ? { id: 'glucose_meter', label: e.label } : e));
    expect(planDeviceTypes(defaultDeviceTypes, renamed, unused)).toMatchObject({
      ok: true,
      removed: [{ id: 'blood_glucose' }],
      added: [{ id: 'glucose_meter', confirmed: false }],
    });
    expect(planDeviceTypes(defaultDeviceTypes, renamed, () => ({ openJobs: 1, batchOrders: 0 }))).toMatchObject({
      ok: false,
    });
  });
});
