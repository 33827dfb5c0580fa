/** What a result from the engine means for the screen: its colour, whether it waits for someone, what follows. */
import type { OnboardOutcome } from '../../../src/ipc/schemas';

/** Seconds a result that needs no one stays before the screen is ready for the next device. */
export const AUTO_RETURN_SECONDS = 4;

/** Results that clear by themselves; the others wait for the operator because someone must act. */
export function returnsToReadyByItself(outcome: OnboardOutcome['outcome']): boolean {
  return outcome === 'connected' || outcome === 'already_connected' || outcome === 'queued';
}

/** Red results: someone must see them before the next device, so they stay (and sound) until acknowledged. */
export function needsAcknowledging(outcome: OnboardOutcome['outcome']): boolean {
  return toneOf(outcome) === 'error';
}

/** Needs-attention kinds whose next action is a reading: the connect may have gone through though its answers were lost. */
const READING_WOULD_TELL = ['connect_unconfirmed', 'resend_refused'];

/** The job whose first reading the screen may ask for after this result, if any. */
export function readingJobOf(outcome: OnboardOutcome): string | undefined {
  switch (outcome.outcome) {
    case 'connected':
    case 'already_connected':
      return outcome.job.id;
    case 'needs_attention':
      return READING_WOULD_TELL.includes(outcome.problem.kind) ? outcome.job.id : undefined;
    default:
      return undefined;
  }
}

export type Tone = 'ok' | 'warn' | 'error';

export function toneOf(outcome: OnboardOutcome['outcome']): Tone {
  switch (outcome) {
    case 'connected':
    case 'already_connected':
      return 'ok';
    case 'queued':
    case 'needs_confirmation':
      return 'warn';
    case 'needs_attention':
    case 'blocked':
    case 'mismatch':
      return 'error';
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

/** Outcomes a supervisor can resolve here: the IMEI is on another patient (known, or named by the supervisor). */
export function overridable(
  outcome: OnboardOutcome,
): outcome is Extract<OnboardOutcome, { outcome: 'blocked' | 'needs_attention' }> {
  return (
    outcome.outcome === 'blocked' || (outcome.outcome === 'needs_attention' && outcome.problem.kind === 'conflict')
  );
}
