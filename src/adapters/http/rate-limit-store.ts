import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Clock } from '../../shared/clock.ts';
import type { RateLimitCount, RateLimitCounters } from '../../shared/ports/abuse-counters.ts';

type Callback = Parameters<FastifyRateLimitStore['incr']>[1];

export interface SharedRateLimitStoreOptions {
  clock: Clock;
  /** A count failed (the database is unreachable); the request goes through (`skipOnError`). */
  onError: (error: unknown) => void;
  /** Keys remembered as over their limit at most; the oldest go first. */
  maxBlocked?: number;
  /**
   * How long a request waits for its count before it goes through uncounted, as on an error
   * (a database that hangs must not hold up every counted route). Default 1 s.
   */
  countTimeoutMs?: number;
  /** Keys per statement at most (PostgreSQL takes 65,535 parameters; a key needs 3). Default 5,000. */
  maxKeysPerStatement?: number;
}

/**
 * A store for @fastify/rate-limit whose counts live in `RateLimitCounters` (PostgreSQL), shared
 * by every API process: N processes allow together what the limit says, not N times it.
 *
 * - The hits of one turn of the event loop go to the database as one statement (the per-address,
 *   per-user and per-carrier counts of a request together, and those of concurrent requests),
 *   with one statement in flight per process; a count that takes longer than `countTimeoutMs`
 *   lets its request through, as an error does.
 * - A key that went over its limit is remembered here until its window ends: further requests
 *   for it are refused without a statement, so a flood costs the database nothing, and `read`
 *   (the early check before authentication) can answer from that memory. The window's end is
 *   the shared one, so this refuses nothing another process would admit.
 */
export function sharedRateLimitStore(
  counters: RateLimitCounters,
  options: SharedRateLimitStoreOptions,
): FastifyRateLimitStoreCtor {
  const { clock, onError, maxBlocked = 10_000, countTimeoutMs = 1000, maxKeysPerStatement = 5000 } = options;
  const batch = new HitBatch(counters, clock, countTimeoutMs, maxKeysPerStatement);
  const blocked = new Map<string, number>();

  const blockedFor = (key: string, now: number): number => {
    const until = blocked.get(key);
    if (until === undefined) return 0;
    if (until > now) return until - now;
    blocked.delete(key);
    return 0;
  };
  const block = (key: string, until: number) => {
    blocked.delete(key);
    blocked.set(key, until);
    if (blocked.size > maxBlocked) blocked.delete(blocked.keys().next().value as string);
  };

  class SharedRateLimitStore implements FastifyRateLimitStore {
    incr(key: string, callback: Callback, timeWindow: number, max: number): void {
      const now = clock.now().getTime();
      const ttl = blockedFor(key, now);
      if (ttl > 0) {
        callback(null, { current: max + 1, ttl });
        return;
      }
      batch.hit(key, timeWindow).then(
        ({ count, windowEndsAt }) => {
          if (count > max) block(key, windowEndsAt);
          callback(null, { current: count, ttl: Math.max(0, windowEndsAt - now) });
        },
        (error: unknown) => {
          onError(error);
          callback(error instanceof Error ? error : new Error(String(error)));
        },
      );
    }

    /** What this process knows without asking: over the limit (until the window ends) or not. */
    read(key: string, callback: Callback, _timeWindow: number, max: number): void {
      const ttl = blockedFor(key, clock.now().getTime());
      callback(null, ttl > 0 ? { current: max + 1, ttl } : { current: 0, ttl: 0 });
    }

    child(): FastifyRateLimitStore {
      return new SharedRateLimitStore();
    }
  }
  return SharedRateLimitStore;
}

interface Waiter {
  resolve: (count: { count: number; windowEndsAt: number }) => void;
  reject: (error: unknown) => void;
}

/**
 * Hits sent together: those of one turn of the event loop (setImmediate runs after the turn's
 * callbacks and promise continuations), and, while a statement is out, all that arrive until it
 * is back (one statement in flight per process, so a slow database gets bigger batches rather
 * than a queue of statements beside the orders'). A key hit k times in a batch is added k at
 * once, and its callers get the counts in the order they hit, as if they had gone one by one.
 * A caller whose count has not come back within `timeoutMs` is answered with an error (the
 * request goes through uncounted); its hits are still added when the statement returns.
 */
class HitBatch {
  #pending = new Map<string, { windowMs: number; waiters: Waiter[] }>();
  #scheduled = false;
  #sending = false;

  constructor(
    private readonly counters: RateLimitCounters,
    private readonly clock: Clock,
    private readonly timeoutMs: number,
    private readonly maxKeys: number,
  ) {}

  hit(key: string, windowMs: number): Promise<{ count: number; windowEndsAt: number }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`rate-limit count took longer than ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
      timer.unref();
      const waiter: Waiter = {
        resolve: (count) => {
          clearTimeout(timer);
          resolve(count);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const entry = this.#pending.get(key);
      if (entry) entry.waiters.push(waiter);
      else this.#pending.set(key, { windowMs, waiters: [waiter] });
      if (!this.#scheduled && !this.#sending) {
        this.#scheduled = true;
        setImmediate(() => void this.#send());
      }
    });
  }

  async #send(): Promise<void> {
    this.#scheduled = false;
    this.#sending = true;
    try {
      while (this.#pending.size > 0) {
        const batch = new Map<string, { windowMs: number; waiters: Waiter[] }>();
        for (const [key, entry] of this.#pending) {
          if (batch.size >= this.maxKeys) break;
          batch.set(key, entry);
          this.#pending.delete(key);
        }
        await this.#count(batch);
      }
    } finally {
      this.#sending = false;
    }
  }

  async #count(pending: Map<string, { windowMs: number; waiters: Waiter[] }>): Promise<void> {
    let counts: RateLimitCount[];
    try {
      counts = await this.counters.increment(
        [...pending].map(([key, { windowMs, waiters }]) => ({ key, hits: waiters.length, windowMs })),
        this.clock.now(),
      );
    } catch (error) {
      for (const { waiters } of pending.values()) for (const waiter of waiters) waiter.reject(error);
      return;
    }
    for (const { key, count, windowEndsAt } of counts) {
      const waiters = pending.get(key)?.waiters ?? [];
      pending.delete(key);
      const first = count - waiters.length;
      for (const [i, waiter] of waiters.entries()) {
        waiter.resolve({ count: first + i + 1, windowEndsAt: windowEndsAt.getTime() });
      }
    }
    const missing = new Error('rate-limit counters returned no count for a key');
    for (const { waiters } of pending.values()) for (const waiter of waiters) waiter.reject(missing);
  }
}
