import { normalizeUsername } from '../../contexts/identity/index.ts';
import type { Clock } from '../../shared/clock.ts';
import type { LoginFailureStore, LoginFailures } from '../../shared/ports/abuse-counters.ts';

export interface LoginThrottleOptions {
  /** Failed logins for one username before it is locked for a while. */
  maxFailuresPerUsername: number;
  /** Failed logins from one client address before it is locked for a while. */
  maxFailuresPerIp: number;
  /** The first lockout; each further failure while over the limit doubles it. */
  lockoutSeconds: number;
  /** The longest lockout. */
  maxLockoutSeconds: number;
  /** Failures older than this (since the last one) are forgotten. */
  forgetAfterSeconds?: number;
  /** Where the failures are counted: this process's memory unless given (PostgreSQL, shared). */
  failures?: LoginFailureStore;
  clock: Clock;
}

/**
 * Throttles password guessing at the token endpoint, per username and per client address:
 * after a number of failures the key is locked, for a time that doubles with every further
 * failure. Usernames are keyed whether or not they exist, so the answers do not tell.
 * The lock is derived from the failures and the time of the last one, so a store shared by
 * several API processes (`failures`) makes them throttle as one.
 */
export class LoginThrottle {
  readonly #options: Required<Omit<LoginThrottleOptions, 'failures'>>;
  readonly #failures: LoginFailureStore;

  constructor({ failures, ...options }: LoginThrottleOptions) {
    this.#options = { forgetAfterSeconds: 3600, ...options };
    this.#failures = failures ?? new InMemoryLoginFailures();
  }

  /** Seconds until a login for this username from this address may be tried, or 0. */
  async retryAfterSeconds(username: string, ip: string): Promise<number> {
    const now = this.#options.clock.now().getTime();
    const [userKey, ipKey] = this.#keys(username, ip);
    const known = await this.#failures.read([userKey, ipKey]);
    const until = Math.max(
      this.#lockedUntil(known.get(userKey), this.#options.maxFailuresPerUsername),
      this.#lockedUntil(known.get(ipKey), this.#options.maxFailuresPerIp),
    );
    return until > now ? Math.ceil((until - now) / 1000) : 0;
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    const now = this.#options.clock.now();
    const forgetBefore = new Date(now.getTime() - this.#options.forgetAfterSeconds * 1000);
    await this.#failures.addFailure(this.#keys(username, ip), now, forgetBefore);
  }

  /** A correct password clears the username's failures (not the address's). */
  async recordSuccess(username: string): Promise<void> {
    await this.#failures.clear(this.#keys(username, '')[0]);
  }

  /** Forgets failures that can neither lock nor count any more (a shared store's sweep). */
  async sweep(): Promise<number> {
    const { forgetAfterSeconds, maxLockoutSeconds, clock } = this.#options;
    const keepMs = Math.max(forgetAfterSeconds, maxLockoutSeconds) * 1000;
    return this.#failures.deleteBefore(new Date(clock.now().getTime() - keepMs));
  }

  /** The last failure plus the lockout its count earns: none below the limit, then doubling. */
  #lockedUntil(entry: LoginFailures | undefined, limit: number): number {
    if (entry === undefined) return 0;
    const over = entry.failures - limit;
    if (over < 0) return 0;
    const { lockoutSeconds, maxLockoutSeconds } = this.#options;
    const lockSeconds = Math.min(lockoutSeconds * 2 ** Math.min(over, 30), maxLockoutSeconds);
    return entry.lastFailureAt.getTime() + lockSeconds * 1000;
  }

  // The same canonical form the login looks the user up by: every variant that reaches one
  // account shares one counter.
  #keys(username: string, ip: string): [string, string] {
    return [`user:${normalizeUsername(username)}`, `ip:${ip}`];
  }
}

/**
 * Failed logins in this process's memory (embedded mode, one process). At most `maxEntries`
 * keys are kept; the least recently failed are dropped first, so memory stays bounded.
 */
export class InMemoryLoginFailures implements LoginFailureStore {
  readonly #entries = new Map<string, LoginFailures>();

  constructor(private readonly maxEntries = 100_000) {}

  async addFailure(keys: readonly string[], now: Date, forgetBefore: Date): Promise<void> {
    for (const key of new Set(keys)) {
      const previous = this.#entries.get(key);
      const fresh = previous !== undefined && previous.lastFailureAt > forgetBefore;
      // Re-inserting moves the key to the end: the map's first key is the least recently failed.
      this.#entries.delete(key);
      this.#entries.set(key, { failures: (fresh ? previous.failures : 0) + 1, lastFailureAt: now });
      if (this.#entries.size > this.maxEntries) {
        this.#entries.delete(this.#entries.keys().next().value as string);
      }
    }
  }

  async read(keys: readonly string[]): Promise<Map<string, LoginFailures>> {
    return new Map(
      keys.flatMap((key) => {
        const entry = this.#entries.get(key);
        return entry ? [[key, { ...entry }] as const] : [];
      }),
    );
  }

  async clear(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  async deleteBefore(cutoff: Date): Promise<number> {
    let deleted = 0;
    for (const [key, entry] of this.#entries) {
      if (entry.lastFailureAt < cutoff) {
        this.#entries.delete(key);
        deleted++;
      }
    }
    return deleted;
  }
}
