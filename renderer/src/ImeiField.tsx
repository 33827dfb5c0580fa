import { useEffect, useId, useRef, useState } from 'react';
import { formatImei } from '../../src/imei/format';

type Validation = Awaited<ReturnType<Window['kiosk']['imei']['validate']>>;

/**
 * The large IMEI field with live validation through the engine: while the input is wrong it shows
 * the specific reason; once it is right, the formatted IMEI and its TAC.
 */
export function ImeiField() {
  const inputId = useId();
  const statusId = useId();
  const [raw, setRaw] = useState('');
  const [result, setResult] = useState<Validation | undefined>();
  const latestRequest = useRef(0);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => inputRef.current?.focus(), []);

  useEffect(() => {
    const request = ++latestRequest.current;
    if (raw === '') {
      setResult(undefined);
      return;
    }
    window.kiosk.imei.validate({ raw }).then(
      (answer) => {
        // Answers can arrive out of order; only the one for the latest input counts.
        if (request === latestRequest.current) setResult(answer);
      },
      () => {
        if (request === latestRequest.current) setResult(undefined);
      },
    );
  }, [raw]);

  return (
    <section className="imei-panel" aria-labelledby={`${inputId}-label`}>
      <label id={`${inputId}-label`} htmlFor={inputId} className="imei-label">
        IMEI
      </label>
      <input
        ref={inputRef}
        id={inputId}
        className="imei-input"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        value={raw}
        placeholder="Scan or type the 15-digit IMEI"
        aria-describedby={statusId}
        aria-invalid={result ? !result.ok : undefined}
        onChange={(event) => setRaw(event.target.value)}
      />
      <div id={statusId} className="imei-status" aria-live="polite" data-testid="imei-status">
        {!result && <p className="status status-hint">Scan the barcode marked IMEI on the device label.</p>}
        {result && !result.ok && (
          <p className="status status-error" data-kind={result.error.kind}>
            <span className="status-icon" aria-hidden="true">✕</span>
            <span className="status-word">Not valid: </span>
            {result.error.message}
          </p>
        )}
        {result?.ok && (
          <div className="status status-ok">
            <p>
              <span className="status-icon" aria-hidden="true">✓</span>
              <span className="status-word">Valid IMEI </span>
              <strong className="imei-formatted" data-testid="imei-formatted">
                {formatImei(result.imei)}
              </strong>
            </p>
            <p className="imei-tac">
              TAC (device model code): <strong data-testid="imei-tac">{result.tac}</strong>
            </p>
          </div>
        )}
      </div>
    </section>
  );
}
