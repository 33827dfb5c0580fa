/**
 * What the Onboard screen asks above its form: take the plugged-in modem's IMEI, mind the idle
 * sign-out, take the IMEI of a scanned IMEISV, say why the serial scanner is silent, order or patient, and which of a label's IMEIs.
 */
import type { Dispatch } from 'react';
import { formatImei } from '../../../src/imei/format';
import type { SerialStatus } from '../../../src/ipc/schemas';
import { useKiosk } from '../app/kiosk-context';
import { fill } from '../i18n/messages';
import { problemText } from '../i18n/problem-text';
import type { OnboardEvent, OnboardState, StationLists } from './onboard-state';

export type SerialOffer = NonNullable<SerialStatus['offer']>;

export interface OnboardPromptsProps {
  readonly state: OnboardState;
  dispatch: Dispatch<OnboardEvent>;
  readonly station: StationLists;
  readonly offer: SerialOffer | undefined;
  readonly serialProblem: SerialStatus['problem'];
  /** Seconds left before the idle sign-out throws away a half-filled device, while warned. */
  readonly idleWarning: number | undefined;
  typeLabel(id: string | undefined): string;
}

export function OnboardPrompts(props: OnboardPromptsProps) {
  const { state, dispatch, station, offer, serialProblem, idleWarning, typeLabel } = props;
  const { t, language } = useKiosk();
  const { draft, typed, typedCheck, orderOrPatient, choice } = state;
  const serialShown = serialProblem && problemText(language, serialProblem);
  const typedImeisv =
    typedCheck && !typedCheck.ok && typedCheck.error.kind === 'imeisv' ? typedCheck.error.derivedImei : undefined;
  const imeisvShown =
    state.imeisvOffer ?? (typedImeisv ? { imei: typedImeisv, raw: typed, source: 'typed' as const } : undefined);

  return (
    <>
      {offer && offer.imei !== draft.modemImei && (
        <div className="offer" role="region" aria-label={t.onboard.useModem}>
          <span data-testid="modem-offer">
            {fill(t.onboard.modemOffer, { port: offer.port, imei: formatImei(offer.imei) })}
            {offer.manufacturer ? ` · ${offer.manufacturer}${offer.model ? ` ${offer.model}` : ''}` : ''}
          </span>
          <button
            type="button"
            className="button button-primary"
            onClick={() => dispatch({ type: 'imei_taken', imei: offer.imei, raw: offer.imei, source: 'modem' })}
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
            onClick={() =>
              dispatch({
                type: 'imei_taken',
                imei: imeisvShown.imei,
                raw: imeisvShown.raw,
                source: imeisvShown.source,
                typed: '',
              })
            }
          >
            {fill(t.onboardSafe.useImei, { imei: formatImei(imeisvShown.imei) })}
          </button>
          <button type="button" className="button button-large" onClick={() => dispatch({ type: 'imeisv_declined' })}>
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
            onClick={() => dispatch({ type: 'order_chosen', station })}
          >
            {fill(t.onboard.useOrder, {
              uid: orderOrPatient.order.uid,
              type: typeLabel(orderOrPatient.order.deviceType),
            })}
          </button>
          <button type="button" className="button button-large" onClick={() => dispatch({ type: 'patient_chosen' })}>
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
              onClick={() => dispatch({ type: 'imei_taken', imei: c.imei, raw: c.imei, source: choice.source })}
            >
              {c.label ? `${c.label}: ` : ''}
              {formatImei(c.imei)}
            </button>
          ))}
        </div>
      )}
    </>
  );
}
