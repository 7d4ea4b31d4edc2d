import { randomUUID } from 'node:crypto';
import { type ChannelModel, connect } from 'amqplib';
import { afterAll, beforeAll, describe } from 'vitest';
import { brokerUrl, deleteNamespace } from '../contract/rabbitmq-fixture.ts';
import { startTestServer, type TestServer } from '../support/orderflow-server.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { describeOnEmbeddedAndPostgres } from '../support/server-modes.ts';
import { fulfilmentLifecycleScenario, STATUS_TAP_GROUP } from './fulfilment-lifecycle.scenario.ts';

describeOnEmbeddedAndPostgres('seed 001 fulfilment lifecycle', fulfilmentLifecycleScenario);

describe('seed 001 fulfilment lifecycle, on PostgreSQL + RabbitMQ', () => {
  const namespace = `test-${randomUUID().slice(0, 8)}`;
  let server: TestServer;
  let dropDatabase: (() => Promise<void>) | undefined;
  let amqp: ChannelModel | undefined;

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
    });
  });
  afterAll(async () => {
    await server?.stop();
    amqp = await connect(brokerUrl);
    const channel = await amqp.createChannel();
    const tap = `${namespace}.${STATUS_TAP_GROUP}`;
    await deleteNamespace(channel, namespace, [tap, `${tap}.dlq`]);
    await amqp.close();
    await dropDatabase?.();
  });

  fulfilmentLifecycleScenario(() => server);
});
