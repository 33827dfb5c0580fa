import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { maskImei } from '../../../src/imei/format';
import type { JobSummary, QueueStatus } from '../../../src/ipc/schemas';
import { errorText, useKiosk } from '../app/kiosk-context';
import { OtherPatientOverride, isOnOtherPatient } from '../components/OtherPatientOverride';
import { StatusIcon } from '../components/StatusIcon';
import { deviceTypeLabel } from '../i18n/device-type-label';
import { fill, type Language } from '../i18n/messages';
import { jobReasonText, problemText } from '../i18n/problem-text';

type Filter = 'open' | 'queued' | 'needs_attention' | 'today' | 'all';
const FILTERS: readonly Filter[] = ['open', 'queued', 'needs_attention', 'today', 'all'];

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function age(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes < 1 ? '< 1 min' : minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}

/** Open, queued and failed jobs with retry and cancel; history by day; search; the CSV manifest. */
export function QueueHistory() {
  const { t, settings, language } = useKiosk();
  const [filter, setFilter] = useState<Filter>('open');
  const [search, setSearch] = useState('');
  const [jobs, setJobs] = useState<readonly JobSummary[]>([]);
  const [queue, setQueue] = useState<QueueStatus>();
  const [problem, setProblem] = useState<string>();
  const searchId = useId();

  const refresh = useCallback(() => {
    window.kiosk.jobs.list({ filter, ...(search ? { search } : {}), limit: 200 }).then(
      (r) => setJobs(r.jobs),
      (e: unknown) => setProblem(errorText(e, language)),
    );
    window.kiosk.queue.status({}).then(setQueue, () => undefined);
  }, [filter, search, language]);

  useEffect(() => {
    refresh();
    const offJobs = window.kiosk.on('jobs.changed', refresh);
    const offQueue = window.kiosk.on('queue.changed', setQueue);
    return () => {
      offJobs();
      offQueue();
    };
  }, [refresh]);

  const act = async (action: 'retry' | 'cancel', jobId: string) => {
    setProblem(undefined);
    try {
      await (action === 'retry' ? window.kiosk.jobs.retry({ jobId }) : window.kiosk.jobs.cancel({ jobId }));
      refresh();
    } catch (error) {
      setProblem(errorText(error, language));
    }
  };

  return (
    <main className="screen" aria-labelledby="queue-title">
      <h1 id="queue-title">{t.queue.title}</h1>
      {queue && (
        <p className="queue-line" data-testid="queue-status" aria-live="polite">
          <span>{fill(t.queue.depth, { depth: queue.depth })}</span>
          {queue.oldestAgeMs !== null && <span>{fill(t.queue.oldest, { age: age(queue.oldestAgeMs) })}</span>}
          <span>{fill(t.queue.unverified, { n: queue.unverified })}</span>
          {(queue.otherMode ?? 0) > 0 && (
            <span data-testid="queue-other-mode">{fill(t.modes.otherModeWaiting, { n: queue.otherMode ?? 0 })}</span>
          )}
          {queue.paused && (
            <strong className="status-error">
              <StatusIcon kind="wait" /> {fill(t.queue.paused, { reason: pauseText(language, queue) })}
            </strong>
          )}
        </p>
      )}
      <div className="tabs" role="tablist" aria-label={t.queue.title}>
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            role="tab"
            aria-selected={filter === f}
            className={`button tab ${filter === f ? 'button-selected' : ''}`}
            onClick={() => setFilter(f)}
          >
            {t.queue.filters[f]}
          </button>
        ))}
      </div>
      <label htmlFor={searchId} className="visually-hidden">
        {t.queue.search}
      </label>
      <input
        id={searchId}
        className="field-input"
        type="search"
        placeholder={t.queue.search}
        value={search}
        onChange={(e) => setSearch(e.target.value.trim())}
      />
      {problem && (
        <p className="status status-error" role="alert">
          <span aria-hidden="true">✕ </span>
          {problem}
        </p>
      )}
      <JobTable
        jobs={jobs}
        onAct={act}
        onOverridden={refresh}
        typeLabel={(id) => deviceTypeLabel(settings?.deviceTypes, id, language)}
      />
      <ExportPanel />
    </main>
  );
}

