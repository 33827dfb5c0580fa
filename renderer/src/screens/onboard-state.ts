/**
 * The Onboard screen's state as a reducer: events in (a scan, a typed key, an engine answer, a
 * timer tick), state out. The component only renders the state and runs what the state asks for
 * (a sound, a focus, an order look-up), so every rule of the screen is a plain function under test.
 */
import type { ImeiCandidates, ValidCandidate } from '../../../src/capture';
import { PatientUidSchema, type OnboardOutcome } from '../../../src/ipc/schemas';
import {
  emptyDraft,
  forSamePatient,
  orderFill,
  registeredOperator,
  withCapturedImei,
  withOrder,
  withoutDevice,
  withoutType,
  withPatient,
  withType,
  draftImei,
  type CaptureSource,
  type Draft,
  type ImeiValidation,
  type OrderFields,
} from './onboard-draft';
import type { Notice } from './onboard-text';
import {
  AUTO_RETURN_SECONDS,
  needsAcknowledging,
  readingJobOf,
  returnsToReadyByItself,
  toneOf,
} from './onboard-outcome';
import { mayBeOrderRef, scanMeaning } from './scan-meaning';

// The rules the reducer is built from, for the screens and tests that use them on their own.
export * from './onboard-draft';
export * from './onboard-outcome';
export * from './scan-meaning';

/** A text to look up as an order of the open batch, and what the scan was taken as meanwhile. */
export interface OrderLookup {
  readonly ref: string;
  /** order_ref: only an order will do; patient: else the patient; unknown: else refused. */
  readonly as: 'order_ref' | 'patient' | 'unknown';
}

export interface OnboardState {
  readonly draft: Draft;
  /** The IMEI field's text while typed by hand ('' once an IMEI came from a scanner). */
  readonly typed: string;
  readonly typedCheck?: ImeiValidation;
  readonly notice?: Notice;
  /** A label with several IMEIs: the operator picks one. */
  readonly choice?: { readonly candidates: readonly ValidCandidate[]; readonly source: CaptureSource };
  /** A bare scan that is both an order reference of the open batch and a possible patient ID: the operator says which. */
  readonly orderOrPatient?: { readonly order: OrderFields; readonly text: string };
  /** A scanned IMEISV: its IMEI is offered, and taken only when the operator says so. */
  readonly imeisvOffer?: { readonly imei: string; readonly raw: string; readonly source: CaptureSource };
  readonly lookup?: OrderLookup;
  readonly busy: boolean;
  readonly outcome?: OnboardOutcome;
  readonly countdown: number;
  readonly overrideAsked: boolean;
  readonly cameraOpen: boolean;
  readonly sheetOpen: boolean;
  /** The last sound asked for; a new object each time, so the same tone twice plays twice. */
  readonly sound?: { readonly tone: 'success' | 'warning' | 'error' };
  /** The field to focus next, likewise a new object each time. */
  readonly focus?: { readonly field: 'imei' | 'uid' };
}

export const initialOnboardState: OnboardState = {
  draft: emptyDraft,
  typed: '',
  busy: false,
  countdown: 0,
  overrideAsked: false,
  cameraOpen: false,
  sheetOpen: false,
};

/** What the station has, which some events need to be understood. */
export interface StationLists {
  readonly deviceTypes: readonly { readonly id: string }[];
  readonly operators: readonly { readonly id: string }[];
}

export interface ScanEvent {
  readonly text: string;
  readonly candidates: ImeiCandidates;
  readonly source: 'wedge' | 'serial_scanner';
}

export type OnboardEvent =
  | { readonly type: 'scan'; readonly scan: ScanEvent; readonly station: StationLists }
  | { readonly type: 'scan_refused'; readonly text: string }
  | {
      readonly type: 'lookup_done';
      readonly lookup: OrderLookup;
      readonly order?: OrderFields;
      readonly station: StationLists;
    }
  | {
      readonly type: 'imei_taken';
      readonly imei: string;
      readonly raw: string;
      readonly source: CaptureSource;
      readonly typed?: string;
    }
  | { readonly type: 'order_chosen'; readonly station: StationLists }
  | { readonly type: 'patient_chosen' }
  | { readonly type: 'imeisv_declined' }
  | { readonly type: 'imei_typed'; readonly text: string }
  | { readonly type: 'imei_checked'; readonly text: string; readonly answer: ImeiValidation }
  | { readonly type: 'type_hinted'; readonly imei: string; readonly hint: NonNullable<Draft['typeHint']> }
  | { readonly type: 'uid_typed'; readonly uid: string }
  | { readonly type: 'type_picked'; readonly deviceType: string }
  | { readonly type: 'submitting' }
  | { readonly type: 'second_confirmed' }
  | { readonly type: 'answered'; readonly outcome: OnboardOutcome; readonly askReading: boolean }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'tick' }
  | { readonly type: 'countdown_stopped' }
  | { readonly type: 'override_asked'; readonly asked: boolean }
  | { readonly type: 'camera_toggled' }
  | { readonly type: 'sheet_shown'; readonly shown: boolean }
  | { readonly type: 'reset' }
  | { readonly type: 'another_device'; readonly uid: string };

