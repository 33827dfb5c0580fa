import { useId, useState, type FormEvent } from 'react';
import { errorText, useKiosk } from '../app/kiosk-context';
import { PinField } from '../components/PinField';
import { fill } from '../i18n/messages';
import { SaveStatus, type SaveMessage } from '../components/SaveStatus';
import type { SettingsEditorProps } from './settings-editor-props';

/**
 * Who may sign in. Empty: anyone (a new or training kiosk). An operator added with a PIN types it
 * after scanning the badge; the engine keeps only its hash. Adding an ID already listed changes its PIN.
 */
export function OperatorsEditor({ adminPin, settings, onSaved }: SettingsEditorProps) {
  const { t, language } = useKiosk();
  const [operatorId, setOperatorId] = useState('');
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [message, setMessage] = useState<SaveMessage>();
  const ids = { title: useId(), id: useId(), pin: useId(), repeat: useId() };

  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      setMessage({ ok: true, text: done });
      await onSaved();
      return true;
    } catch (error) {
      setMessage({ ok: false, text: errorText(error, language) });
      return false;
    }
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (pin !== repeat) {
      setMessage({ ok: false, text: t.settings.pinsDiffer });
      return;
    }
    const id = operatorId.trim();
    const saved = await act(
      () => window.kiosk.settings.saveOperator({ adminPin, operatorId: id, ...(pin ? { pin } : {}) }),
      fill(t.settings.operatorSaved, { operator: id }),
    );
    if (saved) {
      setOperatorId('');
      setPin('');
      setRepeat('');
    }
  };

  return (
    <section className="panel" aria-labelledby={ids.title} data-testid="operators">
      <h2 id={ids.title}>{t.settings.operatorsTitle}</h2>
      <p className="hint">{settings.operators.length === 0 ? t.settings.operatorsOpen : t.settings.operatorsClosed}</p>
      {settings.operators.length > 0 && (
        <ul className="plain-list">
          {settings.operators.map((operator) => (
            <li key={operator.id} className="button-row" data-testid="operator-row">
              <strong>{operator.id}</strong>
              <span>{operator.hasPin ? t.settings.operatorHasPin : t.settings.operatorNoPin}</span>
              {operator.hasPin && (
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    void act(
                      () => window.kiosk.settings.saveOperator({ adminPin, operatorId: operator.id, clearPin: true }),
                      fill(t.settings.operatorSaved, { operator: operator.id }),
                    )
                  }
                >
                  {fill(t.settings.operatorClearPin, { operator: operator.id })}
                </button>
              )}
              <button
                type="button"
                className="button button-danger"
                onClick={() =>
                  void act(
                    () => window.kiosk.settings.removeOperator({ adminPin, operatorId: operator.id }),
                    fill(t.settings.operatorRemoved, { operator: operator.id }),
                  )
                }
              >
                {fill(t.settings.operatorRemove, { operator: operator.id })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="form form-grid" onSubmit={save}>
        <label htmlFor={ids.id}>{t.settings.operatorId}</label>
        <input
          id={ids.id}
          className="field-input"
          autoComplete="off"
          maxLength={64}
          value={operatorId}
          onChange={(e) => setOperatorId(e.target.value)}
        />
        <label htmlFor={ids.pin}>{t.settings.operatorPin}</label>
        <PinField id={ids.pin} value={pin} onPin={setPin} />
        <label htmlFor={ids.repeat}>{t.settings.operatorPinRepeat}</label>
        <PinField id={ids.repeat} value={repeat} onPin={setRepeat} />
        <SaveStatus message={message} testId="operators-status" />
        <button
          type="submit"
          className="button button-primary"
          disabled={!operatorId.trim() || (pin.length > 0 && pin.length < 4)}
        >
          {t.settings.operatorSave}
        </button>
      </form>
    </section>
  );
}
