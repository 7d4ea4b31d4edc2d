import { describe, expect, it } from 'vitest';
import { reason, redactedUrl } from './startup-error.ts';

describe('start-up messages', () => {
  it('show a URL with its password replaced', () => {
    expect(redactedUrl('DATABASE_URL', 'postgres://app:s3cret@db:5432/orders?sslmode=require')).toBe(
      'DATABASE_URL=postgres://app:***@db:5432/orders?sslmode=require',
    );
    expect(redactedUrl('DATABASE_URL', 'postgres://db/orders?user=app&password=s3cret')).toBe(
      'DATABASE_URL=postgres://db/orders?user=app&password=***',
    );
    expect(redactedUrl('BROKER_URL', 'amqp://guest@mq')).toBe('BROKER_URL=amqp://guest@mq');
  });

  it('turn an AggregateError from several addresses into one line', () => {
    const refused = (address: string) =>
      Object.assign(new Error(`connect ECONNREFUSED ${address}`), { code: 'ECONNREFUSED' });
    const error = new AggregateError([refused('::1:5432'), refused('127.0.0.1:5432')]);
    expect(reason(error)).toBe('connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432');
    expect(reason(new Error('line one\nline two'))).toBe('line one line two');
  });
});
