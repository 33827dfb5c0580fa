/**
 * Who may sign in at this station. With no operators registered, any ID signs in (a new or
 * training kiosk works out of the box). Once an admin registers operators, only they may, and an
 * operator given a PIN must type it after scanning the badge. PINs are stored as scrypt hashes.
 *
 * Pure rule functions: each answer says why and what to do next.
 */
import { z } from 'zod';
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

/** Why a sign-in or a register change is refused: a stable kind, its values, and the English text. */
export interface OperatorProblem<K extends string> {
  readonly ok: false;
  readonly kind: K;
  readonly params: Readonly<Record<string, string | number>>;
  readonly message: string;
  readonly nextAction: string;
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
    return {
      ok: false,
      kind: 'operator_unknown',
      params: { operator: trimmed },
      message: `Operator "${trimmed}" is not registered at this station.`,
      nextAction: 'Scan your own badge, or ask an admin to add you in Settings → Operators.',
    };
  }
  if (found.pinHash === undefined) return { ok: true, operator: found.id };
  if (pin === undefined || pin === '') {
    return {
      ok: false,
      kind: 'operator_pin_needed',
      params: { operator: found.id },
      message: `Operator ${found.id} signs in with a PIN.`,
      nextAction: 'Type your PIN, then press Enter.',
    };
  }
  if (!pinMatchesHash(pin, found.pinHash)) {
    return {
      ok: false,
      kind: 'operator_pin_wrong',
      params: { operator: found.id },
      message: `Wrong PIN for operator ${found.id}.`,
      nextAction: 'Type it again, or ask an admin to set a new one in Settings → Operators.',
    };
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
  if (!parsed.success)
    return {
      ok: false,
      kind: 'operator_id_invalid',
      params: { operator: id.slice(0, 64) },
      message: `"${id}" cannot be an operator ID: ${parsed.error.issues[0]?.message ?? 'invalid'}.`,
      nextAction: 'Scan the badge, or type the ID as printed on it.',
    };
  const existing = find(register, parsed.data);
  const pinHash = pin === undefined ? existing?.pinHash : pin === null ? undefined : hashPin(pin);
  const entry: RegisteredOperator = { id: existing?.id ?? parsed.data, ...(pinHash !== undefined ? { pinHash } : {}) };
  const others = register.filter((o) => o !== existing);
  if (!existing && register.length >= 1000)
    return {
      ok: false,
      kind: 'operator_register_full',
      params: {},
      message: 'This station already has 1,000 operators registered.',
      nextAction: 'Remove operators who have left first.',
    };
  return { ok: true, register: [...others, entry].sort((a, b) => a.id.localeCompare(b.id)) };
}

/** Removes an operator. The one signed in now may not remove themself (they would be locked out mid-shift). */
export function removeOperator(
  register: readonly RegisteredOperator[],
  id: string,
  signedIn: string | undefined,
): RegisterChange {
  const existing = find(register, id);
  if (!existing)
    return {
      ok: false,
      kind: 'operator_not_registered',
      params: { operator: id.trim() },
      message: `Operator "${id.trim()}" is not registered.`,
      nextAction: 'Check the ID in the list.',
    };
  if (signedIn !== undefined && existing.id.toLowerCase() === signedIn.toLowerCase()) {
    return {
      ok: false,
      kind: 'operator_signed_in',
      params: { operator: existing.id },
      message: `Operator ${existing.id} is signed in now.`,
      nextAction: 'Sign out first, then remove them with another operator signed in.',
    };
  }
  return { ok: true, register: register.filter((o) => o !== existing) };
}
