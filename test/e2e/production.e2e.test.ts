import { randomUUID } from 'node:crypto';
import { type Channel, type ChannelModel, connect, type GetMessage } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerUrl, deleteNamespace } from '../contract/rabbitmq-fixture.ts';
import { eventually } from '../support/eventually.ts';
import { api, getToken, startTestServer, type TestServer } from '../support/orderflow-server.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { orderCreationScenario } from './order-creation.scenario.ts';
import { orderLifecycleScenario } from './order-lifecycle.scenario.ts';

// Production wiring: PostgreSQL and RabbitMQ (the identity provider stays built in: no
// OIDC_ISSUER). The exchange and queues get a namespace of their own on the shared broker.
describe('production mode (PostgreSQL + RabbitMQ)', () => {
  const namespace = `test-${randomUUID().slice(0, 8)}`;
  let server: TestServer;
  let dropDatabase: () => Promise<void>;
  let amqp: ChannelModel;
  let channel: Channel;
  const tap = `${namespace}.tap`;
  const statusTap = `${namespace}.status-tap`;

  beforeAll(async () => {
    const database = await createTestDatabase();
    dropDatabase = database.drop;
    server = await startTestServer({
      DATABASE_URL: database.url,
      BROKER_URL: brokerUrl,
      BROKER_EXCHANGE: namespace,
      BROKER_QUEUE_PREFIX: `${namespace}.`,
      DEMO_DATA: 'true',
      OUTBOX_POLL_MS: '50',
      // Seed 004 as drawn: an admin confirms paid orders.
      AUTO_CONFIRM: 'false',
    });
    amqp = await connect(brokerUrl);
    channel = await amqp.createChannel();
    await channel.assertQueue(tap, { durable: false, autoDelete: false });
    await channel.bindQueue(tap, namespace, 'order.created');
    await channel.assertQueue(statusTap, { durable: false, autoDelete: false });
    await channel.bindQueue(statusTap, namespace, 'order.status_updated');
  });

  afterAll(async () => {
    await server?.stop();
    if (channel) {
      await deleteNamespace(channel, namespace, [tap, statusTap]);
      await amqp.close();
    }
    await dropDatabase?.();
  });

  orderCreationScenario(() => server);
  orderLifecycleScenario(() => server, { autoConfirm: false });

  it('publishes order.created to RabbitMQ in the seed 002 envelope, with correlation headers', async () => {
    const { baseUrl } = server;
    const alice = api(baseUrl, await getToken(baseUrl, 'alice'));
    await channel.purgeQueue(tap);
    const created = await alice(
      'POST',
      '/api/v1/orders',
      { items: [{ product_id: 'sandwich-club', quantity: 1 }] },
      {
        'x-request-id': `req-${namespace}`,
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      },
    );
    expect(created.status).toBe(201);
    const orderId = created.body.order_id as string;

    const message = await eventually(async () => {
      for (;;) {
        const got = await channel.get(tap, { noAck: true });
        expect(got).not.toBe(false);
        const candidate = got as GetMessage;
        if (JSON.parse(candidate.content.toString()).data.order_id === orderId) return candidate;
      }
    });
    const envelope = JSON.parse(message.content.toString());
    expect(Object.keys(envelope).sort()).toEqual(['data', 'event_id', 'event_type', 'source', 'timestamp']);
    expect(envelope).toMatchObject({
      event_type: 'order.created',
      source: 'orderflow.ordering',
      data: {
        order_id: orderId,
        customer_id: created.body.customer_id,
        status: 'PENDING',
        total: 850,
        currency: 'EUR',
        items: [{ product_id: 'sandwich-club', name: 'Club sandwich', quantity: 1, unit_price: 850 }],
      },
    });
    expect(envelope.event_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(envelope.timestamp).toISOString()).toBe(envelope.timestamp);
    expect(message.fields.routingKey).toBe('order.created');
    expect(message.properties.messageId).toBe(envelope.event_id);
    expect(message.properties.contentType).toBe('application/json');
    expect(message.properties.deliveryMode).toBe(2);
    expect(message.properties.correlationId).toBe(`req-${namespace}`);
    expect(message.properties.headers?.traceparent).toBe(
      '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    );
  });

  it('seed 004 end to end: admin finds the paid order, confirms it, and order.status_updated reaches RabbitMQ', async () => {
    const { baseUrl } = server;
    const alice = api(baseUrl, await getToken(baseUrl, 'alice'));
    const admin = api(baseUrl, await getToken(baseUrl, 'admin'));
    const created = await alice('POST', '/api/v1/orders', {
      items: [{ product_id: 'drink-lemonade', quantity: 1 }],
      payment: { method: 'wallet' },
    });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('PAID');
    const orderId = created.body.order_id as string;
    await alice('GET', `/api/v1/orders/${orderId}`);
    const search = await admin('GET', '/api/v1/orders?status=PAID&q=Lemonade&limit=100');
    expect((search.body.orders as { order_id: string }[]).map((o) => o.order_id)).toContain(orderId);
    await channel.purgeQueue(statusTap);
    const confirmed = await admin('POST', `/api/v1/orders/${orderId}/confirm`);
    expect(confirmed.status).toBe(200);
    const message = await eventually(async () => {
      for (;;) {
        const got = await channel.get(statusTap, { noAck: true });
        expect(got).not.toBe(false);
        const envelope = JSON.parse((got as GetMessage).content.toString());
        if (envelope.data.order_id === orderId && envelope.data.current_status === 'CONFIRMED')
          return envelope;
      }
    });
    expect(message).toMatchObject({
      event_type: 'order.status_updated',
      source: 'orderflow.ordering',
      data: { order_id: orderId, previous_status: 'PAID', current_status: 'CONFIRMED' },
    });
    expect(Object.keys(message).sort()).toEqual(['data', 'event_id', 'event_type', 'source', 'timestamp']);
  });
});