/** Ready for the next device: nothing of the last one stays (a call still under way stays busy). */
function reset(s: OnboardState): OnboardState {
  const { busy, cameraOpen, sheetOpen } = s;
  return { ...initialOnboardState, busy, cameraOpen, sheetOpen, focus: { field: 'imei' } };
}

function refuse(s: OnboardState, notice: Notice): OnboardState {
  return { ...s, notice, sound: { tone: 'error' } };
}

/** The IMEI field's text; an empty field has nothing to check. */
function withTyped(s: OnboardState, typed: string): OnboardState {
  const { typedCheck: _check, ...rest } = s;
  return typed ? { ...s, typed } : { ...rest, typed };
}

function takeImei(s: OnboardState, imei: string, raw: string, source: CaptureSource, typed: string): OnboardState {
  const { outcome: _o, notice: _n, choice: _c, imeisvOffer: _i, ...rest } = s;
  const next = withTyped({ ...rest, draft: withCapturedImei(s.draft, { imei, raw, source }) }, typed);
  return { ...next, focus: { field: 'uid' } };
}

function takePatient(s: OnboardState, uid: string): OnboardState {
  const { outcome: _o, notice: _n, ...rest } = s;
  return { ...rest, draft: withPatient(s.draft, uid) };
}

/** An order fills the patient and the type; a type this station does not have fills nothing and says so. */
function takeOrder(s: OnboardState, order: OrderFields, station: StationLists): OnboardState {
  const filled = orderFill(order, station.deviceTypes);
  if (!filled.ok) return refuse(s, { kind: 'order_unknown_type', deviceType: filled.deviceType });
  const { outcome: _o, notice: _n, ...rest } = s;
  return { ...rest, draft: withOrder(s.draft, filled) };
}

/** A type barcode selects its type; one this station does not have leaves no type selected, so Connect waits. */
function takeTypeScan(s: OnboardState, scanned: string, station: StationLists): OnboardState {
  const type = station.deviceTypes.find((d) => d.id.toLowerCase() === scanned.toLowerCase());
  if (!type)
    return refuse({ ...s, draft: withoutType(s.draft) }, { kind: 'type_refused', deviceType: scanned.slice(0, 40) });
  const { notice: _n, ...rest } = s;
  return { ...rest, draft: withType(s.draft, type.id) };
}

/** Any scanner: an IMEI fills the IMEI, a patient or order barcode the patient (and the order's type). */
function routeScan(s: OnboardState, scan: ScanEvent, station: StationLists): OnboardState {
  const meaning = scanMeaning(
    scan.text,
    scan.candidates,
    (text) => PatientUidSchema.safeParse(text).success,
    (text) => registeredOperator(station.operators, text),
  );
  if (s.busy) return refuse(s, { kind: 'busy' });
  // A red result stays until someone acknowledges it: a scan meanwhile is refused, and says why.
  if (s.outcome && needsAcknowledging(s.outcome.outcome))
    return meaning.kind === 'ack' ? reset(s) : refuse(s, { kind: 'ack_first' });
  // A scan while any other result is shown starts the next device: nothing of the last one carries over.
  const ready = s.outcome ? reset(s) : s;
  const plain = scan.text.trim();
  switch (meaning.kind) {
    case 'imei':
      return takeImei(ready, meaning.imei, scan.text, scan.source, '');
    case 'choose':
      return { ...ready, choice: { candidates: scan.candidates.valid, source: scan.source } };
    case 'bad_imei': {
      if (meaning.error.kind === 'imeisv' && meaning.error.derivedImei) {
        const { notice: _n, ...rest } = ready;
        const imeisvOffer = { imei: meaning.error.derivedImei, raw: meaning.raw, source: scan.source };
        return { ...rest, imeisvOffer, sound: { tone: 'warning' } };
      }
      return refuse(ready, { kind: 'bad_imei', error: meaning.error, raw: meaning.raw });
    }
    case 'ack':
      // Nothing red on screen: nothing to acknowledge.
      return ready;
    case 'type':
      return takeTypeScan(ready, meaning.deviceType, station);
    case 'operator':
      return refuse(ready, { kind: 'badge', operator: meaning.operatorId });
    case 'order':
      return takeOrder(ready, meaning.order, station);
    case 'order_ref':
      return { ...ready, lookup: { ref: meaning.orderRef, as: 'order_ref' } };
    case 'bad_order_uid':
      return refuse(ready, { kind: 'order_bad_uid', uid: meaning.uid.slice(0, 40) });
    case 'patient':
      // A bare text that is a valid patient ID may also be an order reference of the open batch: if
      // that order is someone else's, taking either meaning silently could bind the wrong patient.
      return meaning.uid === plain
        ? { ...ready, lookup: { ref: plain, as: 'patient' } }
        : takePatient(ready, meaning.uid);
    case 'unknown':
      return mayBeOrderRef(plain)
        ? { ...ready, lookup: { ref: plain, as: 'unknown' } }
        : refuse(ready, { kind: 'unknown_scan', text: meaning.text.slice(0, 40) });
    default: {
      const never: never = meaning;
      return never;
    }
  }
}

