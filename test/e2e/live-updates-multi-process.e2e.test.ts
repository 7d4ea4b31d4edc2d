import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'amqplib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerUrl, deleteNamespace } from '../contract/rabbitmq-fixture.ts';
import { type OrderflowProcess, spawnOrderflow } from '../support/child-process.ts';
import { eventually } from '../support/eventually.ts';
import { freePort } from '../support/free-port.ts';
import { LiveClient } from '../support/live-client.ts';
import { api, getToken } from '../support/orderflow-server.ts';
import { createTestDatabase } from '../support/postgres.ts';

// Two hub processes (an API, which serves the hub too, and a hub-only process) and a worker (relay + projections, where the feed consumer runs) on
// PostgreSQL and RabbitMQ. The hubs' periodic catch-up is off (an hour), so an update can only
// reach a socket through the broker's broadcast to whichever process holds it.
describe('live updates across hub processes', () => {
  const namespace = `test-${randomUUID().slice(0, 8)}`;
  const processes: OrderflowProcess[] = [];
  let hubA: string;
  let hubB: string;
  let dataDir: string;
  let dropDatabase: (() => Promise<void>) | undefined;
  let databaseUrl: string;

  beforeAll(async () => {
    const database = await createTestDatabase();
    dropDatabase = database.drop;
    databaseUrl = database.url;
    dataDir = await mkdtemp(join(tmpdir(), 'orderflow-live-'));
    const [portA, portB] = [await freePort(), await freePort()];
    hubA = `http://127.0.0.1:${portA}`;
    hubB = `http://127.0.0.1:${portB}`;
    const shared = {
      DATABASE_URL: database.url,
      BROKER_URL: brokerUrl,
      BROKER_EXCHANGE: namespace,
      BROKER_QUEUE_PREFIX: `${namespace}.`,
      DEMO_DATA: 'true',
      DATA_DIR: dataDir,
      PUBLIC_URL: hubA,
      HOST: '127.0.0.1',
      OUTBOX_POLL_MS: '50',
      AUTO_CONFIRM: 'false',
      LIVE_UPDATES_CATCHUP_MS: '3600000',
    };
    processes.push(await spawnOrderflow({ ...shared, ROLES: 'api', PORT: String(portA) }, 90_000));
    processes.push(
      ...(await Promise.all([
        spawnOrderflow({ ...shared, ROLES: 'hub', PORT: String(portB) }, 90_000),
        spawnOrderflow({ ...shared, ROLES: 'relay,projections,fulfilment,notifications' }, 90_000),
      ])),
    );
  }, 180_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    const amqp = await connect(brokerUrl);
    try {
      await deleteNamespace(await amqp.createChannel(), namespace);
    } finally {
      await amqp.close();
    }
    await dropDatabase?.();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('serves only the hub routes and the probes on a hub-only process', async () => {
    const token = await getToken(hubA, 'alice');
    expect((await fetch(`${hubB}/readyz`)).status).toBe(200);
    expect((await api(hubB, token)('POST', '/api/v1/updates/ticket')).status).toBe(201);
    expect((await api(hubB, token)('GET', '/api/v1/orders')).status).toBe(404);
  });

  it('reaches the socket on either hub, each update once and in position order', async () => {
    const [alice, bob, admin] = await Promise.all(['alice', 'bob', 'admin'].map((u) => getToken(hubA, u)));
    const onA = await LiveClient.connect(hubA, { token: alice! });
    const ticket = (await api(hubA, alice)('POST', '/api/v1/updates/ticket')).body.ticket as string;
    // A ticket issued by one hub process is redeemed by the other: tickets live in the database.
    const onB = await LiveClient.connect(hubB, { ticket });
    const bobOnB = await LiveClient.connect(hubB, { token: bob! });
    try {
      const placed = await api(hubA, alice)('POST', '/api/v1/orders', {
        items: [{ product_id: 'cookie-choc', quantity: 1 }],
        payment: { method: 'wallet' },
      });
      expect(placed.status, placed.text).toBe(201);
      const orderId = placed.body.order_id as string;
      expect((await api(hubA, admin)('POST', `/api/v1/orders/${orderId}/confirm`)).status).toBe(200);
      for (const socket of [onA, onB]) {
        await eventually(
          // The worker assigns a food point too, so ASSIGNED may follow.
          () =>
            expect(
              socket
                .about(orderId)
                .map((m) => m.status)
                .slice(0, 2),
            ).toEqual(['PAID', 'CONFIRMED']),
          {
            timeoutMs: 20_000,
          },
        );
      }
      await eventually(() => expect(onA.updates()).toEqual(onB.updates()));
      const positions = onA.updates().map((m) => m.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(new Set(positions).size).toBe(positions.length);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(bobOnB.about(orderId)).toEqual([]);

      // RabbitMQ redelivers: the PAID message published once more, as the relay would after a
      // crash between publish and mark, is consumed again and changes no socket.
      const paid = onA.about(orderId)[0]!;
      const db = new pg.Client({ connectionString: databaseUrl });
      await db.connect();
      const { rows } = await db
        .query('select topic, payload from outbox where message_id = $1', [paid.event_id])
        .finally(() => db.end());
      const amqp = await connect(brokerUrl);
      try {
        const channel = await amqp.createConfirmChannel();
        channel.publish(namespace, rows[0].topic, Buffer.from(JSON.stringify(rows[0].payload)), {
          messageId: paid.event_id,
          persistent: true,
        });
        await channel.waitForConfirms();
      } finally {
        await amqp.close();
      }
      const before = onA.updates().length;
      const cancelled = await api(hubA, admin)('POST', `/api/v1/orders/${orderId}/cancel`, {
        reason: 'test',
      });
      expect(cancelled.status).toBe(200);
      for (const socket of [onA, onB]) {
        await eventually(() => expect(socket.about(orderId).at(-1)?.status).toBe('CANCELLED'), {
          timeoutMs: 20_000,
        });
      }
      expect(onA.updates().length).toBeGreaterThan(before);
      for (const socket of [onA, onB]) {
        expect(socket.about(orderId).filter((m) => m.event_id === paid.event_id)).toHaveLength(1);
        expect(new Set(socket.updates().map((m) => m.event_id)).size).toBe(socket.updates().length);
      }
    } finally {
      await Promise.all([onA.close(), onB.close(), bobOnB.close()]);
    }
  });
});
