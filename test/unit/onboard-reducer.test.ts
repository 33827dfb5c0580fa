import { describe, expect, it } from 'vitest';
import { extractImeiCandidates } from '../../src/capture/candidates.js';
import { ImeiValidationSchema, OnboardOutcomeSchema, type OnboardOutcome } from '../../src/ipc/schemas.js';
import {
  ACK_BARCODE,
  AUTO_RETURN_SECONDS,
  initialOnboardState,
  onboardReducer,
  type OnboardEvent,
  type OnboardState,
} from '../../renderer/src/screens/onboard-state.js';

// The Onboard screen's rules as events in, state out: what each scan, answer and tick does.
const IMEI = '490154203237518';
const OTHER_IMEI = '356938035643809';
const station = { deviceTypes: [{ id: 'blood_glucose' }, { id: 'weight_scale' }], operators: [{ id: 'OP-7' }] };

function run(...events: OnboardEvent[]): OnboardState {
  return events.reduce(onboardReducer, initialOnboardState);
}
const scan = (text: string): OnboardEvent => ({
  type: 'scan',
  scan: { text, candidates: extractImeiCandidates(text, 'wedge'), source: 'wedge' },
  station,
});

const job = {
  id: 'job-1',
  imei: IMEI,
  uid: 'P-1001',
  deviceType: 'blood_glucose',
  state: 'connected' as const,
  operator: 'OP-7',
  station: 'desk',
  createdAt: '2026-12-02T10:00:00Z',
  updatedAt: '2026-12-02T10:00:01Z',
  cancellable: false,
  open: false,
};
const queue = { depth: 0, oldestAgeMs: null, inFlight: 0, paused: false, unverified: 0, needsAttention: 0 };
// Parsed by the contract's own schema, as the screen receives them.
const connected: OnboardOutcome = OnboardOutcomeSchema.parse({ outcome: 'connected', job, queue });
const blocked: OnboardOutcome = OnboardOutcomeSchema.parse({
  outcome: 'blocked',
  job,
  queue,
  problem: { kind: 'imei_on_other_patient', message: 'm', nextAction: 'n' },
});
const answered = (outcome: OnboardOutcome, askReading = false): OnboardEvent => ({
  type: 'answered',
  outcome,
  askReading,
});

