/**
 * The Settings screen's general form as plain data: the settings it was last filled from, what the
 * admin has typed since, and whether anything typed is not saved yet.
 */
import type { PublicSettings } from '../../../src/ipc/schemas';

export interface SettingsFormState {
  /** The settings the form was last filled from. */
  readonly base: PublicSettings;
  readonly draft: PublicSettings;
  /** The idle minutes as typed: the field may be empty while the admin types a new number. */
  readonly idleText: string;
}

export function formFrom(settings: PublicSettings): SettingsFormState {
  return { base: settings, draft: settings, idleText: String(settings.idleMinutes) };
}

/**
 * Fresh settings under a form (another panel saved, the mode switched): what the admin changed and
 * has not saved stays as typed; every other field shows the fresh value.
 */
export function rebaseForm(form: SettingsFormState, fresh: PublicSettings): SettingsFormState {
  const draft: Record<string, unknown> = { ...fresh };
  for (const [key, value] of Object.entries(form.draft))
    if (!Object.is(value, (form.base as Record<string, unknown>)[key])) draft[key] = value;
  const idleTyped = form.idleText !== String(form.base.idleMinutes);
  return {
    base: fresh,
    draft: draft as PublicSettings,
    idleText: idleTyped ? form.idleText : String(fresh.idleMinutes),
  };
}

/** The form as one string, to tell whether two states show the same values. */
export function formShown(form: SettingsFormState): string {
  const { draft, idleText } = form;
  return JSON.stringify({ ...draft, idleMinutes: idleText, cameraDeviceId: draft.cameraDeviceId ?? '' });
}

/** Something typed that the settings the form was filled from do not hold. */
export function formUnsaved(form: SettingsFormState): boolean {
  return formShown(form) !== formShown(formFrom(form.base));
}
