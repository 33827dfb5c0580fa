/**
 * The Onboard screen after an answer: the result fills the screen (ResultPanel), with the first
 * reading below it when asked for, and the supervisor PIN when the result can be overridden.
 */
import { useEffect, useRef } from 'react';
import type { OnboardOutcome } from '../../../src/ipc/schemas';
import { useKiosk } from '../app/kiosk-context';
import { overridePurpose } from '../components/OtherPatientOverride';
import { PinDialog } from '../components/PinDialog';
import { StatusIcon } from '../components/StatusIcon';
import { fill } from '../i18n/messages';
import { problemText } from '../i18n/problem-text';
import { FirstReadingPanel } from './FirstReadingPanel';
import { needsAcknowledging, overridable, readingJobOf, toneOf } from './onboard-outcome';

export interface OnboardResultProps {
  readonly outcome: Exclude<OnboardOutcome, { outcome: 'needs_confirmation' }>;
  readonly countdown: number;
  /** The station asks for the first reading at once. */
  readonly askReading: boolean;
  /** A scan or call refused while the result shows, already worded. */
  readonly problem: string | undefined;
  readonly overrideAsked: boolean;
  /** The patient the next device may keep ("another device for this patient"). */
  readonly samePatient: string | undefined;
  typeLabel(id: string | undefined): string;
  onNext(): void;
  onAnotherDevice(uid: string): void;
  onReadingStart(): void;
  onOverrideAsked(asked: boolean): void;
  onOverride(supervisorPin: string, fromUid?: string): void;
}

export function OnboardResult(props: OnboardResultProps) {
  const { t } = useKiosk();
  const { outcome, samePatient } = props;
  const readingJob = readingJobOf(outcome);
  return (
    <main className="screen">
      <ResultPanel
        outcome={outcome}
        countdown={props.countdown}
        compact={readingJob !== undefined}
        typeLabel={props.typeLabel}
        onNext={props.onNext}
        onOverride={() => props.onOverrideAsked(true)}
        {...(samePatient ? { samePatient, onAnotherDevice: () => props.onAnotherDevice(samePatient) } : {})}
      />
      {readingJob && (
        <FirstReadingPanel
          key={readingJob}
          jobId={readingJob}
          autoStart={props.askReading}
          onStart={props.onReadingStart}
        />
      )}
      {props.problem && (
        <p className="status status-error panel" role="alert" data-testid="result-problem">
          <span aria-hidden="true">✕ </span>
          {props.problem}
        </p>
      )}
      {props.overrideAsked && overridable(outcome) && (
        <PinDialog
          role="supervisor"
          purpose={overridePurpose(
            t,
            outcome.job,
            outcome.outcome === 'blocked' ? (outcome.otherUidLast4 ?? '????') : undefined,
          )}
          {...(outcome.outcome === 'blocked' ? {} : { patientLabel: t.onboard.otherPatient })}
          onPin={(pin, fromUid) => props.onOverride(pin, fromUid)}
          onCancel={() => props.onOverrideAsked(false)}
        />
      )}
    </main>
  );
}

interface ResultPanelProps {
  readonly outcome: Exclude<OnboardOutcome, { outcome: 'needs_confirmation' }>;
  readonly countdown: number;
  /** Leaves room below for the first-reading panel, on one screen. */
  readonly compact: boolean;
  typeLabel(id: string | undefined): string;
  onNext(): void;
  onOverride(): void;
  /** "Another device for this patient": the next device keeps the patient. */
  readonly samePatient?: string;
  onAnotherDevice?(): void;
}

/** The result fills the screen: a word, an icon and a colour, so no one has to read a paragraph. */
function ResultPanel({
  outcome,
  countdown,
  compact,
  typeLabel,
  onNext,
  onOverride,
  samePatient,
  onAnotherDevice,
}: ResultPanelProps) {
  const { t, language } = useKiosk();
  const tone = toneOf(outcome.outcome);
  const nextRef = useRef<HTMLButtonElement>(null);
  useEffect(() => nextRef.current?.focus(), []);
  const job = 'job' in outcome ? outcome.job : undefined;
  const mustAck = needsAcknowledging(outcome.outcome);

  let word: string;
  let detail: string | undefined;
  let nextAction: string | undefined;
  switch (outcome.outcome) {
    case 'connected':
      word = t.onboard.connected;
      break;
    case 'already_connected':
      word = t.onboard.alreadyConnected;
      detail = fill(t.onboard.alreadyConnectedDetail, { at: new Date(outcome.at).toLocaleString(), by: outcome.by });
      break;
    case 'queued':
      word = t.onboard.queued;
      detail = `${problemText(language, outcome.problem).message} ${fill(t.onboard.queuedDetail, { depth: outcome.queue.depth })}`;
      break;
    case 'needs_attention':
    case 'mismatch': {
      word = outcome.outcome === 'mismatch' ? t.onboard.mismatch : t.onboard.needsAttention;
      const shown = problemText(language, outcome.problem);
      detail = shown.message;
      nextAction = shown.nextAction;
      break;
    }
    case 'blocked':
      word = t.onboard.blocked;
      detail = fill(t.onboard.blockedDetail, { other: outcome.otherUidLast4 ?? '????' });
      nextAction = problemText(language, outcome.problem).nextAction;
      break;
    default: {
      const never: never = outcome;
      return never;
    }
  }

  return (
    <section
      className={`result result-${tone}${compact ? ' result-compact' : ''}`}
      role="alert"
      data-testid="onboard-result"
      data-outcome={outcome.outcome}
    >
      <p className="result-word">
        <StatusIcon className="result-icon" kind={tone === 'ok' ? 'ok' : tone === 'warn' ? 'wait' : 'attention'} />
        {word}
      </p>
      {job && (
        <p className="result-summary">
          {fill(t.onboard.summary, { last4: job.imei.slice(-4), uid: job.uid, type: typeLabel(job.deviceType) })}
        </p>
      )}
      {detail && <p className="result-detail">{detail}</p>}
      {nextAction && (
        <p className="result-next">
          <strong>{t.onboard.nextAction}</strong> {nextAction}
        </p>
      )}
      <div className="button-row">
        {overridable(outcome) && (
          <button type="button" className="button button-large button-danger" onClick={onOverride}>
            {t.onboard.override}
          </button>
        )}
        <button
          ref={nextRef}
          type="button"
          className="button button-large button-primary"
          onClick={onNext}
          data-testid="result-next"
        >
          {mustAck ? t.onboardSafe.acknowledge : t.onboard.nextDevice}
        </button>
        {samePatient && onAnotherDevice && (
          <button type="button" className="button button-large" onClick={onAnotherDevice} data-testid="another-device">
            {fill(t.onboardSafe.anotherDevice, { uid: samePatient })}
          </button>
        )}
      </div>
      {mustAck && (
        <p className="result-next" data-testid="ack-hint">
          {t.onboardSafe.acknowledgeHint}
        </p>
      )}
      {countdown > 0 && <p className="result-countdown">{fill(t.onboard.returning, { seconds: countdown })}</p>}
    </section>
  );
}