describe('the Onboard reducer: scans', () => {
  it('an IMEI fills the device and moves to the patient field', () => {
    const s = run(scan(IMEI));
    expect(s.draft.label).toEqual({ imei: IMEI, raw: IMEI, source: 'wedge' });
    expect(s.focus).toEqual({ field: 'uid' });
    expect(s.notice).toBeUndefined();
  });

  it("the modem's IMEI joins the label; another label starts a new device but keeps the modem's", () => {
    const modem: OnboardEvent = { type: 'imei_taken', imei: OTHER_IMEI, raw: OTHER_IMEI, source: 'modem' };
    const s = run(scan(IMEI), { type: 'uid_typed', uid: ' P-1001 ' }, modem);
    expect(s.draft).toMatchObject({ modemImei: OTHER_IMEI, uid: 'P-1001', label: { imei: IMEI } });
    const next = onboardReducer(s, scan(OTHER_IMEI));
    expect(next.draft).toEqual({
      uid: '',
      modemImei: OTHER_IMEI,
      label: expect.objectContaining({ imei: OTHER_IMEI }),
    });
  });

  it('a scan while a call is under way is refused with a sound, and changes nothing else', () => {
    const before = run(scan(IMEI), { type: 'submitting' });
    const s = onboardReducer(before, scan('P-2002'));
    expect(s.notice).toEqual({ kind: 'busy' });
    expect(s.sound).toEqual({ tone: 'error' });
    expect(s.draft).toBe(before.draft);
  });

  it('a red result is refused until the acknowledge barcode', () => {
    const shown = run(scan(IMEI), { type: 'submitting' }, answered(blocked));
    const refused = onboardReducer(shown, scan(OTHER_IMEI));
    expect(refused.notice).toEqual({ kind: 'ack_first' });
    expect(refused.outcome).toBe(blocked);
    const acked = onboardReducer(refused, scan(ACK_BARCODE));
    expect(acked.outcome).toBeUndefined();
    expect(acked.draft).toEqual({ uid: '' });
    expect(acked.focus).toEqual({ field: 'imei' });
  });

  it('a scan over a green result starts the next device with nothing of the last', () => {
    const shown = run(scan(IMEI), { type: 'uid_typed', uid: 'P-1001' }, { type: 'submitting' }, answered(connected));
    const s = onboardReducer(shown, scan(OTHER_IMEI));
    expect(s.outcome).toBeUndefined();
    expect(s.countdown).toBe(0);
    expect(s.draft).toEqual({ uid: '', label: { imei: OTHER_IMEI, raw: OTHER_IMEI, source: 'wedge' } });
  });

  it('a failed IMEI is refused; an IMEISV offers its IMEI with a warning tone', () => {
    expect(run(scan('490154203237519')).notice).toMatchObject({ kind: 'bad_imei', error: { kind: 'bad_check_digit' } });
    const s = run(scan('4901542032375101'));
    expect(s.imeisvOffer).toMatchObject({ imei: IMEI, source: 'wedge' });
    expect(s.sound).toEqual({ tone: 'warning' });
    const declined = onboardReducer(s, { type: 'imeisv_declined' });
    expect(declined.imeisvOffer).toBeUndefined();
    expect(declined.focus).toEqual({ field: 'imei' });
  });

  it('type barcodes: a known type is picked; an unknown one unpicks and is refused', () => {
    const picked = run(scan('TYPE:Weight_Scale'));
    expect(picked.draft.deviceType).toBe('weight_scale');
    const refused = onboardReducer(picked, scan('TYPE:toaster'));
    expect(refused.draft.deviceType).toBeUndefined();
    expect(refused.notice).toEqual({ kind: 'type_refused', deviceType: 'toaster' });
  });

  it("an operator's badge is never a patient; an order of a type the station lacks fills nothing", () => {
    expect(run(scan('op-7')).notice).toEqual({ kind: 'badge', operator: 'OP-7' });
    const s = run(scan('UID:P-1001;TYPE:toaster'));
    expect(s.notice).toEqual({ kind: 'order_unknown_type', deviceType: 'toaster' });
    expect(s.draft.uid).toBe('');
  });

  it('a whole order fills the patient, the type and its reference', () => {
    const s = run(scan('UID:P-1001;TYPE:blood_glucose;ORDER:SO-55'));
    expect(s.draft).toMatchObject({
      uid: 'P-1001',
      deviceType: 'blood_glucose',
      orderRef: 'SO-55',
      typeFromOrder: true,
    });
  });
});

describe('the Onboard reducer: order look-ups in the open batch', () => {
  it('a bare patient ID is looked up first; no order makes it the patient', () => {
    const s = run(scan('P-1001'));
    expect(s.lookup).toEqual({ ref: 'P-1001', as: 'patient' });
    const done = onboardReducer(s, { type: 'lookup_done', lookup: s.lookup!, station });
    expect(done.lookup).toBeUndefined();
    expect(done.draft.uid).toBe('P-1001');
  });

  it("an order for someone else asks which was meant, and the operator's answer is taken", () => {
    const s = run(scan('SO-55'));
    const order = { uid: 'P-2002', deviceType: 'weight_scale', orderRef: 'SO-55' };
    const asked = onboardReducer(s, { type: 'lookup_done', lookup: s.lookup!, order, station });
    expect(asked.orderOrPatient).toEqual({ order, text: 'SO-55' });
    expect(asked.draft.uid).toBe('');
    const ordered = onboardReducer(asked, { type: 'order_chosen', station });
    expect(ordered.orderOrPatient).toBeUndefined();
    expect(ordered.draft).toMatchObject({ uid: 'P-2002', deviceType: 'weight_scale', orderRef: 'SO-55' });
    expect(onboardReducer(asked, { type: 'patient_chosen' }).draft.uid).toBe('SO-55');
  });

  it('an order reference or unknown text that finds nothing is refused, saying what was scanned', () => {
    const ref = run(scan('ORDER:SO-9'));
    expect(onboardReducer(ref, { type: 'lookup_done', lookup: ref.lookup!, station }).notice).toEqual({
      kind: 'order_not_found',
      orderRef: 'SO-9',
    });
    const unknown = run(scan('hello world!'));
    expect(unknown.lookup).toEqual({ ref: 'hello world!', as: 'unknown' });
    expect(onboardReducer(unknown, { type: 'lookup_done', lookup: unknown.lookup!, station }).notice).toEqual({
      kind: 'unknown_scan',
      text: 'hello world!',
    });
  });

  it('a late answer to an older look-up still applies, leaving the newer look-up waiting', () => {
    const first = run(scan('ORDER:SO-1'));
    const second = onboardReducer(first, scan('ORDER:SO-2'));
    const order = { uid: 'P-1001', deviceType: 'blood_glucose', orderRef: 'SO-1' };
    const s = onboardReducer(second, { type: 'lookup_done', lookup: first.lookup!, order, station });
    expect(s.draft.orderRef).toBe('SO-1');
    expect(s.lookup).toBe(second.lookup);
  });
});

