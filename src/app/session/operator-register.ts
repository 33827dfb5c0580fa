/**
 * Who may sign in at this station. With no operators registered, any ID signs in (a new or
 * training kiosk works out of the box). Once an admin registers operators, only they may, and an
 * operator given a PIN must type it after scanning the badge. PINs are stored as scrypt hashes.
 *
 * Pure rule functions: each answer says why and what to do next.
 */
import { z } from 'zod';
import type { MessageKind } from '../../messages/catalogue.js';
import type { FillValues } from '../../messages/fill.js';
import { englishProblem, type MessageParams } from '../../messages/render.js';
import { hashPin, pinMatchesHash } from './pins.js';

/** A badge's text or a typed ID: printable, no surrounding spaces. */
export const OperatorIdSchema = z
  .string()
  .trim()
  .min(1, 'an operator ID is at least 1 character')
  .max(64, 'an operator ID is at most 64 characters')
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'an operator ID has no control characters');

export const RegisteredOperatorSchema = z.strictObject({
  id: OperatorIdSchema,
  /** scrypt hash (pins.ts); absent: this operator signs in without a PIN. */
  pinHash: z.string().optional(),
});
export type RegisteredOperator = z.infer<typeof RegisteredOperatorSchema>;

export const OperatorRegisterSchema = z.array(RegisteredOperatorSchema).max(1000);

/** Why a sign-in or a register change is refused: a stable kind, its values, and the catalogue's English text. */
export interface OperatorProblem<K extends MessageKind> {
  readonly ok: false;
  readonly kind: K;
  readonly params: MessageParams<K> & FillValues;
  readonly message: string;
  readonly nextAction: string;
}

function refused<K extends MessageKind>(kind: K, params: MessageParams<K> & FillValues): OperatorProblem<K> {
  return { ok: false, ...englishProblem(kind, params), params };
}

export type SignInCheck =
  | { readonly ok: true; readonly operator: string }
  | OperatorProblem<'operator_unknown' | 'operator_pin_needed' | 'operator_pin_wrong'>;

/** Badge IDs are matched without regard to case: scanners and people disagree about it. */
function find(register: readonly RegisteredOperator[], id: string): RegisteredOperator | undefined {
  const wanted = id.trim().toLowerCase();
  return register.find((o) => o.id.toLowerCase() === wanted);
}

/** What signing in as `id` needs: nothing, or a PIN. Unknown IDs are refused by checkSignIn. */
export function signInNeeds(
  register: readonly RegisteredOperator[],
  id: string,
): { readonly registered: boolean; readonly pin: boolean } {
  const found = find(register, id);
  return { registered: found !== undefined, pin: found?.pinHash !== undefined };
}

export function checkSignIn(register: readonly RegisteredOperator[], id: string, pin: string | undefined): SignInCheck {
  const trimmed = id.trim();
  if (register.length === 0) return { ok: true, operator: trimmed };
  const found = find(register, trimmed);
  if (!found) {
    return refused('operator_unknown', { operator: trimmed });
  }
  if (found.pinHash === undefined) return { ok: true, operator: found.id };
  if (pin === undefined || pin === '') {
    return refused('operator_pin_needed', { operator: found.id });
  }
  if (!pinMatchesHash(pin, found.pinHash)) {
    return refused('operator_pin_wrong', { operator: found.id });
  }
  return { ok: true, operator: found.id };
}

export type RegisterChange =
  | { readonly ok: true; readonly register: RegisteredOperator[] }
  | OperatorProblem<
      'operator_id_invalid' | 'operator_register_full' | 'operator_not_registered' | 'operator_signed_in'
    >;

/**
 * Adds an operator or changes one's PIN: `pin` sets it, `null` removes it, undefined keeps it.
 * The ID's case is kept as first registered.
 */
export function saveOperator(
  register: readonly RegisteredOperator[],
  id: string,
  pin: string | null | undefined,
): RegisterChange {
  const parsed = OperatorIdSchema.safeParse(id);
  // The catalogue's text states the whole rule (1 to 64 characters, no control characters).
  if (!parsed.success) return refused('operator_id_invalid', { operator: id.slice(0, 64) });
  const existing = find(register, parsed.data);
  const pinHash = pin === undefined ? existing?.pinHash : pin === null ? undefined : hashPin(pin);
  const entry: RegisteredOperator = { id: existing?.id ?? parsed.data, ...(pinHash !== undefined ? { pinHash } : {}) };
  const others = register.filter((o) => o !== existing);
  if (!existing && register.length >= 1000) return refused('operator_register_full', {});
  return { ok: true, register: [...others, entry].sort((a, b) => a.id.localeCompare(b.id)) };
}

/** Removes an operator. The one signed in now may not remove themself (they would be locked out mid-shift). */
export function removeOperator(
  register: readonly RegisteredOperator[],
  id: string,
  signedIn: string | undefined,
): RegisterChange {
  const existing = find(register, id);
  if (!existing) return refused('operator_not_registered', { operator: id.trim() });
  if (signedIn !== undefined && existing.id.toLowerCase() === signedIn.toLowerCase())
    return refused('operator_signed_in', { operator: existing.id });
  return { ok: true, register: register.filter((o) => o !== existing) };
}
