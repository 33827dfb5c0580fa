/**
 * Validic's rule for a user's uid (ours, used in every user URL): more than 3 and fewer than 255
 * characters, letters, digits and single hyphens, no hyphen at either end.
 */
import { z } from 'zod';

export type UidProblem = { ok: true; uid: string } | { ok: false; message: string };

export function checkUid(uid: string): UidProblem {
  if (uid.length < 4)
    return { ok: false, message: `The patient uid "${uid}" is too short: it needs at least 4 characters.` };
  if (uid.length > 254)
    return { ok: false, message: `The patient uid is ${uid.length} characters long: at most 254 are allowed.` };
  const bad = [...uid].find((c) => !/[A-Za-z0-9-]/.test(c));
  if (bad !== undefined) {
    return {
      ok: false,
      message: `The patient uid may hold only letters, digits and hyphens; found ${JSON.stringify(bad)}.`,
    };
  }
  if (uid.startsWith('-') || uid.endsWith('-'))
    return { ok: false, message: 'The patient uid must not start or end with a hyphen.' };
  if (uid.includes('--')) return { ok: false, message: 'The patient uid must not contain two hyphens in a row.' };
  return { ok: true, uid };
}

export const Uid = z.string().superRefine((value, ctx) => {
  const result = checkUid(value);
  if (!result.ok) ctx.addIssue({ code: 'custom', message: result.message });
});
