import { reason, StartupError } from './startup-error.ts';

export interface RetryOptions {
  /** Give up once this much time has passed since the first attempt. */
  timeoutMs: number;
  /** Errors that will not go away by waiting (a wrong password) end the retries at once. */
  isRetryable: (error: unknown) => boolean;
  onRetry?: (error: unknown, delayMs: number) => void;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/** The thrown error of the last attempt, with how long the retries went on. */
export class RetriesExhausted extends Error {
  constructor(
    readonly lastError: unknown,
    readonly elapsedMs: number,
    readonly attempts: number,
  ) {
    super(`gave up after ${attempts} attempts in ${Math.round(elapsedMs / 1000)} s`, { cause: lastError });
    this.name = 'RetriesExhausted';
  }
}

/**
 * Runs `attempt` until it resolves, waiting between failures with exponential backoff and
 * jitter, for at most `timeoutMs`: a service that starts next to us (a container beside its
 * database) gets time to come up, and one that is really down is reported within a bound.
 */
export async function retryWithBackoff<T>(
  attempt: () => Promise<T>,
  { timeoutMs, isRetryable, onRetry, initialDelayMs = 100, maxDelayMs = 2000 }: RetryOptions,
): Promise<T> {
  const started = Date.now();
  let delay = initialDelayMs;
  for (let attempts = 1; ; attempts++) {
    try {
      return await attempt();
    } catch (error) {
      const elapsed = Date.now() - started;
      const left = timeoutMs - elapsed;
      if (!isRetryable(error) || left <= 0) throw new RetriesExhausted(error, elapsed, attempts);
      const wait = Math.min(left, Math.round(delay * (0.8 + Math.random() * 0.4)));
      onRetry?.(error, wait);
      await new Promise((done) => setTimeout(done, wait));
      delay = Math.min(maxDelayMs, delay * 2);
    }
  }
}

/**
 * A connection made at start-up, retried with `retryWithBackoff`; giving up is one
 * `StartupError` line naming `target` (e.g. the redacted URL variable) and the last reason.
 */
export async function connectAtStartup<T>(
  target: string,
  attempt: () => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  try {
    return await retryWithBackoff(attempt, options);
  } catch (error) {
    const last = error instanceof RetriesExhausted ? error.lastError : error;
    const tried = error instanceof RetriesExhausted && error.attempts > 1 ? `; ${error.message}` : '';
    throw new StartupError(`cannot connect to ${target}: ${reason(last)}${tried}`, { cause: last });
  }
}
