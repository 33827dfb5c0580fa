/**
 * The PIN lockout kept in the data folder (pin-lockout.json), so a restart does not clear it:
 * private to this user (0600), replaced atomically with the file and its folder fsynced before a
 * wrong PIN is answered. The lockout rules themselves live in pin-attempts.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomically } from '../../config/atomic-file.js';

export const PIN_LOCKOUT_FILE = 'pin-lockout.json';

const Millis = z.number().int().nonnegative();

/** Epoch milliseconds: wrong PINs since the last lockout, when the lock ends (0: never locked), lockouts in a row. */
export const PinLockRecordSchema = z.strictObject({
  wrongAt: z.array(Millis).max(1000),
  lockedUntil: Millis,
  lockouts: z.number().int().nonnegative(),
});
export type PinLockRecord = z.infer<typeof PinLockRecordSchema>;

const PinLockoutFileSchema = PinLockRecordSchema.extend({ version: z.literal(1) });

/** The file is there but not what this kiosk writes: the caller fails closed. */
export class PinLockoutFileError extends Error {
  override name = 'PinLockoutFileError';
}

export interface PinLockoutStore {
  readonly file: string;
  /** The kept state; undefined when there is none yet. Throws PinLockoutFileError for a damaged file. */
  load(): PinLockRecord | undefined;
  save(record: PinLockRecord): void;
}

export function pinLockoutPath(dataDir: string): string {
  return path.join(dataDir, PIN_LOCKOUT_FILE);
}

export function openPinLockoutStore(dataDir: string): PinLockoutStore {
  const file = pinLockoutPath(dataDir);
  return {
    file,
    load() {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new PinLockoutFileError(`${file} is not valid JSON.`);
      }
      const parsed = PinLockoutFileSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new PinLockoutFileError(`${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
      }
      const { version: _version, ...record } = parsed.data;
      return record;
    },
    save(record) {
      const valid = PinLockRecordSchema.parse(record);
      writeFileAtomically(file, `${JSON.stringify({ version: 1, ...valid })}\n`);
    },
  };
}
