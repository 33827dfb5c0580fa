/**
 * The ways the journal refuses or fails, each its own error: the data folder cannot be written,
 * the journal is damaged (and the caller asked to refuse), a record is refused before anything is
 * written, or a write failed (the ledger then stops accepting appends).
 */
import type { LedgerIssue } from './replay.js';

/** The data folder cannot be written (read-only mount, wrong owner): nothing was changed. */
export class LedgerAccessError extends Error {
  constructor(
    readonly dataDir: string,
    readonly code: string,
    detail: string,
  ) {
    super(`the kiosk data folder ${dataDir} cannot be written (${code}: ${detail}); the journal can only be read`);
    this.name = 'LedgerAccessError';
  }
}

const ACCESS_CODES = new Set(['EACCES', 'EPERM', 'EROFS']);

/** A permission or read-only-filesystem error as a LedgerAccessError; anything else unchanged. */
export function toAccessError(dataDir: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === undefined || !ACCESS_CODES.has(code)) return error;
  const file = (error as NodeJS.ErrnoException).path;
  return new LedgerAccessError(
    dataDir,
    code,
    `${(error as NodeJS.ErrnoException).syscall ?? 'access'} ${file ?? ''}`.trim(),
  );
}

export class LedgerDamagedError extends Error {
  constructor(readonly issues: readonly LedgerIssue[]) {
    super(`the ledger is damaged: ${issues.map((i) => `${i.file} line ${i.line}: ${i.message}`).join('; ')}`);
    this.name = 'LedgerDamagedError';
  }
}

/** Refused before anything was written: the record is invalid or breaks the job's history. */
export class LedgerRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerRecordError';
  }
}

/** A write or fsync failed: the ledger stops accepting appends until it is reopened. */
export class LedgerWriteError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LedgerWriteError';
  }
}
