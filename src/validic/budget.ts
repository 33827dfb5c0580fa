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
  /**
   * The share of the window that verification reads (type-level checks, first-reading polls) may
   * spend, default 10%: connects always have the rest, however many devices are waiting to be checked.
   */
  readonly verificationShare?: number;
}

/** What a call is for: verification reads draw on their own fixed share of the budget. */
export type CallPurpose = 'work' | 'verification';

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
  /** Verification reads sent in the last windowMs, and how many more its share allows now. */
  readonly verificationUsed: number;
  readonly verificationRemaining: number;
}

export interface RateLimitHeaders {
  readonly limit?: number;
  readonly remaining?: number;
  /** Epoch ms. */
  readonly resetAt?: number;
  /** Epoch ms, from Retry-After alone. */
  readonly retryAfterAt?: number;
}

/** A 429 that says nothing of when to come back waits 1 s, 2 s, 4 s … up to this, never spinning. */
const MAX_429_BACKOFF_MS = 60_000;

/**
 * Reads the rate-limit headers of any answer. Validic's page spells the remaining count
 * `X-RateLimit_Remaining`; the usual `X-RateLimit-Remaining` is read too. `X-RateLimit-Reset` (epoch
 * seconds, assumed: Validic documents none) and `Retry-After` (seconds or an HTTP date) give the reset.
 */
export function readRateLimitHeaders(headers: Headers, now: number): RateLimitHeaders {
  const int = (...names: string[]): number | undefined => {
    for (const name of names) {
      const value = headers.get(name);
      if (value !== null && /^\d+$/.test(value.trim())) return Number(value.trim());
    }
    return undefined;
  };
  const limit = int('x-ratelimit-limit', 'x-ratelimit_limit');
  const remaining = int('x-ratelimit-remaining', 'x-ratelimit_remaining');
  const resetSeconds = int('x-ratelimit-reset', 'x-ratelimit_reset');
  const retryAfter = retryAfterAt(headers.get('retry-after'), now);
  const resetAt = resetSeconds !== undefined ? resetSeconds * 1000 : retryAfter;
  return {
    ...(limit !== undefined ? { limit } : {}),
    ...(remaining !== undefined ? { remaining } : {}),
    ...(resetAt !== undefined ? { resetAt } : {}),
    ...(retryAfter !== undefined ? { retryAfterAt: retryAfter } : {}),
  };
}

/** `Retry-After: 120` or `Retry-After: Wed, 02 Dec 2026 18:00:00 GMT` → epoch ms; anything else → undefined. */
export function retryAfterAt(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return now + Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) || !/[a-z]/i.test(text) ? undefined : Math.max(now, date);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class RateLimitBudget {
  private readonly config: Required<RateLimitConfig>;
  private readonly sent: number[] = [];
  private readonly verificationSent: number[] = [];
  private silent429s = 0;
  private serverRemaining: number | null = null;
  private serverResetAt = 0;
  private readonly listeners = new Set<(snapshot: BudgetSnapshot) => void>();

  constructor(
    config: RateLimitConfig = validicRateLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.config = {
      ...config,
      reserve: config.reserve ?? Math.max(1, Math.floor(config.limit / 100)),
      verificationShare: config.verificationShare ?? 0.1,
    };
  }

  get limit(): number {
    return this.config.limit;
  }

  /** Verification reads the share allows in one window (at least 1). */
  get verificationLimit(): number {
    return Math.max(1, Math.floor(this.config.limit * this.config.verificationShare));
  }

  /** Verification reads that may still go in this window. */
  verificationRoom(): number {
    const now = this.now();
    this.prune(now);
    return Math.max(0, this.verificationLimit - this.verificationSent.length);
  }

  /**
   * Waits for a slot and takes it. Throws rate_limited at once if the wait would exceed maxWaitMs,
   * or, for a verification read, if the verification share is spent (verification never waits).
   */
  async acquire(maxWaitMs = Number.POSITIVE_INFINITY, purpose: CallPurpose = 'work'): Promise<void> {
    if (purpose === 'verification' && this.verificationRoom() <= 0) {
      const now = this.now();
      const retryAt = this.verificationSent[0]! + this.config.windowMs + 1;
      throw new ValidicError({
        kind: 'rate_limited',
        message: `The share of the call budget kept for verification (${this.verificationLimit} calls an hour) is spent until ${new Date(Math.max(now, retryAt)).toISOString()}.`,
        retryAt,
      });
    }
    for (;;) {
      const now = this.now();
      const wait = this.waitMs(now);
      if (wait <= 0) {
        this.sent.push(now);
        if (purpose === 'verification') this.verificationSent.push(now);
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

  /**
   * Takes the server's figures from a response (any status). A 429 empties the budget until its
   * Retry-After or reset; a 429 that names neither backs off 1 s, 2 s, 4 s … (60 s at most).
   * A remaining count without a reset lasts until the top of the window (Validic: the hour).
   */
  observe(headers: RateLimitHeaders, status: number): void {
    const now = this.now();
    let resetAt = headers.resetAt ?? this.nextBoundary(now);
    let remaining = headers.remaining;
    if (status === 429) {
      remaining = 0;
      if (headers.resetAt === undefined) {
        resetAt = now + Math.min(MAX_429_BACKOFF_MS, 1000 * 2 ** this.silent429s);
        this.silent429s++;
      }
      // A 429 speaks for now: it replaces whatever window was known.
      this.serverRemaining = 0;
      this.serverResetAt = resetAt;
      this.emit();
      return;
    }
    this.silent429s = 0;
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
      verificationUsed: this.verificationSent.length,
      verificationRemaining: Math.max(0, this.verificationLimit - this.verificationSent.length),
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
    for (const log of [this.sent, this.verificationSent]) {
      let drop = 0;
      while (drop < log.length && log[drop]! <= cutoff) drop++;
      if (drop > 0) log.splice(0, drop);
    }
  }

  private nextBoundary(now: number): number {
    return (Math.floor(now / this.config.windowMs) + 1) * this.config.windowMs;
  }
}
