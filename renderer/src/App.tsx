import { useCallback, useEffect, useState } from 'react';
import { KioskProvider, useKiosk } from './app/kiosk-context';
import { useIdleTimeout } from './app/useIdleTimeout';
import { hasUnsavedChanges } from './app/leave-guard';
import { OfflineBanner } from './app/OfflineBanner';
import { ConfirmDialog } from './components/ConfirmDialog';
import { fill } from './i18n/messages';
import { Batch } from './screens/Batch';
import { Disconnect } from './screens/Disconnect';
import { Onboard } from './screens/Onboard';
import { QueueHistory } from './screens/QueueHistory';
import { Settings } from './screens/Settings';
import { StationStart } from './screens/StationStart';

type Screen = 'onboard' | 'batch' | 'queue' | 'disconnect' | 'settings';
const SCREENS: readonly Screen[] = ['onboard', 'batch', 'queue', 'disconnect', 'settings'];
/** F1–F5 switch screens: reachable with one key, never typed by a scanner. */
const SHORTCUTS: Readonly<Record<string, Screen>> = {
  F1: 'onboard',
  F2: 'batch',
  F3: 'queue',
  F4: 'disconnect',
  F5: 'settings',
};

export function App() {
  return (
    <KioskProvider>
      <Shell />
    </KioskProvider>
  );
}

function Shell() {
  const { t, mode, version, look, operator, setOperator, engineError } = useKiosk();
  const [screen, setScreen] = useState<Screen>('onboard');
  const [notice, setNotice] = useState<string>();
  // A screen change asked while Settings has unsaved changes: confirmed in a dialog first.
  const [leavingFor, setLeavingFor] = useState<Screen>();
  const go = useCallback(
    (target: Screen) => (target !== screen && hasUnsavedChanges() ? setLeavingFor(target) : setScreen(target)),
    [screen],
  );

  const signOut = useCallback(
    (reason?: string) => {
      void window.kiosk.session.signOut({}).catch(() => undefined);
      setOperator(undefined);
      setScreen('onboard');
      setNotice(reason);
    },
    [setOperator],
  );

  // After N idle minutes the operator is signed out and the screen is back at the start.
  useIdleTimeout(
    look?.idleMinutes,
    () => signOut(fill(t.idle.signedOut, { minutes: look?.idleMinutes ?? 0 })),
    Boolean(operator),
  );

  useEffect(() => {
    if (!operator) return;
    const onKey = (event: KeyboardEvent) => {
      const target = SHORTCUTS[event.key];
      if (target) {
        event.preventDefault();
        go(target);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [operator, go]);

  return (
    <div className="app">
      {mode === 'training' && (
        <div className="training-banner" role="status" data-testid="training-banner">
          <span aria-hidden="true">⚠ </span>
          {t.training}
          {look && look.defaultPins.length > 0 && (
            <span className="training-pins">
              {fill(t.trainingPins, { pins: look.defaultPins.map((role) => t.trainingPin[role]).join(' · ') })}
            </span>
          )}
        </div>
      )}
      <header className="app-header">
        <div className="app-brand">
          <span className="app-title">{t.appName}</span>
          <span className="app-station">
            {look?.station}
            {version && <span className="app-version"> · v{version}</span>}
          </span>
        </div>
        {operator && (
          <>
            <nav aria-label={t.nav.main} className="app-nav">
              {SCREENS.map((s, index) => (
                <button
                  key={s}
                  type="button"
                  className={`button nav-button ${screen === s ? 'button-selected' : ''}`}
                  aria-current={screen === s ? 'page' : undefined}
                  aria-keyshortcuts={`F${index + 1}`}
                  onClick={() => go(s)}
                >
                  {t.nav[s]} <kbd>F{index + 1}</kbd>
                </button>
              ))}
            </nav>
            <div className="app-user">
              <span className="app-operator">
                <span className="visually-hidden">{t.station.signedInAs} </span>
                <strong>{operator}</strong>
              </span>
              <button type="button" className="button nav-button" onClick={() => signOut()}>
                {t.nav.signOut}
              </button>
            </div>
          </>
        )}
      </header>
      {engineError && (
        <p className="status status-error engine-error" role="alert">
          <span aria-hidden="true">✕ </span>
          {t.engineDown}
        </p>
      )}
      {operator && <OfflineBanner />}
      {leavingFor && (
        <ConfirmDialog
          title={t.modes.unsavedTitle}
          confirmLabel={t.modes.unsavedLeave}
          cancelLabel={t.modes.unsavedStay}
          danger
          onConfirm={() => {
            setScreen(leavingFor);
            setLeavingFor(undefined);
          }}
          onCancel={() => setLeavingFor(undefined)}
        >
          <p>{t.modes.unsavedBody}</p>
        </ConfirmDialog>
      )}
      {!operator ? (
        <StationStart notice={notice} />
      ) : screen === 'onboard' ? (
        <Onboard />
      ) : screen === 'batch' ? (
        <Batch />
      ) : screen === 'queue' ? (
        <QueueHistory />
      ) : screen === 'disconnect' ? (
        <Disconnect />
      ) : (
        <Settings onLeave={() => setScreen('onboard')} />
      )}
    </div>
  );
}
