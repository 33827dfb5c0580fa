import { useId, useState, type FormEvent } from 'react';
import { formatImei, maskImei } from '../../../src/imei/format';
import { PatientUidSchema } from '../../../src/ipc/schemas';
import { errorText, useKiosk } from '../app/kiosk-context';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { PinDialog } from '../components/PinDialog';
import { imeiErrorText } from '../i18n/problem-text';
import { deviceTypeLabel } from '../i18n/device-type-label';
import { fill } from '../i18n/messages';
import { useStationWedgeOptions } from '../scanners/useStationWedgeOptions';
import { useWedgeScanner } from '../wedge';
import { scanMeaning } from './onboard-state';

type Line = { imei: string; deviceType: string; connectedAt?: string };
type Pending = { kind: 'one'; imei: string } | { kind: 'all' };

/** Disconnect one IMEI, or all of a patient's devices, after a confirmation that lists exactly what. */
export function Disconnect() {
  const { t, settings, language } = useKiosk();
  const typeLabel = (id: string) => deviceTypeLabel(settings?.deviceTypes, id, language);
  const [uid, setUid] = useState('');
  const [imei, setImei] = useState('');
  const [preview, setPreview] = useState<{ uid: string; connections: readonly Line[] }>();
  const [pending, setPending] = useState<Pending>();
  const [askPin, setAskPin] = useState(false);
  const [done, setDone] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const uidId = useId();
  const imeiId = useId();

  // A scanner works here too: an IMEI label fills the IMEI, a patient barcode the patient ID.
  const wedgeOptions = useStationWedgeOptions();
  useWedgeScanner(
    (scan) => {
      const meaning = scanMeaning(scan.text, scan.candidates, (text) => PatientUidSchema.safeParse(text).success);
      if (meaning.kind === 'imei') setImei(meaning.imei);
      else if (meaning.kind === 'patient') setUid(meaning.uid);
      else if (meaning.kind === 'bad_imei') setProblem(imeiErrorText(language, meaning.error, meaning.raw));
    },
    { enabled: !pending && !askPin, ...wedgeOptions },
  );

  const load = async (event?: FormEvent) => {
    event?.preventDefault();
    setProblem(undefined);
    setDone(undefined);
    // A patient ID, an IMEI, or both: a returned device is looked up by its IMEI alone.
    if (!uid && !imei) {
      setProblem(t.disconnect.needOne);
      return;
    }
    if (uid && !PatientUidSchema.safeParse(uid).success) {
      setProblem(t.onboard.badUid);
      return;
    }
    let imeiValue: string | undefined;
    if (imei) {
      const check = await window.kiosk.imei.validate({ raw: imei });
      if (!check.ok) {
        setProblem(imeiErrorText(language, check.error, imei));
        return;
      }
      imeiValue = check.imei;
    }
    try {
      setPreview(
        await window.kiosk.disconnect.preview({ ...(uid ? { uid } : {}), ...(imeiValue ? { imei: imeiValue } : {}) }),
      );
    } catch (error) {
      setProblem(errorText(error, language));
    }
  };

  const run = async (supervisorPin?: string) => {
    if (!preview || !pending) return;
    setProblem(undefined);
    try {
      const answer =
        pending.kind === 'one'
          ? await window.kiosk.disconnect.one({
              uid: preview.uid,
              imei: pending.imei,
              supervisorPin: supervisorPin ?? '',
            })
          : await window.kiosk.disconnect.all({ uid: preview.uid, supervisorPin: supervisorPin ?? '' });
      // Which devices, not just how many: masked IMEI and type of each, and the patient.
      const list = answer.disconnected
        .map((d) => fill(t.disconnect.doneLine, { imei: maskImei(d.imei), type: typeLabel(d.deviceType) }))
        .join(', ');
      setDone(fill(t.disconnect.done, { n: answer.disconnected.length, list, uid: preview.uid }));
      setPreview(undefined);
    } catch (error) {
      setProblem(errorText(error, language));
    } finally {
      setPending(undefined);
      setAskPin(false);
    }
  };

  return (
    <main className="screen" aria-labelledby="disconnect-title">
      <h1 id="disconnect-title">{t.disconnect.title}</h1>
      <form className="form" onSubmit={load}>
        <label htmlFor={uidId}>{t.disconnect.uidLabel}</label>
        <input
          id={uidId}
          className="field-input"
          autoComplete="off"
          value={uid}
          onChange={(e) => setUid(e.target.value.trim())}
          aria-describedby={`${uidId}-hint`}
        />
        <p id={`${uidId}-hint`} className="hint">
          {t.disconnect.uidHint}
        </p>
        <label htmlFor={imeiId}>{t.disconnect.imeiLabel}</label>
        <input
          id={imeiId}
          className="field-input"
          autoComplete="off"
          inputMode="numeric"
          value={imei}
          onChange={(e) => setImei(e.target.value)}
        />
        <button type="submit" className="button button-primary">
          {t.disconnect.preview}
        </button>
      </form>
      {problem && (
        <p className="status status-error" role="alert">
          <span aria-hidden="true">✕ </span>
          {problem}
        </p>
      )}
      {done && (
        <p className="status status-ok" role="status">
          <span aria-hidden="true">✓ </span>
          {done}
        </p>
      )}
      {preview && (
        <section className="panel" aria-labelledby="preview-title" data-testid="disconnect-preview">
          <h2 id="preview-title">{preview.connections.length ? t.disconnect.willDisconnect : t.disconnect.nothing}</h2>
          <ul className="plain-list connection-list">
            {preview.connections.map((c) => (
              <li key={c.imei}>
                <strong>{formatImei(c.imei)}</strong>
                <span>{typeLabel(c.deviceType)}</span>
                <span className="muted">{c.connectedAt ? new Date(c.connectedAt).toLocaleString() : ''}</span>
                <button
                  type="button"
                  className="button button-danger"
                  aria-label={`${t.disconnect.one} ${maskImei(c.imei)}`}
                  onClick={() => setPending({ kind: 'one', imei: c.imei })}
                >
                  {t.disconnect.one}
                </button>
              </li>
            ))}
          </ul>
          {preview.connections.length > 1 && (
            <button
              type="button"
              className="button button-danger button-large"
              onClick={() => setPending({ kind: 'all' })}
            >
              {fill(t.disconnect.all, { n: preview.connections.length })}
            </button>
          )}
        </section>
      )}
      {pending && !askPin && preview && (
        <ConfirmDialog
          title={t.disconnect.confirmTitle}
          confirmLabel={t.disconnect.confirm}
          cancelLabel={t.disconnect.cancel}
          danger
          onConfirm={() => setAskPin(true)}
          onCancel={() => setPending(undefined)}
        >
          <p>{t.disconnect.willDisconnect}</p>
          <ul className="plain-list">
            {(pending.kind === 'one'
              ? preview.connections.filter((c) => c.imei === pending.imei)
              : preview.connections
            ).map((c) => (
              <li key={c.imei}>
                <strong>{formatImei(c.imei)}</strong> · {typeLabel(c.deviceType)} · {preview.uid}
              </li>
            ))}
          </ul>
        </ConfirmDialog>
      )}
      {askPin && (
        <PinDialog
          role="supervisor"
          purpose={
            pending?.kind === 'one'
              ? `${t.disconnect.one} ${maskImei(pending.imei)}`
              : fill(t.disconnect.all, { n: preview?.connections.length ?? 0 })
          }
          onPin={(pin) => void run(pin)}
          onCancel={() => {
            setAskPin(false);
            setPending(undefined);
          }}
        />
      )}
    </main>
  );
}
