import { describe, expect, it } from 'vitest';
import { newTypeProblem, typesChanged, usbRowProblem } from '../../renderer/src/screens/settings-drafts.js';

const rows = [{ id: 'blood_glucose', label: 'Glucose meter' }];

describe('Settings screen drafts', () => {
  it('tells the admin what is wrong with a new device type while they type', () => {
    expect(newTypeProblem('Ear Thermo', 'Ear thermometer', rows)).toBe('id_format');
    expect(newTypeProblem('blood_glucose', 'Another', rows)).toBe('id_taken');
    expect(newTypeProblem('thermometer', ' ', rows)).toBe('label_missing');
    expect(newTypeProblem('thermometer', 'Thermometer', rows)).toBeUndefined();
  });

  it('knows when the list differs from what is saved', () => {
    expect(typesChanged(rows, rows)).toBe(false);
    expect(typesChanged(rows, [{ id: 'blood_glucose', label: 'Glucometer' }])).toBe(true);
    expect(typesChanged(rows, [...rows, { id: 'thermometer', label: 'Thermometer' }])).toBe(true);
  });

  it('checks a USB row field by field', () => {
    expect(usbRowProblem({ vendorId: '2c7', productId: '', maker: 'x', kind: 'modem' })).toBe('vendor');
    expect(usbRowProblem({ vendorId: '2C7C', productId: '01', maker: 'x', kind: 'modem' })).toBe('product');
    expect(usbRowProblem({ vendorId: '2c7c', productId: '0125', maker: ' ', kind: 'modem' })).toBe('name');
    expect(usbRowProblem({ vendorId: '2c7c', productId: '', maker: 'Quectel', kind: 'modem' })).toBeUndefined();
  });
});