describe('the Onboard reducer: typing, answers and the countdown', () => {
  it('a typed IMEI is taken when the engine says it is valid; a stale answer is dropped', () => {
    const typing = run({ type: 'imei_typed', text: IMEI });
    const ok = ImeiValidationSchema.parse({
      ok: true,
      imei: IMEI,
      tac: '49015420',
      serial: '323751',
      checkDigit: '8',
      raw: IMEI,
    });
    expect(onboardReducer(typing, { type: 'imei_checked', text: '4901', answer: ok })).toBe(typing);
    const s = onboardReducer(typing, { type: 'imei_checked', text: IMEI, answer: ok });
    expect(s.draft.label).toEqual({ imei: IMEI, raw: IMEI, source: 'typed' });
    const cleared = onboardReducer({ ...s, draft: { ...s.draft, uid: 'P-1001' } }, { type: 'imei_typed', text: '' });
    expect(cleared.typedCheck).toBeUndefined();
    expect(cleared.draft).toEqual({ uid: 'P-1001' });
  });

  it('a model hint suggests a type only for the device still on the counter and only while none is picked', () => {
    const hint = { tac: '49015420', seen: 3, deviceType: 'weight_scale' };
    const s = run(scan(IMEI));
    expect(onboardReducer(s, { type: 'type_hinted', imei: IMEI, hint }).draft.typeHint).toEqual(hint);
    expect(onboardReducer(s, { type: 'type_hinted', imei: OTHER_IMEI, hint }).draft.typeHint).toBeUndefined();
    const picked = onboardReducer(s, { type: 'type_picked', deviceType: 'blood_glucose' });
    expect(onboardReducer(picked, { type: 'type_hinted', imei: IMEI, hint })).toBe(picked);
  });

  it('a green answer sounds, counts down and returns to ready; asking for a reading keeps it', () => {
    let s = run(scan(IMEI), { type: 'submitting' }, answered(connected));
    expect(s).toMatchObject({
      busy: false,
      outcome: connected,
      countdown: AUTO_RETURN_SECONDS,
      sound: { tone: 'success' },
    });
    for (let i = 1; i < AUTO_RETURN_SECONDS; i += 1) s = onboardReducer(s, { type: 'tick' });
    expect(s.countdown).toBe(1);
    s = onboardReducer(s, { type: 'tick' });
    expect(s.outcome).toBeUndefined();
    expect(s.draft).toEqual({ uid: '' });
    expect(run(answered(connected, true)).countdown).toBe(0);
    expect(run(answered(blocked))).toMatchObject({ countdown: 0, sound: { tone: 'error' } });
  });

  it('clearing while a call is under way stays busy; a failure says why and frees the screen', () => {
    const s = run(scan(IMEI), { type: 'submitting' }, { type: 'reset' });
    expect(s.busy).toBe(true);
    expect(s.draft).toEqual({ uid: '' });
    expect(onboardReducer(s, { type: 'failed', message: 'offline' })).toMatchObject({
      busy: false,
      notice: { kind: 'failed', message: 'offline' },
    });
  });

  it('another device for the same patient keeps only the patient', () => {
    const shown = run(scan(IMEI), { type: 'uid_typed', uid: 'P-1001' }, answered(connected));
    expect(onboardReducer(shown, { type: 'another_device', uid: 'P-1001' }).draft).toEqual({ uid: 'P-1001' });
  });
});
