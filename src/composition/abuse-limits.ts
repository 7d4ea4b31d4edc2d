import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Logger } from 'pino';
import { sharedRateLimitStore } from '../adapters/http/rate-limit-store.ts';
import { LoginThrottle } from '../adapters/identity/login-throttle.ts';
import type { PostgresStorage } from '../adapters/storage/postgres-storage.ts';
import type { Config } from '../config.ts';
import type { Clock } from '../shared/clock.ts';
import { PeriodicTask } from './periodic-task.ts';

/** How often an API process deletes ended rate-limit windows and forgotten failed logins. */
const SWEEP_INTERVAL_MS = 60_000;
/** A failing shared store is logged at most this often (it fails for every request meanwhile). */
const ERROR_LOG_INTERVAL_MS = 10_000;

export interface AbuseLimits {
  /** The rate-limit store (undefined: @fastify/rate-limit's own, in memory). */
  rateLimitStore: FastifyRateLimitStoreCtor | undefined;
  /** The built-in identity provider's login throttle. */
  loginThrottle: LoginThrottle;
  /** Starts the sweep of the shared tables (nothing to sweep in memory); returns its stop. */
  startSweep(): () => Promise<void>;
}

/**
 * Where the API's abuse limits count (`RATE_LIMIT_STORE`): in PostgreSQL, shared by every API
 * process on the database, or in this process's memory.
 */
export function createAbuseLimits(
  config: Config,
  log: Logger,
  storage: PostgresStorage,
  clock: Clock,
): AbuseLimits {
  const { http } = config;
  if (http.rateLimit.store === 'memory') {
    return {
      rateLimitStore: undefined,
      loginThrottle: new LoginThrottle({ ...http.login, clock }),
      startSweep: () => async () => {},
    };
  }
  const limitsLog = log.child({ component: 'rate-limits' });
  const { perIp, perUser, perCarrier } = http.rateLimit;
  const counting = perIp > 0 || perUser > 0 || perCarrier > 0;
  // The throttle serves only the built-in identity provider's token endpoint.
  const throttling = config.oidc.issuer === undefined;
  const counters = storage.read.rateLimitCounters;
  const loginThrottle = new LoginThrottle({ ...http.login, clock, failures: storage.read.loginFailures });
  return {
    rateLimitStore: sharedRateLimitStore(counters, { clock, onError: everyNowAndThen(limitsLog) }),
    loginThrottle,
    startSweep: () => {
      if (!counting && !throttling) return async () => {};
      const sweep = new PeriodicTask(
        SWEEP_INTERVAL_MS,
        async () => {
          if (counting) await counters.deleteEnded(clock.now());
          if (throttling) await loginThrottle.sweep();
        },
        (err) => limitsLog.warn({ err }, 'could not sweep the rate-limit counters; the next sweep will'),
      ).start();
      return () => sweep.stop();
    },
  };
}

/** Logs the first failure, then at most one line per interval with how many failed meanwhile. */
function everyNowAndThen(log: Logger): (error: unknown) => void {
  let lastLoggedAt = 0;
  let unlogged = 0;
  return (err) => {
    const now = Date.now();
    if (now - lastLoggedAt < ERROR_LOG_INTERVAL_MS) {
      unlogged++;
      return;
    }
    log.warn(
      { err, failedSinceLastLog: unlogged },
      'rate-limit counters unavailable: requests are let through uncounted (fail-open)',
    );
    lastLoggedAt = now;
    unlogged = 0;
  };
}
