/**
 * The state machine's own errors, which the disconnect and first-reading rules rely on: a refused
 * transition is a TransitionError by name (callers and logs tell it from other errors by it), and a
 * state outside the table is named in the error rather than read as anyone's turn.
 */
import { describe, expect, it } from 'vitest';
import type { JobState } from '../../src/ledger/records.js';
import { assertTransition, describeState, TransitionError } from '../../src/onboarding/index.js';

describe('the state machine refuses plainly', () => {
  it('a refused transition is an error named TransitionError that names the job and both states', () => {
    let thrown: unknown;
    try {
      assertTransition('cancelled', 'connected', 'job-7');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TransitionError);
    expect(thrown).toMatchObject({
      name: 'TransitionError',
      message: 'Job job-7 cannot go from cancelled to connected.',
    });
    expect(String(thrown)).toBe('TransitionError: Job job-7 cannot go from cancelled to connected.');
  });

  it('a state the table does not know is refused by name, not given to the worker, a person or nobody', () => {
    // A journal from a newer version could carry one; the cast stands for that record.
    expect(() => describeState('archived' as JobState)).toThrow(new Error('unknown state archived'));
  });
});
