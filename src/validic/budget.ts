/**
 * The organization's call budget (Validic: 2,000 calls per hour per organization token, reset at the
 * top of the hour, reported in X-RateLimit-Limit / X-RateLimit-Remaining).
 *
 * Two guards, both must allow a call:
 * - our own sliding log of send times: never more than `limit - reserve` calls in any `windowMs`
 *   span, which keeps every fixed window on the server under the limit too;
 * - the server's word: X-RateLimit-Remaining (shared with other kiosks of the organization) counted
 *   down locally per call until the window resets (X-RateLimit-Reset when sent, else the next
 *   window boundary, i.e. the top of the hour).
 */
import { ValidicError } from './errors.js';

export interface RateLimitConfig {
  /** Calls per window (Validic: 2,000). */
  readonly limit: number;
  /** Window length in ms (Validic: one hour). Windows are aligned to multiples of it since the epoch. */
  readonly windowMs: number;
  /** Calls kept back as a safety margin for clock skew and in-flight calls. Default 1% (at least 1). */
  readonly reserve?: number;
}

export const validicRateLimit: RateLimitConfig = { limit: 2000, windowMs: 3_600_000 };

export interface BudgetSnapshot {
  readonly limit: number;
  readonly windowMs: number;
  /** Calls sent in the last windowMs. */
  readonly used: number;
  /** Calls that may still go now (the lower of our count and the server's). */
  readonly remaining: number;
  /** What the server last reported, counted down since. */
  readonly serverRemaining: number | null;
  /** When the next call may go if none may go now (epoch ms), else null. */
  readonly nextSlotAt: number | null;
}

export interface RateLimitHeaders {
  readonly limit?: number;
  readonly remaining?: number;
  /** Epoch ms. */
  readonly resetAt?: number;
}

/** Reads X-RateLimit-* (and Retry-After on a 429). Reset is taken as epoch seconds (assumed). */
export function readRateLimitHeaders(headers: Headers, now: number): RateLimitHeaders {
  const int = (name: string): number | undefined => {
    const value = headers.get(name);
    if (value === null || !/^\d+$/.test(value.trim())) return undefined;
    return Number(value.trim());
  };
  const limit = int('x-ratelimit-limit');
  const remaining = int('x-ratelimit-remaining');
  const resetSeconds = int('x-ratelimit-reset');
  const retryAfter = int('retry-after');
  const resetAt = resetSeconds !== undefined ? resetSeconds * 1000 : retryAfter !== undefined ? now + retryAfter * 1000 : undefined;
  return {
    ...(limit !== undefined ? { limit } : {}),
    ...(remaining !== undefined ? { remaining } : {}),
    ...(resetAt !== undefined ? { resetAt } : {}),
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class RateLimitBudget {
  private readonly config: Required<RateLimitConfig>;
  private readonly sent: number[] = [];
  private serverRemaining: number | null = null;
  private serverResetAt = 0;
  private readonly listeners = new Set<(snapshot: BudgetSnapshot) => void>();

  constructor(
    config: RateLimitConfig = validicRateLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.config = { ...config, reserve: config.reserve ?? Math.max(1, Math.floor(config.limit / 100)) };
  }

  get limit(): number {
    return this.config.limit;
  }

  /** Waits for a slot and takes it. Throws rate_limited at once if the wait would exceed maxWaitMs. */
  async acquire(maxWaitMs = Number.POSITIVE_INFINITY): Promise<void> {
    for (;;) {
      const now = this.now();
      const wait = this.waitMs(now);
      if (wait <= 0) {
        this.sent.push(now);
        if (this.serverRemaining !== null) this.serverRemaining = Math.max(0, this.serverRemaining - 1);
        return;
      }
      if (wait > maxWaitMs) {
        throw new ValidicError({
          kind: 'rate_limited',
          message: `The organization's call budget is spent until ${new Date(now + wait).toISOString()}.`,
          retryAt: now + wait,
        });
      }
      await sleep(Math.min(wait, 60_000));
    }
  }

  /** Takes the server's figures from a response (any status). `status` 429 empties the budget. */
  observe(headers: RateLimitHeaders, status: number): void {
    const now = this.now();
    const resetAt = headers.resetAt ?? this.nextBoundary(now);
    let remaining = headers.remaining;
    if (status === 429) remaining = 0;
    if (remaining === undefined) return;
    if (this.serverRemaining === null || resetAt > this.serverResetAt) {
      // A new server window (or the first word from the server).
      this.serverRemaining = remaining;
      this.serverResetAt = resetAt;
    } else {
      this.serverRemaining = Math.min(this.serverRemaining, remaining);
    }
    this.emit();
  }

  snapshot(): BudgetSnapshot {
    const now = this.now();
    this.prune(now);
    const effective = this.config.limit - this.config.reserve;
    const server = this.serverRemainingAt(now);
    const localRemaining = Math.max(0, effective - this.sent.length);
    const wait = this.waitMs(now);
    return {
      limit: this.config.limit,
      windowMs: this.config.windowMs,
      used: this.sent.length,
      remaining: server === null ? localRemaining : Math.min(localRemaining, server),
      serverRemaining: server,
      nextSlotAt: wait > 0 ? now + wait : null,
    };
  }

  onChange(listener: (snapshot: BudgetSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const snap = this.snapshot();
    for (const l of this.listeners) l(snap);
  }

  private serverRemainingAt(now: number): number | null {
    if (this.serverRemaining === null) return null;
    if (now >= this.serverResetAt) {
      this.serverRemaining = null;
      return null;
    }
    return this.serverRemaining;
  }

  private waitMs(now: number): number {
    this.prune(now);
    let wait = 0;
    const effective = this.config.limit - this.config.reserve;
    if (this.sent.length >= effective) {
      const oldestThatMustExpire = this.sent[this.sent.length - effective]!;
      wait = oldestThatMustExpire + this.config.windowMs - now + 1;
    }
    const server = this.serverRemainingAt(now);
    if (server !== null && server <= 0) wait = Math.max(wait, this.serverResetAt - now + 1);
    return wait;
  }

  private prune(now: number): void {
    const cutoff = now - this.config.windowMs;
    let drop = 0;
    while (drop < this.sent.length && this.sent[drop]! <= cutoff) drop++;
    if (drop > 0) this.sent.splice(0, drop);
  }

  private nextBoundary(now: number): number {
    return (Math.floor(now / this.config.windowMs) + 1) * this.config.windowMs;
  }
}
