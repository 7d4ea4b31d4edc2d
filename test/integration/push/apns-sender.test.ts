import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApnsSender, type ApnsSenderOptions } from '../../../src/adapters/push/apns-sender.ts';
import type { PushMessage } from '../../../src/shared/ports/notification-channel.ts';
import { type FakeApns, startFakeApns } from '../../support/fake-apns.ts';
import { freePort } from '../../support/free-port.ts';

// ApnsSender with the real @parse/node-apn (HTTP/2, TLS trusting the fake's test certificate,
// ES256 provider tokens) against a local fake of APNs.
describe('ApnsSender against a fake APNs', () => {
  let apns: FakeApns;
  let sender: ApnsSender;
  const opened: ApnsSender[] = [];
  const NOW = Date.parse('2026-11-30T00:00:00Z');

  function senderFor(fake: FakeApns, overrides: Partial<ApnsSenderOptions> = {}): ApnsSender {
    const created = new ApnsSender({
      ...fake.signing,
      topic: fake.topic,
      production: false,
      host: fake.host,
      port: fake.port,
      ca: [fake.ca],
      requestTimeoutMs: 5000,
      now: () => NOW,
      ...overrides,
    });
    opened.push(created);
    return created;
  }

  beforeAll(async () => {
    apns = await startFakeApns();
    sender = senderFor(apns);
  });
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
    await apns.close();
  });

  /** APNs device tokens are 64 hex digits; each test uses its own. */
  const token = (n: number) => n.toString(16).padStart(64, 'a');
  const message = (deviceToken: string): PushMessage => ({
    token: deviceToken,
    title: 'Order paid',
    body: 'Your order is paid',
    data: { order_id: 'o-1', status: 'PAID', event_id: 'e-1' },
  });

  it('delivers: message id = apns-id; path, topic, push type and an ES256 provider token as Apple wants', async () => {
    const outcome = await sender.send(message(token(1)));

    expect(outcome.outcome).toBe('delivered');
    const [request] = apns.requestsTo(token(1));
    expect(outcome.provider).toEqual({ status: 200, message_id: request?.apnsId });
    expect(request?.apnsId).toMatch(/^[0-9a-f-]{36}$/);
    expect(request).toMatchObject({
      method: 'POST',
      path: `/3/device/${token(1)}`,
      topic: 'com.example.orderflow',
      pushType: 'alert',
      priority: '10',
      jwtHeader: { alg: 'ES256', kid: apns.signing.keyId },
      jwtClaims: { iss: apns.signing.teamId },
      answeredStatus: 200,
    });
    expect(request?.payload).toEqual({
      aps: { alert: { title: 'Order paid', body: 'Your order is paid' } },
      order_id: 'o-1',
      status: 'PAID',
      event_id: 'e-1',
    });
  });

  it('410 Unregistered and 400 BadDeviceToken → device_invalid', async () => {
    apns.script(token(2), 'unregistered');
    apns.script(token(3), 'bad-device-token');
    expect(await sender.send(message(token(2)))).toMatchObject({
      outcome: 'device_invalid',
      provider: { status: 410, error_code: 'Unregistered' },
    });
    expect(await sender.send(message(token(3)))).toMatchObject({
      outcome: 'device_invalid',
      provider: { status: 400, error_code: 'BadDeviceToken' },
    });
  });

  it('a token that is not hexadecimal is never sent', async () => {
    const before = apns.requests.length;
    expect(await sender.send(message('not/a/token'))).toMatchObject({ outcome: 'device_invalid' });
    expect(apns.requests).toHaveLength(before);
  });

  it('429 TooManyRequests → retry after Retry-After (seconds or HTTP-date), and node-apn does not retry by itself', async () => {
    apns.script(
      token(4),
      { tooManyRequests: { retryAfter: '5' } },
      { tooManyRequests: { retryAfter: 'Mon, 30 Nov 2026 00:01:00 GMT' } },
      { tooManyRequests: {} },
    );
    expect(await sender.send(message(token(4)))).toMatchObject({
      outcome: 'retry',
      provider: { status: 429, error_code: 'TooManyRequests' },
      retry_after_ms: 5000,
    });
    expect(apns.requestsTo(token(4))).toHaveLength(1);
    expect(await sender.send(message(token(4)))).toMatchObject({ outcome: 'retry', retry_after_ms: 60_000 });
    const withoutHeader = await sender.send(message(token(4)));
    expect(withoutHeader.outcome).toBe('retry');
    expect(withoutHeader).not.toHaveProperty('retry_after_ms');
    expect(await sender.send(message(token(4)))).toMatchObject({ outcome: 'delivered' });
    expect(apns.requestsTo(token(4))).toHaveLength(4);
  });

  it('500 and 503 → retry, one request each', async () => {
    apns.script(token(5), 'internal', 'unavailable');
    expect(await sender.send(message(token(5)))).toMatchObject({
      outcome: 'retry',
      provider: { status: 500 },
    });
    expect(await sender.send(message(token(5)))).toMatchObject({
      outcome: 'retry',
      provider: { status: 503, error_code: 'ServiceUnavailable' },
    });
    expect(apns.requestsTo(token(5))).toHaveLength(2);
    expect(await sender.send(message(token(5)))).toMatchObject({ outcome: 'delivered' });
  });

  it('403 InvalidProviderToken → failed: scripted, and for a token signed with a key APNs does not know', async () => {
    apns.script(token(6), 'invalid-provider-token');
    expect(await sender.send(message(token(6)))).toMatchObject({
      outcome: 'failed',
      provider: { status: 403, error_code: 'InvalidProviderToken' },
    });
    const strangerKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(await senderFor(apns, { key: strangerKey }).send(message(token(7)))).toMatchObject({
      outcome: 'failed',
      provider: { status: 403, error_code: 'InvalidProviderToken' },
    });
    expect(apns.requestsTo(token(7))[0]?.answeredStatus).toBe(403);
  });

  it('403 ExpiredProviderToken: node-apn renews the token and the notification is sent once more', async () => {
    apns.script(token(8), 'expired-provider-token');
    expect(await sender.send(message(token(8)))).toMatchObject({ outcome: 'delivered' });
    expect(apns.requestsTo(token(8)).map((r) => r.answeredStatus)).toEqual([403, 200]);
    apns.script(token(9), 'expired-provider-token', 'expired-provider-token');
    expect(await sender.send(message(token(9)))).toMatchObject({
      outcome: 'failed',
      provider: { status: 403, error_code: 'ExpiredProviderToken' },
    });
  });

  it('a wrong topic → failed (TopicDisallowed), the device stays valid', async () => {
    expect(await senderFor(apns, { topic: 'com.example.other' }).send(message(token(10)))).toMatchObject({
      outcome: 'failed',
      provider: { status: 400, error_code: 'TopicDisallowed' },
    });
  });

  it('APNs refusing the connection → retry, with the system error code', async () => {
    const closed = senderFor(apns, { port: await freePort() });
    expect(await closed.send(message(token(11)))).toMatchObject({
      outcome: 'retry',
      provider: { error_code: 'ECONNREFUSED' },
    });
  });

  it('a server whose certificate is not trusted → retry, nothing sent', async () => {
    const before = apns.requests.length;
    const untrusting = senderFor(apns, { ca: [] });
    const outcome = await untrusting.send(message(token(12)));
    expect(outcome.outcome).toBe('retry');
    expect(apns.requests).toHaveLength(before);
  });
});
