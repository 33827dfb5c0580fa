/**
 * The data folder: `--data-dir`, else IMEI_KIOSK_DATA_DIR, else the platform's app-data folder.
 * One rule for the whole engine: the ledger's resolver is the implementation.
 */
export { resolveDataDir, type DataDirSources } from '../ledger/data-dir.js';
