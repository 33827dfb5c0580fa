import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { WEDGE_PREFIX_KEYS, WedgePrefixSetting } from '../../../src/capture';
import type { PublicSettings } from '../../../src/ipc/schemas';
import { errorText, useKiosk } from '../app/kiosk-context';
import { PinDialog } from '../components/PinDialog';
import { PinField } from '../components/PinField';
import { fill, LANGUAGE_NAMES, LANGUAGES, messages } from '../i18n/messages';
import { DeviceTypesEditor } from './SettingsDeviceTypes';
import { OperatorsEditor } from './SettingsOperators';
import { SerialProfileEditor } from './SettingsSerial';
import { SaveStatus, type SaveMessage } from '../components/SaveStatus';
import { CredentialsPanel } from './SettingsCredentials';
import { setLeaveGuard } from '../app/leave-guard';
import { formFrom, formShown, formUnsaved, rebaseForm } from './settings-form';

/** Everything an admin may change, behind the admin PIN. The token field is write-only. */
export function Settings({ onLeave }: { onLeave(): void }) {
  const { t, settings, refreshSettings } = useKiosk();
  const [adminPin, setAdminPin] = useState<string>();
  if (!adminPin) return <PinDialog role="admin" purpose={t.settings.locked} onPin={setAdminPin} onCancel={onLeave} />;
  if (!settings) return null;
  return <SettingsForm adminPin={adminPin} settings={settings} onSaved={refreshSettings} onAdminPin={setAdminPin} />;
}

