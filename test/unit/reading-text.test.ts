import { describe, expect, it } from 'vitest';
import { readingValues } from '../../renderer/src/i18n/reading-text.js';

describe('readingValues', () => {
  it('says each Smart Meter reading with its units, blood pressure as systolic/diastolic', () => {
    expect(readingValues('en', [{ type: 'blood_glucose', unit: 'mg/dL', value: 104 }])).toEqual([
      { label: 'Glucose', value: '104 mg/dL' },
    ]);
    expect(
      readingValues('en', [
        { type: 'systolic', unit: 'mmHg', value: 121 },
        { type: 'diastolic', unit: 'mmHg', value: 79 },
        { type: 'pulse', unit: 'bpm', value: 72 },
      ]),
    ).toEqual([
      { label: 'Blood pressure', value: '121/79 mmHg' },
      { label: 'Pulse', value: '72 bpm' },
    ]);
    expect(readingValues('en', [{ type: 'body_weight', unit: 'kg', value: 72.45 }])).toEqual([
      { label: 'Weight', value: '72.5 kg' },
    ]);
    expect(
      readingValues('en', [
        { type: 'spo2', unit: 'percent', value: 97 },
        { type: 'pulse', unit: 'bpm', value: 64 },
      ]),
    ).toEqual([
      { label: 'SpO₂', value: '97 %' },
      { label: 'Pulse', value: '64 bpm' },
    ]);
  });

  it('uses the language for names, units and decimals, and shows an unknown metric as it came', () => {
    expect(
      readingValues('es', [
        { type: 'body_weight', unit: 'kg', value: 72.4 },
        { type: 'pulse', unit: 'bpm', value: 70 },
      ]),
    ).toEqual([
      { label: 'Peso', value: '72,4 kg' },
      { label: 'Pulso', value: '70 lpm' },
    ]);
    expect(readingValues('en', [{ type: 'body_temperature', unit: 'C', value: 36.6 }])).toEqual([
      { label: 'body temperature', value: '36.6 C' },
    ]);
    // A lone systolic is not a blood pressure: it shows by its own name.
    expect(readingValues('en', [{ type: 'systolic', unit: 'mmHg', value: 120 }])).toEqual([
      { label: 'systolic', value: '120 mmHg' },
    ]);
  });
});
