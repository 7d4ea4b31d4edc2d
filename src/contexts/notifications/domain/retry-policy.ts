/** Capped exponential backoff with jitter, for a delivery the provider asked to retry. */
export interface RetryPolicy {
  /** Delay before the second attempt (before jitter). */
  baseMs: number;
  /** The exponential part never exceeds this. */
  maxMs: number;
  /** Attempts in all, the first included; after the last a retry becomes a permanent failure. */
  maxAttempts: number;
}

/**
 * The delay after attempt number `attempt` (1 = the first) failed temporarily: base·2^(attempt-1),
 * capped, with "equal jitter" (half fixed, half random) so retries of many deliveries spread out,
 * and never sooner than the provider's `Retry-After`. `random` is in [0, 1) and injected.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  random: () => number,
  retryAfterMs?: number,
): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.ceil(Math.max(jittered, retryAfterMs ?? 0));
}

/** Whether a temporary failure of attempt number `attempt` still earns another attempt. */
export const mayRetry = (policy: RetryPolicy, attempt: number): boolean => attempt < policy.maxAttempts;
