/**
 * When is a camera read good enough to act on? A single frame can misread, so an IMEI is accepted
 * only after it was read in two frames (within a short window). When a frame holds two valid IMEIs
 * (a dual-SIM label, or two labels in view), both confirmed, the operator chooses.
 */
import { compareCandidates, extractImeiCandidates, type InvalidCandidate, type ValidCandidate } from './candidates.js';

export type ConfirmationStep =
  | { readonly kind: 'none' }
  /** Barcodes were read, but none holds a valid IMEI: the reasons, for a hint on screen. */
  | { readonly kind: 'not_imei'; readonly reasons: readonly InvalidCandidate[] }
  | { readonly kind: 'accepted'; readonly candidate: ValidCandidate }
  | { readonly kind: 'choose'; readonly candidates: readonly ValidCandidate[] };

export interface ReadConfirmerOptions {
  /** How many frames must agree. */
  readonly required?: number;
  /** Over how many of the latest frames. */
  readonly window?: number;
}

export interface ReadConfirmer {
  /** The decoded texts of one frame (empty when nothing was found). */
  push(texts: readonly string[]): ConfirmationStep;
  reset(): void;
}

export function createReadConfirmer({ required = 2, window = 5 }: ReadConfirmerOptions = {}): ReadConfirmer {
  let frame = 0;
  const seen = new Map<string, number[]>();

  return {
    reset() {
      frame = 0;
      seen.clear();
    },
    push(texts) {
      frame++;
      const inFrame = new Map<string, ValidCandidate>();
      const reasons: InvalidCandidate[] = [];
      for (const text of texts) {
        const found = extractImeiCandidates(text, 'camera');
        for (const c of found.valid) if (!inFrame.has(c.imei)) inFrame.set(c.imei, c);
        reasons.push(...found.invalid);
      }
      for (const imei of inFrame.keys())
        seen.set(
          imei,
          [...(seen.get(imei) ?? []), frame].filter((f) => f > frame - window),
        );
      for (const [imei, frames] of seen) if (frames.every((f) => f <= frame - window)) seen.delete(imei);

      if (inFrame.size === 0) return texts.length > 0 ? { kind: 'not_imei', reasons } : { kind: 'none' };
      const confirmed = [...inFrame.values()]
        .filter((c) => (seen.get(c.imei)?.length ?? 0) >= required)
        .sort(compareCandidates);
      if (inFrame.size === 1) return confirmed[0] ? { kind: 'accepted', candidate: confirmed[0] } : { kind: 'none' };
      // Several IMEIs in view: wait until at least two are confirmed, then ask (never pick silently).
      return confirmed.length >= 2 ? { kind: 'choose', candidates: confirmed } : { kind: 'none' };
    },
  };
}
