/**
 * The access guard fails closed: an access level it has no rule for (a newer contract than this
 * guard) is refused with its own refusal, worded by the catalogue, never let through.
 */
import { describe, expect, it } from 'vitest';
import { accessGuard } from '../../src/app/access-guard.js';
import type { Access } from '../../src/ipc/channel-types.js';
import { IpcRefusal } from '../../src/ipc/wire.js';
import { renderMessage } from '../../src/messages/index.js';

describe('accessGuard', () => {
  it('refuses an access it has no rule for with access_unchecked, before reading the session', () => {
    // No session or PIN checks behind it: the refusal must come before either is asked.
    const guard = accessGuard(undefined as never, undefined as never);
    let thrown: unknown;
    try {
      guard('root' as Access, {}, 'admin.root');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(IpcRefusal);
    expect(thrown).toMatchObject({
      code: 'access_unchecked',
      params: { access: 'root' },
      message: renderMessage('en', 'access_unchecked')?.message,
    });
  });
});
