import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { errorText, useKiosk } from '../app/kiosk-context';
import { PinField } from '../components/PinField';
import { StatusIcon } from '../components/StatusIcon';
import { fill } from '../i18n/messages';
import { useStationWedgeOptions } from '../scanners/useStationWedgeOptions';
import { useWedgeScanner } from '../wedge';

/**
 * Operator sign-in: scan a badge (wedge) or type an ID. An operator the admin registered with a
 * PIN types it next; with no operators registered, any ID signs in.
 */
export function StationStart({ notice }: { notice?: string | undefined }) {
  const { t, look, setOperator, language } = useKiosk();
  const [operatorId, setOperatorId] = useState('');
  const [pinFor, setPinFor] = useState<string>();
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<string>();
  const idField = useId();
  const pinField = useId();
  const idRef = useRef<HTMLInputElement>(null);
  const pinRef = useRef<HTMLInputElement>(null);
  useEffect(() => idRef.current?.focus(), []);
  useEffect(() => {
    if (pinFor) pinRef.current?.focus();
  }, [pinFor]);

  const signIn = async (id: string, withPin?: string) => {
    const trimmed = id.trim();
    if (!trimmed) {
      setProblem(t.station.missingOperator);
      idRef.current?.focus();
      return;
    }
    try {
      if (withPin === undefined) {
        const needs = await window.kiosk.session.signInNeeds({ operatorId: trimmed });
        if (needs.pin) {
          setProblem(undefined);
          setPin('');
          setPinFor(trimmed);
          return;
        }
      }
      const session = await window.kiosk.session.signIn({ operatorId: trimmed, ...(withPin ? { pin: withPin } : {}) });
      setOperator(session.operator);
    } catch (error) {
      setProblem(errorText(error, language));
      if (withPin !== undefined) {
        setPin('');
        pinRef.current?.focus();
      }
    }
  };

  const startOver = () => {
    setPinFor(undefined);
    setPin('');
    setProblem(undefined);
    idRef.current?.focus();
  };

  // A badge scan signs in at once (or asks for that operator's PIN).
  const wedgeOptions = useStationWedgeOptions();
  useWedgeScanner((scan) => {
    // A device label scanned here by mistake must not become an operator.
    if (scan.candidates.valid.length > 0) {
      setProblem(t.station.deviceNotBadge);
      return;
    }
    setOperatorId(scan.text);
    setPinFor(undefined);
    void signIn(scan.text);
  }, wedgeOptions);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (pinFor) void signIn(pinFor, pin);
    else void signIn(operatorId);
  };

  return (
    <main className="screen screen-narrow" aria-labelledby="station-title">
      <h1 id="station-title">{t.station.title}</h1>
      <p className="muted">
        {t.station.stationName}: <strong>{look?.station ?? '—'}</strong>
      </p>
      {notice && (
        <p className="status status-warn panel" role="status">
          <StatusIcon kind="wait" /> {notice}
        </p>
      )}
      <form onSubmit={submit} className="form">
        <label htmlFor={idField}>{t.station.operatorLabel}</label>
        <input
          ref={idRef}
          id={idField}
          className="field-input"
          autoComplete="off"
          value={operatorId}
          readOnly={pinFor !== undefined}
          onChange={(e) => setOperatorId(e.target.value)}
          aria-describedby={`${idField}-hint`}
        />
        <p id={`${idField}-hint`} className="hint">
          {t.station.operatorHint}
        </p>
        {pinFor && (
          <>
            <label htmlFor={pinField}>{fill(t.station.pinLabel, { operator: pinFor })}</label>
            <PinField
              ref={pinRef}
              id={pinField}
              value={pin}
              onPin={setPin}
              onKeyDown={(e) => {
                if (e.key === 'Escape') startOver();
              }}
            />
          </>
        )}
        {problem && (
          <p className="status status-error" role="alert">
            <span aria-hidden="true">✕ </span>
            {problem}
          </p>
        )}
        <div className="button-row">
          <button
            type="submit"
            className="button button-primary button-large"
            disabled={pinFor !== undefined && pin.length < 4}
          >
            {t.station.signIn}
          </button>
          {pinFor && (
            <button type="button" className="button button-large" onClick={startOver}>
              {t.station.otherOperator}
            </button>
          )}
        </div>
      </form>
    </main>
  );
}
