import { describe, expect, it } from 'vitest';
import type { PublicSettings } from '../../src/ipc/schemas.js';
import { formFrom, formUnsaved, rebaseForm } from '../../renderer/src/screens/settings-form.js';

const saved: PublicSettings = {
  mode: 'training',
  station: 'Packing 1',
  language: 'en',
  orgId: '',
  hasToken: false,
  apiBase: 'https://api.v2.validic.com',
  directBase: 'https://direct.validic.com',
  deviceTypes: [{ id: 'blood_glucose', label: 'Glucose meter', confirmed: true }],
  idleMinutes: 10,
  sounds: true,
  kiosk: false,
  askReading: false,
  wedgePrefix: '',
  serialBaud: 115200,
  scannerBaud: 9600,
  scannerFraming: { mode: 'line', ending: 'cr' },
  extraUsbDevices: [],
  defaultPins: ['admin', 'supervisor'],
  operators: [],
};

describe('the Settings screen general form', () => {
  it('has nothing unsaved when filled from the settings, or typed back to them', () => {
    const form = formFrom(saved);
    expect(formUnsaved(form)).toBe(false);
    expect(formUnsaved({ ...form, draft: { ...saved, station: 'Packing 2' } })).toBe(true);
    expect(formUnsaved({ ...form, draft: { ...saved, station: 'Packing 1' } })).toBe(false);
    expect(formUnsaved({ ...form, idleText: '' })).toBe(true);
    expect(formUnsaved({ ...form, idleText: '10' })).toBe(false);
    // "Automatic" camera is '' in the field and absent in the settings: the same choice.
    expect(formUnsaved({ ...form, draft: { ...saved, cameraDeviceId: '' } })).toBe(false);
  });

  it('takes fresh settings under the fields not typed in, and is then not unsaved', () => {
    const fresh = { ...saved, mode: 'production' as const, hasToken: true, defaultPins: [], station: 'Desk A' };
    const form = rebaseForm(formFrom(saved), fresh);
    expect(form.base).toBe(fresh);
    expect(form.draft).toEqual(fresh);
    expect(form.idleText).toBe('10');
    expect(formUnsaved(form)).toBe(false);
    expect(rebaseForm(formFrom(saved), { ...saved, idleMinutes: 30 }).idleText).toBe('30');
  });

  it('keeps what the admin typed and did not save over fresh settings, and still calls it unsaved', () => {
    const typed = { ...formFrom(saved), draft: { ...saved, station: 'Packing 9', sounds: false }, idleText: '' };
    const fresh = { ...saved, station: 'Desk A', kiosk: true, idleMinutes: 30, defaultPins: ['admin' as const] };
    const form = rebaseForm(typed, fresh);
    expect(form.draft).toEqual({ ...fresh, station: 'Packing 9', sounds: false });
    expect(form.idleText).toBe('');
    expect(formUnsaved(form)).toBe(true);
  });

  it('is not unsaved once what was typed is what the engine saved, and keeps what was typed during the save', () => {
    const typed = { ...formFrom(saved), draft: { ...saved, station: 'Desk 9' }, idleText: '20' };
    const answer = { ...saved, station: 'Desk 9', idleMinutes: 20 };
    expect(formUnsaved(rebaseForm(typed, answer))).toBe(false);
    const typedDuringSave = { ...typed, draft: { ...typed.draft, sounds: false } };
    const form = rebaseForm(typedDuringSave, answer);
    expect(form.draft).toEqual({ ...answer, sounds: false });
    expect(formUnsaved(form)).toBe(true);
  });

  it('counts a field typed back to what it was as not typed: the fresh value shows', () => {
    const typedBack = { ...formFrom(saved), draft: { ...saved, station: 'Packing 1' }, idleText: '10' };
    const form = rebaseForm(typedBack, { ...saved, station: 'Desk A', idleMinutes: 30 });
    expect(form.draft.station).toBe('Desk A');
    expect(form.idleText).toBe('30');
  });
});
