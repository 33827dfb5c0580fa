import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { OrderFields } from './onboard-draft';
import { errorText, useKiosk } from '../app/kiosk-context';
import { playSound } from '../app/sounds';
import { useIdleWarning } from '../app/useIdleWarning';
import { CameraPanel } from '../camera';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { deviceTypeLabel } from '../i18n/device-type-label';
import { fill } from '../i18n/messages';
import { problemText } from '../i18n/problem-text';
import { useScans } from '../scanners/useScans';
import { BarcodeSheet } from './BarcodeSheet';
import { OnboardForm } from './OnboardForm';
import { OnboardPrompts } from './OnboardPrompts';
import { OnboardResult } from './OnboardResult';
import {
  draftImei,
  firstMissing,
  initialOnboardState,
  needsAcknowledging,
  onboardReducer,
  overridable,
  uidStatus,
  type OnboardEvent,
  type StationLists,
} from './onboard-state';
import { noticeText } from './onboard-text';
import { useOnboardFeeds } from './useOnboardFeeds';

/** A red result sounds again this often until it is acknowledged. */
const ACK_REPEAT_MS = 3000;

/** The open batch's order with this reference, if any (no batch, or not signed in: none). */
async function findOrder(orderRef: string): Promise<OrderFields | undefined> {
  try {
    const found = await window.kiosk.batch.findOrder({ orderRef });
    return found.found ? found : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The main screen: capture an IMEI from any source, pick the patient and type, connect with Enter.
 * Its rules are onboardReducer's (onboard-state.ts); this component renders the state and runs what
 * the state asks for: sounds, focus, order look-ups and calls to the engine.
 */
export function Onboard() {
  const { t, settings, language } = useKiosk();
  const [state, dispatch] = useReducer(onboardReducer, initialOnboardState);
  const { draft, outcome, busy, overrideAsked, countdown } = state;
  const { queue, offer, serialProblem } = useOnboardFeeds();
  const imeiRef = useRef<HTMLInputElement>(null);
  const uidRef = useRef<HTMLInputElement>(null);
  const typeGroupRef = useRef<HTMLFieldSetElement>(null);

  const deviceTypes = useMemo(() => settings?.deviceTypes ?? [], [settings?.deviceTypes]);
  const station: StationLists = useMemo(
    () => ({ deviceTypes, operators: settings?.operators ?? [] }),
    [deviceTypes, settings?.operators],
  );
  const stationNow = useRef(station);
  stationNow.current = station;
  const sounds = settings?.sounds ?? true;
  const askReading = settings?.askReading ?? false;
  const uid = uidStatus(draft.uid, station.operators);
  const missing = firstMissing(draft, uid.kind === 'ok');
  const imei = draftImei(draft);
  const typeLabel = (id: string | undefined) => (id === undefined ? '' : deviceTypeLabel(deviceTypes, id, language));

  // What the state asks for: a tone, a field to focus, an order to look up in the open batch.
  const soundsNow = useRef(sounds);
  soundsNow.current = sounds;
  useEffect(() => {
    if (state.sound) playSound(state.sound.tone, soundsNow.current);
  }, [state.sound]);
  useEffect(() => {
    const field = state.focus?.field;
    if (field) requestAnimationFrame(() => (field === 'imei' ? imeiRef : uidRef).current?.focus());
  }, [state.focus]);
  useEffect(() => {
    const lookup = state.lookup;
    if (!lookup) return;
    void findOrder(lookup.ref).then((order) =>
      dispatch({ type: 'lookup_done', lookup, ...(order ? { order } : {}), station: stationNow.current }),
    );
  }, [state.lookup]);

  // Any scanner (wedge, whatever has focus, or serial): the reducer says what the scan means here.
  useScans((scan) => dispatch({ type: 'scan', scan, station }), {
    enabled: !overrideAsked,
    onRefused: (text) => dispatch({ type: 'scan_refused', text }),
  });

  // Typed IMEIs are checked live by the engine.
  const typed = state.typed;
  useEffect(() => {
    if (!typed) return;
    void window.kiosk.imei
      .validate({ raw: typed })
      .then((answer) => dispatch({ type: 'imei_checked', text: typed, answer }));
  }, [typed]);

  // A known model (TAC) suggests the type this kiosk has always connected it as; it never selects it (issue 15).
  useEffect(() => {
    if (!imei) return;
    let current = true;
    window.kiosk.onboard.typeHint({ imei }).then(
      (hint) => {
        if (!current || !hint.deviceType) return;
        dispatch({ type: 'type_hinted', imei, hint: { tac: hint.tac, seen: hint.seen, deviceType: hint.deviceType } });
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [imei]);

  // A red result sounds again until acknowledged (if the station has sounds on).
  const mustAck = outcome !== undefined && needsAcknowledging(outcome.outcome);
  useEffect(() => {
    if (!mustAck || !sounds || overrideAsked) return;
    const timer = setInterval(() => playSound('error', true), ACK_REPEAT_MS);
    return () => clearInterval(timer);
  }, [mustAck, sounds, overrideAsked]);

  // Before the idle sign-out throws away a half-filled device, the operator is warned.
  const halfFilled = !outcome && Boolean(draft.label || draft.modemImei || draft.uid || draft.deviceType);
  const idleWarning = useIdleWarning(settings?.idleMinutes, halfFilled);

  /** A call to the engine whose answer is a result to show. */
  const call = useCallback(
    async (request: () => Promise<Extract<OnboardEvent, { type: 'answered' }>>) => {
      dispatch({ type: 'submitting' });
      try {
        dispatch(await request());
      } catch (error) {
        dispatch({ type: 'failed', message: errorText(error, language) });
      }
    },
    [language],
  );

  const submit = useCallback(
    async (confirmSecondDevice = false) => {
      if (missing || !imei || !draft.deviceType) return;
      const deviceType = draft.deviceType;
      await call(async () => ({
        type: 'answered',
        askReading,
        outcome: await window.kiosk.onboard.submit({
          imei,
          raw: draft.label?.raw ?? imei,
          source: draft.label?.source ?? 'modem',
          uid: draft.uid,
          deviceType,
          ...(draft.orderRef ? { orderRef: draft.orderRef } : {}),
          ...(draft.label && draft.modemImei ? { modemImei: draft.modemImei } : {}),
          ...(confirmSecondDevice ? { confirmSecondDevice } : {}),
        }),
      }));
    },
    [askReading, call, draft, imei, missing],
  );

  const override = async (supervisorPin: string, fromUid?: string) => {
    dispatch({ type: 'override_asked', asked: false });
    if (!outcome || !overridable(outcome)) return;
    const jobId = outcome.job.id;
    await call(async () => ({
      type: 'answered',
      askReading,
      outcome: await window.kiosk.jobs.override({ jobId, supervisorPin, ...(fromUid ? { fromUid } : {}) }),
    }));
  };

  // Results that need no one clear by themselves.
  useEffect(() => {
    if (countdown <= 0) return;
    const timer = setTimeout(() => dispatch({ type: 'tick' }), 1000);
    return () => clearTimeout(timer);
  }, [countdown]);

  const focusMissing = useCallback(() => {
    if (missing === 'imei') imeiRef.current?.focus();
    else if (missing === 'uid') uidRef.current?.focus();
    else if (missing === 'type')
      typeGroupRef.current?.querySelector<HTMLElement>('[role="radio"][tabindex="0"]')?.focus();
  }, [missing]);

  // One confirm key: Enter connects, or acknowledges a result; Escape clears.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (overrideAsked || event.defaultPrevented) return;
      const inDialog = (event.target as Element | null)?.closest?.('[role="dialog"],[role="alertdialog"]');
      if (inDialog) return;
      if (event.key === 'Escape') {
        dispatch({ type: 'reset' });
      } else if (event.key === 'Enter' && !busy) {
        if (outcome && outcome.outcome !== 'needs_confirmation') {
          event.preventDefault();
          dispatch({ type: 'reset' });
        } else if (!outcome && !missing) {
          event.preventDefault();
          void submit();
        } else if (!outcome && event.target instanceof HTMLInputElement) {
          // Typing by hand: Enter in a field moves on to what is still missing.
          event.preventDefault();
          focusMissing();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [busy, focusMissing, missing, outcome, overrideAsked, submit]);

  const problem = state.notice && noticeText(language, state.notice);
  const reset = () => dispatch({ type: 'reset' });

  if (outcome && outcome.outcome !== 'needs_confirmation') {
    const samePatient = 'job' in outcome && outcome.job ? outcome.job.uid : uid.kind === 'ok' ? draft.uid : undefined;
    return (
      <OnboardResult
        outcome={outcome}
        countdown={countdown}
        askReading={askReading}
        problem={problem}
        overrideAsked={overrideAsked}
        samePatient={samePatient}
        typeLabel={typeLabel}
        onNext={reset}
        onAnotherDevice={(same) => dispatch({ type: 'another_device', uid: same })}
        onReadingStart={() => dispatch({ type: 'countdown_stopped' })}
        onOverrideAsked={(asked) => dispatch({ type: 'override_asked', asked })}
        onOverride={(pin, fromUid) => void override(pin, fromUid)}
      />
    );
  }

  const secondShown = outcome?.outcome === 'needs_confirmation' ? problemText(language, outcome.problem) : undefined;
  return (
    <main className="screen onboard">
      <div
        className={`big-status ${busy ? 'big-status-busy' : ''}`}
        role="status"
        aria-live="polite"
        data-testid="onboard-status"
      >
        <span className="big-status-word">{busy ? t.onboard.connecting : t.onboard.ready}</span>
        <span className="big-status-hint">
          {missing === 'imei' && t.onboard.readyHint}
          {missing === 'uid' && t.onboard.needUid}
          {missing === 'type' && t.onboard.needType}
          {!missing && !busy && t.onboard.confirm}
        </span>
        {queue && queue.depth > 0 && <span className="queue-chip">{fill(t.queue.depth, { depth: queue.depth })}</span>}
      </div>

      <OnboardPrompts
        state={state}
        dispatch={dispatch}
        station={station}
        offer={offer}
        serialProblem={serialProblem}
        idleWarning={idleWarning}
        typeLabel={typeLabel}
      />

      <OnboardForm
        state={state}
        dispatch={dispatch}
        uid={uid}
        ready={!missing}
        problem={problem}
        deviceTypes={deviceTypes}
        refs={{ imei: imeiRef, uid: uidRef, typeGroup: typeGroupRef }}
        typeLabel={typeLabel}
        onSubmit={() => void submit()}
      />

      {state.sheetOpen && <BarcodeSheet onClose={() => dispatch({ type: 'sheet_shown', shown: false })} />}

      {state.cameraOpen && (
        <section className="camera-area" aria-label={t.onboard.camera}>
          <CameraPanel
            active={state.cameraOpen}
            {...(settings?.cameraDeviceId ? { preferredDeviceId: settings.cameraDeviceId } : {})}
            onImei={(c) => dispatch({ type: 'imei_taken', imei: c.imei, raw: c.imei, source: 'camera' })}
            language={language}
          />
        </section>
      )}

      {secondShown && (
        <ConfirmDialog
          title={t.onboard.confirmSecond}
          confirmLabel={t.onboard.confirmSecondYes}
          cancelLabel={t.onboard.confirmSecondNo}
          onConfirm={() => {
            dispatch({ type: 'second_confirmed' });
            void submit(true);
          }}
          onCancel={reset}
        >
          <p>{secondShown.message}</p>
          <p>
            {t.onboard.nextAction} {secondShown.nextAction}
          </p>
        </ConfirmDialog>
      )}
    </main>
  );
}