/** The open batch answered a look-up (no order: none found, no batch, or not signed in). */
function lookedUp(
  s: OnboardState,
  lookup: OrderLookup,
  order: OrderFields | undefined,
  station: StationLists,
): OnboardState {
  const { lookup: current, ...rest } = s;
  const next = current === lookup ? rest : s;
  switch (lookup.as) {
    case 'order_ref':
      return order ? takeOrder(next, order, station) : refuse(next, { kind: 'order_not_found', orderRef: lookup.ref });
    case 'patient':
      if (!order) return takePatient(next, lookup.ref);
      return order.uid === lookup.ref
        ? takeOrder(next, order, station)
        : { ...next, orderOrPatient: { order, text: lookup.ref } };
    case 'unknown':
      return order
        ? takeOrder(next, order, station)
        : refuse(next, { kind: 'unknown_scan', text: lookup.ref.slice(0, 40) });
    default: {
      const never: never = lookup.as;
      return never;
    }
  }
}

/** The engine's answer to a submit or an override. */
function answered(s: OnboardState, outcome: OnboardOutcome, askReading: boolean): OnboardState {
  const tone = toneOf(outcome.outcome);
  // A clinic desk asks for the first reading at once: the result stays until the operator moves on.
  const asksReading = askReading && readingJobOf(outcome) !== undefined;
  const returns = returnsToReadyByItself(outcome.outcome) && !asksReading;
  return {
    ...s,
    busy: false,
    outcome,
    sound: { tone: tone === 'ok' ? 'success' : tone === 'warn' ? 'warning' : 'error' },
    ...(returns ? { countdown: AUTO_RETURN_SECONDS } : {}),
  };
}

export function onboardReducer(s: OnboardState, event: OnboardEvent): OnboardState {
  switch (event.type) {
    case 'scan':
      return routeScan(s, event.scan, event.station);
    case 'scan_refused':
      return refuse(s, { kind: 'text', text: event.text });
    case 'lookup_done':
      return lookedUp(s, event.lookup, event.order, event.station);
    case 'imei_taken':
      return takeImei(
        s,
        event.imei,
        event.raw,
        event.source,
        event.typed ?? (event.source === 'typed' ? event.raw : ''),
      );
    case 'order_chosen': {
      if (!s.orderOrPatient) return s;
      const { orderOrPatient, ...rest } = s;
      return takeOrder(rest, orderOrPatient.order, event.station);
    }
    case 'patient_chosen': {
      if (!s.orderOrPatient) return s;
      const { orderOrPatient, ...rest } = s;
      return takePatient(rest, orderOrPatient.text);
    }
    case 'imeisv_declined': {
      const { imeisvOffer: _offer, ...rest } = s;
      return { ...withTyped(rest, ''), focus: { field: 'imei' } };
    }
    case 'imei_typed': {
      const next = withTyped(s, event.text);
      return event.text ? next : { ...next, draft: withoutDevice(s.draft) };
    }
    case 'imei_checked':
      // An answer for text no longer in the field is stale.
      if (event.text !== s.typed) return s;
      return {
        ...s,
        typedCheck: event.answer,
        ...(event.answer.ok
          ? { draft: { ...s.draft, label: { imei: event.answer.imei, raw: event.text, source: 'typed' as const } } }
          : {}),
      };
    case 'type_hinted':
      // A suggestion for the device still on the counter, and only while no type is picked.
      if (s.draft.deviceType || draftImei(s.draft) !== event.imei) return s;
      return { ...s, draft: { ...s.draft, typeHint: event.hint } };
    case 'uid_typed':
      return { ...s, draft: withPatient(s.draft, event.uid.trim()) };
    case 'type_picked':
      return { ...s, draft: withType(s.draft, event.deviceType) };
    case 'submitting':
      return { ...s, busy: true };
    case 'second_confirmed': {
      const { outcome: _o, ...rest } = s;
      return rest;
    }
    case 'answered':
      return answered(s, event.outcome, event.askReading);
    case 'failed':
      return { ...s, busy: false, notice: { kind: 'failed', message: event.message } };
    case 'tick':
      if (s.countdown <= 0) return s;
      return s.countdown === 1 ? reset(s) : { ...s, countdown: s.countdown - 1 };
    case 'countdown_stopped':
      return { ...s, countdown: 0 };
    case 'override_asked':
      return { ...s, overrideAsked: event.asked };
    case 'camera_toggled':
      return { ...s, cameraOpen: !s.cameraOpen };
    case 'sheet_shown':
      return { ...s, sheetOpen: event.shown };
    case 'reset':
      return reset(s);
    case 'another_device':
      return { ...reset(s), draft: forSamePatient(event.uid) };
    default: {
      const never: never = event;
      return never;
    }
  }
}
