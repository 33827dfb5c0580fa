/**
 * The journal's errors: which file-system failures mean "this folder cannot be written", and the
 * words and names each error carries. Written against the survivors of the ledger's mutation run
 * (docs/mutation.md): most of these were reached only by tests that spawn the CLI.
 */
import { describe, expect, it } from 'vitest';
import {
  LedgerAccessError,
  LedgerDamagedError,
  LedgerRecordError,
  LedgerWriteError,
  toAccessError,
} from '../../src/ledger/ledger-errors.js';

const fsError = (code: string | undefined, syscall?: string, path?: string) =>
  Object.assign(new Error(`${code} failure`), { code, syscall, path });

describe('toAccessError', () => {
  it('turns a permission or read-only failure into an access error naming the folder, the call and the file', () => {
    for (const code of ['EACCES', 'EPERM', 'EROFS']) {
      const error = toAccessError('/data', fsError(code, 'open', '/data/journal/segment-000001.jsonl'));
      expect(error).toBeInstanceOf(LedgerAccessError);
      expect((error as LedgerAccessError).name).toBe('LedgerAccessError');
      expect((error as LedgerAccessError).code).toBe(code);
      expect((error as Error).message).toBe(
        `the kiosk data folder /data cannot be written (${code}: open /data/journal/segment-000001.jsonl); the journal can only be read`,
      );
    }
    expect((toAccessError('/data', fsError('EACCES')) as Error).message).toContain('(EACCES: access)');
  });

  it('leaves any other failure as it was', () => {
    for (const error of [fsError('ENOSPC', 'write'), fsError(undefined), 'text', undefined]) {
      expect(toAccessError('/data', error)).toBe(error);
    }
  });
});

describe('the other errors', () => {
  it('say what is damaged where, and carry their own names', () => {
    const damaged = new LedgerDamagedError([
      { severity: 'damage', kind: 'checksum', file: 'segment-000001.jsonl', line: 4, message: 'checksum mismatch' },
      { severity: 'damage', kind: 'gap', file: 'segment-000002.jsonl', line: 1, message: 'seq 9 after 7' },
    ] as unknown as ConstructorParameters<typeof LedgerDamagedError>[0]);
    expect(damaged.message).toBe(
      'the ledger is damaged: segment-000001.jsonl line 4: checksum mismatch; segment-000002.jsonl line 1: seq 9 after 7',
    );
    expect([damaged.name, new LedgerRecordError('r').name, new LedgerWriteError('w').name]).toEqual([
      'LedgerDamagedError',
      'LedgerRecordError',
      'LedgerWriteError',
    ]);
  });
});
