import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { PatientUidSchema } from '../../../src/ipc/schemas';
import { errorText, useKiosk } from '../app/kiosk-context';
import { PinField } from './PinField';
import { useFocusTrap } from './useFocusTrap';

export interface PinDialogProps {
  readonly role: 'admin' | 'supervisor';
  /** What the PIN is for, in a sentence (shown above the field). */
  readonly purpose: string;
  /** Also ask for a patient ID (e.g. the patient an IMEI must be taken from), checked like any uid. */
  readonly patientLabel?: string;
  /** Called with the PIN once the engine accepts it (and the patient ID, when asked for). */
  onPin(pin: string, patientUid?: string): void;
  onCancel(): void;
}

/** A modal PIN prompt, checked by the engine (auth.check) before the caller acts. */
export function PinDialog({ role, purpose, patientLabel, onPin, onCancel }: PinDialogProps) {
  const { t, language } = useKiosk();
  const [pin, setPin] = useState('');
  /** Why the last PIN was not taken: wrong, or PINs locked after too many wrong ones. */
  const [problem, setProblem] = useState<string>();
  const [patient, setPatient] = useState('');
  const patientId = useId();
  const patientRef = useRef<HTMLInputElement>(null);
  const patientValid = !patientLabel || PatientUidSchema.safeParse(patient).success;
  const inputId = useId();
  const titleId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const onKeyDown = useFocusTrap(formRef, onCancel);
  useEffect(() => (patientLabel ? patientRef.current : inputRef.current)?.focus(), [patientLabel]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!patientValid) {
      patientRef.current?.focus();
      return;
    }
    let refusal: string;
    try {
      if ((await window.kiosk.auth.check({ role, pin })).ok) {
        onPin(pin, patientLabel ? patient : undefined);
        return;
      }
      refusal = t.pin.wrong;
    } catch (error) {
      // e.g. PINs locked after too many wrong ones: the engine says for how long.
      refusal = errorText(error, language);
    }
    setProblem(refusal);
    setPin('');
    inputRef.current?.focus();
  };

  return (
    <div className="modal-backdrop">
      <form
        ref={formRef}
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onSubmit={submit}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>{role === 'admin' ? t.pin.adminTitle : t.pin.supervisorTitle}</h2>
        <p>{purpose}</p>
        {patientLabel && (
          <>
            <label htmlFor={patientId}>{patientLabel}</label>
            <input
              ref={patientRef}
              id={patientId}
              className="field-input"
              autoComplete="off"
              spellCheck={false}
              value={patient}
              onChange={(e) => setPatient(e.target.value.trim())}
              aria-invalid={patient ? !patientValid : undefined}
            />
          </>
        )}
        <label htmlFor={inputId}>{t.pin.label}</label>
        <PinField
          ref={inputRef}
          id={inputId}
          value={pin}
          onPin={setPin}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${inputId}-error` : undefined}
        />
        {problem && (
          <p id={`${inputId}-error`} className="status status-error" role="alert">
            <span aria-hidden="true">✕ </span>
            {problem}
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={pin.length < 4 || !patientValid}>
            {t.pin.ok}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t.pin.cancel}
          </button>
        </div>
      </form>
    </div>
  );
}
