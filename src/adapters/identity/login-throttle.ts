import { normalizeUsername } from '../../contexts/identity/index.ts';
import type { Clock } from '../../shared/clock.ts';

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
  /** Keys remembered at most; the oldest are dropped first, so memory stays bounded. */
  maxEntries?: number;
  clock: Clock;
}

interface Entry {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
}

/**
 * Throttles password guessing at the token endpoint, per username and per client address:
 * after a number of failures the key is locked, for a time that doubles with every further
 * failure. Usernames are keyed whether or not they exist, so the answers do not tell.
 * Kept in this process's memory: several API instances each count on their own.
 */
export class LoginThrottle {
  readonly #entries = new Map<string, Entry>();
  readonly #options: Required<LoginThrottleOptions>;

  constructor(options: LoginThrottleOptions) {
    this.#options = { forgetAfterSeconds: 3600, maxEntries: 100_000, ...options };
  }

  /** Seconds until a login for this username from this address may be tried, or 0. */
  retryAfterSeconds(username: string, ip: string): number {
    const now = this.#now();
    const locked = this.#keys(username, ip).map((key) => this.#entries.get(key)?.lockedUntil ?? 0);
    const until = Math.max(...locked);
    return until > now ? Math.ceil((until - now) / 1000) : 0;
  }

  recordFailure(username: string, ip: string): void {
    const [userKey, ipKey] = this.#keys(username, ip);
    this.#fail(userKey, this.#options.maxFailuresPerUsername);
    this.#fail(ipKey, this.#options.maxFailuresPerIp);
  }

  /** A correct password clears the username's failures (not the address's). */
  recordSuccess(username: string): void {
    this.#entries.delete(this.#keys(username, '')[0]);
  }

  #fail(key: string, limit: number): void {
    const now = this.#now();
    const { forgetAfterSeconds, lockoutSeconds, maxLockoutSeconds, maxEntries } = this.#options;
    const previous = this.#entries.get(key);
    const fresh = previous !== undefined && now - previous.lastFailureAt < forgetAfterSeconds * 1000;
    const failures = (fresh ? previous.failures : 0) + 1;
    const over = failures - limit;
    const lockMs =
      over < 0 ? 0 : Math.min(lockoutSeconds * 2 ** Math.min(over, 30), maxLockoutSeconds) * 1000;
    // Re-inserting moves the key to the end: the map's first key is the least recently failed.
    this.#entries.delete(key);
    this.#entries.set(key, { failures, lastFailureAt: now, lockedUntil: now + lockMs });
    if (this.#entries.size > maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  // The same canonical form the login looks the user up by: every variant that reaches one
  // account shares one counter.
  #keys(username: string, ip: string): [string, string] {
    return [`user:${normalizeUsername(username)}`, `ip:${ip}`];
  }

  #now(): number {
    return this.#options.clock.now().getTime();
  }
}
