/**
 * The organization's rate limit as Validic applies it: a fixed window per organization, with the
 * X-RateLimit-* headers spelled as the behaviour profile says.
 */
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { SimBehaviour } from './profiles.js';

export interface SimRateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

export const SimRateLimitSchema = z
  .object({ limit: z.number().int().min(1), windowMs: z.number().int().min(100) })
  .strict();

export const validicRate: SimRateLimit = { limit: 2000, windowMs: 3_600_000 };

export class RateWindows {
  private readonly windows = new Map<string, { index: number; used: number }>();

  constructor(private readonly behaviour: SimBehaviour) {}

  /** Counts a call against the organization's window and sets the headers; false when the window is spent. */
  spend(orgId: string, res: ServerResponse, rate: SimRateLimit): boolean {
    const behaviour = this.behaviour;
    const now = Date.now();
    const index = Math.floor(now / rate.windowMs);
    let window = this.windows.get(orgId);
    if (!window || window.index !== index) {
      window = { index, used: 0 };
      this.windows.set(orgId, window);
    }
    const allowed = window.used < rate.limit;
    if (allowed) window.used++;
    res.setHeader('X-RateLimit-Limit', String(rate.limit));
    if (behaviour.rateHeaders === 'validic_page') {
      // Validic's page spells it with an underscore and documents no reset header.
      res.setHeader('X-RateLimit_Remaining', String(rate.limit - window.used));
    } else {
      res.setHeader('X-RateLimit-Remaining', String(rate.limit - window.used));
      res.setHeader('X-RateLimit-Reset', String(Math.ceil(((index + 1) * rate.windowMs) / 1000)));
    }
    return allowed;
  }

  /** A new limit starts every window afresh. */
  clear(): void {
    this.windows.clear();
  }
}
