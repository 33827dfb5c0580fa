/** Validic and configuration errors become refusals the operator can read (a code, the message and next action). */
import { ConfigurationError } from '../config/errors.js';
import { IpcRefusal } from '../ipc/wire.js';
import { ValidicError } from '../validic/errors.js';

export async function refuseOnApiError<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ValidicError) throw new IpcRefusal(error.kind, error.message, error.nextAction);
    if (error instanceof ConfigurationError) throw new IpcRefusal('configuration', error.message, error.nextAction);
    throw error;
  }
}
