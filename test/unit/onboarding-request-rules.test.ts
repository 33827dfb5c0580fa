/**
 * The answer a job's journaled state gives when the catalogue has no words for its reason: an
 * older journal's reason kind written without the values its text needs, or a kind a newer version
 * wrote. The answer is then empty words, never a made-up text.
 */
import { describe, expect, it } from 'vitest';
import { resultOf } from '../../src/onboarding/onboard-result.js';
import { jobView } from '../support/test-host.js';

describe('resultOf without words for the reason', () => {
  it('a reason kind whose text needs values the journal lacks answers with empty words, keeping the kind', () => {
    // held_by_other_patient names the IMEI's and the other patient's last 4: without them there is no text.
    const result = resultOf(jobView('needs_attention', { reasonKind: 'held_by_other_patient' }));
    expect(result).toEqual({
      outcome: 'needs_attention',
      job: expect.objectContaining({ state: 'needs_attention' }),
      problem: { kind: 'held_by_other_patient', message: '', nextAction: '' },
    });
  });

  it("a kind this version's catalogue does not know answers with empty words, or the journal's own", () => {
    const unknown = resultOf(jobView('queued', { reasonKind: 'from_a_newer_version' }));
    expect(unknown).toMatchObject({
      outcome: 'queued',
      problem: { kind: 'from_a_newer_version', message: '', nextAction: '' },
    });
    const ownWords = resultOf(jobView('queued', { reasonKind: 'from_a_newer_version', reason: 'r', nextAction: 'n' }));
    expect(ownWords).toMatchObject({ problem: { message: 'r', nextAction: 'n' } });
  });
});
