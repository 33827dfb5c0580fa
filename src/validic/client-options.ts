/**
 * What a ValidicClient is built from (bases, credentials, timeouts, retries, budget, logger) and
 * what it reports (its request counts).
 */
import type { RateLimitBudget, RateLimitConfig } from './budget.js';
import type { PathTemplates } from './paths.js';
import type { Operation } from './operations.js';

/** The slice of a pino logger the client uses. */
export interface ClientLogger {
  debug(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface ValidicClientOptions {
  readonly orgId: string;
  readonly orgToken: string;
  readonly apiBase: string;
  readonly directBase: string;
  readonly paths?: Partial<PathTemplates>;
  /** Per attempt, default 10 s. */
  readonly timeoutMs?: number;
  /** Extra attempts after a failure the client may repeat (see the header), default 4. */
  readonly retries?: number;
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  /** Calls in flight at once, default 16. */
  readonly concurrency?: number;
  readonly rateLimit?: RateLimitConfig;
  /** Share one budget between clients of the same organization. */
  readonly budget?: RateLimitBudget;
  /** Longest wait for a budget slot before failing with rate_limited, default 60 s. */
  readonly maxBudgetWaitMs?: number;
  readonly logger?: ClientLogger;
  readonly fetch?: typeof fetch;
  readonly random?: () => number;
}

export interface Location {
  readonly timezone?: string;
  readonly country_code?: string;
}

export interface ClientStats {
  /** HTTP requests sent, retries included. */
  readonly requests: number;
  readonly byOperation: Readonly<Record<Operation, number>>;
  readonly retries: number;
}
