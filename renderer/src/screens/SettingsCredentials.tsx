import { useId, useState, type FormEvent } from 'react';
import type { AppMode, OpenJobsChoice, PublicSettings } from '../../../src/ipc/schemas';
import { refusalOf } from '../../../src/ipc/wire';
import { errorText, useKiosk } from '../app/kiosk-context';
import { ConfirmDialog } from '../components/ConfirmDialog';
import type { SaveMessage } from '../components/SaveStatus';
import { fill } from '../i18n/messages';
import { problemText } from '../i18n/problem-text';

/** A switch the engine asked about: unfinished jobs of the mode of now, and the call to repeat with the admin's choice. */
interface PendingSwitch {
  readonly count: string;
  readonly from: AppMode;
  readonly to: AppMode;
  run(choice: OpenJobsChoice): Promise<void>;
}

const MIN_TOKEN = 8;

/**
 * The Validic credentials: saving them goes live (after a confirmation, with new PINs), removing
 * them goes back to training; either asks first what becomes of the unfinished jobs of the mode of now.
 */
export function CredentialsPanel({
  adminPin,
  settings,
  onSaved,
  onMessage,
}: {
  adminPin: string;
  settings: PublicSettings;
  onSaved(): Promise<void>;
  onMessage(message: SaveMessage): void;
}) {
  const { t, language } = useKiosk();
  const [orgId, setOrgId] = useState(settings.orgId);
  const [token, setToken] = useState('');
  const [confirmLive, setConfirmLive] = useState(false);
  const [pending, setPending] = useState<PendingSwitch>();
  const [test, setTest] = useState<SaveMessage & { busy?: boolean }>();
  const ids = { org: useId(), token: useId(), why: useId() };
  const modeName = (mode: AppMode) => t.modes[mode];
  const goingLive = settings.mode === 'training';
  const pinsFirst = goingLive && settings.defaultPins.length > 0;
  const whyDisabled = !orgId.trim()
    ? t.modes.orgIdMissing
    : token.trim().length < MIN_TOKEN
      ? fill(t.modes.tokenTooShort, { n: token.trim().length })
      : pinsFirst
        ? t.modes.pinsFirst
        : undefined;

  /** Runs a switch; when the engine asks about unfinished jobs, the dialog asks the admin and runs it again with the answer. */
  const switchTo = async (
    to: AppMode,
    call: (choice?: OpenJobsChoice) => Promise<unknown>,
    choice?: OpenJobsChoice,
  ) => {
    try {
      await call(choice);
      setPending(undefined);
      if (to === 'production') setToken('');
      onMessage({ ok: true, text: t.settings.saved });
      await onSaved();
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal?.code === 'open_jobs_in_mode' && choice === undefined) {
        setPending({
          count: String(refusal.params.count ?? ''),
          from: settings.mode,
          to,
          run: (answer) => switchTo(to, call, answer),
        });
        return;
      }
      setPending(undefined);
      onMessage({ ok: false, text: errorText(error, language) });
    }
  };

  const saveCredentials = () =>
    switchTo('production', (openJobs) =>
      window.kiosk.settings.setCredentials({ adminPin, orgId, token, ...(openJobs ? { openJobs } : {}) }),
    );
  const clearCredentials = () =>
    switchTo('training', (openJobs) =>
      window.kiosk.settings.clearCredentials({ adminPin, ...(openJobs ? { openJobs } : {}) }),
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (whyDisabled) return;
    if (goingLive) setConfirmLive(true);
    else void saveCredentials();
  };

  const testConnection = async () => {
    setTest({ ok: true, text: t.modes.testing, busy: true });
    try {
      const result = await window.kiosk.settings.testConnection({ adminPin, orgId, token });
      setTest(
        result.ok
          ? { ok: true, text: fill(t.modes.testOk, { ms: result.ms }) }
          : { ok: false, text: fill(t.modes.testFailed, { reason: problemText(language, result).message }) },
      );
    } catch (error) {
      setTest({ ok: false, text: fill(t.modes.testFailed, { reason: errorText(error, language) }) });
    }
  };

  return (
    <section className="panel" aria-labelledby="credentials-title">
      <h2 id="credentials-title">
        {t.settings.mode}: {settings.mode === 'training' ? t.settings.training : t.settings.production}
      </h2>
      <form className="form form-grid" onSubmit={submit}>
        <label htmlFor={ids.org}>{t.settings.orgId}</label>
        <input
          id={ids.org}
          className="field-input"
          autoComplete="off"
          value={orgId}
          onChange={(e) => setOrgId(e.target.value)}
        />
        <label htmlFor={ids.token}>{t.settings.token}</label>
        <input
          id={ids.token}
          className="field-input"
          type="password"
          autoComplete="off"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          aria-describedby={`${ids.token}-state`}
        />
        <p id={`${ids.token}-state`} className="hint">
          {settings.hasToken ? t.settings.tokenStored : t.settings.tokenMissing}
        </p>
        {whyDisabled && (
          <p id={ids.why} className="hint" data-testid="credentials-why">
            {whyDisabled}
          </p>
        )}
        <div className="button-row">
          <button
            type="submit"
            className="button button-primary"
            disabled={whyDisabled !== undefined}
            aria-describedby={whyDisabled ? ids.why : undefined}
          >
            {t.settings.saveCredentials}
          </button>
          <button
            type="button"
            className="button"
            disabled={!orgId.trim() || token.trim().length < MIN_TOKEN || test?.busy === true}
            onClick={() => void testConnection()}
          >
            {t.modes.testConnection}
          </button>
          {settings.hasToken && (
            <button type="button" className="button button-danger" onClick={() => void clearCredentials()}>
              {t.settings.clearCredentials}
            </button>
          )}
        </div>
        {test && (
          <p className={`status ${test.ok ? 'status-ok' : 'status-error'}`} role="status" data-testid="connection-test">
            {test.text}
          </p>
        )}
      </form>
      {confirmLive && (
        <ConfirmDialog
          title={t.modes.goLiveTitle}
          confirmLabel={t.modes.goLiveConfirm}
          cancelLabel={t.modes.switchStay}
          onConfirm={() => {
            setConfirmLive(false);
            void saveCredentials();
          }}
          onCancel={() => setConfirmLive(false)}
        >
          <p>{fill(t.modes.goLiveBody, { orgId })}</p>
        </ConfirmDialog>
      )}
      {pending && (
        <ConfirmDialog
          title={fill(t.modes.switchTitle, { to: modeName(pending.to) })}
          confirmLabel={fill(t.modes.switchKeep, { mode: modeName(pending.from) })}
          cancelLabel={t.modes.switchStay}
          onConfirm={() => void pending.run('keep')}
          onCancel={() => setPending(undefined)}
          extra={{ label: t.modes.switchCancel, onClick: () => void pending.run('cancel') }}
        >
          <p data-testid="switch-open-jobs">
            {fill(t.modes.switchOpenJobs, {
              count: pending.count,
              mode: modeName(pending.from),
              to: modeName(pending.to),
            })}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
