import type { PublicSettings } from '../../../src/ipc/schemas';

/** What every Settings section editor gets: the admin PIN already checked, the settings of now, and a reload after a save. */
export interface SettingsEditorProps {
  readonly adminPin: string;
  readonly settings: PublicSettings;
  onSaved(): Promise<void>;
}
