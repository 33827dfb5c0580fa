/** The Onboard screen's form: the IMEI, the patient ID, the device type, and its buttons. */
import { useId, type Dispatch, type RefObject } from 'react';
import { formatImei } from '../../../src/imei/format';
import { useKiosk } from '../app/kiosk-context';
import { ChoiceButtons } from '../components/ChoiceButtons';
import { fill } from '../i18n/messages';
import { imeiErrorText } from '../i18n/problem-text';
import { draftImei, type UidStatus } from './onboard-draft';
import type { OnboardEvent, OnboardState } from './onboard-state';
import { uidProblemText } from './onboard-text';

export interface OnboardFormProps {
  readonly state: OnboardState;
  dispatch: Dispatch<OnboardEvent>;
  readonly uid: UidStatus;
  readonly ready: boolean;
  /** The refusal of the last scan or call, already worded. */
  readonly problem: string | undefined;
  readonly deviceTypes: readonly { readonly id: string; readonly confirmed: boolean }[];
  readonly refs: {
    readonly imei: RefObject<HTMLInputElement | null>;
    readonly uid: RefObject<HTMLInputElement | null>;
    readonly typeGroup: RefObject<HTMLFieldSetElement | null>;
  };
  typeLabel(id: string | undefined): string;
  onSubmit(): void;
}

export function OnboardForm({
  state,
  dispatch,
  uid,
  ready,
  problem,
  deviceTypes,
  refs,
  typeLabel,
  onSubmit,
}: OnboardFormProps) {
  const { t, language } = useKiosk();
  const imeiId = useId();
  const uidId = useId();
  const typeGroup = useId();
  const { draft, typed, typedCheck, busy } = state;
  const imei = draftImei(draft);

  return (
    <form className="onboard-form" onSubmit={(event) => event.preventDefault()}>
      <div className="field">
        <label htmlFor={imeiId}>{t.onboard.imeiLabel}</label>
        <input
          ref={refs.imei}
          id={imeiId}
          className="field-input field-input-large"
          autoComplete="off"
          spellCheck={false}
          inputMode="numeric"
          placeholder={t.onboard.imeiPlaceholder}
          value={typed || (imei ? formatImei(imei) : '')}
          onChange={(e) => dispatch({ type: 'imei_typed', text: e.target.value })}
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
          {problem && (
            <p className="status status-error">
              <span aria-hidden="true">✕ </span>
              {problem}
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
          ref={refs.uid}
          id={uidId}
          className="field-input field-input-large"
          autoComplete="off"
          spellCheck={false}
          placeholder={t.onboard.uidPlaceholder}
          value={draft.uid}
          onChange={(e) => dispatch({ type: 'uid_typed', uid: e.target.value })}
          aria-invalid={draft.uid ? uid.kind !== 'ok' : undefined}
          aria-describedby={`${uidId}-status`}
        />
        <div id={`${uidId}-status`} className="field-status" aria-live="polite">
          {uid.kind === 'badge' ? (
            <p className="status status-error" data-testid="uid-badge">
              <span aria-hidden="true">✕ </span>
              {fill(t.onboardSafe.badge, { operator: uid.operator })}
            </p>
          ) : uid.kind === 'invalid' ? (
            <p className="status status-error" data-testid="uid-problem">
              <span aria-hidden="true">✕ </span>
              {uidProblemText(language, draft.uid)}
            </p>
          ) : (
            <p className="hint">{t.onboard.uidHint}</p>
          )}
        </div>
      </div>

      <fieldset ref={refs.typeGroup} className="field type-picker">
        <legend id={typeGroup}>{t.onboard.typeLabel}</legend>
        <ChoiceButtons
          labelledBy={typeGroup}
          selected={draft.deviceType}
          onSelect={(id) => dispatch({ type: 'type_picked', deviceType: id })}
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
          disabled={!ready || busy}
          onClick={onSubmit}
        >
          {t.onboard.confirm}
        </button>
        <button type="button" className="button button-large" onClick={() => dispatch({ type: 'reset' })}>
          {t.onboard.clear}
        </button>
        <button
          type="button"
          className="button button-large"
          aria-pressed={state.cameraOpen}
          onClick={() => dispatch({ type: 'camera_toggled' })}
        >
          {state.cameraOpen ? t.onboard.closeCamera : t.onboard.camera}
        </button>
        <button
          type="button"
          className="button button-large"
          onClick={() => dispatch({ type: 'sheet_shown', shown: true })}
        >
          {t.onboardSafe.printBarcodes}
        </button>
      </div>
    </form>
  );
}
