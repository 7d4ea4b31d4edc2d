import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SmtpEmailChannel } from '../../src/adapters/email/smtp-email-channel.ts';
import { PostgresNotifications } from '../../src/adapters/storage/postgres-notifications.ts';
import { PostgresProcessedMessages } from '../../src/adapters/storage/postgres-processed-messages.ts';
import { PostgresProfiles } from '../../src/adapters/storage/postgres-profiles.ts';
import { PostgresStorage } from '../../src/adapters/storage/postgres-storage.ts';
import { EtaNotificationContent } from '../../src/adapters/templates/eta-notification-content.ts';
import {
  NotificationDispatcher,
  notifyBuyerPolicy,
  type Receipt,
} from '../../src/contexts/notifications/index.ts';
import { type Locale, Profiles } from '../../src/contexts/profile/index.ts';
import type { EventEnvelope } from '../../src/shared/envelope.ts';
import type { MessageHandler } from '../../src/shared/ports/message-bus.ts';
import { RecordingPushChannel } from '../support/recording-push-channel.ts';
import { type SmtpTestServer, startSmtpTestServer } from '../support/smtp-test-server.ts';

// The notifications context over real storage (PGlite in a directory, so it can be reopened),
// a real SMTP server (smtp-server + mailparser) and recording push channels; a settable clock
// drives the retries.

const PUBLIC_URL = 'https://shop.example.test';
const RETRY = { baseMs: 1000, maxMs: 60_000, maxAttempts: 3 };

let smtp: SmtpTestServer;
let dataDir: string;
let storage: PostgresStorage;
let now: Date;
const clock = { now: () => now };
const ids = { next: () => randomUUID() };

beforeAll(async () => {
  smtp = await startSmtpTestServer();
  dataDir = await mkdtemp(join(tmpdir(), 'orderflow-notify-'));
  storage = await PostgresStorage.open({ kind: 'pglite', dataDir });
}, 60_000);
afterAll(async () => {
  await storage?.close();
  await smtp?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** One notification service over `storage`: what a process builds at start. */
function service(over: PostgresStorage = storage) {
  const email = new SmtpEmailChannel({ url: smtp.url, from: 'orderflow <shop@example.test>' });
  const push = { android: new RecordingPushChannel('android'), ios: new RecordingPushChannel('ios') };
  const profiles = new Profiles(over, async () => undefined, clock, ids);
  const dispatcher = new NotificationDispatcher({
    storage: over,
    channels: { email, push },
    retry: RETRY,
    leaseMs: 30_000,
    clock,
    ids,
    random: () => 0,
  });
  const handler: MessageHandler = notifyBuyerPolicy({
    storage: over,
    contactsOf: (ids, needs) => profiles.contactsOfMany(ids, needs),
    content: new EtaNotificationContent(),
    dispatcher,
    clock,
    ids,
    publicUrl: PUBLIC_URL,
  });
  return { handler, dispatcher, push, profiles, close: () => email.close() };
}

let current: ReturnType<typeof service>;
beforeEach(() => {
  now = new Date('2030-01-01T10:00:00Z');
  current = service();
});
afterEach(async () => {
  await current.close();
});

async function buyer(locale: Locale, devices: { platform: 'android' | 'ios'; token: string }[] = []) {
  const id = randomUUID();
  const email = `${id.slice(0, 8)}@example.test`;
  await current.profiles.update(id, { display_name: locale === 'ru' ? 'Вера' : 'Ann', email, locale });
  const registered = [];
  for (const d of devices)
    registered.push((await current.profiles.registerDevice(id, d.platform, d.token)).device);
  return { id, email, devices: registered };
}

// Each message a newer order version than the last, unless a test says otherwise.
let lastVersion = 1;
const statusMessage = (
  customerId: string,
  current_status: string,
  extra: Record<string, unknown> = {},
  orderId: string = randomUUID(),
): EventEnvelope => ({
  event_id: randomUUID(),
  event_type: 'order.status_updated',
  timestamp: now.toISOString(),
  source: 'orderflow.ordering',
  data: {
    order_id: orderId,
    customer_id: customerId,
    previous_status: 'PENDING',
    current_status,
    version: ++lastVersion,
    ...extra,
  },
});

const busMessage = (envelope: EventEnvelope) => ({
  topic: envelope.event_type,
  key: String(envelope.data.order_id),
  envelope,
  headers: {},
  redeliveries: 0,
});
const deliver = async (envelope: EventEnvelope, handler = current.handler) => {
  await handler(busMessage(envelope));
  await current.dispatcher.settled();
};
/** Creates the deliveries of `envelope` and sends none of them: a sender that never got to them. */
const createOnly = (envelope: EventEnvelope) =>
  notifyBuyerPolicy({
    storage,
    contactsOf: (ids, needs) => current.profiles.contactsOfMany(ids, needs),
    content: new EtaNotificationContent(),
    dispatcher: { sendSoon: () => {} } as unknown as NotificationDispatcher,
    clock,
    ids,
    publicUrl: PUBLIC_URL,
  })(busMessage(envelope));
/** `storage` with one of its stores replaced (by a failing one, in the tests). */
const withStore = <K extends keyof PostgresStorage['read']>(name: K, store: PostgresStorage['read'][K]) =>
  Object.create(storage, {
    read: { value: Object.create(storage.read, { [name]: { value: store } }) },
  }) as PostgresStorage;
/** Another sender over `over`, with the current service's push channels. */
const senderOver = (over: PostgresStorage) =>
  new NotificationDispatcher({
    storage: over,
    channels: {
      email: new SmtpEmailChannel({ url: smtp.url, from: 'shop@example.test' }),
      push: current.push,
    },
    retry: RETRY,
    leaseMs: 30_000,
    clock,
    ids,
    random: () => 0,
  });
const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));
const receiptsOf = (orderId: string): Promise<Receipt[]> => storage.read.notifications.receiptsFor(orderId);

