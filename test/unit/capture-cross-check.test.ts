import { describe, expect, it } from 'vitest';
import { crossCheckImei } from '../../src/capture/index.js';

describe('crossCheckImei', () => {
  it('passes when the label and the modem agree, whatever the label formatting', () => {
    expect(crossCheckImei('IMEI: 49-015420-323751-8', '490154203237518')).toEqual({
      ok: true,
      imei: '490154203237518',
    });
  });

  it('blocks a mismatch and says the wrong device may be in the box', () => {
    const result = crossCheckImei('490154203237518', '356938035643809');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.blocking).toBe(true);
    expect(result.kind).toBe('mismatch');
    expect(result.message).toContain('wrong device may be in the box');
    expect(result.message).toContain('49-015420-323751-8');
    expect(result.message).toContain('35-693803-564380-9');
  });

  it('blocks when either side is not a valid IMEI, naming which side', () => {
    expect(crossCheckImei('490154203237519', '490154203237518')).toMatchObject({ ok: false, kind: 'invalid_label' });
    expect(crossCheckImei('490154203237518', '')).toMatchObject({ ok: false, kind: 'invalid_modem' });
  });
});
