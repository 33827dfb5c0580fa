import { useCallback, useEffect, useId, useState } from 'react';
import type { BatchStatus, JobSummary, OnboardOutcome } from '../../../src/ipc/contract';
import { errorText, useKiosk } from '../app/kiosk-context';
import { playSound } from '../app/sounds';
import { StatusIcon } from '../components/StatusIcon';
import { fill } from '../i18n/messages';
import { imeiErrorText, orderRowText, problemText } from '../i18n/problem-text';
import { toneOf } from './onboard-state';
import { useScans } from '../scanners/useScans';

type RowError = { row: number; column: string; reason: string };
type JobState = JobSummary['state'];

/** Import an orders CSV (all or nothing), then scan devices: each goes to its order by itself. */
export function Batch() {
  const { t, settings, language } = useKiosk();
  const [status, setStatus] = useState<BatchStatus>();
  const [errors, setErrors] = useState<readonly RowError[]>();
  const [file, setFile] = useState<File>();
  const [last, setLast] = useState<OnboardOutcome>();
  const [lastState, setLastState] = useState<{ id: string; state: JobState }>();
  const [problem, setProblem] = useState<string>();
  const fileId = useId();
  const typeLabel = (id: string) => settings?.deviceTypes.find((d) => d.id === id)?.label ?? id;

  const refresh = useCallback(() => window.kiosk.batch.status({}).then(setStatus, (e: unknown) => setProblem(errorText(e, language))), [language]);
  useEffect(() => {
    void refresh();
    return window.kiosk.on('jobs.changed', (job) => {
      void refresh();
      // The last scan's job as it moves on (assigned → connected), so the big line stays true.
      setLastState((current) => (current && current.id === job.id ? { id: job.id, state: job.state } : current));
    });
  }, [refresh]);

  const importFile = async () => {
    if (!file) return;
    setProblem(undefined);
    try {
      const answer = await window.kiosk.batch.import({ csv: await file.text(), fileName: file.name });
      if (answer.ok) {
        setErrors(undefined);
        setStatus(answer.status);
      } else {
        setErrors(answer.errors);
      }
    } catch (error) {
      setProblem(errorText(error, language));
    }
  };

  // Scan-to-assign takes the wedge and serial-mode scanners alike.
  useScans(
    (scan) => {
      const imei = scan.candidates.valid[0];
      if (!imei) {
        const invalid = scan.candidates.invalid[0];
        setProblem(invalid ? imeiErrorText(language, invalid.error, invalid.text) : t.onboard.needImei);
        playSound('error', settings?.sounds ?? true);
        return;
      }
      setProblem(undefined);
      window.kiosk.batch.scan({ imei: imei.imei, raw: scan.text, source: scan.source }).then(
        (outcome) => {
          setLast(outcome);
          setLastState('job' in outcome ? { id: outcome.job.id, state: outcome.job.state } : undefined);
          playSound(outcome.outcome === 'connected' || outcome.outcome === 'already_connected' ? 'success' : outcome.outcome === 'queued' ? 'warning' : 'error', settings?.sounds ?? true);
          void refresh();
        },
        (error: unknown) => setProblem(errorText(error, language)),
      );
    },
    {
      enabled: Boolean(status?.active),
      onRefused: (text) => {
        setProblem(text);
        playSound('error', settings?.sounds ?? true);
      },
    },
  );

  return (
    <main className="screen" aria-labelledby="batch-title">
      <h1 id="batch-title">{t.batch.title}</h1>
      <div className="form form-inline">
        <label htmlFor={fileId}>{t.batch.fileLabel}</label>
        <input id={fileId} type="file" accept=".csv,text/csv" className="field-file" onChange={(e) => setFile(e.target.files?.[0])} aria-describedby={`${fileId}-hint`} />
        <button type="button" className="button button-primary" disabled={!file} onClick={() => void importFile()}>
          {t.batch.import}
        </button>
        <p id={`${fileId}-hint`} className="hint">
          {t.batch.fileHint}
        </p>
      </div>

      {errors && (
        <section role="alert" aria-labelledby="bad-rows" className="panel panel-error">
          <h2 id="bad-rows">
            <span aria-hidden="true">✕ </span>
            {t.batch.badRows}
          </h2>
          <table className="table" data-testid="batch-errors">
            <thead>
              <tr>
                <th scope="col">{t.batch.row}</th>
                <th scope="col">{t.batch.column}</th>
                <th scope="col">{t.batch.reason}</th>
              </tr>
            </thead>
            <tbody>
              {errors.map((e) => (
                <tr key={`${e.row}-${e.column}-${e.reason}`}>
                  <td>{e.row}</td>
                  <td>{e.column}</td>
                  <td>{orderRowText(language, e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {problem && (
        <p className="status status-error" role="alert">
          <span aria-hidden="true">✕ </span>
          {problem}
        </p>
      )}

      {status?.active ? (
        <section className="panel" aria-live="polite" data-testid="batch-progress">
          <p className="big-line">{fill(t.batch.progress, { assigned: status.assigned, total: status.total, connected: status.connected, remaining: status.remaining })}</p>
          <progress max={status.total} value={status.assigned} aria-label={t.batch.title} />
          {status.etaMs !== null && <p>{fill(t.batch.eta, { minutes: Math.max(1, Math.round(status.etaMs / 60_000)) })}</p>}
          {status.next && <p>{fill(t.batch.next, { uid: status.next.uid, type: typeLabel(status.next.deviceType) })}</p>}
          <p className="hint">{t.batch.scanHint}</p>
          {last && <LastScan outcome={last} liveState={lastState?.state} />}
          <button type="button" className="button" onClick={() => void window.kiosk.batch.close({}).then(setStatus)}>
            {t.batch.close}
          </button>
        </section>
      ) : (
        !errors && <p className="muted">{t.batch.none}</p>
      )}
    </main>
  );
}

/** The last scan's outcome in a word with an icon (never colour alone), then which order it went to. */
function LastScan({ outcome, liveState }: { outcome: OnboardOutcome; liveState: JobState | undefined }) {
  const { t, language } = useKiosk();
  const nowConnected = liveState === 'connected' || liveState === 'verified';
  const assigned = outcome.outcome === 'queued' && outcome.problem.kind === 'assigned' && !nowConnected;
  if (outcome.outcome === 'queued' && outcome.problem.kind === 'assigned' && nowConnected) {
    return <LastScan outcome={{ outcome: 'connected', job: outcome.job, queue: outcome.queue }} liveState={undefined} />;
  }
  const tone = assigned ? 'ok' : toneOf(outcome.outcome);
  const word = assigned
    ? t.batch.assigned
    : {
        connected: t.onboard.connected,
        already_connected: t.onboard.alreadyConnected,
        queued: t.onboard.queued,
        needs_attention: t.onboard.needsAttention,
        needs_confirmation: t.onboard.confirmSecond,
        blocked: t.onboard.blocked,
        mismatch: t.onboard.mismatch,
      }[outcome.outcome];
  const job = 'job' in outcome ? outcome.job : undefined;
  const shown = 'problem' in outcome && !assigned ? problemText(language, outcome.problem) : undefined;
  return (
    <div className={`status status-${tone === 'warn' ? 'warn' : tone} last-scan`} data-testid="batch-last" data-outcome={assigned ? 'assigned' : outcome.outcome}>
      <p className="big-line">
        <StatusIcon kind={tone === 'ok' ? 'ok' : tone === 'warn' ? 'wait' : 'attention'} /> {word}
      </p>
      {job && <p>{fill(t.batch.lastScan, { last4: job.imei.slice(-4), uid: job.uid })}</p>}
      {shown && (
        <p>
          {shown.message} <strong>{t.onboard.nextAction}</strong> {shown.nextAction}
        </p>
      )}
    </div>
  );
}
