// The confirmation window frame by frame: an empty frame, reset, the first label of an IMEI in a frame,
// and sightings that stay in the window while the IMEI is out of view.
import { describe, expect, it } from 'vitest';
import { createReadConfirmer } from '../../src/capture/index.js';

const A = '490154203237518';

describe('createReadConfirmer', () => {
  it('reports nothing for a frame with no barcode, and a reason for a barcode without an IMEI', () => {
    const confirmer = createReadConfirmer();
    expect(confirmer.push([])).toEqual({ kind: 'none' });
    expect(confirmer.push(['hello'])).toMatchObject({ kind: 'not_imei', reasons: [{ text: 'hello' }] });
  });

  it('forgets earlier frames on reset', () => {
    const confirmer = createReadConfirmer();
    expect(confirmer.push([A])).toEqual({ kind: 'none' });
    confirmer.reset();
    expect(confirmer.push([A])).toEqual({ kind: 'none' });
    expect(confirmer.push([A])).toMatchObject({ kind: 'accepted', candidate: { imei: A } });
  });

  it('keeps the first label an IMEI had in a frame', () => {
    const confirmer = createReadConfirmer();
    confirmer.push([`IMEI:${A}`, A]);
    expect(confirmer.push([`IMEI:${A}`, A])).toMatchObject({ kind: 'accepted', candidate: { label: 'IMEI' } });
  });

  it('confirms with a sighting still in the window after frames without the IMEI', () => {
    const confirmer = createReadConfirmer({ required: 2, window: 5 });
    const steps = [[], [A], [], [A], [], [], [], [A]].map((texts) => confirmer.push(texts).kind);
    // Frame 4 confirms frame 2; frame 8 confirms frame 4 (8 − 4 < 5) although frame 2 has left the window.
    expect(steps).toEqual(['none', 'none', 'none', 'accepted', 'none', 'none', 'none', 'accepted']);
  });

  it('does not confirm with a sighting that has left the window', () => {
    const confirmer = createReadConfirmer({ required: 2, window: 5 });
    const steps = [[A], [], [], [], [], [A]].map((texts) => confirmer.push(texts).kind);
    expect(steps.at(-1)).toBe('none');
  });
});
