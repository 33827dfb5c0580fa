import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { errorText, useKiosk } from '../app/kiosk-context';
import { StatusIcon } from '../components/StatusIcon';
import { useWedgeScanner } from '../wedge';

/** Operator sign-in: scan a badge (wedge) or type an ID, optional PIN. */
export function StationStart({ notice }: { notice?: string | undefined }) {
  const { t, settings, setOperator, language } = useKiosk();
  const [operatorId, setOperatorId] = useState('');
  const [problem, setProblem] = useState<string>();
  const idField = useId();
  const idRef = useRef<HTMLInputElement>(null);
  useEffect(() => idRef.current?.focus(), []);

  const signIn = async (id: string) => {
    if (!id.trim()) {
      setProblem(t.station.missingOperator);
      idRef.current?.focus();
      return;
    }
    try {
      // No operator PIN: this kiosk has no operator register to check one against (supervisor and
      // admin PINs guard what needs guarding).
      const session = await window.kiosk.session.signIn({ operatorId: id.trim() });
      setOperator(session.operator);
    } catch (error) {
      setProblem(errorText(error, language));
    }
  };

  // A badge scan signs in at once.
  useWedgeScanner((scan) => {
    // A device label scanned here by mistake must not become an operator.
    if (scan.candidates.valid.length > 0) {
      setProblem(t.station.deviceNotBadge);
      return;
    }
    setOperatorId(scan.text);
    void signIn(scan.text);
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void signIn(operatorId);
  };

  return (
    <main className="screen screen-narrow" aria-labelledby="station-title">
      <h1 id="station-title">{t.station.title}</h1>
      <p className="muted">
        {t.station.stationName}: <strong>{settings?.station ?? '—'}</strong>
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
          onChange={(e) => setOperatorId(e.target.value)}
          aria-describedby={`${idField}-hint`}
        />
        <p id={`${idField}-hint`} className="hint">
          {t.station.operatorHint}
        </p>
        {problem && (
          <p className="status status-error" role="alert">
            <span aria-hidden="true">✕ </span>
            {problem}
          </p>
        )}
        <button type="submit" className="button button-primary button-large">
          {t.station.signIn}
        </button>
      </form>
    </main>
  );
}
