import { describe, expect, it } from 'vitest';
import { createReadConfirmer } from '../../src/capture/read-confirmation.js';

const A = '490154203237518';
const B = '356938035643809';

describe('camera read confirmation', () => {
  it('accepts an IMEI only on its second read', () => {
    const confirmer = createReadConfirmer();
    expect(confirmer.push([A]).kind).toBe('none');
    expect(confirmer.push([A])).toMatchObject({ kind: 'accepted', candidate: { imei: A } });
  });

  it('does not accept two different single reads', () => {
    const confirmer = createReadConfirmer();
    confirmer.push([A]);
    expect(confirmer.push([B]).kind).toBe('none');
  });

  it('forgets reads older than the window', () => {
    const confirmer = createReadConfirmer({ window: 3 });
    confirmer.push([A]);
    confirmer.push([]);
    confirmer.push([]);
    expect(confirmer.push([A]).kind).toBe('none');
    expect(confirmer.push([A]).kind).toBe('accepted');
  });

  it('asks which one when two valid IMEIs are in view, with their labels', () => {
    const confirmer = createReadConfirmer();
    expect(confirmer.push([`IMEI1 ${A}`, `IMEI2 ${B}`]).kind).toBe('none');
    const step = confirmer.push([`IMEI2 ${B}`, `IMEI1 ${A}`]);
    expect(step.kind).toBe('choose');
    if (step.kind !== 'choose') return;
    expect(step.candidates.map((c) => [c.imei, c.label])).toEqual([
      [A, 'IMEI 1'],
      [B, 'IMEI 2'],
    ]);
  });

  it('never picks silently while a second IMEI is in view but not yet confirmed', () => {
    const confirmer = createReadConfirmer();
    confirmer.push([A]);
    expect(confirmer.push([A, B]).kind).toBe('none');
  });

  it('says why a barcode in view is not an IMEI', () => {
    const step = createReadConfirmer().push(['490154203237519']);
    expect(step).toMatchObject({ kind: 'not_imei', reasons: [{ error: { kind: 'bad_check_digit' } }] });
  });
});