describe('letters over SMTP', () => {
  it('sends the happy letter in English and in Russian, with HTML and text parts and the order link', async () => {
    for (const [locale, subject, words] of [
      ['en', /is paid/, /Good news/],
      ['ru', /оплачен/, /Отличные новости/],
    ] as const) {
      const ann = await buyer(locale);
      const message = statusMessage(ann.id, 'PAID', { operation_id: 'op-1', amount: 1200 });
      await deliver(message);
      const [mail, ...more] = mailsTo(ann.email);
      expect(more).toEqual([]);
      expect(mail?.subject).toMatch(subject);
      expect(mail?.from).toBe('shop@example.test');
      expect(mail?.text).toMatch(words);
      expect(mail?.html).toMatch(words);
      expect(mail?.html).toContain(`href="${PUBLIC_URL}/orders/${message.data.order_id}"`);
      expect(mail?.text).toContain(`${PUBLIC_URL}/orders/${message.data.order_id}`);
    }
  });

  it('sends the sad letter with the reason in words, in both locales', async () => {
    const cases = [
      ['en', { reason: 'INSUFFICIENT_FUNDS', cancelled_by: 'system' }, /not enough funds/],
      ['en', { reason: 'payment timeout', cancelled_by: 'system' }, /not paid in time/],
      ['en', { reason: 'cancelled on request', cancelled_by: 'buyer' }, /you cancelled it/],
      ['en', { reason: 'out of bread', cancelled_by: 'admin', refunded: true }, /shop cancelled it/],
      ['ru', { reason: 'INSUFFICIENT_FUNDS', cancelled_by: 'system' }, /недостаточно средств/],
      ['ru', { reason: 'no food point available', cancelled_by: 'system' }, /не нашлось свободной кухни/],
    ] as const;
    for (const [locale, extra, reason] of cases) {
      const ann = await buyer(locale);
      await deliver(statusMessage(ann.id, 'CANCELLED', extra));
      const [mail] = mailsTo(ann.email);
      expect(mail?.subject).toMatch(locale === 'en' ? /is cancelled/ : /отменён/);
      expect(mail?.text).toMatch(reason);
      expect(mail?.html).toMatch(reason);
    }
    const refunded = smtp.received.at(-3);
    expect(refunded?.text).toMatch(/returned to your wallet/);
  });

  it('sends no letter for other statuses, nor when the buyer turned e-mail off', async () => {
    const ann = await buyer('en');
    await deliver(statusMessage(ann.id, 'CONFIRMED'));
    await current.profiles.update(ann.id, { channels: { email: false } });
    await deliver(statusMessage(ann.id, 'PAID'));
    expect(mailsTo(ann.email)).toEqual([]);
  });

  it('sends no letter or push for a status consumed after the cancellation (no happy letter after the sad one)', async () => {
    const ann = await buyer('en', [{ platform: 'android', token: `a-${randomUUID()}` }]);
    const orderId = randomUUID();
    const cancelled = { reason: 'out of bread', cancelled_by: 'admin', version: 5 };
    await deliver(statusMessage(ann.id, 'CANCELLED', cancelled, orderId));
    // PAID (version 3) consumed late, by another consumer or after a requeue.
    await deliver(statusMessage(ann.id, 'PAID', { version: 3 }, orderId));
    const mails = mailsTo(ann.email);
    expect(mails.map((m) => m.subject)).toEqual([expect.stringMatching(/is cancelled/)]);
    const token = ann.devices[0]!.token;
    expect(current.push.android.to(token).map((p) => p.data.status)).toEqual(['CANCELLED']);
    // Any status of another order still goes out.
    await deliver(statusMessage(ann.id, 'PAID', { version: 3 }));
    expect(current.push.android.to(token)).toHaveLength(2);
  });

  it('for a change without a letter to a buyer without devices, reads no profile and sends nothing, but remembers the status and the message', async () => {
    const ann = await buyer('en');
    const orderId = randomUUID();
    // The stores are made per use: watch the class, not one instance.
    const profilesRead = [
      vi.spyOn(PostgresProfiles.prototype, 'get'),
      vi.spyOn(PostgresProfiles.prototype, 'getMany'),
    ];
    const confirmed = statusMessage(ann.id, 'CONFIRMED', { previous_status: 'PAID', version: 4 }, orderId);
    await deliver(confirmed);
    await deliver(confirmed);
    for (const read of profilesRead) {
      expect(read).not.toHaveBeenCalled();
      read.mockRestore();
    }
    expect(await receiptsOf(orderId)).toEqual([]);
    expect(await storage.read.processed.markProcessed('notifications', confirmed.event_id)).toBe(false);
    // The status was recorded: an earlier one arriving later does not move it back.
    expect(await storage.read.notifications.advanceStatus(orderId, 'PAID', 0)).toBe('CONFIRMED');
    // A PAID consumed after it still sends its letter, as below.
    await deliver(statusMessage(ann.id, 'PAID', { version: 3 }, orderId));
    expect(mailsTo(ann.email).map((m) => m.subject)).toEqual([expect.stringMatching(/is paid/)]);
  });

  it('records changes that send nothing, arriving together, in a few statements; a buyer with a device among them is pushed', async () => {
    const quiet = await Promise.all(Array.from({ length: 12 }, () => buyer('en')));
    const ann = await buyer('en', [{ platform: 'android', token: `a-${randomUUID()}` }]);
    const twice = randomUUID();
    const messages = [
      ...quiet.map((b) => statusMessage(b.id, 'CONFIRMED', { previous_status: 'PAID' })),
      statusMessage(ann.id, 'ASSIGNED', { previous_status: 'CONFIRMED' }),
      // Two changes of one order in the same moment: the furthest is recorded.
      statusMessage(quiet[0]!.id, 'CONFIRMED', { previous_status: 'PAID', version: 20 }, twice),
      statusMessage(quiet[0]!.id, 'ASSIGNED', { previous_status: 'CONFIRMED', version: 21 }, twice),
    ];
    const records = vi.spyOn(PostgresNotifications.prototype, 'recordStatusOnly');
    await Promise.all(messages.map((m) => current.handler(busMessage(m))));
    await current.dispatcher.settled();
    const batches = records.mock.calls.map(([, changes]) => changes.length);
    records.mockRestore();
    // The first change goes alone; the ones that came meanwhile go together.
    expect(batches.reduce((a, b) => a + b, 0)).toBe(messages.length - 1);
    expect(batches.length).toBeLessThanOrEqual(3);
    expect(current.push.android.to(ann.devices[0]!.token).map((p) => p.data.status)).toEqual(['ASSIGNED']);
    for (const m of messages)
      expect(await storage.read.processed.markProcessed('notifications', m.event_id)).toBe(false);
    expect(await storage.read.notifications.advanceStatus(twice, 'CONFIRMED', 2)).toBe('ASSIGNED'); // CONFIRMED's rank (statusRank) is 2
    // Delivered again: nothing is sent twice.
    await Promise.all(messages.map((m) => current.handler(busMessage(m))));
    await current.dispatcher.settled();
    expect(current.push.android.to(ann.devices[0]!.token)).toHaveLength(1);
  });

  it('fails only a malformed change of those recorded together (the others are not retried with it)', async () => {
    const [a, b] = await Promise.all([buyer('en'), buyer('en')]);
    const good = [statusMessage(a.id, 'CONFIRMED'), statusMessage(b.id, 'CONFIRMED')];
    const bad = { ...statusMessage(b.id, 'CONFIRMED'), event_id: 'not-a-uuid' };
    const outcomes = await Promise.allSettled(
      [good[0]!, bad, good[1]!].map((m) => current.handler(busMessage(m))),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    for (const m of good)
      expect(await storage.read.processed.markProcessed('notifications', m.event_id)).toBe(false);
    expect(
      await storage.read.notifications.advanceStatus(String(bad.data.order_id), 'PAID', 1),
    ).toBeUndefined();
  });

  it('creates the deliveries of changes arriving together in a few transactions, each once', async () => {
    const buyers = await Promise.all(Array.from({ length: 6 }, () => buyer('en')));
    const ann = await buyer('en', [{ platform: 'ios', token: `i-${randomUUID()}` }]);
    const sad = randomUUID();
    const twice = statusMessage(buyers[1]!.id, 'PAID');
    const messages = [
      ...buyers.map((b) => statusMessage(b.id, 'PAID')),
      statusMessage(ann.id, 'PAID'),
      twice, // held twice: the bus redelivered it while the first copy was in flight
      // Cancelled, then its PAID consumed late: the sad letter only.
      statusMessage(buyers[2]!.id, 'CANCELLED', { previous_status: 'PAID', reason: 'out of stock' }, sad),
      statusMessage(buyers[2]!.id, 'PAID', {}, sad),
      twice,
    ];
    const transactions = vi.spyOn(storage, 'transaction');
    await Promise.all(messages.map((m) => current.handler(busMessage(m))));
    await current.dispatcher.settled();
    const batches = transactions.mock.calls.length;
    transactions.mockRestore();
    // The first change goes alone, the ones that came meanwhile together (the attempts are
    // recorded without a transaction: one statement).
    expect(batches).toBeLessThanOrEqual(3);
    for (const b of buyers.filter((b) => b !== buyers[2]))
      expect(
        mailsTo(b.email).map((m) => m.subject),
        b.id,
      ).toEqual([
        expect.stringMatching(/is paid/),
        ...(b === buyers[1] ? [expect.stringMatching(/is paid/)] : []),
      ]);
    expect(mailsTo(buyers[2]!.email).map((m) => m.subject)).toEqual([
      expect.stringMatching(/is paid/),
      expect.stringMatching(/cancel/i),
    ]);
    expect(await receiptsOf(sad)).toHaveLength(1);
    expect(mailsTo(ann.email)).toHaveLength(1);
    expect(current.push.ios.to(ann.devices[0]!.token)).toHaveLength(1);
    for (const m of messages)
      expect(await storage.read.processed.markProcessed('notifications', m.event_id)).toBe(false);
  });

  it('fails only a malformed change of those with deliveries created together', async () => {
    const [a, b] = await Promise.all([buyer('en'), buyer('en')]);
    const good = [statusMessage(a.id, 'PAID'), statusMessage(b.id, 'PAID')];
    const bad = { ...statusMessage(b.id, 'PAID'), event_id: 'not-a-uuid' };
    // The first batch (good[0] alone) is held at its transaction until the other two wait
    // behind it, so they go together in the next.
    let first = true;
    const held: typeof storage = Object.create(storage, {
      transaction: {
        value: async (work: Parameters<typeof storage.transaction>[0]) => {
          if (first) {
            first = false;
            await sleep(500);
          }
          return storage.transaction(work);
        },
      },
    });
    const handler = notifyBuyerPolicy({
      storage: held,
      contactsOf: (ids, needs) => current.profiles.contactsOfMany(ids, needs),
      content: new EtaNotificationContent(),
      dispatcher: current.dispatcher,
      clock,
      ids,
      publicUrl: PUBLIC_URL,
    });
    const marks = vi.spyOn(PostgresProcessedMessages.prototype, 'markProcessedMany');
    const outcomes = await Promise.allSettled([good[0]!, bad, good[1]!].map((m) => handler(busMessage(m))));
    await current.dispatcher.settled();
    const batches = marks.mock.calls.map(([, messageIds]) => [...messageIds]);
    marks.mockRestore();
    expect(batches).toContainEqual([bad.event_id, good[1]!.event_id]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(mailsTo(a.email)).toHaveLength(1);
    expect(mailsTo(b.email)).toHaveLength(1);
  });

  it('still sends the happy letter of a PAID consumed after CONFIRMED, but not its push (the phone would go back)', async () => {
    const ann = await buyer('en', [{ platform: 'android', token: `a-${randomUUID()}` }]);
    const orderId = randomUUID();
    await deliver(statusMessage(ann.id, 'CONFIRMED', { previous_status: 'PAID', version: 4 }, orderId));
    await deliver(statusMessage(ann.id, 'PAID', { version: 3 }, orderId));
    expect(mailsTo(ann.email).map((m) => m.subject)).toEqual([expect.stringMatching(/is paid/)]);
    const token = ann.devices[0]!.token;
    expect(current.push.android.to(token).map((p) => p.data.status)).toEqual(['CONFIRMED']);
  });

  it('pushes both statuses of one commit (picked up and delivered by one webhook share a version)', async () => {
    const ann = await buyer('en', [{ platform: 'android', token: `a-${randomUUID()}` }]);
    const orderId = randomUUID();
    const shared = { version: 9 };
    await deliver(statusMessage(ann.id, 'IN_DELIVERY', { ...shared, previous_status: 'READY' }, orderId));
    await deliver(statusMessage(ann.id, 'DELIVERED', { ...shared, previous_status: 'IN_DELIVERY' }, orderId));
    const token = ann.devices[0]!.token;
    expect(current.push.android.to(token).map((p) => p.data.status)).toEqual(['IN_DELIVERY', 'DELIVERED']);
  });

  it('retries an SMTP 4xx later and records both attempts', async () => {
    const ann = await buyer('en');
    smtp.failNext(451);
    const message = statusMessage(ann.id, 'PAID');
    await deliver(message);
    expect(mailsTo(ann.email)).toEqual([]);
    const [first] = await receiptsOf(message.data.order_id as string);
    expect(first).toMatchObject({
      channel: 'email',
      target: ann.email,
      attempt: 1,
      outcome: 'retry',
      provider_status: 451,
    });
    // Not before the backoff (base 1 s, no jitter with random = 0: 500 ms)...
    expect(await current.dispatcher.sendDue()).toBe(0);
    now = new Date(now.getTime() + 500);
    expect(await current.dispatcher.sendDue()).toBe(1);
    expect(mailsTo(ann.email)).toHaveLength(1);
    const receipts = await receiptsOf(message.data.order_id as string);
    expect(receipts.map((r) => [r.attempt, r.outcome])).toEqual([
      [1, 'retry'],
      [2, 'delivered'],
    ]);
    expect(receipts[1]?.message_id).toMatch(/@/);
    // Both attempts are the same letter: its Message-ID comes from the delivery, not the attempt.
    expect(receipts[1]?.message_id).toBe(`<${receipts[1]?.delivery_id}@example.test>`);
    expect(mailsTo(ann.email)[0]?.parsed.messageId).toBe(receipts[1]?.message_id);
  });

  it('records an SMTP 5xx as a permanent failure and does not retry it', async () => {
    const ann = await buyer('ru');
    smtp.failNext(550);
    const message = statusMessage(ann.id, 'CANCELLED', {
      reason: 'INSUFFICIENT_FUNDS',
      cancelled_by: 'system',
    });
    await deliver(message);
    now = new Date(now.getTime() + 3_600_000);
    expect(await current.dispatcher.sendDue()).toBe(0);
    expect(mailsTo(ann.email)).toEqual([]);
    expect(await receiptsOf(message.data.order_id as string)).toMatchObject([
      { attempt: 1, outcome: 'failed', provider_status: 550 },
    ]);
  });

  it('gives up after the last attempt and says so in the receipt', async () => {
    const ann = await buyer('en');
    smtp.failNext(421, 421, 421);
    const message = statusMessage(ann.id, 'PAID');
    await deliver(message);
    for (let i = 0; i < 3; i++) {
      now = new Date(now.getTime() + 60_000);
      await current.dispatcher.sendDue();
    }
    expect((await receiptsOf(message.data.order_id as string)).map((r) => r.outcome)).toEqual([
      'retry',
      'retry',
      'failed',
    ]);
    expect(mailsTo(ann.email)).toEqual([]);
  });
});

describe('pushes', () => {
  it('pushes every status change to each active device, with the order link in the data', async () => {
    const ann = await buyer('en', [
      { platform: 'android', token: `a-${randomUUID()}` },
      { platform: 'ios', token: `i-${randomUUID()}` },
    ]);
    const message = statusMessage(ann.id, 'IN_DELIVERY');
    await deliver(message);
    const [android, ios] = ann.devices;
    expect(current.push.android.to(android!.token)).toMatchObject([
      {
        title: expect.stringMatching(/on its way/),
        data: {
          order_id: message.data.order_id,
          status: 'IN_DELIVERY',
          event_id: message.event_id,
          link: `${PUBLIC_URL}/orders/${message.data.order_id}`,
        },
      },
    ]);
    expect(current.push.ios.to(ios!.token)).toHaveLength(1);
  });

  it('sends one e-mail and one push per device when the bus delivers a message twice', async () => {
    const ann = await buyer('ru', [
      { platform: 'android', token: `a-${randomUUID()}` },
      { platform: 'ios', token: `i-${randomUUID()}` },
    ]);
    const message = statusMessage(ann.id, 'PAID');
    await deliver(message);
    await deliver(message);
    await Promise.all([deliver(message), deliver(message)]);
    expect(mailsTo(ann.email)).toHaveLength(1);
    expect(current.push.android.to(ann.devices[0]!.token)).toHaveLength(1);
    expect(current.push.ios.to(ann.devices[1]!.token)).toHaveLength(1);
    expect(await receiptsOf(message.data.order_id as string)).toHaveLength(3);
  });

  it('disables a device the provider rejects, and never pushes to it again', async () => {
    const token = `dead-${randomUUID()}`;
    const ann = await buyer('en', [
      { platform: 'ios', token },
      { platform: 'android', token: `a-${randomUUID()}` },
    ]);
    current.push.ios.answer(token, {
      outcome: 'device_invalid',
      provider: { status: 410, error_code: 'Unregistered' },
    });
    const orderId = randomUUID();
    await deliver(statusMessage(ann.id, 'PAID', {}, orderId));
    expect((await current.profiles.listDevices(ann.id)).find((d) => d.token === token)).toMatchObject({
      state: 'disabled',
      disabled_reason: 'Unregistered',
    });
    await deliver(statusMessage(ann.id, 'CONFIRMED', {}, orderId));
    expect(current.push.ios.to(token)).toHaveLength(1);
    expect(current.push.android.to(ann.devices[1]!.token)).toHaveLength(2);
    const receipts = await receiptsOf(orderId);
    expect(receipts.filter((r) => r.device_id === ann.devices[0]!.id).map((r) => r.outcome)).toEqual([
      'device_invalid',
    ]);
  });

  it('skips a pending retry to a device disabled meanwhile', async () => {
    const token = `flaky-${randomUUID()}`;
    const ann = await buyer('en', [{ platform: 'android', token }]);
    current.push.android.answer(token, {
      outcome: 'retry',
      provider: { status: 503, error_code: 'UNAVAILABLE' },
    });
    const message = statusMessage(ann.id, 'PAID');
    await deliver(message);
    await storage.read.devices.disable(ann.devices[0]!.id, 'UNREGISTERED', now);
    now = new Date(now.getTime() + 60_000);
    await current.dispatcher.sendDue();
    expect(current.push.android.to(token)).toHaveLength(1);
    const pushes = (await receiptsOf(message.data.order_id as string)).filter((r) => r.channel === 'push');
    expect(pushes.map((r) => r.outcome)).toEqual(['retry', 'skipped']);
  });

  it('does not send a pending retry to a token that moved to another user meanwhile', async () => {
    const token = `moving-${randomUUID()}`;
    const ann = await buyer('en', [{ platform: 'ios', token }]);
    current.push.ios.answer(token, { outcome: 'retry', provider: { status: 503 } });
    const message = statusMessage(ann.id, 'PAID');
    await deliver(message);
    const ben = await buyer('en');
    await current.profiles.registerDevice(ben.id, 'ios', token);
    now = new Date(now.getTime() + 60_000);
    await current.dispatcher.sendDue();
    expect(current.push.ios.to(token)).toHaveLength(1);
    const pushes = (await receiptsOf(message.data.order_id as string)).filter((r) => r.channel === 'push');
    expect(pushes.map((r) => [r.outcome, r.message])).toEqual([
      ['retry', null],
      ['skipped', 'device registered to another user since'],
    ]);
  });

  it('waits at least as long as Retry-After asks', async () => {
    const token = `busy-${randomUUID()}`;
    const ann = await buyer('en', [{ platform: 'android', token }]);
    current.push.android.answer(token, {
      outcome: 'retry',
      retry_after_ms: 120_000,
      provider: { status: 429, error_code: 'QUOTA_EXCEEDED' },
    });
    await deliver(statusMessage(ann.id, 'PAID'));
    now = new Date(now.getTime() + 119_000);
    expect(await current.dispatcher.sendDue()).toBe(0);
    now = new Date(now.getTime() + 1000);
    expect(await current.dispatcher.sendDue()).toBe(1);
    expect(current.push.android.to(token)).toHaveLength(2);
  });
});

describe('a pending retry survives a restart', () => {
  it('is picked up by a new service instance over the reopened database', async () => {
    const ann = await buyer('en');
    smtp.failNext(450);
    const message = statusMessage(ann.id, 'PAID');
    await deliver(message);
    expect(mailsTo(ann.email)).toEqual([]);
    await current.close();
    await storage.close();

    storage = await PostgresStorage.open({ kind: 'pglite', dataDir });
    current = service(storage);
    now = new Date(now.getTime() + 5000);
    expect(await current.dispatcher.sendDue()).toBe(1);
    expect(mailsTo(ann.email)).toHaveLength(1);
    expect((await receiptsOf(message.data.order_id as string)).map((r) => r.outcome)).toEqual([
      'retry',
      'delivered',
    ]);
  });

  it('records an attempt again when recording failed (a terminated connection), so nothing is re-sent', async () => {
    const ann = await buyer('en');
    const message = statusMessage(ann.id, 'PAID');
    await createOnly(message);
    // The first record after the send fails as a terminated backend would fail it.
    let failures = 0;
    const notifications = storage.read.notifications;
    const flakyNotifications: typeof notifications = Object.create(notifications, {
      recordMany: {
        value: (attempts: Parameters<typeof notifications.recordMany>[0]) =>
          failures++ === 0
            ? Promise.reject(new Error('Connection terminated unexpectedly'))
            : notifications.recordMany(attempts),
      },
    });
    const flaky = withStore('notifications', flakyNotifications);
    const dispatcher = senderOver(flaky);
    expect(await dispatcher.sendDue()).toBe(1);
    expect(failures).toBe(2);
    expect(await receiptsOf(message.data.order_id as string)).toMatchObject([
      { attempt: 1, outcome: 'delivered' },
    ]);
    now = new Date(now.getTime() + 60_000);
    expect(await current.dispatcher.sendDue()).toBe(0);
    expect(mailsTo(ann.email)).toHaveLength(1);
  });

  it('still sends the letters of a claimed batch when its devices cannot be read; the pushes wait for their lease', async () => {
    const ann = await buyer('en', [{ platform: 'android', token: `a-${randomUUID()}` }]);
    const message = statusMessage(ann.id, 'PAID');
    await createOnly(message);
    const broken = withStore(
      'devices',
      Object.create(storage.read.devices, {
        getMany: { value: () => Promise.reject(new Error('Connection terminated unexpectedly')) },
      }),
    );
    const dispatcher = senderOver(broken);
    await expect(dispatcher.sendDue()).rejects.toThrow(/terminated/);
    expect(mailsTo(ann.email)).toHaveLength(1);
    expect(current.push.android.to(ann.devices[0]!.token)).toEqual([]);
    now = new Date(now.getTime() + 30_000);
    expect(await current.dispatcher.sendDue()).toBe(1);
    expect(current.push.android.to(ann.devices[0]!.token)).toHaveLength(1);
    expect(mailsTo(ann.email)).toHaveLength(1);
  });

  it('re-sends a delivery whose sender died before recording, once its lease has expired', async () => {
    const ann = await buyer('en');
    const message = statusMessage(ann.id, 'PAID');
    // A sender that claims and then dies: the claim (lease) is stored, nothing else.
    await createOnly(message);
    const [claimed] = await storage.read.notifications.claim(
      { limit: 10 },
      now,
      new Date(now.getTime() + 30_000),
    );
    expect(claimed?.target).toBe(ann.email);
    expect(await current.dispatcher.sendDue()).toBe(0);
    now = new Date(now.getTime() + 30_000);
    expect(await current.dispatcher.sendDue()).toBe(1);
    expect(mailsTo(ann.email)).toHaveLength(1);
    expect(await receiptsOf(message.data.order_id as string)).toMatchObject([
      { attempt: 1, outcome: 'delivered' },
    ]);
  });
});

describe('the SMTP test server', () => {
  it('outlives senders that die mid-letter (connection reset after MAIL FROM), as the fault suite kills them', async () => {
    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', record);
    try {
      for (const diesAfter of ['DATA', 'RCPT', 'MAIL', 'DATA']) {
        const socket = connect(Number(new URL(smtp.url).port), '127.0.0.1');
        let said = '';
        socket.setEncoding('utf8').on('data', (chunk: string) => (said += chunk));
        const until = async (code: string) => {
          while (!said.split('\r\n').some((line) => line.startsWith(code))) await sleep(5);
          said = '';
        };
        await until('220');
        socket.write('EHLO dying.example\r\n');
        await until('250 ');
        socket.write('MAIL FROM:<shop@example.test>\r\n');
        await until('250');
        if (diesAfter !== 'MAIL') {
          socket.write('RCPT TO:<ann@example.test>\r\n');
          await until('250');
        }
        if (diesAfter === 'DATA') {
          socket.write('DATA\r\n');
          await until('354');
          socket.write('Subject: half a letter\r\n\r\nand then');
        }
        await sleep(20);
        socket.resetAndDestroy();
        await sleep(100);
      }
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', record);
    }
  });
});
