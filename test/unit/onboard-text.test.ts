import { describe, expect, it } from 'vitest';
import { messages } from '../../renderer/src/i18n/messages.js';
import { noticeText, uidProblemText } from '../../renderer/src/screens/onboard-text.js';

describe('the Onboard screen words its problems in the kiosk language', () => {
  it('a bad patient ID on a Spanish kiosk is said in Spanish, never in the engine English', () => {
    for (const uid of ['abc', 'P_1001', '-P1001', 'P--1001']) {
      const text = uidProblemText('es', uid);
      expect(text).toBe(messages.es.onboard.badUid);
      expect(text).not.toMatch(/patient uid/i);
    }
  });
  it('English keeps the engine precise reason', () => {
    expect(uidProblemText('en', 'abc')).toMatch(/too short/);
    expect(uidProblemText('en', 'P_1001')).toMatch(/letters, digits and hyphens/);
  });
  it('a valid patient ID has no problem text', () => {
    expect(uidProblemText('es', 'P-1001')).toBe('');
  });
  it('refusals are filled from the chosen table', () => {
    expect(noticeText('es', { kind: 'busy' })).toBe(messages.es.onboard.busyScan);
    expect(noticeText('en', { kind: 'order_not_found', orderRef: 'SO-9' })).toContain('SO-9');
    expect(noticeText('es', { kind: 'failed', message: 'x' })).toBe(
      messages.es.errors.generic.replace('{message}', 'x'),
    );
    expect(noticeText('es', { kind: 'text', text: 'as is' })).toBe('as is');
  });
});
