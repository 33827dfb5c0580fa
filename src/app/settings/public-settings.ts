/** The settings as the screen may see them: engine and station settings together, never a token or a PIN hash. */
import type { PublicSettings } from '../../ipc/schemas.js';
import type { HostState } from '../host-state.js';

export async function publicSettings(state: HostState): Promise<PublicSettings> {
  const engine = state.engine();
  const station = state.station();
  const settings = engine.settings;
  const stored = await state.config.credentials.read();
  return {
    mode: engine.mode,
    station: engine.station,
    language: station.language,
    orgId: stored?.orgId ?? settings.validic.orgId ?? '',
    hasToken: stored !== undefined || Boolean(settings.validic.token),
    apiBase: settings.validic.apiBase,
    directBase: settings.validic.directBase,
    deviceTypes: engine.deviceTypes.map((d) => ({ ...d })),
    idleMinutes: station.idleMinutes,
    sounds: station.sounds,
    kiosk: station.kiosk,
    askReading: station.askReading,
    serialBaud: station.serialBaud,
    scannerBaud: station.scannerBaud,
    scannerFraming: { ...station.scannerFraming },
    extraUsbDevices: station.extraUsbDevices.map(({ vendorId, productId, maker, kind }) => ({
      vendorId,
      ...(productId ? { productId } : {}),
      maker,
      kind,
    })),
    ...(station.cameraDeviceId ? { cameraDeviceId: station.cameraDeviceId } : {}),
    wedgePrefix: station.wedgePrefix,
    defaultPins: (['admin', 'supervisor'] as const).filter(
      (role) => !(role === 'admin' ? station.adminPinHash : station.supervisorPinHash),
    ),
    operators: station.operators.map((o) => ({ id: o.id, hasPin: o.pinHash !== undefined })),
  };
}
