import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors.ts';
import { verifyWebhookSignature } from './webhook-signature.ts';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const OTHER = 'whsec_b3JkZXJmbG93LWRlbW8tY2Fycmllci1zaWduaW5nISE=';
const secrets = (...values: string[]) =>
  values.map((secret, i) => ({ secret_id: `s${i}`, secret, created_at: '' }));
const now = new Date('2030-01-01T12:00:00Z');
const body = '{"order_id":"x","status":"SHIPPED"}';

const signed = (secret: string, payload = body, at = now, id = 'msg_1') => ({
  'webhook-id': id,
  'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
  'webhook-signature': new Webhook(secret).sign(id, at, payload),
});
const code = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'ACCEPTED';
};

describe('verifyWebhookSignature (Standard Webhooks)', () => {
  it('accepts what the standardwebhooks package signs, with any one of several secrets', () => {
    expect(verifyWebhookSignature(secrets(SECRET), signed(SECRET), Buffer.from(body), now)).toEqual({
      webhook_id: 'msg_1',
      timestamp: now,
    });
    expect(
      code(() => verifyWebhookSignature(secrets(OTHER, SECRET), signed(SECRET), Buffer.from(body), now)),
    ).toBe('ACCEPTED');
  });

  it('accepts any one of several signatures in the header, ignoring unknown versions', () => {
    const headers = signed(SECRET);
    const list = `v2,abc v1,bm90LWl0 ${headers['webhook-signature']}`;
    expect(
      code(() =>
        verifyWebhookSignature(
          secrets(SECRET),
          { ...headers, 'webhook-signature': list },
          Buffer.from(body),
          now,
        ),
      ),
    ).toBe('ACCEPTED');
  });

  it('signs the raw bytes: a body that is not valid UTF-8 verifies only byte for byte', () => {
    const raw = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    const stamp = String(Math.floor(now.getTime() / 1000));
    const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
    const mac = createHmac('sha256', key)
      .update(Buffer.concat([Buffer.from(`msg_1.${stamp}.`), raw]))
      .digest('base64');
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': stamp, 'webhook-signature': `v1,${mac}` };
    expect(code(() => verifyWebhookSignature(secrets(SECRET), headers, raw, now))).toBe('ACCEPTED');
    expect(
      code(() => verifyWebhookSignature(secrets(SECRET), headers, Buffer.from(raw.toString()), now)),
    ).toBe('WEBHOOK_SIGNATURE_INVALID');
  });

  it('refuses a tampered body, another secret, a changed id or timestamp', () => {
    const headers = signed(SECRET);
    const check = (h: Record<string, string>, b = body, s = secrets(SECRET)) =>
      code(() => verifyWebhookSignature(s, h, Buffer.from(b), now));
    expect(check(headers, body.replace('SHIPPED', 'DELIVERED'))).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect(check(headers, body, secrets(OTHER))).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect(check({ ...headers, 'webhook-id': 'msg_2' })).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect(check({ ...headers, 'webhook-timestamp': String(Number(headers['webhook-timestamp']) + 1) })).toBe(
      'WEBHOOK_SIGNATURE_INVALID',
    );
    expect(check({ ...headers, 'webhook-signature': 'v1,' })).toBe('WEBHOOK_SIGNATURE_INVALID');
  });

  it('takes timestamps within 5 minutes either way, refuses beyond and non-numeric ones', () => {
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
    const check = (sentAt: Date) =>
      code(() =>
        verifyWebhookSignature(secrets(SECRET), signed(SECRET, body, sentAt), Buffer.from(body), now),
      );
    expect(check(at(-300))).toBe('ACCEPTED');
    expect(check(at(300))).toBe('ACCEPTED');
    expect(check(at(-301))).toBe('WEBHOOK_TIMESTAMP_OUT_OF_RANGE');
    expect(check(at(301))).toBe('WEBHOOK_TIMESTAMP_OUT_OF_RANGE');
    const headers = { ...signed(SECRET), 'webhook-timestamp': '1e9' };
    expect(code(() => verifyWebhookSignature(secrets(SECRET), headers, Buffer.from(body), now))).toBe(
      'WEBHOOK_TIMESTAMP_OUT_OF_RANGE',
    );
  });

  it('names the missing headers', () => {
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const) {
      const { [name]: _gone, ...rest } = signed(SECRET);
      expect(code(() => verifyWebhookSignature(secrets(SECRET), rest, Buffer.from(body), now))).toBe(
        'WEBHOOK_HEADERS_MISSING',
      );
    }
  });
});
