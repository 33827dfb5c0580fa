import { describe, expect, it } from 'vitest';
import { FaultSpecError, parseFaultSpec } from '../../src/simulator/index.js';

describe('parseFaultSpec', () => {
  it('reads the documented example', () => {
    expect(parseFaultSpec('5xx=0.2,reset=0.05,hang=0.02,latency=150')).toMatchObject({
      serverErrorShare: 0.2,
      resetShare: 0.05,
      hangShare: 0.02,
      latencyMs: 150,
      malformedShare: 0,
    });
  });
  it('an empty spec is no faults', () => {
    expect(parseFaultSpec('')).toMatchObject({ serverErrorShare: 0, latencyMs: 0, burst429Length: 5 });
  });
  it.each([
    ['5xx=2', /5xx/],
    ['boom=0.1', /Unknown fault "boom"/],
    ['5xx', /name=number/],
    ['latency=-1', /name=number/],
  ])('refuses %s', (spec, message) => {
    expect(() => parseFaultSpec(spec)).toThrow(FaultSpecError);
    expect(() => parseFaultSpec(spec)).toThrow(message);
  });
});
