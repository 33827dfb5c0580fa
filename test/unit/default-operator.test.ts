/** Who the journal names when no operator is given: the account's name, else `operator`. */
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultOperator } from '../../src/onboarding/engine.js';

describe('defaultOperator', () => {
  it("is the account's name", () => {
    expect(defaultOperator(() => ({ username: 'packer3' }))).toBe('packer3');
    expect(defaultOperator()).toBe(os.userInfo().username || 'operator');
  });

  it('is `operator` for an account without a name, or when the system cannot say (no passwd entry)', () => {
    expect(defaultOperator(() => ({ username: '' }))).toBe('operator');
    expect(
      defaultOperator(() => {
        throw new Error('ENOENT: no such file or directory, uv_os_get_passwd');
      }),
    ).toBe('operator');
  });
});
