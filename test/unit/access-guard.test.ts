/**
 * The access guard fails closed: an access level it has no rule for (a newer contract than this
 * guard) is refused with its own refusal, worded by the catalogue, never let through.
 */
import { describe, expect, it } from 'vitest';
import { accessGuard } from '../../src/app/access-guard.js';
import type { PinChecks } from '../../src/app/handlers/session.js';
import type { HostState } from '../../src/app/host-state.js';
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

  // A session with a fixed operator (or none) and PIN checks that note what was asked and refuse a wrong PIN.
  function guardOver(operator: string | undefined) {
    const asked: [string, string][] = [];
    const pins = {
      requirePin(role: 'admin' | 'supervisor', pin: string) {
        asked.push([role, pin]);
        if (pin !== '2468') throw IpcRefusal.of(role === 'admin' ? 'wrong_admin_pin' : 'wrong_supervisor_pin', {});
      },
    } as unknown as PinChecks;
    return { guard: accessGuard({ operator: () => operator } as unknown as HostState, pins), asked };
  }

  it('hands every channel the signed-in operator, and an anyone or admin channel nothing when no one is signed in', () => {
    const signedIn = guardOver('op-7');
    expect(signedIn.guard('anyone', {}, 'app.state')).toEqual({ operator: 'op-7' });
    expect(signedIn.guard('operator', {}, 'scan.submit')).toEqual({ operator: 'op-7' });
    expect(signedIn.guard('supervisor', { supervisorPin: '2468' }, 'jobs.override')).toEqual({ operator: 'op-7' });
    expect(signedIn.guard('admin', { adminPin: '2468' }, 'settings.update')).toEqual({ operator: 'op-7' });
    expect(signedIn.asked).toEqual([
      ['supervisor', '2468'],
      ['admin', '2468'],
    ]);
    const nobody = guardOver(undefined);
    expect(nobody.guard('anyone', {}, 'app.state')).toEqual({});
    expect(nobody.guard('admin', { adminPin: '2468' }, 'settings.update')).toEqual({});
  });

  it('refuses an operator or supervisor channel to no one signed in, before any PIN is asked', () => {
    const nobody = guardOver(undefined);
    for (const access of ['operator', 'supervisor'] as const) {
      expect(() => nobody.guard(access, { supervisorPin: '2468' }, 'jobs.override')).toThrow(
        expect.objectContaining({ code: 'not_signed_in' }),
      );
    }
    expect(nobody.asked).toEqual([]);
  });

  it('asks the PIN checks with an empty PIN when the request carries none, or not as text', () => {
    const signedIn = guardOver('op-7');
    expect(() => signedIn.guard('supervisor', {}, 'jobs.override')).toThrow(
      expect.objectContaining({ code: 'wrong_supervisor_pin' }),
    );
    expect(() => signedIn.guard('admin', { adminPin: 2468 }, 'settings.update')).toThrow(
      expect.objectContaining({ code: 'wrong_admin_pin' }),
    );
    expect(signedIn.asked).toEqual([
      ['supervisor', ''],
      ['admin', ''],
    ]);
  });
});
