/**
 * The user for a uid, provisioned or read back when the uid is taken (409, or 422 as Validic's
 * published v2 reference answers): for tests and benches that need a patient ready. The engine
 * decides its own order (onboarding/patients.ts), so this lives beside the tests, not in the client.
 */
import { isTakenAnswer, type Location, type ValidicClient } from '../../src/validic/client.js';
import { ValidicError } from '../../src/validic/errors.js';
import type { User } from '../../src/validic/schemas.js';

export async function ensureUser(client: ValidicClient, uid: string, location?: Location): Promise<User> {
  try {
    return await client.provisionUser(uid, location);
  } catch (error) {
    if (error instanceof ValidicError && isTakenAnswer(error)) return client.getUser(uid);
    throw error;
  }
}

/**
 * A device connected to a patient at Validic by something other than the journal under test (another
 * kiosk, Validic's own tools); the patient is provisioned first if Validic does not know them yet.
 * Answers the patient's marketplace token.
 */
export async function connectOutside(
  client: ValidicClient,
  uid: string,
  imei: string,
  deviceType = 'blood_glucose',
): Promise<string> {
  const user = await ensureUser(client, uid);
  await client.connect(user.marketplace.token, imei, deviceType);
  return user.marketplace.token;
}
