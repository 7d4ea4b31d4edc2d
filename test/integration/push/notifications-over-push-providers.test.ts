import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApnsSender } from '../../../src/adapters/push/apns-sender.ts';
import { FcmSender } from '../../../src/adapters/push/fcm-sender.ts';
import {
  parseServiceAccountKey,
  ServiceAccountTokenSource,
} from '../../../src/adapters/push/google-access-token.ts';
import { PostgresStorage } from '../../../src/adapters/storage/postgres-storage.ts';
import { EtaNotificationContent } from '../../../src/adapters/templates/eta-notification-content.ts';
import {
  NotificationDispatcher,
  notifyBuyerPolicy,
  type Receipt,
} from '../../../src/contexts/notifications/index.ts';
import { Profiles } from '../../../src/contexts/profile/index.ts';
import type { EventEnvelope } from '../../../src/shared/envelope.ts';
import type { EmailChannel } from '../../../src/shared/ports/notification-channel.ts';
import { type FakeApns, startFakeApns } from '../../support/fake-apns.ts';
import { type FakeFcm, startFakeFcm } from '../../support/fake-fcm.ts';

// The notifications context end to end through the real push adapters: the notify-buyer
// policy and the dispatcher (PGlite storage, settable clock) → FcmSender (google-auth-library)
// and ApnsSender (@parse/node-apn over HTTP/2 + TLS) → the local FCM and APNs fakes. What the
// providers answer decides retries (with their Retry-After), device disabling and receipts.

const RETRY = { baseMs: 1000, maxMs: 60_000, maxAttempts: 4 };

let fcm: FakeFcm;
let apns: FakeApns;
let storage: PostgresStorage;
let android: FcmSender;
let ios: ApnsSender;
let now: Date;
const clock = { now: () => now };
const ids = { next: () => randomUUID() };
let profiles: Profiles;
let dispatcher: NotificationDispatcher;
let handler: ReturnType<typeof notifyBuyerPolicy>;

/** Letters are not this test's subject: the buyers here have e-mail turned off. */
const noEmail: EmailChannel = {
  send: async () => {
    throw new Error('no e-mail expected');
  },
};

beforeAll(async () => {
  [fcm, apns, storage] = await Promise.all([
    startFakeFcm(),
    startFakeApns(),
    PostgresStorage.open({ kind: 'pglite', dataDir: 'memory://' }),
  ]);
  const senderClock = () => now.getTime();
  android = new FcmSender({
    projectId: fcm.projectId,
    baseUrl: fcm.url,
    tokens: new ServiceAccountTokenSource(
      parseServiceAccountKey(JSON.stringify(fcm.serviceAccountKey), 'key'),
    ),
    now: senderClock,
  });
  ios = new ApnsSender({
    ...apns.signing,
    topic: apns.topic,
    production: false,
    host: apns.host,
    port: apns.port,
    ca: [apns.ca],
    now: senderClock,
  });
  profiles = new Profiles(storage, async () => undefined, clock, ids);
  dispatcher = new NotificationDispatcher({
    storage,
    channels: { email: noEmail, push: { android, ios } },
    retry: RETRY,
    leaseMs: 30_000,
    clock,
    ids,
    random: () => 0,
  });
  handler = notifyBuyerPolicy({
    storage,
    contactsOf: (ids) => profiles.contactsOfMany(ids),
    content: new EtaNotificationContent(),
    dispatcher,
    clock,
    ids,
    publicUrl: 'https://shop.example.test',
  });
}, 60_000);

afterAll(async () => {
  await ios?.close();
  await storage?.close();
  await Promise.all([fcm?.close(), apns?.close()]);
});

beforeEach(() => {
  now = new Date('2030-01-01T10:00:00Z');
});

const fcmToken = () => `fcm-${randomUUID()}`;
const apnsToken = () => randomBytes(32).toString('hex');

async function buyer(devices: { platform: 'android' | 'ios'; token: string }[]) {
  const id = randomUUID();
  await profiles.update(id, { display_name: 'Ann', locale: 'en', channels: { email: false } });
  const registered = [];
  for (const d of devices) registered.push((await profiles.registerDevice(id, d.platform, d.token)).device);
  return { id, devices: registered };
}

// Each message a newer order version than the last (notifications skip older statuses).
let lastVersion = 1;
function statusChanged(customerId: string, status: string, orderId: string = randomUUID()): EventEnvelope {
  return {
    event_id: randomUUID(),
    event_type: 'order.status_updated',
    timestamp: now.toISOString(),
    source: 'orderflow.ordering',
    data: {
      order_id: orderId,
      customer_id: customerId,
      previous_status: 'PENDING',
      current_status: status,
      version: ++lastVersion,
    },
  };
}