function SettingsForm({
  adminPin,
  settings,
  onSaved,
  onAdminPin,
}: {
  adminPin: string;
  settings: PublicSettings;
  onSaved(): Promise<void>;
  onAdminPin(pin: string): void;
}) {
  const { t, version, language } = useKiosk();
  const [form, setForm] = useState(() => formFrom(settings));
  const { draft, idleText } = form;
  const setDraft = (next: PublicSettings) => setForm((now) => ({ ...now, draft: next }));
  const setIdleText = (next: string) => setForm((now) => ({ ...now, idleText: next }));
  const [message, setMessage] = useState<SaveMessage>();
  const ids = {
    station: useId(),
    language: useId(),
    idle: useId(),
    sounds: useId(),
    kiosk: useId(),
    askReading: useId(),
    api: useId(),
    direct: useId(),
    camera: useId(),
    prefix: useId(),
  };
  const cameras = useVideoInputs();
  // Fresh settings (another panel saved, the mode switched) go under the form in the same render,
  // not in an effect after it: a key pressed between the two would find a stale form and ask about
  // unsaved changes there are none of. What the admin typed and has not saved stays.
  const [filledFrom, setFilledFrom] = useState(settings);
  if (filledFrom !== settings) {
    setFilledFrom(settings);
    setForm((now) => rebaseForm(now, settings));
  }
  // Leaving with changes not saved asks first (App's navigation reads this).
  // What was last sent to save: counted as saved from the moment it is sent, until the engine refuses it.
  const saving = useRef<string | undefined>(undefined);
  const shown = useRef(form);
  shown.current = form;
  useEffect(() => {
    // Read when the navigation asks, so a save sent a moment ago counts even before the next render.
    setLeaveGuard(() => formUnsaved(shown.current) && formShown(shown.current) !== saving.current);
    return () => setLeaveGuard(undefined);
  }, []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const idle = Number(idleText);
    if (idleText.trim() === '' || !Number.isInteger(idle) || idle < 1 || idle > 240) {
      setMessage({ ok: false, text: t.modes.idleEmpty });
      return;
    }
    saving.current = formShown(form);
    try {
      const saved = await window.kiosk.settings.update({
        adminPin,
        patch: {
          station: draft.station,
          language: draft.language,
          idleMinutes: idle,
          sounds: draft.sounds,
          kiosk: draft.kiosk,
          askReading: draft.askReading,
          cameraDeviceId: draft.cameraDeviceId ?? '',
          wedgePrefix: draft.wedgePrefix,
          apiBase: draft.apiBase,
          directBase: draft.directBase,
        },
      });
      // What was saved is the form's base now; anything typed while it was being saved stays.
      setForm((now) => rebaseForm(now, saved));
      // In the language just saved: the screen switches to it, and so must this line.
      setMessage({ ok: true, text: messages[draft.language].settings.saved });
      await onSaved();
    } catch (error) {
      saving.current = undefined;
      setMessage({ ok: false, text: errorText(error, language) });
    }
  };

  return (
    <main className="screen" aria-labelledby="settings-title">
      <h1 id="settings-title">{t.settings.title}</h1>
      <SaveStatus message={message} />
      <CredentialsPanel adminPin={adminPin} settings={settings} onSaved={onSaved} onMessage={setMessage} />
      <form className="panel form form-grid" onSubmit={save} aria-label={t.settings.title}>
        <label htmlFor={ids.station}>{t.settings.station}</label>
        <input
          id={ids.station}
          className="field-input"
          value={draft.station}
          onChange={(e) => setDraft({ ...draft, station: e.target.value })}
        />
        <label htmlFor={ids.language}>{t.settings.language}</label>
        <select
          id={ids.language}
          className="field-input"
          value={draft.language}
          onChange={(e) => setDraft({ ...draft, language: e.target.value === 'es' ? 'es' : 'en' })}
        >
          {LANGUAGES.map((language) => (
            <option key={language} value={language}>
              {LANGUAGE_NAMES[language]}
            </option>
          ))}
        </select>
        <label htmlFor={ids.idle}>{t.settings.idleMinutes}</label>
        <input
          id={ids.idle}
          className="field-input"
          type="number"
          min={1}
          max={240}
          value={idleText}
          onChange={(e) => setIdleText(e.target.value)}
        />
        <label htmlFor={ids.api}>{t.settings.apiBase}</label>
        <input
          id={ids.api}
          className="field-input"
          value={draft.apiBase}
          onChange={(e) => setDraft({ ...draft, apiBase: e.target.value })}
        />
        <label htmlFor={ids.direct}>{t.settings.directBase}</label>
        <input
          id={ids.direct}
          className="field-input"
          value={draft.directBase}
          onChange={(e) => setDraft({ ...draft, directBase: e.target.value })}
        />
        <label htmlFor={ids.sounds} className="checkbox">
          <input
            id={ids.sounds}
            type="checkbox"
            checked={draft.sounds}
            onChange={(e) => setDraft({ ...draft, sounds: e.target.checked })}
          />
          {t.settings.sounds}
        </label>
        <label htmlFor={ids.kiosk} className="checkbox">
          <input
            id={ids.kiosk}
            type="checkbox"
            checked={draft.kiosk}
            onChange={(e) => setDraft({ ...draft, kiosk: e.target.checked })}
          />
          {t.settings.kiosk}
        </label>
        <label htmlFor={ids.askReading} className="checkbox">
          <input
            id={ids.askReading}
            type="checkbox"
            checked={draft.askReading}
            onChange={(e) => setDraft({ ...draft, askReading: e.target.checked })}
          />
          {t.settings.askReading}
        </label>
        <label htmlFor={ids.camera}>{t.settings.camera}</label>
        <select
          id={ids.camera}
          className="field-input"
          value={draft.cameraDeviceId ?? ''}
          onChange={(e) => setDraft({ ...draft, cameraDeviceId: e.target.value })}
          aria-describedby={`${ids.camera}-hint`}
        >
          <option value="">{t.settings.cameraAuto}</option>
          {cameras.map((camera, index) => (
            <option key={camera.deviceId} value={camera.deviceId}>
              {camera.label || fill(t.settings.cameraUnnamed, { n: index + 1 })}
            </option>
          ))}
        </select>
        <p id={`${ids.camera}-hint`} className="hint">
          {t.settings.cameraHint}
        </p>
        <label htmlFor={ids.prefix}>{t.settings.wedgePrefix}</label>
        <select
          id={ids.prefix}
          className="field-input"
          value={draft.wedgePrefix}
          onChange={(e) => setDraft({ ...draft, wedgePrefix: WedgePrefixSetting.catch('').parse(e.target.value) })}
          aria-describedby={`${ids.prefix}-hint`}
        >
          <option value="">{t.settings.wedgePrefixNone}</option>
          {WEDGE_PREFIX_KEYS.map((key) => (
            <option key={key} value={key}>
              {key}
            </option>
          ))}
        </select>
        <p id={`${ids.prefix}-hint`} className="hint">
          {t.settings.wedgePrefixHint}
        </p>
        <button type="submit" className="button button-primary button-large sticky-action">
          {t.settings.save}
        </button>
      </form>
      <DeviceTypesEditor adminPin={adminPin} settings={settings} onSaved={onSaved} />
      <SerialProfileEditor adminPin={adminPin} settings={settings} onSaved={onSaved} />
      <OperatorsEditor adminPin={adminPin} settings={settings} onSaved={onSaved} />
      <PinChange adminPin={adminPin} settings={settings} onChanged={onSaved} onAdminPin={onAdminPin} />
      <p className="hint">{fill(t.settings.version, { version })}</p>
    </main>
  );
}

