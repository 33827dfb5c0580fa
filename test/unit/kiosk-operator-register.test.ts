import { describe, expect, it } from 'vitest';
import {
  checkSignIn,
  OperatorRegisterSchema,
  removeOperator,
  saveOperator,
  signInNeeds,
  type RegisteredOperator,
} from '../../src/app/session/operator-register.js';

function registered(...entries: Array<[string, string | null]>): RegisteredOperator[] {
  let register: RegisteredOperator[] = [];
  for (const [id, pin] of entries) {
    const change = saveOperator(register, id, pin);
    if (!change.ok) throw new Error(change.message);
    register = change.register;
  }
  return register;
}

describe('operator register', () => {
  it('lets any ID sign in while nobody is registered', () => {
    expect(checkSignIn([], '  ann  ', undefined)).toEqual({ ok: true, operator: 'ann' });
    expect(signInNeeds([], 'ann')).toEqual({ registered: false, pin: false });
  });

  it('once operators are registered, refuses an unknown ID and says what to do', () => {
    const register = registered(['ANN-01', null]);
    const answer = checkSignIn(register, 'bob', undefined);
    expect(answer).toMatchObject({
      ok: false,
      kind: 'operator_unknown',
      message: 'Operator "bob" is not registered at this station.',
    });
    expect(answer.ok ? '' : answer.nextAction).toMatch(/Settings → Operators/);
  });

  it('matches a badge without regard to case and signs in under the registered spelling', () => {
    const register = registered(['ANN-01', null]);
    expect(checkSignIn(register, 'ann-01', undefined)).toEqual({ ok: true, operator: 'ANN-01' });
  });

  it('asks for the PIN of an operator who has one, refuses a wrong one, accepts the right one', () => {
    const register = registered(['ann', '4321'], ['bob', null]);
    expect(signInNeeds(register, 'ANN')).toEqual({ registered: true, pin: true });
    expect(signInNeeds(register, 'bob')).toEqual({ registered: true, pin: false });
    expect(checkSignIn(register, 'ann', undefined)).toMatchObject({ ok: false, kind: 'operator_pin_needed' });
    expect(checkSignIn(register, 'ann', '1111')).toMatchObject({
      ok: false,
      kind: 'operator_pin_wrong',
      message: 'Wrong PIN for operator ann.',
    });
    expect(checkSignIn(register, 'ann', '4321')).toEqual({ ok: true, operator: 'ann' });
    expect(checkSignIn(register, 'bob', undefined)).toEqual({ ok: true, operator: 'bob' });
  });

  it('stores PINs only as hashes, and keeps, replaces or removes a PIN on save', () => {
    let register = registered(['ann', '4321']);
    expect(JSON.stringify(register)).not.toContain('4321');
    const kept = saveOperator(register, 'ANN', undefined);
    expect(kept.ok && kept.register).toEqual(register);
    const replaced = saveOperator(register, 'ann', '9999');
    if (!replaced.ok) throw new Error(replaced.message);
    register = replaced.register;
    expect(checkSignIn(register, 'ann', '4321')).toMatchObject({ ok: false, kind: 'operator_pin_wrong' });
    expect(checkSignIn(register, 'ann', '9999')).toEqual({ ok: true, operator: 'ann' });
    const cleared = saveOperator(register, 'ann', null);
    expect(cleared.ok && signInNeeds(cleared.register, 'ann')).toEqual({ registered: true, pin: false });
    expect(OperatorRegisterSchema.parse(register)).toEqual(register);
  });

  it('refuses an ID with control characters or over 64 characters, stating the whole rule', () => {
    const rule = /cannot be an operator ID: an ID is 1 to 64 characters, with no control characters\.$/;
    expect(saveOperator([], 'ann\u0007', null)).toMatchObject({
      ok: false,
      kind: 'operator_id_invalid',
      message: expect.stringMatching(rule),
    });
    expect(saveOperator([], 'x'.repeat(65), null)).toMatchObject({
      ok: false,
      kind: 'operator_id_invalid',
      params: { operator: 'x'.repeat(64) },
      message: expect.stringMatching(rule),
    });
  });

  it('removes an operator, but not the one signed in now', () => {
    const register = registered(['ann', null], ['bob', null]);
    expect(removeOperator(register, 'ANN', 'ann')).toMatchObject({
      ok: false,
      message: 'Operator ann is signed in now.',
    });
    const removed = removeOperator(register, 'ann', 'bob');
    expect(removed.ok && removed.register.map((o) => o.id)).toEqual(['bob']);
    expect(removeOperator(register, 'carol', 'bob')).toMatchObject({
      ok: false,
      message: 'Operator "carol" is not registered.',
    });
  });
});
