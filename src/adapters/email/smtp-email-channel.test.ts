import { describe, expect, it } from 'vitest';
import { classify } from './smtp-email-channel.ts';

describe('SMTP answers, classified', () => {
  it('retries 4xx replies and connection failures, fails 5xx and bad envelopes for good', () => {
    expect(classify(Object.assign(new Error('busy'), { responseCode: 451, code: 'EMESSAGE' })).outcome).toBe(
      'retry',
    );
    expect(
      classify(Object.assign(new Error('no such user'), { responseCode: 550, code: 'EENVELOPE' })),
    ).toMatchObject({
      outcome: 'failed',
      provider: { status: 550, error_code: 'EENVELOPE' },
    });
    expect(classify(Object.assign(new Error('refused'), { code: 'ECONNECTION' })).outcome).toBe('retry');
    expect(classify(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })).outcome).toBe('retry');
    expect(classify(Object.assign(new Error('no recipients'), { code: 'EENVELOPE' })).outcome).toBe('failed');
  });
});
