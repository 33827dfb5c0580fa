import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useKiosk } from '../app/kiosk-context';
import { useFocusTrap } from './useFocusTrap';

export interface PinDialogProps {
  readonly role: 'admin' | 'supervisor';
  /** What the PIN is for, in a sentence (shown above the field). */
  readonly purpose: string;
  /** Called with the PIN once the engine accepts it. */
  onPin(pin: string): void;
  onCancel(): void;
}

/** A modal PIN prompt, checked by the engine (auth.check) before the caller acts. */
export function PinDialog({ role, purpose, onPin, onCancel }: PinDialogProps) {
  const { t } = useKiosk();
  const [pin, setPin] = useState('');
  const [wrong, setWrong] = useState(false);
  const inputId = useId();
  const titleId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const onKeyDown = useFocusTrap(formRef, onCancel);
  useEffect(() => inputRef.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await window.kiosk.auth.check({ role, pin }).catch(() => ({ ok: false }));
    if (answer.ok) onPin(pin);
    else {
      setWrong(true);
      setPin('');
      inputRef.current?.focus();
    }
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
        <label htmlFor={inputId}>{t.pin.label}</label>
        <input
          ref={inputRef}
          id={inputId}
          className="field-input"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 12))}
          aria-invalid={wrong || undefined}
          aria-describedby={wrong ? `${inputId}-error` : undefined}
        />
        {wrong && (
          <p id={`${inputId}-error`} className="status status-error" role="alert">
            <span aria-hidden="true">✕ </span>
            {t.pin.wrong}
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={pin.length < 4}>
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
