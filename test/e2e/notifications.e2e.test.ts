import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerUrl, deleteNamespace } from '../contract/rabbitmq-fixture.ts';
import { eventually } from '../support/eventually.ts';
import { type FakeFcm, startFakeFcm } from '../support/fake-fcm.ts';
import { api, getToken, startTestServer, type TestServer } from '../support/orderflow-server.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { RecordingPushChannel } from '../support/recording-push-channel.ts';
import { type SmtpTestServer, startSmtpTestServer } from '../support/smtp-test-server.ts';
import { notificationsScenario } from './notifications.scenario.ts';

// Issue 10 end to end, with SMTP pointed at a real SMTP server in the test: embedded (pushes
// captured in the dev inbox) and production (PostgreSQL + RabbitMQ; pushes to recording
// channels standing in for FCM and APNs, no dev inbox).

describe('notifications, embedded (PGlite, dev inbox for pushes)', () => {
  let smtp: SmtpTestServer;
  let server: TestServer;
  let adminClient: ReturnType<typeof api>;
  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    server = await startTestServer({ SMTP_URL: smtp.url, MAIL_FROM: 'shop@example.test' });
    adminClient = api(server.baseUrl, await getToken(server.baseUrl, 'admin'));
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.close();
  });

  notificationsScenario(() => server, {
    smtp: () => smtp,
    pushesTo: async (token) => {
      const inbox = await adminClient('GET', '/dev/inbox?limit=1000');
      expect(inbox.status).toBe(200);
      const messages = inbox.body.messages as {
        kind: string;
        token?: string;
        title: string;
        data: Record<string, string>;
      }[];
      return messages.filter((m) => m.kind === 'push' && m.token === token).reverse();
    },
  });

  it('shows the dev inbox to admins only', async () => {
    const alice = api(server.baseUrl, await getToken(server.baseUrl, 'alice'));
    expect((await alice('GET', '/dev/inbox')).status).toBe(403);
    expect((await api(server.baseUrl)('GET', '/dev/inbox')).status).toBe(401);
  });

  it('counts attempts by channel and outcome, and the delivery latency, in /metrics', async () => {
    const metrics = (await api(server.baseUrl)('GET', '/metrics')).text;
    expect(metrics).toMatch(
      /notifications_sent_total\{[^}]*channel="email"[^}]*outcome="delivered"[^}]*\} [1-9]/,
    );
    expect(metrics).toMatch(
      /notifications_sent_total\{[^}]*channel="push_android"[^}]*outcome="delivered"[^}]*\} [1-9]/,
    );
    expect(metrics).toMatch(
      /notifications_delivery_latency_seconds_count\{[^}]*channel="email"[^}]*\} [1-9]/,
    );
  });
});

describe('notifications, embedded without SMTP_URL: everything in the dev inbox', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('captures the rendered letter and the pushes, newest first, with recipient and token', async () => {
    const [alice, admin] = await Promise.all(
      ['alice', 'admin'].map(async (u) => api(server.baseUrl, await getToken(server.baseUrl, u))),
    );
    const token = `fcm-${randomUUID()}`;
    await alice!('POST', '/api/v1/me/devices', { platform: 'android', token });
    const products = (await alice!('GET', '/api/v1/products')).body.products as {
      id: string;
      stock: number;
    }[];
    const product = products.find((p) => p.stock > 0)!;
    const placed = await alice!('POST', '/api/v1/orders', {
      items: [{ product_id: product.id, quantity: 1 }],
      payment: { method: 'wallet' },
    });
    expect(placed.status).toBe(201);
    const orderId = placed.body.order_id as string;
    type Entry = {
      kind: string;
      to?: string;
      token?: string;
      subject?: string;
      html?: string;
      text?: string;
      data?: Record<string, string>;
      captured_at: string;
    };
    const messages = await eventually(async () => {
      const inbox = await admin!('GET', '/dev/inbox');
      const list = (inbox.body.messages as Entry[]).filter(
        (m) => (m.data?.order_id ?? '') === orderId || m.text?.includes(orderId),
      );
      // Newest first; fulfilment may already have moved the order on (ASSIGNED) by now.
      const pushed = list.filter((m) => m.kind === 'push').map((m) => m.data?.status);
      expect(pushed.slice(-3)).toEqual(['CONFIRMED', 'PAID', 'PENDING']);
      expect(new Set(pushed).size).toBe(pushed.length);
      expect(list.filter((m) => m.kind === 'email')).toHaveLength(1);
      return list;
    });
    expect(messages.find((m) => m.kind === 'email')).toMatchObject({
      to: 'alice@orderflow.local',
      subject: expect.stringMatching(/is paid/),
      html: expect.stringContaining(`/orders/${orderId}`),
      text: expect.stringContaining(`/orders/${orderId}`),
    });
    expect(messages.find((m) => m.kind === 'push')?.token).toBe(token);
    const times = messages.map((m) => m.captured_at);
    expect([...times].sort().reverse()).toEqual(times);
  });
});

