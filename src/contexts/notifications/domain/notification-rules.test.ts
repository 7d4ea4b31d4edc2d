import { describe, expect, it } from 'vitest';
import { cancellationReason } from './cancellation-reason.ts';
import { letterFor } from './notification-rules.ts';
import { mayRetry, retryDelayMs } from './retry-policy.ts';

describe('notification rules', () => {
  it('sends the happy letter when paid, the sad one when cancelled, none otherwise', () => {
    expect(letterFor('PAID')).toBe('paid');
    expect(letterFor('CANCELLED')).toBe('cancelled');
    expect(letterFor('CONFIRMED')).toBeUndefined();
  });

  it('puts every cancellation into words the buyer understands', () => {
    expect(cancellationReason('INSUFFICIENT_FUNDS', 'system')).toBe('insufficient_funds');
    expect(cancellationReason('payment timeout', 'system')).toBe('payment_timeout');
    expect(cancellationReason('no food point available', 'system')).toBe('no_kitchen_available');
    expect(cancellationReason('no kitchen available', 'system')).toBe('no_kitchen_available');
    expect(cancellationReason('cancelled on request', 'buyer')).toBe('cancelled_by_you');
    expect(cancellationReason('out of bread', 'admin')).toBe('cancelled_by_shop');
    expect(cancellationReason('out of bread', 'kitchen')).toBe('cancelled_by_shop');
    expect(cancellationReason(undefined, undefined)).toBe('other');
  });
});

describe('retry policy', () => {
  const policy = { baseMs: 1000, maxMs: 8000, maxAttempts: 4 };

  it('doubles the delay per attempt, up to the cap, with at most half of it random', () => {
    expect(retryDelayMs(policy, 1, () => 0)).toBe(500);
    expect(retryDelayMs(policy, 1, () => 0.999_999)).toBe(1000);
    expect(retryDelayMs(policy, 3, () => 0)).toBe(2000);
    expect(retryDelayMs(policy, 10, () => 0.5)).toBe(6000);
  });

  it('never retries sooner than Retry-After', () => {
    expect(retryDelayMs(policy, 1, () => 0, 30_000)).toBe(30_000);
    expect(retryDelayMs(policy, 4, () => 0.999_999, 10)).toBe(8000);
  });

  it('stops after the last attempt', () => {
    expect(mayRetry(policy, 3)).toBe(true);
    expect(mayRetry(policy, 4)).toBe(false);
  });
});
