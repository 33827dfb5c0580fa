/**
 * A grey-level profile across a 1D barcode → its bar and space edges with sub-pixel positions.
 * Every bar is a local minimum and every space a local maximum, even when blur has washed a narrow
 * element out to a shallow dip; each edge is placed where the profile crosses the level halfway
 * between the extremes on either side of it, so a weak dip gets a threshold of its own.
 */

export interface Edge {
  /** Sub-pixel position along the profile. */
  readonly at: number;
  /** True for light → dark (a bar begins). */
  readonly intoBar: boolean;
}

export interface Extreme {
  readonly index: number;
  readonly level: number;
  readonly isMax: boolean;
}

/** Alternating maxima and minima that differ from their neighbours by at least `minSwing`. */
export function alternatingExtremes(profile: ArrayLike<number>, minSwing: number): Extreme[] {
  const extremes: Extreme[] = [];
  if (profile.length === 0) return extremes;
  let hi = 0;
  let lo = 0;
  // Until the first swing we do not know whether we are heading down or up.
  let direction: 'unknown' | 'down' | 'up' = 'unknown';
  for (let i = 1; i < profile.length; i++) {
    const v = profile[i]!;
    if (direction !== 'up' && v > profile[hi]!) hi = i;
    if (direction !== 'down' && v < profile[lo]!) lo = i;
    if (direction === 'unknown') {
      if (profile[hi]! - profile[lo]! >= minSwing) {
        direction = hi < lo ? 'down' : 'up';
        // The point that completed the swing is the newest extreme, so the other one comes first.
        extremes.push(
          direction === 'down'
            ? { index: hi, level: profile[hi]!, isMax: true }
            : { index: lo, level: profile[lo]!, isMax: false },
        );
      }
    } else if (direction === 'down') {
      if (v < profile[lo]!) lo = i;
      if (v - profile[lo]! >= minSwing) {
        extremes.push({ index: lo, level: profile[lo]!, isMax: false });
        direction = 'up';
        hi = i;
      }
    } else {
      if (v > profile[hi]!) hi = i;
      if (profile[hi]! - v >= minSwing) {
        extremes.push({ index: hi, level: profile[hi]!, isMax: true });
        direction = 'down';
        lo = i;
      }
    }
  }
  // The extreme being followed when the line ends is a real one too: the swing into it was large
  // enough to start following it (without it a code's last bar would lose its trailing edge).
  if (direction === 'up') extremes.push({ index: hi, level: profile[hi]!, isMax: true });
  else if (direction === 'down') extremes.push({ index: lo, level: profile[lo]!, isMax: false });
  return extremes;
}

/** Where the profile between two extremes crosses the level halfway between them (linear interpolation). */
function midCrossing(profile: ArrayLike<number>, from: Extreme, to: Extreme): number {
  const level = (from.level + to.level) / 2;
  const falling = from.isMax;
  for (let i = from.index; i < to.index; i++) {
    const a = profile[i]!;
    const b = profile[i + 1]!;
    if (falling ? a >= level && b < level : a <= level && b > level) return i + (a - level) / (a - b);
  }
  return (from.index + to.index) / 2;
}

/**
 * `minSwing` is the smallest rise or fall (in grey levels) that counts as an edge: below it is
 * noise. Returns the edges in order; they alternate between into-bar and into-space.
 */
export function findBarEdges(profile: ArrayLike<number>, minSwing: number): Edge[] {
  const extremes = alternatingExtremes(profile, minSwing);
  const edges: Edge[] = [];
  for (let i = 1; i < extremes.length; i++) {
    const from = extremes[i - 1]!;
    edges.push({ at: midCrossing(profile, from, extremes[i]!), intoBar: from.isMax });
  }
  return edges;
}
