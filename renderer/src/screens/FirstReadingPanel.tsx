import { useCallback, useEffect, useRef, useState } from 'react';
import type { FirstReading } from '../../../src/ipc/schemas';
import { errorText, useKiosk } from '../app/kiosk-context';
import { playSound } from '../app/sounds';
import { StatusIcon } from '../components/StatusIcon';
import { fill } from '../i18n/messages';
import { readingValues } from '../i18n/reading-text';

/** Five minutes: enough to switch a device on and take a reading; the engine looks every 15 s. */
export const READING_WAIT_SECONDS = 300;

type ReadingState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'waiting'; readonly startedAt: number; readonly polls: number }
  | { readonly kind: 'confirmed'; readonly reading: FirstReading }
  | { readonly kind: 'no_reading' }
  | { readonly kind: 'failed'; readonly message: string };

interface FirstReadingPanelProps {
  readonly jobId: string;
  /** The station asks for a reading after each connect (Settings): start without a click. */
  readonly autoStart: boolean;
  /** Called when a wait starts: the result must stay on screen while the patient takes the reading. */
  onStart(): void;
}

function minutesSeconds(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * After a connect at a clinic desk: ask the patient to take a reading and show it when Validic has it,
 * which proves the device works. Leaving (the next scan, another screen) stops the wait.
 */
export function FirstReadingPanel({ jobId, autoStart, onStart }: FirstReadingPanelProps) {
  const { t, language, settings } = useKiosk();
  const [state, setState] = useState<ReadingState>({ kind: 'idle' });
  const [now, setNow] = useState(() => Date.now());
  /** Each ask, and leaving, moves this on: an answer to an older ask is not shown. */
  const attempt = useRef(0);
  const waiting = state.kind === 'waiting';

  const ask = useCallback(async () => {
    const mine = ++attempt.current;
    onStart();
    setState({ kind: 'waiting', startedAt: Date.now(), polls: 0 });
    try {
      const answer = await window.kiosk.reading.wait({ jobId, waitSeconds: READING_WAIT_SECONDS });
      if (attempt.current !== mine) return;
      if (answer.status === 'confirmed') {
        setState({ kind: 'confirmed', reading: answer.reading });
        playSound('success', settings?.sounds ?? true);
      } else if (answer.status === 'no_reading') {
        setState({ kind: 'no_reading' });
      } else {
        setState({ kind: 'idle' });
      }
    } catch (error) {
      if (attempt.current === mine) setState({ kind: 'failed', message: errorText(error, language) });
    }
  }, [jobId, language, onStart, settings?.sounds]);

  // Ask at once when the station wants it; stop the engine's wait when this result goes away.
  const askNow = useRef(autoStart ? ask : undefined);
  useEffect(() => {
    void askNow.current?.();
    return () => {
      attempt.current++;
      void window.kiosk.reading.stop({ jobId }).catch(() => undefined);
    };
  }, [jobId]);

  useEffect(() => {
    if (!waiting) return;
    const off = window.kiosk.on('reading.progress', (progress) => {
      if (progress.jobId === jobId) setState((s) => (s.kind === 'waiting' ? { ...s, polls: progress.polls } : s));
    });
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      off();
      clearInterval(timer);
    };
  }, [jobId, waiting]);

  const total = READING_WAIT_SECONDS * 1000;
  return (
    <section
      className="panel reading"
      aria-labelledby="reading-title"
      data-testid="first-reading"
      data-state={state.kind}
    >
      {state.kind === 'idle' && (
        <>
          <h2 id="reading-title" className="reading-title">
            {t.reading.ask}
          </h2>
          <p className="hint">{t.reading.askHint}</p>
          <button type="button" className="button button-large button-primary" onClick={() => void ask()}>
            {t.reading.ask}
          </button>
        </>
      )}
      {state.kind === 'waiting' && (
        <>
          <h2 id="reading-title" className="reading-title">
            <StatusIcon kind="wait" /> {t.reading.waiting}
          </h2>
          <p className="reading-hint">{t.reading.waitingHint}</p>
          <progress
            max={total}
            value={Math.min(total, Math.max(0, now - state.startedAt))}
            aria-label={t.reading.waiting}
          />
          <p className="hint" role="status" data-testid="reading-progress">
            {fill(t.reading.progress, {
              polls: state.polls,
              elapsed: minutesSeconds(now - state.startedAt),
              total: minutesSeconds(total),
            })}
          </p>
          <button
            type="button"
            className="button"
            onClick={() => void window.kiosk.reading.stop({ jobId }).catch(() => undefined)}
          >
            {t.reading.stop}
          </button>
        </>
      )}
      {state.kind === 'confirmed' && (
        <>
          <h2 id="reading-title" className="reading-title reading-ok" role="status">
            <StatusIcon kind="ok" /> {t.reading.arrived}
          </h2>
          <dl className="reading-values" data-testid="reading-values">
            {readingValues(language, state.reading.metrics).map((value) => (
              <div key={value.label} className="reading-value">
                <dt>{value.label}</dt>
                <dd>{value.value}</dd>
              </div>
            ))}
          </dl>
          <p className="hint">
            {fill(t.reading.takenAt, { time: new Date(state.reading.takenAt).toLocaleString(language) })}
          </p>
        </>
      )}
      {(state.kind === 'no_reading' || state.kind === 'failed') && (
        <>
          <h2 id="reading-title" className="reading-title status-error" role="alert">
            <StatusIcon kind="attention" />{' '}
            {state.kind === 'failed'
              ? fill(t.reading.failed, { message: state.message })
              : fill(t.reading.none, { minutes: READING_WAIT_SECONDS / 60 })}
          </h2>
          <p className="hint">{t.reading.noneHint}</p>
          <button type="button" className="button button-large" onClick={() => void ask()}>
            {t.reading.again}
          </button>
        </>
      )}
    </section>
  );
}
