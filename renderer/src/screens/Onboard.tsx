import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ValidCandidate } from '../../../src/capture';
import { formatImei } from '../../../src/imei/format';
import { PatientUidSchema, type OnboardOutcome, type QueueStatus, type SerialStatus } from '../../../src/ipc/schemas';
import { errorText, useKiosk } from '../app/kiosk-context';
import { playSound } from '../app/sounds';
import { CameraPanel } from '../camera';
import { ChoiceButtons } from '../components/ChoiceButtons';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { overridePurpose } from '../components/OtherPatientOverride';
import { PinDialog } from '../components/PinDialog';
import { StatusIcon } from '../components/StatusIcon';
import { deviceTypeLabel } from '../i18n/device-type-label';
import { fill } from '../i18n/messages';
import { useScans, type Scan } from '../scanners/useScans';
import { imeiErrorText, problemText } from '../i18n/problem-text';
import { useIdleWarning } from '../app/useIdleWarning';
import { BarcodeSheet } from './BarcodeSheet';
import { FirstReadingPanel } from './FirstReadingPanel';
import {
  emptyDraft,
  firstMissing,
  forSamePatient,
  mayBeOrderRef,
  needsAcknowledging,
  orderFill,
  registeredOperator,
  readingJobOf,
  returnsToReadyByItself,
  scanMeaning,
  toneOf,
  withOrder,
  withoutDevice,
  withPatient,
  withType,
  withoutType,
  type CaptureSource,
  type Draft,
  type OrderFields,
} from './onboard-state';

type Validation = Awaited<ReturnType<Window['kiosk']['imei']['validate']>>;
type SerialOffer = { imei: string; port: string; manufacturer?: string; model?: string };

const AUTO_RETURN_SECONDS = 4;
/** A red result sounds again this often until it is acknowledged. */
const ACK_REPEAT_MS = 3000;

