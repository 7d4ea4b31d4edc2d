/**
 * Counters behind the API's abuse limits, kept where every API process sees them (PostgreSQL),
 * so N processes behind a load balancer allow what one would. Adapters use them: the HTTP rate
 * limits (`RateLimitCounters`) and the built-in identity provider's login throttle
 * (`LoginFailureStore`); the composition root picks the implementation (`RATE_LIMIT_STORE`).
 */

/** One key's hits to count, in a window of `windowMs` that starts with its first hit. */
export interface RateLimitHit {
  key: string;
  hits: number;
  windowMs: number;
}

/** A key's count in its current window, this batch's hits included, and when the window ends. */
export interface RateLimitCount {
  key: string;
  count: number;
  windowEndsAt: Date;
}

/** Fixed-window counters: a window starts with a key's first hit and resets once it has passed. */
export interface RateLimitCounters {
  /**
   * Adds each key's hits to its window at `now`, or starts a new window when the last has
   * ended; one answer per key, in any order. Atomic per key: concurrent callers (in any
   * process) never lose a hit. Keys must be distinct within one call.
   */
  increment(hits: readonly RateLimitHit[], now: Date): Promise<RateLimitCount[]>;
  /** Forgets windows that ended before `now` (a later hit starts afresh anyway). */
  deleteEnded(now: Date): Promise<number>;
}

/** A key's failed logins since it was last forgotten, and when the last one was. */
export interface LoginFailures {
  failures: number;
  lastFailureAt: Date;
}

/** Failed logins per key (a username or a client address); the throttle's policy decides the locks. */
export interface LoginFailureStore {
  /**
   * Counts one failure for each key at `now`: added to its failures when the last was after
   * `forgetBefore`, else counted as the first. Atomic per key across processes.
   */
  addFailure(keys: readonly string[], now: Date, forgetBefore: Date): Promise<void>;
  /** The keys' failures (a key without any is absent from the map). */
  read(keys: readonly string[]): Promise<Map<string, LoginFailures>>;
  /** Forgets a key's failures (a correct password). */
  clear(key: string): Promise<void>;
  /** Forgets keys whose last failure was before `cutoff`. */
  deleteBefore(cutoff: Date): Promise<number>;
}
