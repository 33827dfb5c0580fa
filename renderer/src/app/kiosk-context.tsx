/**
 * What every screen needs: the engine's info and public settings, the signed-in operator, the
 * language and its messages. State lives in the engine; this only mirrors it for rendering, so a
 * reloaded renderer (after a crash) rebuilds itself from window.kiosk.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { PublicSettings, StationLook } from '../../../src/ipc/schemas';
import { messages, type Language, type Messages } from '../i18n/messages';
import { callErrorText } from '../i18n/problem-text';

export interface KioskState {
  readonly mode: 'training' | 'production' | undefined;
  readonly version: string;
  /** Signed in only: everything the Settings screen shows (the engine refuses it to nobody signed in). */
  readonly settings: PublicSettings | undefined;
  /** What the station looks like (language, sounds, wedge prefix, idle time), signed in or not. */
  readonly look: StationLook | undefined;
  readonly operator: string | undefined;
  readonly language: Language;
  readonly t: Messages;
  readonly engineError: string | undefined;
  setOperator(operator: string | undefined): void;
  refreshSettings(): Promise<void>;
}

const KioskContext = createContext<KioskState | undefined>(undefined);

export function KioskProvider({ children }: { children: ReactNode }) {
  const [mode, setMode] = useState<KioskState['mode']>();
  const [version, setVersion] = useState('');
  const [settings, setSettings] = useState<PublicSettings>();
  const [look, setLook] = useState<StationLook>();
  const [operator, setOperator] = useState<string>();
  const [engineError, setEngineError] = useState<string>();

  const refreshSettings = useCallback(async () => {
    try {
      const nextLook = await window.kiosk.settings.station({});
      setLook(nextLook);
      setMode(nextLook.mode);
      setSettings(operator ? await window.kiosk.settings.get({}) : undefined);
    } catch (error) {
      setEngineError(String(error));
    }
  }, [operator]);

  useEffect(() => {
    window.kiosk.app.info({}).then(
      (info) => {
        setMode(info.mode);
        setVersion(info.version);
      },
      (error: unknown) => setEngineError(String(error)),
    );
    // A renderer reloaded after a crash picks up the engine's session: the operator stays signed in.
    window.kiosk.session.current({}).then(
      (session) => session.operator && setOperator((current) => current ?? session.operator),
      () => undefined,
    );
  }, []);
  // Signing in or out changes what the engine may show: the full settings only to an operator.
  useEffect(() => {
    void refreshSettings();
  }, [refreshSettings]);

  const language: Language = look?.language ?? 'en';
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const value = useMemo<KioskState>(
    () => ({
      mode,
      version,
      settings,
      look,
      operator,
      language,
      t: messages[language],
      engineError,
      setOperator,
      refreshSettings,
    }),
    [mode, version, settings, look, operator, language, engineError, refreshSettings],
  );
  return <KioskContext.Provider value={value}>{children}</KioskContext.Provider>;
}

export function useKiosk(): KioskState {
  const state = useContext(KioskContext);
  if (!state) throw new Error('useKiosk needs a KioskProvider');
  return state;
}

/** The text of an error from window.kiosk in the operator's language (see callErrorText). */
export function errorText(error: unknown, language: Language): string {
  return callErrorText(language, error);
}
