import { useCallback, useEffect, useId, useState } from 'react';
import { maskImei } from '../../../src/imei/format';
import type { BatchStatus, JobSummary, OnboardOutcome } from '../../../src/ipc/schemas';
import { refusalOf } from '../../../src/ipc/wire';
import type { CaptureSource } from './onboard-state';
import { errorText, useKiosk } from '../app/kiosk-context';
import { playSound } from '../app/sounds';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { OtherPatientOverride, isOnOtherPatient } from '../components/OtherPatientOverride';
import { StatusIcon } from '../components/StatusIcon';
import { deviceTypeLabel } from '../i18n/device-type-label';
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
  /** The last scan's job as the engine reports it since (its state, and why it stopped). */
  const [lastJob, setLastJob] = useState<JobSummary>();
  /** The last scan was refused (no order took it): the latest result, shown as big as any other. */
  const [refused, setRefused] = useState<string>();
  /** The next order's type is not the type this kiosk knows the device's model as: asked before it goes. */
  const [typeQuestion, setTypeQuestion] = useState<{
    imei: string;
    raw: string;
    source: CaptureSource;
    orderType: string;
    modelType: string;
    uid: string;
    seen: number;
  }>();
  const [closeAsked, setCloseAsked] = useState(false);
  const [problem, setProblem] = useState<string>();
  const fileId = useId();
  const typeLabel = (id: string) => deviceTypeLabel(settings?.deviceTypes, id, language);

  const refresh = useCallback(
    () => window.kiosk.batch.status({}).then(setStatus, (e: unknown) => setProblem(errorText(e, language))),
    [language],
  );
  useEffect(() => {
    void refresh();
    return window.kiosk.on('jobs.changed', (job) => {
      void refresh();
      // The last scan's job as it moves on (assigned → connected), so the big line stays true.
      setLastJob((current) => (current && current.id === job.id ? job : current));
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

  const showOutcome = (outcome: OnboardOutcome) => {
    setRefused(undefined);
    setLast(outcome);
    setLastJob('job' in outcome ? outcome.job : undefined);
    playSound(
      outcome.outcome === 'connected' || outcome.outcome === 'already_connected'
        ? 'success'
        : outcome.outcome === 'queued'
          ? 'warning'
          : 'error',
      settings?.sounds ?? true,
    );
    void refresh();
  };

  /** A refused scan replaces the last result: the device in hand is the one the screen talks about. */
  const refuse = (text: string) => {
    setLast(undefined);
    setLastJob(undefined);
    setRefused(text);
    playSound('error', settings?.sounds ?? true);
  };

  const send = (scan: { imei: string; raw: string; source: CaptureSource }, typeConfirmed?: string) => {
    setProblem(undefined);
    window.kiosk.batch
      .scan({ ...scan, ...(typeConfirmed ? { typeConfirmed } : {}) })
      .then(showOutcome, (error: unknown) => {
        const refusal = refusalOf(error);
        const { orderType, modelType, uid, seen } = refusal?.params ?? {};
        if (
          refusal?.code === 'batch_type_mismatch' &&
          typeof orderType === 'string' &&
          typeof modelType === 'string' &&
          typeof uid === 'string'
        ) {
          setTypeQuestion({ ...scan, orderType, modelType, uid, seen: Number(seen ?? 0) });
          playSound('error', settings?.sounds ?? true);
          return;
        }
        refuse(errorText(error, language));
      });
  };

  // Scan-to-assign takes the wedge and serial-mode scanners alike.
  useScans(
    (scan) => {
      const imei = scan.candidates.valid[0];
      if (!imei) {
        const invalid = scan.candidates.invalid[0];
        refuse(invalid ? imeiErrorText(language, invalid.error, invalid.text) : t.onboard.needImei);
        return;
      }
      send({ imei: imei.imei, raw: scan.text, source: scan.source });
    },
    {
      enabled: Boolean(status?.active) && !typeQuestion && !closeAsked,
      onRefused: refuse,
    },
  );

  const complete = status?.active === true && status.total > 0 && status.remaining === 0;
  const notConnected = status ? status.assigned - status.connected : 0;

  return (
    <main className="screen" aria-labelledby="batch-title">
      <h1 id="batch-title">{t.batch.title}</h1>
      <div className="form form-inline">
        <label htmlFor={fileId}>{t.batch.fileLabel}</label>
        <input
          id={fileId}
          type="file"
          accept=".csv,text/csv"
          className="field-file"
          onChange={(e) => setFile(e.target.files?.[0])}
          aria-describedby={`${fileId}-hint`}
        />
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
          {/* The latest scan first and biggest: a refused device must not sit under an older green line. */}
          {refused !== undefined && (
            <div className="status status-error last-scan" role="alert" data-testid="batch-last" data-outcome="refused">
              <p className="big-line">
                <StatusIcon kind="attention" /> {t.batch.refused}
              </p>
              <p>{refused}</p>
            </div>
          )}
          {last && <LastScan outcome={last} live={lastJob} onOverride={showOutcome} />}
          {complete && (
            <p
              className={`big-line status ${notConnected === 0 ? 'status-ok' : 'status-warn'}`}
              data-testid="batch-complete"
            >
              <StatusIcon kind={notConnected === 0 ? 'ok' : 'wait'} />{' '}
              {notConnected === 0
                ? fill(t.batch.complete, { total: status.total })
                : fill(t.batch.completeWaiting, { total: status.total, waiting: notConnected })}
            </p>
          )}
          <p className={complete ? '' : 'big-line'}>
            {fill(t.batch.progress, {
              assigned: status.assigned,
              total: status.total,
              connected: status.connected,
              remaining: status.remaining,
            })}
          </p>
          <progress max={status.total} value={status.assigned} aria-label={t.batch.title} />
          {/* No time estimate once no order is left: the screen says the batch is complete instead. */}
          {status.etaMs !== null && !complete && (
            <p data-testid="batch-eta">
              {fill(t.batch.eta, { minutes: Math.max(1, Math.round(status.etaMs / 60_000)) })}
            </p>
          )}
          {status.next && (
            <p>{fill(t.batch.next, { uid: status.next.uid, type: typeLabel(status.next.deviceType) })}</p>
          )}
          {!complete && <p className="hint">{t.batch.scanHint}</p>}
          <button
            type="button"
            className={`button ${complete ? 'button-primary' : ''}`}
            onClick={() => setCloseAsked(true)}
          >
            {t.batch.close}
          </button>
        </section>
      ) : (
        !errors && <p className="muted">{t.batch.none}</p>
      )}

      {typeQuestion && (
        <ConfirmDialog
          title={t.batch.typeTitle}
          confirmLabel={fill(t.batch.typeConfirm, { type: typeLabel(typeQuestion.orderType) })}
          cancelLabel={t.batch.typeAside}
          onConfirm={() => {
            const { orderType, imei, raw, source } = typeQuestion;
            setTypeQuestion(undefined);
            send({ imei, raw, source }, orderType);
          }}
          onCancel={() => {
            setTypeQuestion(undefined);
            refuse(fill(t.batch.typeSetAside, { imei: maskImei(typeQuestion.imei) }));
          }}
        >
          <p data-testid="batch-type-question">
            {fill(t.batch.typeMismatch, {
              imei: maskImei(typeQuestion.imei),
              uid: typeQuestion.uid,
              orderType: typeLabel(typeQuestion.orderType),
              modelType: typeLabel(typeQuestion.modelType),
              times: fill(t.batch.times, { n: typeQuestion.seen }),
            })}
          </p>
        </ConfirmDialog>
      )}

      {closeAsked && status?.active && (
        <ConfirmDialog
          title={t.batch.closeTitle}
          confirmLabel={t.batch.close}
          cancelLabel={t.batch.keepOpen}
          danger={!complete}
          onConfirm={() => {
            setCloseAsked(false);
            setLast(undefined);
            setLastJob(undefined);
            setRefused(undefined);
            void window.kiosk.batch.close({}).then(setStatus);
          }}
          onCancel={() => setCloseAsked(false)}
        >
          <p>
            {complete
              ? fill(t.batch.closeDone, { total: status.total })
              : fill(t.batch.closeOpen, { remaining: status.remaining, total: status.total })}
          </p>
        </ConfirmDialog>
      )}
    </main>
  );
}

/** The last scan's outcome in a word with an icon (never colour alone), then which order it went to. */
function LastScan({
  outcome,
  live,
  onOverride,
}: {
  outcome: OnboardOutcome;
  live: JobSummary | undefined;
  onOverride(outcome: OnboardOutcome): void;
}) {
  const { t, language } = useKiosk();
  const liveState: JobState | undefined = live?.state;
  const nowConnected = liveState === 'connected' || liveState === 'verified';
  const assigned = outcome.outcome === 'queued' && outcome.problem.kind === 'assigned' && !nowConnected;
  if (outcome.outcome === 'queued' && outcome.problem.kind === 'assigned' && nowConnected) {
    return (
      <LastScan
        outcome={{ outcome: 'connected', job: outcome.job, queue: outcome.queue }}
        live={undefined}
        onOverride={onOverride}
      />
    );
  }
  // Assigned, then stopped by the worker (e.g. Validic says the IMEI is on another patient): say so, big.
  if (assigned && live?.state === 'needs_attention') {
    const problem = {
      kind: live.reasonKind ?? '',
      message: live.reason ?? '',
      nextAction: live.nextAction ?? '',
      ...(live.reasonParams ? { params: live.reasonParams } : {}),
    };
    return (
      <LastScan
        outcome={{ outcome: 'needs_attention', job: live, problem, queue: outcome.queue }}
        live={live}
        onOverride={onOverride}
      />
    );
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
  const overridable =
    job &&
    (outcome.outcome === 'blocked' || (live ?? job).state === 'needs_attention') &&
    isOnOtherPatient(live ?? job);
  return (
    <div
      className={`status status-${tone === 'warn' ? 'warn' : tone} last-scan`}
      data-testid="batch-last"
      data-outcome={assigned ? 'assigned' : outcome.outcome}
    >
      <p className="big-line">
        <StatusIcon kind={tone === 'ok' ? 'ok' : tone === 'warn' ? 'wait' : 'attention'} /> {word}
      </p>
      {job && <p>{fill(t.batch.lastScan, { last4: job.imei.slice(-4), uid: job.uid })}</p>}
      {shown && (
        <p>
          {shown.message} <strong>{t.onboard.nextAction}</strong> {shown.nextAction}
        </p>
      )}
      {overridable && (
        <OtherPatientOverride
          job={live ?? job}
          otherLast4={outcome.outcome === 'blocked' ? outcome.otherUidLast4 : undefined}
          onDone={onOverride}
        />
      )}
    </div>
  );
}