describe('notifications, production (PostgreSQL + RabbitMQ)', () => {
  const namespace = `test-${randomUUID().slice(0, 8)}`;
  const push = { android: new RecordingPushChannel('android'), ios: new RecordingPushChannel('ios') };
  let smtp: SmtpTestServer;
  let server: TestServer;
  let dropDatabase: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    const database = await createTestDatabase();
    dropDatabase = database.drop;
    server = await startTestServer(
      {
        DATABASE_URL: database.url,
        BROKER_URL: brokerUrl,
        BROKER_EXCHANGE: namespace,
        BROKER_QUEUE_PREFIX: `${namespace}.`,
        DEMO_DATA: 'true',
        OUTBOX_POLL_MS: '50',
        SMTP_URL: smtp.url,
      },
      { notificationChannels: { push } },
    );
  });
  afterAll(async () => {
    await server?.stop();
    const { connect } = await import('amqplib');
    const amqp = await connect(brokerUrl);
    const channel = await amqp.createChannel();
    await deleteNamespace(channel, namespace, []);
    await amqp.close();
    await dropDatabase?.();
    await smtp?.close();
  });

  notificationsScenario(() => server, {
    smtp: () => smtp,
    pushesTo: async (token) => [...push.android.to(token), ...push.ios.to(token)],
  });

  it('has no dev inbox in production mode', async () => {
    const admin = api(server.baseUrl, await getToken(server.baseUrl, 'admin'));
    expect((await admin('GET', '/dev/inbox')).status).toBe(404);
  });
});

describe('notifications, embedded with FCM configured: real pushes for Android, the rest in the dev inbox', () => {
  let fcm: FakeFcm;
  let server: TestServer;
  beforeAll(async () => {
    fcm = await startFakeFcm();
    server = await startTestServer({
      FCM_SERVICE_ACCOUNT_JSON: JSON.stringify(fcm.serviceAccountKey),
      FCM_BASE_URL: fcm.url,
    });
  });
  afterAll(async () => {
    await server?.stop();
    await fcm?.close();
  });

  it('sends Android pushes to FCM, not to the dev inbox, which still captures iOS pushes and letters', async () => {
    const [alice, admin] = await Promise.all(
      ['alice', 'admin'].map(async (u) => api(server.baseUrl, await getToken(server.baseUrl, u))),
    );
    const [androidToken, iosToken] = [`fcm-${randomUUID()}`, `apns-${randomUUID()}`];
    await alice!('POST', '/api/v1/me/devices', { platform: 'android', token: androidToken });
    await alice!('POST', '/api/v1/me/devices', { platform: 'ios', token: iosToken });
    const products = (await alice!('GET', '/api/v1/products')).body.products as {
      id: string;
      stock: number;
    }[];
    const placed = await alice!('POST', '/api/v1/orders', {
      items: [{ product_id: products.find((p) => p.stock > 0)!.id, quantity: 1 }],
      payment: { method: 'wallet' },
    });
    const orderId = placed.body.order_id as string;
    await eventually(() => {
      const statuses = fcm
        .sendsTo(androidToken)
        .map((s) => (s.body.message?.data as Record<string, string> | undefined)?.status);
      expect(statuses).toEqual(expect.arrayContaining(['PENDING', 'PAID', 'CONFIRMED']));
    });
    const inbox = (await admin!('GET', '/dev/inbox?limit=1000')).body.messages as {
      kind: string;
      token?: string;
      to?: string;
    }[];
    expect(inbox.some((m) => m.token === androidToken)).toBe(false);
    expect(inbox.some((m) => m.token === iosToken)).toBe(true);
    expect(inbox.some((m) => m.kind === 'email' && m.to === 'alice@orderflow.local')).toBe(true);
    const receipts = (await alice!('GET', `/api/v1/orders/${orderId}/notifications`)).body.receipts as {
      channel: string;
      message_id: string | null;
      target: string;
    }[];
    expect(receipts.some((r) => r.channel === 'push' && r.message_id?.startsWith('projects/'))).toBe(true);
  });
});
