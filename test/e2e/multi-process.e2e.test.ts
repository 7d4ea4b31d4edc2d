import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Channel, type ChannelModel, connect } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerUrl, deleteNamespace } from '../contract/rabbitmq-fixture.ts';
import { type OrderflowProcess, spawnOrderflow } from '../support/child-process.ts';
import { eventually } from '../support/eventually.ts';
import { freePorts } from '../support/free-port.ts';
import { api, getToken } from '../support/orderflow-server.ts';
import { createTestDatabase } from '../support/postgres.ts';

// Production as separate processes: two API instances, two relay+projection workers, one
// PostgreSQL database and one RabbitMQ namespace.
describe('production roles in separate processes', () => {
  const namespace = `test-${randomUUID().slice(0, 8)}`;
  const tap = `${namespace}.tap`;
  const processes: OrderflowProcess[] = [];
  let apiA: string;
  let apiB: string;
  let dataDir: string;
  let dropDatabase: () => Promise<void>;
  let amqp: ChannelModel;
  let channel: Channel;

  beforeAll(async () => {
    const database = await createTestDatabase();
    dropDatabase = database.drop;
    dataDir = await mkdtemp(join(tmpdir(), 'orderflow-mp-'));
    const [portA, portB] = await freePorts(2);
    apiA = `http://127.0.0.1:${portA}`;
    apiB = `http://127.0.0.1:${portB}`;
    const shared = {
      DATABASE_URL: database.url,
      BROKER_URL: brokerUrl,
      BROKER_EXCHANGE: namespace,
      BROKER_QUEUE_PREFIX: `${namespace}.`,
      DEMO_DATA: 'true',
      DATA_DIR: dataDir,
      // Both API instances sign and verify with the same built-in issuer (one key in DATA_DIR).
      PUBLIC_URL: apiA,
      HOST: '127.0.0.1',
      OUTBOX_POLL_MS: '50',
    };
    // The first process migrates and seeds alone; the rest start together.
    processes.push(await spawnOrderflow({ ...shared, ROLES: 'api', PORT: String(portA) }, 90_000));
    processes.push(
      ...(await Promise.all([
        spawnOrderflow({ ...shared, ROLES: 'api', PORT: String(portB) }, 90_000),
        spawnOrderflow({ ...shared, ROLES: 'relay,projections,fulfilment,notifications' }, 90_000),
        spawnOrderflow({ ...shared, ROLES: 'relay,projections,fulfilment,notifications' }, 90_000),
      ])),
    );
    amqp = await connect(brokerUrl);
    channel = await amqp.createChannel();
    await channel.assertQueue(tap, { durable: false });
    await channel.bindQueue(tap, namespace, 'order.created');
  }, 120_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    if (channel) {
      await deleteNamespace(channel, namespace, [tap]);
      await amqp.close();
    }
    await dropDatabase?.();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('places orders on either API, publishes each once through competing relays, and projects them', async () => {
    const token = await getToken(apiA, 'alice');
    const [onA, onB] = [api(apiA, token), api(apiB, token)];
    const created = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? onA : onB)('POST', '/api/v1/orders', {
          items: [{ product_id: 'sandwich-veggie', quantity: 1 }],
        }),
      ),
    );
    expect(created.map((c) => c.status)).toEqual(Array(40).fill(201));
    const ids = created.map((c) => c.body.order_id as string);

    // Written through one instance, read through the other: the projection runs in a third process.
    for (const [i, id] of ids.entries()) {
      const read = await (i % 2 ? onB : onA)('GET', `/api/v1/orders/${id}`);
      expect(read.status).toBe(200);
      expect(read.body.status).toBe('PENDING');
    }

    const seen: string[] = [];
    await eventually(async () => {
      for (;;) {
        const message = await channel.get(tap, { noAck: true });
        if (message === false) break;
        seen.push(JSON.parse(message.content.toString()).data.order_id);
      }
      expect(seen.length).toBeGreaterThanOrEqual(40);
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (;;) {
      const message = await channel.get(tap, { noAck: true });
      if (message === false) break;
      seen.push(JSON.parse(message.content.toString()).data.order_id);
    }
    expect(seen.sort()).toEqual([...ids].sort());
  });
});