/** The cameras Chromium can see (names only after a camera permission); none without a camera API. */
function useVideoInputs(): readonly MediaDeviceInfo[] {
  const [cameras, setCameras] = useState<readonly MediaDeviceInfo[]>([]);
  useEffect(() => {
    const media = navigator.mediaDevices as MediaDevices | undefined;
    if (!media?.enumerateDevices) return;
    let current = true;
    media.enumerateDevices().then(
      (devices) => current && setCameras(devices.filter((d) => d.kind === 'videoinput' && d.deviceId)),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
  return cameras;
}

/** A new admin or supervisor PIN, typed twice; the engine keeps only its hash. */
function PinChange({
  adminPin,
  settings,
  onChanged,
  onAdminPin,
}: {
  adminPin: string;
  settings: PublicSettings;
  onChanged(): Promise<void>;
  onAdminPin(pin: string): void;
}) {
  const { t, language } = useKiosk();
  const [message, onMessage] = useState<SaveMessage>();
  const [role, setRole] = useState<'admin' | 'supervisor'>('supervisor');
  const [newPin, setNewPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const ids = { role: useId(), pin: useId(), repeat: useId() };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (newPin !== repeat) {
      onMessage({ ok: false, text: t.settings.pinsDiffer });
      return;
    }
    try {
      await window.kiosk.settings.changePin({ adminPin, role, newPin });
      setNewPin('');
      setRepeat('');
      onMessage({ ok: true, text: t.settings.pinChanged });
      // This screen was opened with the old admin PIN: later saves need the new one.
      if (role === 'admin') onAdminPin(newPin);
      await onChanged();
    } catch (error) {
      onMessage({ ok: false, text: errorText(error, language) });
    }
  };

  const roleLabel = (r: 'admin' | 'supervisor') =>
    `${r === 'admin' ? t.settings.adminPin : t.settings.supervisorPin}${settings.defaultPins.includes(r) ? ` (${t.settings.pinDefault})` : ''}`;

  return (
    <form className="panel form form-grid" onSubmit={submit} aria-labelledby="pins-title">
      <h2 id="pins-title">{t.settings.pinsTitle}</h2>
      <label htmlFor={ids.role}>{t.settings.pinRole}</label>
      <select
        id={ids.role}
        className="field-input"
        value={role}
        onChange={(e) => setRole(e.target.value === 'admin' ? 'admin' : 'supervisor')}
      >
        <option value="supervisor">{roleLabel('supervisor')}</option>
        <option value="admin">{roleLabel('admin')}</option>
      </select>
      <label htmlFor={ids.pin}>{t.settings.newPin}</label>
      <PinField id={ids.pin} value={newPin} onPin={setNewPin} />
      <label htmlFor={ids.repeat}>{t.settings.repeatPin}</label>
      <PinField id={ids.repeat} value={repeat} onPin={setRepeat} />
      <SaveStatus message={message} testId="pin-change-status" />
      <button type="submit" className="button button-primary" disabled={newPin.length < 4 || repeat.length < 4}>
        {t.settings.changePin}
      </button>
    </form>
  );
}