/** One bus delivery, then the sends it started (the handler does not wait for them). */
const deliver = async (envelope: EventEnvelope) => {
  await handler({
    topic: envelope.event_type,
    key: String(envelope.data.order_id),
    envelope,
    headers: {},
    redeliveries: 0,
  });
  await dispatcher.settled();
};

const pushReceipts = async (orderId: unknown, deviceId?: string): Promise<Receipt[]> =>
  (await storage.read.notifications.receiptsFor(String(orderId))).filter(
    (r) => r.channel === 'push' && (deviceId === undefined || r.device_id === deviceId),
  );

const later = (ms: number) => {
  now = new Date(now.getTime() + ms);
};

describe('notifications through FcmSender and ApnsSender to the provider fakes', () => {
  it('pushes a status change to each device; the receipts carry the providers’ message ids', async () => {
    const [a, i] = [fcmToken(), apnsToken()];
    const ann = await buyer([
      { platform: 'android', token: a },
      { platform: 'ios', token: i },
    ]);
    const message = statusChanged(ann.id, 'PAID');
    await deliver(message);

    const [fcmSend] = fcm.sendsTo(a);
    const [apnsRequest] = apns.requestsTo(i);
    expect(fcmSend?.body.message).toMatchObject({
      token: a,
      notification: { title: expect.any(String), body: expect.any(String) },
      data: { order_id: message.data.order_id, status: 'PAID', event_id: message.event_id },
    });
    expect(apnsRequest?.payload).toMatchObject({ order_id: message.data.order_id, status: 'PAID' });
    expect(await pushReceipts(message.data.order_id, ann.devices[0]?.id)).toMatchObject([
      {
        outcome: 'delivered',
        provider_status: 200,
        message_id: expect.stringMatching(/^projects\/.+\/messages\//),
      },
    ]);
    expect(await pushReceipts(message.data.order_id, ann.devices[1]?.id)).toMatchObject([
      { outcome: 'delivered', provider_status: 200, message_id: apnsRequest?.apnsId },
    ]);
  });

  it('429 with Retry-After: the retry waits as long as each provider asked, not the shorter backoff', async () => {
    const [a, i] = [fcmToken(), apnsToken()];
    const ann = await buyer([
      { platform: 'android', token: a },
      { platform: 'ios', token: i },
    ]);
    fcm.script(a, { quota: { retryAfter: '120' } });
    apns.script(i, { tooManyRequests: { retryAfter: 'Tue, 01 Jan 2030 10:01:30 GMT' } });
    const message = statusChanged(ann.id, 'PAID');
    await deliver(message);
    expect(await pushReceipts(message.data.order_id)).toHaveLength(2);
    expect(await pushReceipts(message.data.order_id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ outcome: 'retry', provider_status: 429, error_code: 'QUOTA_EXCEEDED' }),
        expect.objectContaining({ outcome: 'retry', provider_status: 429, error_code: 'TooManyRequests' }),
      ]),
    );

    later(89_000); // the backoff alone (500 ms) would have retried long ago
    expect(await dispatcher.sendDue()).toBe(0);
    later(1000); // 90 s: APNs's date has come
    expect(await dispatcher.sendDue()).toBe(1);
    expect(apns.requestsTo(i)).toHaveLength(2);
    expect(fcm.sendsTo(a)).toHaveLength(1);
    later(29_000);
    expect(await dispatcher.sendDue()).toBe(0);
    later(1000); // 120 s: FCM's delay has passed
    expect(await dispatcher.sendDue()).toBe(1);
    expect(fcm.sendsTo(a)).toHaveLength(2);
    for (const device of ann.devices) {
      expect((await pushReceipts(message.data.order_id, device.id)).map((r) => r.outcome)).toEqual([
        'retry',
        'delivered',
      ]);
    }
  });

  it('500 and 503 are retried after the backoff, then delivered', async () => {
    const [a, i] = [fcmToken(), apnsToken()];
    const ann = await buyer([
      { platform: 'android', token: a },
      { platform: 'ios', token: i },
    ]);
    fcm.script(a, 'internal', 'unavailable');
    apns.script(i, 'unavailable', 'internal');
    const message = statusChanged(ann.id, 'PAID');
    await deliver(message);
    later(500); // base 1 s, "equal jitter" with random = 0: 500 ms
    expect(await dispatcher.sendDue()).toBe(2);
    later(999); // second retry: 1 s
    expect(await dispatcher.sendDue()).toBe(0);
    later(1);
    expect(await dispatcher.sendDue()).toBe(2);
    for (const device of ann.devices) {
      expect(
        (await pushReceipts(message.data.order_id, device.id)).map((r) => [r.outcome, r.provider_status]),
      ).toEqual([
        ['retry', expect.any(Number)],
        ['retry', expect.any(Number)],
        ['delivered', 200],
      ]);
    }
    expect(fcm.sendsTo(a).map((s) => s.answeredStatus)).toEqual([500, 503, 200]);
    expect(apns.requestsTo(i).map((r) => r.answeredStatus)).toEqual([503, 500, 200]);
  });

  it('UNREGISTERED and 410 disable the device; the next status change reaches only the live one', async () => {
    const [deadAndroid, deadIos, live] = [fcmToken(), apnsToken(), fcmToken()];
    const ann = await buyer([
      { platform: 'android', token: deadAndroid },
      { platform: 'ios', token: deadIos },
      { platform: 'android', token: live },
    ]);
    fcm.script(deadAndroid, 'unregistered');
    apns.script(deadIos, 'unregistered');
    const orderId = randomUUID();
    await deliver(statusChanged(ann.id, 'PAID', orderId));

    const devices = await profiles.listDevices(ann.id);
    expect(devices.find((d) => d.token === deadAndroid)).toMatchObject({
      state: 'disabled',
      disabled_reason: 'UNREGISTERED',
    });
    expect(devices.find((d) => d.token === deadIos)).toMatchObject({
      state: 'disabled',
      disabled_reason: 'Unregistered',
    });
    await deliver(statusChanged(ann.id, 'CONFIRMED', orderId));
    later(3_600_000);
    await dispatcher.sendDue();
    expect(fcm.sendsTo(deadAndroid)).toHaveLength(1);
    expect(apns.requestsTo(deadIos)).toHaveLength(1);
    expect(fcm.sendsTo(live)).toHaveLength(2);
    expect((await pushReceipts(orderId, ann.devices[0]?.id)).map((r) => r.outcome)).toEqual([
      'device_invalid',
    ]);
    expect((await pushReceipts(orderId, ann.devices[1]?.id)).map((r) => r.outcome)).toEqual([
      'device_invalid',
    ]);
  });

  it('a bad token (FCM INVALID_ARGUMENT on the token, APNs BadDeviceToken) disables the device too', async () => {
    const [a, i] = [fcmToken(), apnsToken()];
    const ann = await buyer([
      { platform: 'android', token: a },
      { platform: 'ios', token: i },
    ]);
    fcm.script(a, 'invalid-token');
    apns.script(i, 'bad-device-token');
    await deliver(statusChanged(ann.id, 'PAID'));
    expect((await profiles.listDevices(ann.id)).map((d) => [d.state, d.disabled_reason]).sort()).toEqual([
      ['disabled', 'BadDeviceToken'],
      ['disabled', 'INVALID_ARGUMENT'],
    ]);
  });

  it('a device disabled while its retry is pending receives nothing more', async () => {
    const token = fcmToken();
    const ann = await buyer([{ platform: 'android', token }]);
    fcm.script(token, { quota: { retryAfter: '60' } }, 'unregistered');
    const first = statusChanged(ann.id, 'PAID');
    await deliver(first); // 429: a retry is pending
    await deliver(statusChanged(ann.id, 'PAID')); // another order: UNREGISTERED, device disabled
    later(60_000);
    expect(await dispatcher.sendDue()).toBe(1);
    later(3_600_000);
    await dispatcher.sendDue();
    expect(fcm.sendsTo(token)).toHaveLength(2);
    expect((await pushReceipts(first.data.order_id)).map((r) => r.outcome)).toEqual(['retry', 'skipped']);
  });

  it('credential errors (401 THIRD_PARTY_AUTH_ERROR, 403 InvalidProviderToken) fail at once, keep the device, are not retried', async () => {
    const [a, i] = [fcmToken(), apnsToken()];
    const ann = await buyer([
      { platform: 'android', token: a },
      { platform: 'ios', token: i },
    ]);
    fcm.script(a, 'third-party-auth');
    apns.script(i, 'invalid-provider-token');
    const message = statusChanged(ann.id, 'PAID');
    await deliver(message);
    later(3_600_000);
    await dispatcher.sendDue();
    expect(fcm.sendsTo(a)).toHaveLength(1);
    expect(apns.requestsTo(i)).toHaveLength(1);
    expect((await pushReceipts(message.data.order_id)).map((r) => [r.outcome, r.error_code]).sort()).toEqual([
      ['failed', 'InvalidProviderToken'],
      ['failed', 'THIRD_PARTY_AUTH_ERROR'],
    ]);
    expect((await profiles.listDevices(ann.id)).every((d) => d.state === 'active')).toBe(true);
  });
});
