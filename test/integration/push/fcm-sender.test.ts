import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FcmSender } from '../../../src/adapters/push/fcm-sender.ts';
import {
  parseServiceAccountKey,
  ServiceAccountTokenSource,
} from '../../../src/adapters/push/google-access-token.ts';
import type { PushMessage } from '../../../src/shared/ports/notification-channel.ts';
import { type FakeFcm, startFakeFcm } from '../../support/fake-fcm.ts';
import { freePort } from '../../support/free-port.ts';

// FcmSender with the real google-auth-library against a local fake of FCM HTTP v1 and of
// Google's token endpoint (the service-account key's token_uri points at the fake).
describe('FcmSender against a fake FCM', () => {
  let fcm: FakeFcm;
  let sender: FcmSender;
  const NOW = Date.parse('2026-11-30T00:00:00Z');

  beforeAll(async () => {
    fcm = await startFakeFcm();
    sender = senderFor(fcm);
  });
  afterAll(() => fcm.close());

  function senderFor(fake: FakeFcm, baseUrl = fake.url): FcmSender {
    const key = parseServiceAccountKey(JSON.stringify(fake.serviceAccountKey), 'test key');
    return new FcmSender({
      projectId: fake.projectId,
      tokens: new ServiceAccountTokenSource(key),
      baseUrl,
      now: () => NOW,
    });
  }

  const message = (token: string): PushMessage => ({
    token,
    title: 'Order paid',
    body: 'Your order is paid',
    data: { order_id: 'o-1', status: 'PAID', event_id: 'e-1' },
  });

  it('delivers: the message id is FCM’s name, the request is a v1 message with a bearer token from the key', async () => {
    const outcome = await sender.send(message('tok-ok'));

    expect(outcome.outcome).toBe('delivered');
    expect(outcome.provider.status).toBe(200);
    expect(outcome.provider.message_id).toMatch(/^projects\/orderflow-test\/messages\/0:\d+%fake$/);
    const [sent] = fcm.sendsTo('tok-ok');
    expect(fcm.rejectedAssertions).toEqual([]);
    expect(sent?.authorization).toBe(`Bearer ${fcm.issuedTokens[0]}`);
    expect(sent?.contentType).toMatch(/^application\/json/);
    expect(sent?.body).toEqual({
      message: {
        token: 'tok-ok',
        notification: { title: 'Order paid', body: 'Your order is paid' },
        data: { order_id: 'o-1', status: 'PAID', event_id: 'e-1' },
      },
    });
  });

  it('reuses the access token until it expires', async () => {
    await sender.send(message('tok-reuse-1'));
    await sender.send(message('tok-reuse-2'));
    expect(fcm.issuedTokens).toHaveLength(1);
  });

  it('404 UNREGISTERED → device_invalid (the FcmError detail, not the NOT_FOUND status, says so)', async () => {
    fcm.script('tok-gone', 'unregistered');
    expect(await sender.send(message('tok-gone'))).toEqual({
      outcome: 'device_invalid',
      provider: { status: 404, error_code: 'UNREGISTERED', message: 'Requested entity was not found.' },
    });
  });

  it('400 INVALID_ARGUMENT naming the token → device_invalid; about another field → failed', async () => {
    fcm.script('tok-bad', 'invalid-token');
    fcm.script('tok-payload', 'invalid-payload');
    const bad = await sender.send(message('tok-bad'));
    const payload = await sender.send(message('tok-payload'));
    expect(bad).toMatchObject({
      outcome: 'device_invalid',
      provider: { status: 400, error_code: 'INVALID_ARGUMENT' },
    });
    expect(payload).toMatchObject({
      outcome: 'failed',
      provider: { status: 400, error_code: 'INVALID_ARGUMENT' },
    });
  });

  it('429 QUOTA_EXCEEDED → retry after the Retry-After seconds or HTTP-date', async () => {
    fcm.script(
      'tok-busy',
      { quota: { retryAfter: '7' } },
      { quota: { retryAfter: 'Mon, 30 Nov 2026 00:00:30 GMT' } },
      { quota: {} },
    );
    expect(await sender.send(message('tok-busy'))).toEqual({
      outcome: 'retry',
      provider: { status: 429, error_code: 'QUOTA_EXCEEDED', message: 'Quota exceeded.' },
      retry_after_ms: 7000,
    });
    expect(await sender.send(message('tok-busy'))).toMatchObject({
      outcome: 'retry',
      retry_after_ms: 30_000,
    });
    const withoutHeader = await sender.send(message('tok-busy'));
    expect(withoutHeader.outcome).toBe('retry');
    expect(withoutHeader).not.toHaveProperty('retry_after_ms');
    expect(await sender.send(message('tok-busy'))).toMatchObject({ outcome: 'delivered' });
  });

  it('500 INTERNAL and 503 UNAVAILABLE → retry', async () => {
    fcm.script('tok-flaky', 'internal', 'unavailable');
    expect(await sender.send(message('tok-flaky'))).toMatchObject({
      outcome: 'retry',
      provider: { status: 500, error_code: 'INTERNAL' },
    });
    expect(await sender.send(message('tok-flaky'))).toMatchObject({
      outcome: 'retry',
      provider: { status: 503, error_code: 'UNAVAILABLE' },
    });
    expect(fcm.sendsTo('tok-flaky')).toHaveLength(2);
  });

  it('401 THIRD_PARTY_AUTH_ERROR and 403 SENDER_ID_MISMATCH → failed', async () => {
    fcm.script('tok-auth', 'third-party-auth', 'sender-id-mismatch');
    expect(await sender.send(message('tok-auth'))).toMatchObject({
      outcome: 'failed',
      provider: { status: 401, error_code: 'THIRD_PARTY_AUTH_ERROR' },
    });
    expect(await sender.send(message('tok-auth'))).toMatchObject({
      outcome: 'failed',
      provider: { status: 403, error_code: 'SENDER_ID_MISMATCH' },
    });
  });

  it('FCM refusing the connection → retry, with the system error code', async () => {
    const closed = senderFor(fcm, `http://127.0.0.1:${await freePort()}`);
    expect(await closed.send(message('tok-ok'))).toMatchObject({
      outcome: 'retry',
      provider: { error_code: 'ECONNREFUSED' },
    });
  });

  it('the token endpoint refusing the key → failed; failing transiently → retry; nothing reaches FCM', async () => {
    const fake = await startFakeFcm({ projectId: 'tokens-test' });
    try {
      fake.refuseTokens(400, 'invalid_grant');
      expect(await senderFor(fake).send(message('tok-x'))).toMatchObject({
        outcome: 'failed',
        provider: { status: 400, error_code: 'invalid_grant' },
      });
      fake.refuseTokens(503, 'temporarily_unavailable');
      expect(await senderFor(fake).send(message('tok-x'))).toMatchObject({
        outcome: 'retry',
        provider: { status: 503 },
      });
      expect(fake.sends).toHaveLength(0);
      expect(await senderFor(fake).send(message('tok-x'))).toMatchObject({ outcome: 'delivered' });
    } finally {
      await fake.close();
    }
  });
});
