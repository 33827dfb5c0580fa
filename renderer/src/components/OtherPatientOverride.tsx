import { useState } from 'react';
import { maskImei } from '../../../src/imei/format';
import type { JobSummary, OnboardOutcome } from '../../../src/ipc/schemas';
import { errorText, useKiosk } from '../app/kiosk-context';
import { fill, type Messages } from '../i18n/messages';
import { PinDialog } from './PinDialog';

/** A job stuck because its IMEI is on another patient (this kiosk's journal, or Validic's 409). */
export function isOnOtherPatient(job: Pick<JobSummary, 'state' | 'reasonKind'>): boolean {
  return (
    job.state === 'needs_attention' && (job.reasonKind === 'held_by_other_patient' || job.reasonKind === 'conflict')
  );
}

/**
 * What the supervisor is asked to allow, naming both patients: the one the device is on (masked,
 * as everywhere), or a request to name it when only Validic knew; and the patient it moves to.
 */
export function overridePurpose(
  t: Messages,
  job: Pick<JobSummary, 'imei' | 'uid'>,
  otherLast4: string | undefined,
): string {
  return otherLast4 !== undefined
    ? fill(t.onboard.overrideMoveKnown, { imei: maskImei(job.imei), other: `…${otherLast4}`, uid: job.uid })
    : fill(t.onboard.overrideMoveUnknown, { imei: maskImei(job.imei), uid: job.uid });
}

/**
 * The supervisor override for one job on another patient, where Batch and Queue list it: a button,
 * then the PIN dialog that names the patients; the engine disconnects it there and connects it here.
 */
export function OtherPatientOverride({
  job,
  otherLast4,
  onDone,
}: {
  readonly job: JobSummary;
  readonly otherLast4?: string | undefined;
  onDone(outcome: OnboardOutcome): void;
}) {
  const { t, language } = useKiosk();
  const [asked, setAsked] = useState(false);
  const [problem, setProblem] = useState<string>();
  const other =
    otherLast4 ?? (typeof job.reasonParams?.otherLast4 === 'string' ? job.reasonParams.otherLast4 : undefined);
  const run = async (supervisorPin: string, fromUid?: string) => {
    setAsked(false);
    setProblem(undefined);
    try {
      onDone(await window.kiosk.jobs.override({ jobId: job.id, supervisorPin, ...(fromUid ? { fromUid } : {}) }));
    } catch (error) {
      setProblem(errorText(error, language));
    }
  };
  return (
    <>
      <button
        type="button"
        className="button button-danger"
        onClick={() => setAsked(true)}
        aria-label={`${t.onboard.override} ${maskImei(job.imei)}`}
        data-testid="override"
      >
        {t.onboard.override}
      </button>
      {problem && (
        <p className="status status-error" role="alert">
          {problem}
        </p>
      )}
      {asked && (
        <PinDialog
          role="supervisor"
          purpose={overridePurpose(t, job, other)}
          {...(other === undefined ? { patientLabel: t.onboard.otherPatient } : {})}
          onPin={(pin, fromUid) => void run(pin, fromUid)}
          onCancel={() => setAsked(false)}
        />
      )}
    </>
  );
}
