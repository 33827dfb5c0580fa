/**
 * Validic and configuration errors become refusals the operator can read (a code, the message and next action).
 * Their messages stay the engine's: they carry what the catalogue's text for the kind cannot (Validic's
 * status and own words, the settings file and field at fault).
 */
import { ConfigurationError } from '../config/errors.js';
import { IpcRefusal } from '../ipc/wire.js';
import { englishText } from '../messages/render.js';
import { ValidicError } from '../validic/errors.js';

export async function refuseOnApiError<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    // The next action is the catalogue's for the kind (Validic's kinds need no value).
    if (error instanceof ValidicError)
      throw new IpcRefusal(error.kind, error.message, englishText(error.kind, {}).nextAction);
    // A configuration error's next action names the file or setting to fix: kept.
    if (error instanceof ConfigurationError) throw new IpcRefusal('configuration', error.message, error.nextAction);
    throw error;
  }
}
