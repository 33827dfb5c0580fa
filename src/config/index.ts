export {
  SettingsSchema,
  DeviceTypeSchema,
  defaultSettings,
  defaultDeviceTypes,
  type Settings,
  type SettingsInput,
  type DeviceType,
} from './settings.js';
export { loadSettings, saveSettings, settingsPath, SETTINGS_FILE } from './store.js';
export { resolveDataDir, type DataDirSources } from './data-dir.js';
export {
  resolveCredentials,
  type AppMode,
  type CredentialsResolution,
  type ProductionCredentials,
} from './credentials.js';
export { openBackend, trainingStateFile, type Backend, type OpenBackendOptions } from './backend.js';
export { ConfigurationError } from './errors.js';
