import { useId, useState, type FormEvent } from 'react';
import { errorText, useKiosk } from '../app/kiosk-context';
import { fill } from '../i18n/messages';
import { newTypeProblem, typesChanged, type DeviceTypeRow } from './settings-drafts';
import { SaveStatus, type SaveMessage } from '../components/SaveStatus';
import type { SettingsEditorProps } from './settings-editor-props';

/**
 * The device types: relabel, remove, add, then one save. An existing id is shown, not edited (it is
 * what Validic and the journal know the type by); the engine refuses a removal open work still needs.
 */
export function DeviceTypesEditor({ adminPin, settings, onSaved }: SettingsEditorProps) {
  const { t, language } = useKiosk();
  const saved = settings.deviceTypes;
  const [rows, setRows] = useState<readonly DeviceTypeRow[]>(saved);
  const [newId, setNewId] = useState('');
  const [newLabel, setNewLabel] = useState('');
  const [newLabelEs, setNewLabelEs] = useState('');
  const [message, setMessage] = useState<SaveMessage>();
  const ids = { title: useId(), newId: useId(), newLabel: useId(), newLabelEs: useId(), problem: useId() };
  // Rows start again from the saved types only when those change (this panel saved), in the same
  // render: another panel's save refreshes the settings too, and must not drop what is typed here.
  const savedRows = saved.map(({ id, label, labelEs }) => ({ id, label, labelEs }));
  const savedKey = JSON.stringify(savedRows);
  const [rowsFrom, setRowsFrom] = useState(savedKey);
  if (rowsFrom !== savedKey) {
    setRowsFrom(savedKey);
    setRows(savedRows);
  }

  const problem = newId || newLabel ? newTypeProblem(newId, newLabel, rows) : undefined;
  const problemText =
    problem === 'id_format'
      ? t.settings.typeIdFormat
      : problem === 'id_taken'
        ? fill(t.settings.typeIdTaken, { id: newId })
        : problem === 'label_missing'
          ? t.settings.typeLabelMissing
          : undefined;

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!newId || problem) return;
    setRows([...rows, { id: newId, label: newLabel.trim(), labelEs: newLabelEs.trim() }]);
    setNewId('');
    setNewLabel('');
    setNewLabelEs('');
    setMessage(undefined);
  };

  const remove = (id: string) => {
    if (rows.length === 1) {
      setMessage({ ok: false, text: t.settings.lastType });
      return;
    }
    setRows(rows.filter((row) => row.id !== id));
    setMessage(undefined);
  };

  const save = async () => {
    try {
      await window.kiosk.settings.update({
        adminPin,
        patch: { deviceTypes: rows.map(({ id, label, labelEs }) => ({ id, label, labelEs: labelEs ?? '' })) },
      });
      setMessage({ ok: true, text: t.settings.saved });
      await onSaved();
    } catch (error) {
      setMessage({ ok: false, text: errorText(error, language) });
    }
  };

  const confirmedOf = (id: string) => saved.find((type) => type.id === id)?.confirmed;

  return (
    <section className="panel" aria-labelledby={ids.title} data-testid="device-types">
      <h2 id={ids.title}>{t.settings.deviceTypes}</h2>
      <p className="hint">{t.settings.typesHint}</p>
      <ul className="plain-list">
        {rows.map((row) => (
          <li key={row.id}>
            <input
              className="field-input type-label-input"
              aria-label={fill(t.settings.typeLabelOf, { id: row.id })}
              value={row.label}
              onChange={(e) => setRows(rows.map((r) => (r.id === row.id ? { ...r, label: e.target.value } : r)))}
            />
            <input
              className="field-input type-label-input"
              lang="es"
              aria-label={fill(t.settings.typeLabelEsOf, { id: row.id })}
              placeholder={t.settings.labelEsPlaceholder}
              value={row.labelEs ?? ''}
              onChange={(e) => setRows(rows.map((r) => (r.id === row.id ? { ...r, labelEs: e.target.value } : r)))}
            />
            <code>{row.id}</code>
            {confirmedOf(row.id) === false && <span className="tag">{t.settings.assumed}</span>}
            <button
              type="button"
              className="button"
              aria-label={fill(t.settings.removeTypeOf, { label: row.label || row.id })}
              onClick={() => remove(row.id)}
            >
              {t.settings.removeType}
            </button>
          </li>
        ))}
      </ul>
      <form className="form form-grid" onSubmit={add}>
        <label htmlFor={ids.newId}>{t.settings.newTypeId}</label>
        <input
          id={ids.newId}
          className="field-input"
          autoComplete="off"
          spellCheck={false}
          value={newId}
          onChange={(e) => setNewId(e.target.value.trim())}
          aria-invalid={problem === 'id_format' || problem === 'id_taken' ? true : undefined}
          aria-describedby={ids.problem}
        />
        <label htmlFor={ids.newLabel}>{t.settings.newTypeLabel}</label>
        <input
          id={ids.newLabel}
          className="field-input"
          autoComplete="off"
          value={newLabel}
          onChange={(e) => setNewLabel(e.target.value)}
          aria-invalid={problem === 'label_missing' ? true : undefined}
          aria-describedby={ids.problem}
        />
        <label htmlFor={ids.newLabelEs}>{t.settings.newTypeLabelEs}</label>
        <input
          id={ids.newLabelEs}
          className="field-input"
          lang="es"
          autoComplete="off"
          value={newLabelEs}
          onChange={(e) => setNewLabelEs(e.target.value)}
        />
        <p id={ids.problem} className={problemText ? 'status status-error' : 'hint'} aria-live="polite">
          {problemText ? (
            <>
              <span aria-hidden="true">✕ </span>
              {problemText}
            </>
          ) : (
            t.settings.assumedHint
          )}
        </p>
        <button type="submit" className="button" disabled={!newId || Boolean(problem)}>
          {t.settings.addType}
        </button>
      </form>
      <SaveStatus message={message} testId="device-types-status" />
      {!message && typesChanged(saved, rows) && <p className="hint">{t.settings.typesUnsaved}</p>}
      <button type="button" className="button button-primary" onClick={() => void save()}>
        {t.settings.saveTypes}
      </button>
    </section>
  );
}