/** The main screen: capture an IMEI from any source, pick the patient and type, connect with Enter. */
export function Onboard() {
  const { t, settings, language } = useKiosk();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [typed, setTyped] = useState('');
  const [typedCheck, setTypedCheck] = useState<Validation>();
  const [scanProblem, setScanProblem] = useState<string>();
  const [choice, setChoice] = useState<{
    readonly candidates: readonly ValidCandidate[];
    readonly source: CaptureSource;
  }>();
  /** A bare scan that is both an order reference of the open batch and a possible patient ID: the operator says which. */
  const [orderOrPatient, setOrderOrPatient] = useState<{ readonly order: OrderFields; readonly text: string }>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<OnboardOutcome>();
  const [countdown, setCountdown] = useState(0);
  const [overrideAsked, setOverrideAsked] = useState(false);
  const [cameraOpen, setCameraOpen] = useState(false);
  const [offer, setOffer] = useState<SerialOffer>();
  const [serialProblem, setSerialProblem] = useState<SerialStatus['problem']>();
  const [queue, setQueue] = useState<QueueStatus>();
  /** A scanned IMEISV: its IMEI is offered, and taken only when the operator says so. */
  const [imeisvOffer, setImeisvOffer] = useState<{
    readonly imei: string;
    readonly raw: string;
    readonly source: CaptureSource;
  }>();
  const [sheetOpen, setSheetOpen] = useState(false);
  const imeiRef = useRef<HTMLInputElement>(null);
  const uidRef = useRef<HTMLInputElement>(null);
  const imeiId = useId();
  const uidId = useId();
  const typeGroup = useId();

  const uidCheck = draft.uid ? PatientUidSchema.safeParse(draft.uid) : undefined;
  const operators = settings?.operators ?? [];
  const badge = draft.uid ? registeredOperator(operators, draft.uid) : undefined;
  const uidValid = (uidCheck?.success ?? false) && badge === undefined;
  const missing = firstMissing(draft, uidValid);
  const deviceTypes = settings?.deviceTypes ?? [];
  const sounds = settings?.sounds ?? true;
  const askReading = settings?.askReading ?? false;

  const reset = useCallback(() => {
    setDraft(emptyDraft);
    setTyped('');
    setTypedCheck(undefined);
    setScanProblem(undefined);
    setChoice(undefined);
    setOrderOrPatient(undefined);
    setOutcome(undefined);
    setOverrideAsked(false);
    setCountdown(0);
    setImeisvOffer(undefined);
    requestAnimationFrame(() => imeiRef.current?.focus());
  }, []);

  /** The result seen, the next device is for the same patient. */
  const anotherDevice = useCallback(
    (uid: string) => {
      reset();
      setDraft(forSamePatient(uid));
    },
    [reset],
  );

  const takeImei = useCallback(
    (imei: string, raw: string, source: CaptureSource, typedText = source === 'typed' ? raw : '') => {
      setOutcome(undefined);
      setScanProblem(undefined);
      setChoice(undefined);
      setImeisvOffer(undefined);
      setTyped(typedText);
      setDraft((d) => {
        // The modem's IMEI joins the label scanned for the device on the counter (they are cross-checked);
        // another label starts a new device.
        if (source === 'modem') return { ...d, modemImei: imei };
        const fresh =
          d.label && d.label.imei !== imei ? { ...emptyDraft, ...(d.modemImei ? { modemImei: d.modemImei } : {}) } : d;
        return { ...fresh, label: { imei, raw, source } };
      });
      requestAnimationFrame(() => uidRef.current?.focus());
    },
    [],
  );

  // Keep the queue depth on screen, live.
  useEffect(() => {
    void window.kiosk.queue.status({}).then(setQueue, () => undefined);
    return window.kiosk.on('queue.changed', setQueue);
  }, []);

  // A plugged-in device's modem IMEI is offered as it arrives.
  useEffect(() => {
    const showStatus = (s: SerialStatus) => {
      setOffer(s.offer);
      setSerialProblem(s.problem);
    };
    void window.kiosk.serial.status({}).then(showStatus, () => undefined);
    const offOffer = window.kiosk.on('serial.offer', setOffer);
    // An unplugged device's offer goes away with it; a serial scanner's problem (unplugged, port busy) shows.
    const offChanged = window.kiosk.on('serial.changed', showStatus);
    return () => {
      offOffer();
      offChanged();
    };
  }, []);

  const takePatient = useCallback((uid: string) => {
    setOutcome(undefined);
    setScanProblem(undefined);
    setDraft((d) => withPatient(d, uid));
  }, []);

  const refuseScan = useCallback(
    (text: string) => {
      setScanProblem(text);
      playSound('error', sounds);
    },
    [sounds],
  );

  // An order fills the patient and the type; a type this station does not have fills nothing and says what to do.
  const takeOrder = useCallback(
    (order: OrderFields) => {
      const filled = orderFill(order, deviceTypes);
      if (!filled.ok) {
        refuseScan(fill(t.onboard.orderUnknownType, { type: filled.deviceType }));
        return;
      }
      setOutcome(undefined);
      setScanProblem(undefined);
      setDraft((d) => withOrder(d, filled));
    },
    [deviceTypes, refuseScan, t],
  );

  // A type barcode selects its type; one this station does not have leaves no type selected, so Connect waits.
  const takeTypeScan = useCallback(
    (scanned: string) => {
      const type = deviceTypes.find((d) => d.id.toLowerCase() === scanned.toLowerCase());
      if (!type) {
        setDraft(withoutType);
        refuseScan(fill(t.onboardSafe.typeRefused, { type: scanned.slice(0, 40) }));
        return;
      }
      setScanProblem(undefined);
      setDraft((d) => withType(d, type.id));
    },
    [deviceTypes, refuseScan, t],
  );

  /** The open batch's order with this reference, if any (no batch, or not signed in: none). */
  const findOrder = async (orderRef: string): Promise<OrderFields | undefined> => {
    try {
      const found = await window.kiosk.batch.findOrder({ orderRef });
      return found.found ? found : undefined;
    } catch {
      return undefined;
    }
  };

  // Any scanner (wedge, whatever has focus, or serial): an IMEI fills the IMEI, a patient or order barcode the patient (and the order's type).
  useScans(
    (scan: Scan) => {
      const meaning = scanMeaning(
        scan.text,
        scan.candidates,
        (text) => PatientUidSchema.safeParse(text).success,
        (text) => registeredOperator(operators, text),
      );
      if (busy) {
        setScanProblem(t.onboard.busyScan);
        playSound('error', sounds);
        return;
      }
      // A red result stays until someone acknowledges it: a scan meanwhile is refused, and says why.
      if (outcome && needsAcknowledging(outcome.outcome)) {
        if (meaning.kind === 'ack') reset();
        else refuseScan(t.onboardSafe.ackFirst);
        return;
      }
      // A scan while any other result is shown starts the next device: nothing of the last one carries over.
      if (outcome) reset();
      const plain = scan.text.trim();
      switch (meaning.kind) {
        case 'imei':
          takeImei(meaning.imei, scan.text, scan.source);
          break;
        case 'choose':
          setChoice({ candidates: scan.candidates.valid, source: scan.source });
          break;
        case 'bad_imei':
          if (meaning.error.kind === 'imeisv' && meaning.error.derivedImei) {
            setScanProblem(undefined);
            setImeisvOffer({ imei: meaning.error.derivedImei, raw: meaning.raw, source: scan.source });
            playSound('warning', sounds);
          } else refuseScan(imeiErrorText(language, meaning.error, meaning.raw));
          break;
        case 'ack':
          // Nothing red on screen: nothing to acknowledge.
          break;
        case 'type':
          takeTypeScan(meaning.deviceType);
          break;
        case 'operator':
          refuseScan(fill(t.onboardSafe.badge, { operator: meaning.operatorId }));
          break;
        case 'order':
          takeOrder(meaning.order);
          break;
        case 'order_ref':
          void findOrder(meaning.orderRef).then((order) =>
            order ? takeOrder(order) : refuseScan(fill(t.onboard.orderNotFound, { order: meaning.orderRef })),
          );
          break;
        case 'bad_order_uid':
          refuseScan(fill(t.onboard.orderBadUid, { uid: meaning.uid.slice(0, 40) }));
          break;
        case 'patient':
          // A bare text that is a valid patient ID may also be an order reference of the open batch: if
          // that order is someone else's, taking either meaning silently could bind the wrong patient.
          if (meaning.uid === plain) {
            void findOrder(plain).then((order) => {
              if (!order) takePatient(meaning.uid);
              else if (order.uid === plain) takeOrder(order);
              else setOrderOrPatient({ order, text: plain });
            });
          } else takePatient(meaning.uid);
          break;
        case 'unknown':
          if (mayBeOrderRef(plain))
            void findOrder(plain).then((order) =>
              order ? takeOrder(order) : refuseScan(fill(t.onboard.unknownScan, { text: meaning.text.slice(0, 40) })),
            );
          else refuseScan(fill(t.onboard.unknownScan, { text: meaning.text.slice(0, 40) }));
          break;
        default: {
          const never: never = meaning;
          return never;
        }
      }
    },
    { enabled: !overrideAsked, onRefused: refuseScan },
  );

  // Typed IMEIs are checked live by the engine.
  useEffect(() => {
    if (!typed) {
      setTypedCheck(undefined);
      return;
    }
    let current = true;
    void window.kiosk.imei.validate({ raw: typed }).then((answer) => {
      if (!current) return;
      setTypedCheck(answer);
      if (answer.ok) setDraft((d) => ({ ...d, label: { imei: answer.imei, raw: typed, source: 'typed' } }));
    });
    return () => {
      current = false;
    };
  }, [typed]);

  // A known model (TAC) suggests the type this kiosk has always connected it as; it never selects it (issue 15).
  const hintImei = draft.label?.imei ?? draft.modemImei;
  useEffect(() => {
    if (!hintImei) return;
    let current = true;
    window.kiosk.onboard.typeHint({ imei: hintImei }).then(
      (hint) => {
        if (!current || !hint.deviceType) return;
        const typeHint = { tac: hint.tac, seen: hint.seen, deviceType: hint.deviceType };
        setDraft((d) => (d.deviceType || (d.label?.imei ?? d.modemImei) !== hintImei ? d : { ...d, typeHint }));
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [hintImei]);

  const show = useCallback(
    (result: OnboardOutcome) => {
      setOutcome(result);
      const tone = toneOf(result.outcome);
      playSound(tone === 'ok' ? 'success' : tone === 'warn' ? 'warning' : 'error', sounds);
      // A clinic desk asks for the first reading at once: the result stays until the operator moves on.
      const asksReading = askReading && readingJobOf(result) !== undefined;
      if (returnsToReadyByItself(result.outcome) && !asksReading) setCountdown(AUTO_RETURN_SECONDS);
    },
    [askReading, sounds],
  );
  const stopCountdown = useCallback(() => setCountdown(0), []);

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

  const submit = useCallback(
    async (confirmSecondDevice = false) => {
      const imei = draft.label?.imei ?? draft.modemImei;
      if (missing || !imei || !draft.deviceType) return;
      setBusy(true);
      try {
        show(
          await window.kiosk.onboard.submit({
            imei,
            raw: draft.label?.raw ?? imei,
            source: draft.label?.source ?? 'modem',
            uid: draft.uid,
            deviceType: draft.deviceType,
            ...(draft.orderRef ? { orderRef: draft.orderRef } : {}),
            ...(draft.label && draft.modemImei ? { modemImei: draft.modemImei } : {}),
            ...(confirmSecondDevice ? { confirmSecondDevice } : {}),
          }),
        );
      } catch (error) {
        setScanProblem(fill(t.errors.generic, { message: errorText(error, language) }));
      } finally {
        setBusy(false);
      }
    },
    [draft, missing, show, t],
  );

  const override = async (supervisorPin: string, fromUid?: string) => {
    setOverrideAsked(false);
    if (!outcome || !overridable(outcome)) return;
    setBusy(true);
    try {
      show(await window.kiosk.jobs.override({ jobId: outcome.job.id, supervisorPin, ...(fromUid ? { fromUid } : {}) }));
    } catch (error) {
      setScanProblem(fill(t.errors.generic, { message: errorText(error, language) }));
    } finally {
      setBusy(false);
    }
  };

  // Results that need no one clear by themselves.
  useEffect(() => {
    if (countdown <= 0) return;
    const timer = setTimeout(() => (countdown === 1 ? reset() : setCountdown(countdown - 1)), 1000);
    return () => clearTimeout(timer);
  }, [countdown, reset]);

  const typeGroupRef = useRef<HTMLFieldSetElement>(null);
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
        reset();
      } else if (event.key === 'Enter' && !busy) {
        if (outcome && outcome.outcome !== 'needs_confirmation') {
          event.preventDefault();
          reset();
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
  }, [busy, focusMissing, missing, outcome, overrideAsked, reset, submit]);

  const onForm = (event: FormEvent) => {
    event.preventDefault();
  };

  const imei = draft.label?.imei ?? draft.modemImei;
  const typeLabel = (id: string | undefined) => (id === undefined ? '' : deviceTypeLabel(deviceTypes, id, language));
  const serialShown = serialProblem && problemText(language, serialProblem);
  const secondShown = outcome?.outcome === 'needs_confirmation' ? problemText(language, outcome.problem) : undefined;
  const typedImeisv =
    typedCheck && !typedCheck.ok && typedCheck.error.kind === 'imeisv' ? typedCheck.error.derivedImei : undefined;
  const imeisvShown =
    imeisvOffer ?? (typedImeisv ? { imei: typedImeisv, raw: typed, source: 'typed' as const } : undefined);

  if (outcome && outcome.outcome !== 'needs_confirmation') {
    const readingJob = readingJobOf(outcome);
    const sameUid = 'job' in outcome && outcome.job ? outcome.job.uid : uidValid ? draft.uid : undefined;
    return (
      <main className="screen">
        <ResultPanel
          outcome={outcome}
          countdown={countdown}
          compact={readingJob !== undefined}
          typeLabel={typeLabel}
          onNext={reset}
          onOverride={() => setOverrideAsked(true)}
          {...(sameUid ? { samePatient: sameUid, onAnotherDevice: () => anotherDevice(sameUid) } : {})}
        />
        {readingJob && (
          <FirstReadingPanel key={readingJob} jobId={readingJob} autoStart={askReading} onStart={stopCountdown} />
        )}
        {scanProblem && (
          <p className="status status-error panel" role="alert" data-testid="result-problem">
            <span aria-hidden="true">✕ </span>
            {scanProblem}
          </p>
        )}
        {overrideAsked && overridable(outcome) && (
          <PinDialog
            role="supervisor"
            purpose={overridePurpose(
              t,
              outcome.job,
              outcome.outcome === 'blocked' ? (outcome.otherUidLast4 ?? '????') : undefined,
            )}
            {...(outcome.outcome === 'blocked' ? {} : { patientLabel: t.onboard.otherPatient })}
            onPin={(pin, fromUid) => void override(pin, fromUid)}
            onCancel={() => setOverrideAsked(false)}
          />
        )}
      </main>
    );
  }

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

      {offer && offer.imei !== draft.modemImei && (
        <div className="offer" role="region" aria-label={t.onboard.useModem}>
          <span data-testid="modem-offer">
            {fill(t.onboard.modemOffer, { port: offer.port, imei: formatImei(offer.imei) })}
            {offer.manufacturer ? ` · ${offer.manufacturer}${offer.model ? ` ${offer.model}` : ''}` : ''}
          </span>
          <button
            type="button"
            className="button button-primary"
            onClick={() => takeImei(offer.imei, offer.imei, 'modem')}
          >
            {t.onboard.useModem}
          </button>
        </div>
      )}

      {idleWarning !== undefined && (
        <p className="status status-warn panel" role="alert" data-testid="idle-warning">
          {fill(t.onboardSafe.idleWarning, { seconds: idleWarning })}
        </p>
      )}

      {imeisvShown && (
        <div
          className="choice"
          role="group"
          aria-label={fill(t.onboardSafe.useImei, { imei: formatImei(imeisvShown.imei) })}
          data-testid="imeisv-offer"
        >
          <p>{fill(t.onboardSafe.imeisv, { imei: formatImei(imeisvShown.imei) })}</p>
          <button
            type="button"
            className="button button-large button-primary"
            onClick={() => takeImei(imeisvShown.imei, imeisvShown.raw, imeisvShown.source, '')}
          >
            {fill(t.onboardSafe.useImei, { imei: formatImei(imeisvShown.imei) })}
          </button>
          <button
            type="button"
            className="button button-large"
            onClick={() => {
              setImeisvOffer(undefined);
              setTyped('');
              imeiRef.current?.focus();
            }}
          >
            {t.onboardSafe.notImei}
          </button>
        </div>
      )}

      {serialProblem && serialShown && (
        <p
          className="status status-error panel"
          role="alert"
          data-testid="serial-problem"
          data-kind={serialProblem.kind}
        >
          <span aria-hidden="true">✕ </span>
          {t.serialScanner.problem} {serialShown.message} <strong>{t.onboard.nextAction}</strong>{' '}
          {serialShown.nextAction}
        </p>
      )}

      {orderOrPatient && (
        <div
          className="choice"
          role="group"
          aria-label={fill(t.onboard.orderOrPatient, { text: orderOrPatient.text })}
          data-testid="order-or-patient"
        >
          <p>{fill(t.onboard.orderOrPatient, { text: orderOrPatient.text })}</p>
          <button
            type="button"
            className="button button-large"
            autoFocus
            onClick={() => {
              setOrderOrPatient(undefined);
              takeOrder(orderOrPatient.order);
            }}
          >
            {fill(t.onboard.useOrder, {
              uid: orderOrPatient.order.uid,
              type: typeLabel(orderOrPatient.order.deviceType),
            })}
          </button>
          <button
            type="button"
            className="button button-large"
            onClick={() => {
              setOrderOrPatient(undefined);
              takePatient(orderOrPatient.text);
            }}
          >
            {fill(t.onboard.usePatient, { uid: orderOrPatient.text })}
          </button>
        </div>
      )}

      {choice && (
        <div className="choice" role="group" aria-label={t.onboard.chooseImei}>
          <p>{t.onboard.chooseImei}</p>
          {choice.candidates.map((c) => (
            <button
              key={c.imei}
              type="button"
              className="button button-large"
              onClick={() => takeImei(c.imei, c.imei, choice.source)}
            >
              {c.label ? `${c.label}: ` : ''}
              {formatImei(c.imei)}
            </button>
          ))}
        </div>
      )}

      <form className="onboard-form" onSubmit={onForm}>
        <div className="field">
          <label htmlFor={imeiId}>{t.onboard.imeiLabel}</label>
          <input
            ref={imeiRef}
            id={imeiId}
            className="field-input field-input-large"
            autoComplete="off"
            spellCheck={false}
            inputMode="numeric"
            placeholder={t.onboard.imeiPlaceholder}
            value={typed || (imei ? formatImei(imei) : '')}
            onChange={(e) => {
              setTyped(e.target.value);
              if (!e.target.value) setDraft(withoutDevice);
            }}
            aria-invalid={typedCheck ? !typedCheck.ok : undefined}
            aria-describedby={`${imeiId}-status`}
            autoFocus
          />
          <div id={`${imeiId}-status`} className="field-status" aria-live="polite" data-testid="imei-status">
            {typedCheck && !typedCheck.ok && (
              <p className="status status-error" data-kind={typedCheck.error.kind}>
                <span aria-hidden="true">✕ </span>
                {imeiErrorText(language, typedCheck.error, typed)}
              </p>
            )}
            {scanProblem && (
              <p className="status status-error">
                <span aria-hidden="true">✕ </span>
                {scanProblem}
              </p>
            )}
            {imei && (
              <p className="status status-ok" data-source={draft.label?.source ?? 'modem'}>
                <span aria-hidden="true">✓ </span>
                {t.onboard.imeiWord} <strong data-testid="imei-formatted">{formatImei(imei)}</strong>{' '}
                {fill(t.onboard.imeiFrom, { tac: imei.slice(0, 8), source: t.sources[draft.label?.source ?? 'modem'] })}
              </p>
            )}
          </div>
        </div>

        <div className="field">
          <label htmlFor={uidId}>{t.onboard.uidLabel}</label>
          <input
            ref={uidRef}
            id={uidId}
            className="field-input field-input-large"
            autoComplete="off"
            spellCheck={false}
            placeholder={t.onboard.uidPlaceholder}
            value={draft.uid}
            onChange={(e) => setDraft((d) => withPatient(d, e.target.value.trim()))}
            aria-invalid={draft.uid ? !uidValid : undefined}
            aria-describedby={`${uidId}-status`}
          />
          <div id={`${uidId}-status`} className="field-status" aria-live="polite">
            {badge ? (
              <p className="status status-error" data-testid="uid-badge">
                <span aria-hidden="true">✕ </span>
                {fill(t.onboardSafe.badge, { operator: badge })}
              </p>
            ) : uidCheck && !uidCheck.success ? (
              <p className="status status-error">
                <span aria-hidden="true">✕ </span>
                {uidCheck.error.issues[0]?.message ?? t.onboard.badUid}
              </p>
            ) : (
              <p className="hint">{t.onboard.uidHint}</p>
            )}
          </div>
        </div>

        <fieldset ref={typeGroupRef} className="field type-picker">
          <legend id={typeGroup}>{t.onboard.typeLabel}</legend>
          <ChoiceButtons
            labelledBy={typeGroup}
            selected={draft.deviceType}
            onSelect={(id) => setDraft((d) => withType(d, id))}
            choices={deviceTypes.map((type) => ({
              id: type.id,
              label: (
                <>
                  {typeLabel(type.id)}
                  {!type.confirmed && <span className="tag">{t.settings.assumed}</span>}
                  {draft.typeFromOrder && draft.deviceType === type.id && (
                    <span className="tag">{t.onboard.typeFromOrder}</span>
                  )}
                </>
              ),
            }))}
          />
          {draft.typeFromOrder && draft.deviceType && (
            <p className="hint" data-testid="order-hint">
              {draft.orderRef ? fill(t.onboard.orderFilled, { order: draft.orderRef }) : t.onboard.orderFilledNoRef}
            </p>
          )}
          {draft.typeHint && !draft.deviceType && (
            <p className="hint" data-testid="type-hint">
              {fill(t.onboardSafe.typeSuggested, {
                tac: draft.typeHint.tac,
                type: typeLabel(draft.typeHint.deviceType),
                n: draft.typeHint.seen,
              })}
            </p>
          )}
        </fieldset>

        <div className="button-row">
          <button
            type="button"
            className="button button-primary button-large"
            disabled={Boolean(missing) || busy}
            onClick={() => void submit()}
          >
            {t.onboard.confirm}
          </button>
          <button type="button" className="button button-large" onClick={reset}>
            {t.onboard.clear}
          </button>
          <button
            type="button"
            className="button button-large"
            aria-pressed={cameraOpen}
            onClick={() => setCameraOpen((open) => !open)}
          >
            {cameraOpen ? t.onboard.closeCamera : t.onboard.camera}
          </button>
          <button type="button" className="button button-large" onClick={() => setSheetOpen(true)}>
            {t.onboardSafe.printBarcodes}
          </button>
        </div>
      </form>

      {sheetOpen && <BarcodeSheet onClose={() => setSheetOpen(false)} />}

      {cameraOpen && (
        <section className="camera-area" aria-label={t.onboard.camera}>
          <CameraPanel
            active={cameraOpen}
            {...(settings?.cameraDeviceId ? { preferredDeviceId: settings.cameraDeviceId } : {})}
            onImei={(c) => takeImei(c.imei, c.imei, 'camera')}
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
            setOutcome(undefined);
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

/** Outcomes a supervisor can resolve here: the IMEI is on another patient (known, or named by the supervisor). */
function overridable(
  outcome: OnboardOutcome,
): outcome is Extract<OnboardOutcome, { outcome: 'blocked' | 'needs_attention' }> {
  return (
    outcome.outcome === 'blocked' || (outcome.outcome === 'needs_attention' && outcome.problem.kind === 'conflict')
  );
}

interface ResultPanelProps {
  readonly outcome: Exclude<OnboardOutcome, { outcome: 'needs_confirmation' }>;
  readonly countdown: number;
  /** Leaves room below for the first-reading panel, on one screen. */
  readonly compact: boolean;
  typeLabel(id: string | undefined): string;
  onNext(): void;
  onOverride(): void;
  /** "Another device for this patient": the next device keeps the patient. */
  readonly samePatient?: string;
  onAnotherDevice?(): void;
}

/** The result fills the screen: a word, an icon and a colour, so no one has to read a paragraph. */
function ResultPanel({
  outcome,
  countdown,
  compact,
  typeLabel,
  onNext,
  onOverride,
  samePatient,
  onAnotherDevice,
}: ResultPanelProps) {
  const { t, language } = useKiosk();
  const tone = toneOf(outcome.outcome);
  const nextRef = useRef<HTMLButtonElement>(null);
  useEffect(() => nextRef.current?.focus(), []);
  const job = 'job' in outcome ? outcome.job : undefined;
  const mustAck = needsAcknowledging(outcome.outcome);

  let word: string;
  let detail: string | undefined;
  let nextAction: string | undefined;
  switch (outcome.outcome) {
    case 'connected':
      word = t.onboard.connected;
      break;
    case 'already_connected':
      word = t.onboard.alreadyConnected;
      detail = fill(t.onboard.alreadyConnectedDetail, { at: new Date(outcome.at).toLocaleString(), by: outcome.by });
      break;
    case 'queued':
      word = t.onboard.queued;
      detail = `${problemText(language, outcome.problem).message} ${fill(t.onboard.queuedDetail, { depth: outcome.queue.depth })}`;
      break;
    case 'needs_attention':
    case 'mismatch': {
      word = outcome.outcome === 'mismatch' ? t.onboard.mismatch : t.onboard.needsAttention;
      const shown = problemText(language, outcome.problem);
      detail = shown.message;
      nextAction = shown.nextAction;
      break;
    }
    case 'blocked':
      word = t.onboard.blocked;
      detail = fill(t.onboard.blockedDetail, { other: outcome.otherUidLast4 ?? '????' });
      nextAction = problemText(language, outcome.problem).nextAction;
      break;
    default: {
      const never: never = outcome;
      return never;
    }
  }

  return (
    <section
      className={`result result-${tone}${compact ? ' result-compact' : ''}`}
      role="alert"
      data-testid="onboard-result"
      data-outcome={outcome.outcome}
    >
      <p className="result-word">
        <StatusIcon className="result-icon" kind={tone === 'ok' ? 'ok' : tone === 'warn' ? 'wait' : 'attention'} />
        {word}
      </p>
      {job && (
        <p className="result-summary">
          {fill(t.onboard.summary, { last4: job.imei.slice(-4), uid: job.uid, type: typeLabel(job.deviceType) })}
        </p>
      )}
      {detail && <p className="result-detail">{detail}</p>}
      {nextAction && (
        <p className="result-next">
          <strong>{t.onboard.nextAction}</strong> {nextAction}
        </p>
      )}
      <div className="button-row">
        {overridable(outcome) && (
          <button type="button" className="button button-large button-danger" onClick={onOverride}>
            {t.onboard.override}
          </button>
        )}
        <button
          ref={nextRef}
          type="button"
          className="button button-large button-primary"
          onClick={onNext}
          data-testid="result-next"
        >
          {mustAck ? t.onboardSafe.acknowledge : t.onboard.nextDevice}
        </button>
        {samePatient && onAnotherDevice && (
          <button type="button" className="button button-large" onClick={onAnotherDevice} data-testid="another-device">
            {fill(t.onboardSafe.anotherDevice, { uid: samePatient })}
          </button>
        )}
      </div>
      {mustAck && (
        <p className="result-next" data-testid="ack-hint">
          {t.onboardSafe.acknowledgeHint}
        </p>
      )}
      {countdown > 0 && <p className="result-countdown">{fill(t.onboard.returning, { seconds: countdown })}</p>}
    </section>
  );
}
