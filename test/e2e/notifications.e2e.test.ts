import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerUrl, deleteNamespace } from '../contract/rabbitmq-fixture.ts';
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
