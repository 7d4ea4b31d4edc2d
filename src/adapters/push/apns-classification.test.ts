import { describe, expect, it } from 'vitest';
import { classifyApnsFailure } from './apns-classification.ts';

const now = Date.parse('2026-11-30T00:00:00Z');

describe('classifyApnsFailure', () => {
  it('410 and 400 BadDeviceToken disable the device; other 400s do not', () => {
    expect(
      classifyApnsFailure({ status: 410, response: { reason: 'Unregistered' } }, undefined, now).outcome,
    ).toBe('device_invalid');
    expect(
      classifyApnsFailure({ status: 400, response: { reason: 'BadDeviceToken' } }, undefined, now).outcome,
    ).toBe('device_invalid');
    expect(
      classifyApnsFailure({ status: 400, response: { reason: 'BadTopic' } }, undefined, now).outcome,
    ).toBe('failed');
    expect(
      classifyApnsFailure({ status: 413, response: { reason: 'PayloadTooLarge' } }, undefined, now).outcome,
    ).toBe('failed');
  });

  it('429, 500, 503 and no answer at all retry; Retry-After is honoured', () => {
    expect(classifyApnsFailure({ status: 429, response: { reason: 'TooManyRequests' } }, '2', now)).toEqual({
      outcome: 'retry',
      provider: { status: 429, error_code: 'TooManyRequests' },
      retry_after_ms: 2000,
    });
    expect(
      classifyApnsFailure(
        { status: 500, error: new Error('Error 500, stream ended unexpectedly') },
        undefined,
        now,
      ),
    ).toMatchObject({ outcome: 'retry', provider: { status: 500, error_code: 'InternalServerError' } });
    expect(
      classifyApnsFailure({ status: 503, response: { reason: 'ServiceUnavailable' } }, undefined, now)
        .outcome,
    ).toBe('retry');
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(
      classifyApnsFailure({ error: new Error('apn write failed', { cause: refused }) }, undefined, now),
    ).toMatchObject({
      outcome: 'retry',
      provider: { error_code: 'ECONNREFUSED' },
    });
  });

  it('403 provider-token errors are failed, including the ones node-apn turns into a bare error', () => {
    expect(
      classifyApnsFailure({ status: 403, response: { reason: 'InvalidProviderToken' } }, undefined, now),
    ).toMatchObject({
      outcome: 'failed',
      provider: { error_code: 'InvalidProviderToken' },
    });
    expect(
      classifyApnsFailure({ status: 403, error: new Error('ExpiredProviderToken') }, undefined, now),
    ).toMatchObject({
      outcome: 'failed',
      provider: { status: 403, error_code: 'ExpiredProviderToken' },
    });
  });
});