function JobTable({
  jobs,
  onAct,
  onOverridden,
  typeLabel,
}: {
  jobs: readonly JobSummary[];
  onAct(action: 'retry' | 'cancel', jobId: string): void;
  onOverridden(): void;
  typeLabel(id: string): string;
}) {
  const { t, language, mode } = useKiosk();
  const rows = useMemo(() => [...jobs].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)), [jobs]);
  if (rows.length === 0) return <p className="muted">{t.queue.empty}</p>;
  return (
    <table className="table" data-testid="jobs-table">
      <thead>
        <tr>
          <th scope="col">{t.queue.time}</th>
          <th scope="col">{t.queue.imei}</th>
          <th scope="col">{t.queue.uid}</th>
          <th scope="col">{t.queue.type}</th>
          <th scope="col">{t.queue.state}</th>
          <th scope="col">{t.modes.column}</th>
          <th scope="col">{t.queue.actions}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((job) => {
          const shown = jobReasonText(language, job);
          return (
            <tr key={job.id} data-state={job.state} data-mode={job.mode ?? 'unknown'}>
              <td>{new Date(job.updatedAt).toLocaleTimeString()}</td>
              <td>{maskImei(job.imei)}</td>
              <td>{job.uid}</td>
              <td>{typeLabel(job.deviceType)}</td>
              <td>
                <span className={`state state-${job.state}`}>{t.states[job.state]}</span>
                {job.confirmedAt && (
                  <div className="hint" data-testid="job-reading">
                    {fill(t.queue.readingSeen, { time: new Date(job.confirmedAt).toLocaleString(language) })}
                  </div>
                )}
                {shown.reason && (job.state === 'queued' || job.state === 'needs_attention') && (
                  <div className="hint">{shown.reason}</div>
                )}
                {shown.nextAction && <div className="hint">{shown.nextAction}</div>}
                {job.state === 'queued' && job.nextAttemptAt && (job.mode === undefined || job.mode === mode) && (
                  <div className="hint">→ {new Date(job.nextAttemptAt).toLocaleTimeString()}</div>
                )}
              </td>
              <td>
                <span className={`mode mode-${job.mode ?? 'unknown'}`}>{t.modes[job.mode ?? 'unknown']}</span>
                {job.mode && mode && job.mode !== mode && job.open && (
                  <div className="hint" data-testid="job-waits-mode">
                    {fill(t.modes.waitsFor, { mode: t.modes[job.mode], now: t.modes[mode] })}
                  </div>
                )}
              </td>
              <td>
                <div className="button-row button-row-tight">
                  {(job.state === 'queued' || job.state === 'needs_attention') && (
                    <button
                      type="button"
                      className="button"
                      onClick={() => onAct('retry', job.id)}
                      aria-label={`${t.queue.retry} ${maskImei(job.imei)}`}
                    >
                      {t.queue.retry}
                    </button>
                  )}
                  {job.cancellable && (
                    <button
                      type="button"
                      className="button"
                      onClick={() => onAct('cancel', job.id)}
                      aria-label={`${t.queue.cancel} ${maskImei(job.imei)}`}
                    >
                      {t.queue.cancel}
                    </button>
                  )}
                  {isOnOtherPatient(job) && <OtherPatientOverride job={job} onDone={onOverridden} />}
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function ExportPanel() {
  const { t, language } = useKiosk();
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState(today());
  const [fullImei, setFullImei] = useState(false);
  const [result, setResult] = useState<{ url: string; fileName: string; rows: number }>();
  const [problem, setProblem] = useState<string>();
  const fromId = useId();
  const toId = useId();
  const fullId = useId();

  useEffect(() => () => result && URL.revokeObjectURL(result.url), [result]);

  const run = async () => {
    setProblem(undefined);
    try {
      const answer = await window.kiosk.exports.manifest({ from, to, fullImei });
      setResult({
        url: URL.createObjectURL(new Blob([answer.csv], { type: 'text/csv' })),
        fileName: answer.fileName,
        rows: answer.rows,
      });
    } catch (error) {
      setProblem(errorText(error, language));
    }
  };

  return (
    <section className="panel" aria-labelledby="export-title">
      <h2 id="export-title">{t.queue.exportTitle}</h2>
      <div className="form form-inline">
        <label htmlFor={fromId}>{t.queue.from}</label>
        <input id={fromId} type="date" className="field-input" value={from} onChange={(e) => setFrom(e.target.value)} />
        <label htmlFor={toId}>{t.queue.to}</label>
        <input id={toId} type="date" className="field-input" value={to} onChange={(e) => setTo(e.target.value)} />
        <label htmlFor={fullId} className="checkbox">
          <input id={fullId} type="checkbox" checked={fullImei} onChange={(e) => setFullImei(e.target.checked)} />
          {t.queue.fullImei}
        </label>
        <button type="button" className="button button-primary" onClick={() => void run()}>
          {t.queue.export}
        </button>
      </div>
      {problem && (
        <p className="status status-error" role="alert">
          {problem}
        </p>
      )}
      {result && (
        <p data-testid="export-result">
          {fill(t.queue.exported, { rows: result.rows })}{' '}
          <a className="button" href={result.url} download={result.fileName}>
            {fill(t.queue.download, { file: result.fileName })}
          </a>
        </p>
      )}
    </section>
  );
}

/** Why the queue is paused, in the operator's language when the engine gave its kind. */
function pauseText(language: Language, queue: QueueStatus): string {
  return problemText(language, { kind: queue.pauseReasonKind ?? '', message: queue.pauseReason ?? '', nextAction: '' })
    .message;
}
