/** The ValidicError a call fails with; a call that succeeds, or fails with anything else, fails the test. */
import { expect } from 'vitest';
import { ValidicError } from '../../src/validic/errors.js';

export async function validicFailure(call: Promise<unknown>): Promise<ValidicError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidicError);
  return error as ValidicError;
}
